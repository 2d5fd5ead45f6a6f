"""An OPD with a hierarchy for the e-office tests: the head (signer) → a head of division → a
head of section → the drafter; a colleague in another division to write to, a records clerk,
and the seeded letter kinds and classification codes."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from balaikota.accounts.models import Role
from balaikota.accounts.services import role_grant
from balaikota.eoffice import services
from balaikota.eoffice.models import Classification, LetterKind
from balaikota.organization.models import Position
from balaikota.testing.factories import EmployeeFactory, OpdFactory, PositionFactory, UnitFactory


@pytest.fixture(scope="session")
def _signing_dir(tmp_path_factory):
    return tmp_path_factory.mktemp("eoffice-signing")


@pytest.fixture(autouse=True)
def _private_storage(settings, tmp_path, _signing_dir):
    settings.BALAIKOTA_SIGNING_DIR = str(_signing_dir)
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }


@dataclass
class Office:
    opd: object
    head: object  # Kepala Dinas: signs
    head_position: object
    kabid: object  # Kepala Bidang: second verifier
    kasi: object  # Kepala Seksi: first verifier
    drafter: object
    colleague: object  # in another division: the addressee
    colleague_unit: object
    clerk: object  # records clerk (TU) of the OPD


def _employee(unit, name: str, full_name: str, *, head: bool = False):
    position = PositionFactory(
        unit=unit,
        name=name,
        kind=Position.Kind.STRUCTURAL if head else Position.Kind.FUNCTIONAL,
        is_head=head,
    )
    return EmployeeFactory(position=position, full_name=full_name)


def build_office(name: str = "Dinas Komunikasi dan Informatika", short: str = "Diskominfo"):
    opd = OpdFactory(name=name, short_name=short, address="Jl. Pemuda No. 148 Semarang")
    root = UnitFactory(opd=opd, parent=None, name=name)
    bidang = UnitFactory(opd=opd, parent=root, name="Bidang E-Government")
    seksi = UnitFactory(opd=opd, parent=bidang, name="Seksi Aplikasi")
    other = UnitFactory(opd=opd, parent=root, name="Bidang Statistik")
    umum = UnitFactory(opd=opd, parent=root, name="Subbagian Umum")
    head = _employee(root, "Kepala Dinas", "Dr. Hendra Wijaya", head=True)
    kabid = _employee(bidang, "Kepala Bidang E-Government", "Budi Santoso", head=True)
    kasi = _employee(seksi, "Kepala Seksi Aplikasi", "Citra Lestari", head=True)
    drafter = _employee(seksi, "Pranata Komputer", "Ratna Puspitasari")
    colleague = _employee(other, "Statistisi", "Dewi Anggraini")
    clerk = _employee(umum, "Arsiparis", "Wulan Sari")
    role_grant(user=head.user, role=Role.SIGNING_OFFICIAL, opd=opd)
    role_grant(user=clerk.user, role=Role.RECORDS_CLERK, opd=opd)
    return Office(
        opd=opd,
        head=head.user,
        head_position=head.position,
        kabid=kabid.user,
        kasi=kasi.user,
        drafter=drafter.user,
        colleague=colleague.user,
        colleague_unit=other,
        clerk=clerk.user,
    )


@pytest.fixture
def reference(db):
    services.reference_load()


@pytest.fixture
def office(reference):
    return build_office()


@pytest.fixture
def other_office(reference):
    return build_office("Dinas Kesehatan", "Dinkes")


def letter_input(office, **overrides) -> services.LetterInput:
    fields = {
        "kind": LetterKind.objects.get(code="nota-dinas"),
        "classification": Classification.objects.get(code="000.1.2"),
        "subject": "Permohonan data pengguna aplikasi",
        "body": "<p>Dengan hormat, mohon dikirimkan data pengguna aplikasi bulan November.</p>",
        "signer_position": office.head_position,
        "to_nips": [office.colleague.nip],
    }
    fields.update(overrides)
    return services.LetterInput(**fields)


def draft(office, **overrides):
    return services.letter_create(drafter=office.drafter, data=letter_input(office, **overrides))


def ready(office, **overrides):
    letter = draft(office, **overrides)
    services.letter_submit(letter=letter, user=office.drafter)
    services.letter_initial(letter=letter, user=office.kasi)
    services.letter_initial(letter=letter, user=office.kabid)
    letter.refresh_from_db()
    return letter


def sent(office, **overrides):
    letter = ready(office, **overrides)
    services.letter_sign(letter=letter, signer=office.head)
    letter.refresh_from_db()
    return letter
