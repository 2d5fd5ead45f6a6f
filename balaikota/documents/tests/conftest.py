"""Fixtures of the documents tests: private storage and the local CA in temporary directories,
a signing official, and a helper that creates documents."""

from __future__ import annotations

import datetime as dt

import pytest

from balaikota.documents import services
from balaikota.documents.pdf import OfficialDocument, SignatureBlock, build_official_pdf


@pytest.fixture(scope="session")
def _signing_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("signing")


@pytest.fixture(autouse=True)
def _private_dirs(settings, tmp_path, _signing_dir):
    """Files and keys never land in var/: each test gets its own storage; the CA (slow to make)
    is shared by the session."""
    settings.BALAIKOTA_SIGNING_DIR = str(_signing_dir)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }
    settings.BALAIKOTA_SIGNER = "local"
    settings.BALAIKOTA_PUBLIC_URL = "https://balaikota.example.id"


@pytest.fixture
def official(staff_with_role):
    return staff_with_role("signing_official")


def sample_builder(*, title: str = "Surat Keterangan Uji", official_name: str = "Budi Santoso"):
    def build(verification_url: str) -> bytes:
        return build_official_pdf(
            OfficialDocument(
                title=title,
                number="3374-UJI-28112026-0001",
                header_lines=(
                    "PEMERINTAH KOTA SEMARANG",
                    "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL",
                ),
                address="Jl. Kanguru Raya No. 3, Semarang 50161",
                rows=[("Nama", "Siti Nurhaliza"), ("Tempat lahir", "Semarang")],
                paragraphs=["Yang bertanda tangan di bawah ini menerangkan bahwa:"],
                closing_paragraphs=["Demikian surat keterangan ini dibuat dengan sebenarnya."],
                signature=SignatureBlock(
                    place="Semarang",
                    date=dt.date(2026, 11, 28),
                    position="Kepala Dinas Kependudukan dan Pencatatan Sipil",
                    name=official_name,
                    nip="198503122010031001",
                ),
                verification_url=verification_url,
            )
        )

    return build


@pytest.fixture
def make_document(alice):
    counter = {"n": 0}

    def make(*, owner=None, number: str = "", **kwargs):
        counter["n"] += 1
        return services.document_create(
            kind=kwargs.pop("kind", "surat_keterangan"),
            number=number or f"3374-UJI-28112026-{counter['n']:04d}",
            title=kwargs.pop("title", "Surat Keterangan Uji"),
            subject_name=kwargs.pop("subject_name", "Siti Nurhaliza"),
            subject_nik_masked=kwargs.pop("subject_nik_masked", "3374**********01"),
            owner=owner if owner is not None else alice,
            source_app="tests",
            source_id=kwargs.pop("source_id", str(counter["n"])),
            build_pdf=kwargs.pop("build_pdf", sample_builder()),
            **kwargs,
        )

    return make


@pytest.fixture
def signed_document(make_document, official):
    return services.document_sign(document=make_document(), signer_user=official)
