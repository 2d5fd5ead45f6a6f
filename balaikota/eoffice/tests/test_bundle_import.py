"""A letter signed in one OPD, exported as an exchange bundle and registered as an incoming
letter by another OPD's records clerk: the manifest fills the register, the signed PDF is the
scan, the head gets it to dispose — and a second import, a tampered bundle or a classification
the city does not use are refused with a clear message, nothing kept."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from balaikota.eoffice import archive, dispositions, selectors
from balaikota.eoffice.models import Classification, IncomingLetter, Letter, LetterKind

from .conftest import sent

pytestmark = pytest.mark.django_db


def _bundle(office) -> SimpleUploadedFile:
    letter = sent(
        office,
        kind=LetterKind.objects.get(code="surat-dinas"),
        subject="Permohonan data cakupan imunisasi untuk dasbor kota",
        to_nips=[],
        external=[{"name": "Kepala Dinas Kesehatan", "agency": "", "address": "", "email": ""}],
    )
    name, data = archive.bundle_export(letter=letter, user=office.drafter)
    return SimpleUploadedFile(name, data, "application/zip")


def _import(office, bundle, **overrides):
    fields = {
        "clerk": office.clerk,
        "bundle": bundle,
        "addressee_position": office.head_position,
    }
    fields.update(overrides)
    return dispositions.incoming_import(**fields)


def test_an_exported_letter_is_registered_by_another_opd_and_waits_for_its_head(
    office, other_office
):
    bundle = _bundle(office)
    incoming = _import(other_office, bundle)
    assert incoming.opd == other_office.opd and incoming.agenda_number
    assert incoming.sender_agency == "Dinas Komunikasi dan Informatika"
    assert incoming.sender_name.startswith("Kepala Dinas")
    assert incoming.sender_number == Letter.objects.get().number
    assert incoming.subject == "Permohonan data cakupan imunisasi untuk dasbor kota"
    assert incoming.classification.code == "000.1.2"
    assert incoming.scan_content_type == "application/pdf"
    with incoming.scan.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert "bundel naskah balaikota-naskah/1" in incoming.events.get(action="register").reason
    assert list(selectors.to_dispose(other_office.head)) == [incoming]


def test_the_same_bundle_twice_is_refused_naming_the_first_agenda_number(office, other_office):
    bundle = _bundle(office)
    first = _import(other_office, bundle)
    bundle.seek(0)
    with pytest.raises(dispositions.InvalidInput) as refused:
        _import(other_office, bundle)
    assert first.agenda_number in refused.value.text
    assert IncomingLetter.objects.count() == 1


def test_a_tampered_bundle_is_refused_and_nothing_is_kept(office, other_office):
    bundle = _bundle(office)
    source = zipfile.ZipFile(io.BytesIO(bundle.read()))
    changed = io.BytesIO()
    with zipfile.ZipFile(changed, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "manifest.json":
                manifest = json.loads(data)
                manifest["letter"]["subject"] = "Hal yang diubah"
                data = json.dumps(manifest).encode()
            elif item.filename.endswith(".pdf"):
                data = data.replace(b"%%EOF", b"%%EOF\n% diubah")
            target.writestr(item.filename, data)
    with pytest.raises(dispositions.InvalidInput) as refused:
        _import(other_office, SimpleUploadedFile("bundel.zip", changed.getvalue()))
    assert "bundle" in refused.value.field_errors
    assert not IncomingLetter.objects.exists()


def test_a_classification_the_city_does_not_use_must_be_chosen(office, other_office):
    bundle = _bundle(office)
    Classification.objects.filter(code="000.1.2").update(is_active=False)
    with pytest.raises(dispositions.InvalidInput) as refused:
        _import(other_office, bundle)
    assert "000.1.2" in refused.value.field_errors["classification"][0]
    bundle.seek(0)
    chosen = Classification.objects.filter(is_active=True).first()
    incoming = _import(other_office, bundle, classification=chosen)
    assert incoming.classification == chosen


def test_the_clerk_imports_through_the_page_and_others_may_not(client, office, other_office):
    bundle = _bundle(office)
    client.force_login(other_office.clerk)
    page = client.get("/surat/masuk/impor/")
    assert page.status_code == 200 and "Bundel naskah (ZIP)" in page.content.decode()
    answer = client.post(
        "/surat/masuk/impor/",
        {
            "bundle": bundle,
            "received_on": timezone.localdate().isoformat(),
            "addressee_position": other_office.head_position.pk,
            "submit_key": "impor-1",
        },
    )
    assert answer.status_code == 302
    incoming = IncomingLetter.objects.get()
    assert answer["Location"] == incoming.get_absolute_url()
    garbage = client.post(
        "/surat/masuk/impor/",
        {
            "bundle": SimpleUploadedFile("bukan.zip", b"PK\x03\x04 rusak"),
            "received_on": timezone.localdate().isoformat(),
            "addressee_position": other_office.head_position.pk,
        },
    )
    assert garbage.status_code == 400 and "bundel" in garbage.content.decode().lower()
    client.force_login(other_office.drafter)
    assert client.get("/surat/masuk/impor/").status_code == 403
