"""The exchange bundle (balaikota-naskah/1): export → read gives the same metadata; who may
export (a confidential letter: its drafter and signer, access-logged); every bad bundle is a
clear InvalidInput; web and API agree."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from rest_framework.test import APIClient

from balaikota.core.errors import Forbidden, InvalidInput, NotFound
from balaikota.core.models import AccessLogEntry
from balaikota.eoffice import archive

from .conftest import draft, sent
from .test_archive import PDF_BYTES

pytestmark = pytest.mark.django_db


def exported(office, **overrides) -> tuple:
    letter = sent(
        office,
        attachments=[SimpleUploadedFile("rincian.pdf", PDF_BYTES, "application/pdf")],
        **overrides,
    )
    _name, data = archive.bundle_export(letter=letter, user=office.drafter)
    return letter, data


def test_export_then_read_gives_the_same_letter(office):
    letter, data = exported(office)
    contents = archive.bundle_read(io.BytesIO(data))
    meta = contents.letter
    assert contents.manifest["format"] == "balaikota-naskah/1"
    assert (meta["number"], meta["date"], meta["subject"]) == (
        letter.number,
        letter.dated.isoformat(),
        letter.subject,
    )
    assert meta["classification"]["code"] == "000.1.2" and meta["kind"]["code"] == "nota-dinas"
    assert meta["sender"]["opd"]["name"] == office.opd.name
    assert meta["sender"]["signer"]["name"] == office.head.full_name
    assert meta["sender"]["signer"]["nip"] == office.head.nip
    assert [a["name"] for a in meta["addressees"]] == [office.colleague.full_name]
    assert [r["name"] for r in contents.manifest["route"]] == [
        office.kasi.full_name,
        office.kabid.full_name,
    ]
    assert all(r["initialled_at"] for r in contents.manifest["route"])
    signature = contents.manifest["signatures"][0]
    assert signature["signer"]["name"] == office.head.full_name and signature["signed_at"]
    assert signature["certificate_subject"]
    assert contents.pdf.content.startswith(b"%PDF-")
    with letter.document.signed_file.open("rb") as handle:
        assert contents.pdf.sha256 == hashlib.sha256(handle.read()).hexdigest()
    assert [a.content for a in contents.attachments] == [PDF_BYTES]
    assert contents.versions[1] == letter.versions.get(number=1).body


def _rezip(data: bytes, *, change=None, add=None, drop=()) -> bytes:
    """The bundle again with members changed, added or dropped."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename in drop:
                continue
            content = source.read(info.filename)
            if change and info.filename in change:
                content = change[info.filename](content)
            target.writestr(info.filename, content)
        for name, content in (add or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def _manifest(edit):
    def change(raw: bytes) -> bytes:
        manifest = json.loads(raw)
        edit(manifest)
        return json.dumps(manifest).encode()

    return {"manifest.json": change}


HTML = b"<html><script>alert(1)</script></html>"


def _disguised(data: bytes) -> bytes:
    """naskah.pdf replaced by a web page, its SHA-256 in the manifest updated to match."""
    sha = hashlib.sha256(HTML).hexdigest()

    def edit(manifest):
        manifest["document"]["sha256"] = sha

    return _rezip(data, change={"naskah.pdf": lambda _c: HTML, **_manifest(edit)})


BAD = {
    "not_a_zip": (lambda data: b"PK\x03\x04 bukan zip", "not_a_zip"),
    "path_outside": (
        lambda data: _rezip(data, add={"../../etc/passwd": b"x"}),
        "path_outside_archive",
    ),
    "no_manifest": (lambda data: _rezip(data, drop={"manifest.json"}), "no_manifest"),
    "not_json": (
        lambda data: _rezip(data, change={"manifest.json": lambda c: b"{"}),
        "manifest_not_json",
    ),
    "unknown_format": (
        lambda data: _rezip(data, **{"change": _manifest(lambda m: m.update(format="srikandi/9"))}),
        "format_unsupported",
    ),
    "missing_field": (
        lambda data: _rezip(data, change=_manifest(lambda m: m["letter"].pop("number"))),
        "manifest_invalid",
    ),
    "changed_pdf": (
        lambda data: _rezip(data, change={"naskah.pdf": lambda c: c + b"\n%tambahan"}),
        "sha256_mismatch",
    ),
    "changed_version": (
        lambda data: _rezip(data, change={"versi/1.html": lambda c: c + b"<p>x</p>"}),
        "sha256_mismatch",
    ),
    "missing_attachment": (
        lambda data: _rezip(data, drop={"lampiran/1-rincian.pdf"}),
        "file_missing",
    ),
    "extra_file": (lambda data: _rezip(data, add={"skrip.sh": b"rm -rf /"}), "unexpected_file"),
    "disguised_pdf": (_disguised, "html"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_bad_bundle_is_refused_with_a_clear_message(office, case):
    _letter, data = exported(office)
    spoil, code = BAD[case]
    with pytest.raises(InvalidInput) as caught:
        archive.bundle_read(io.BytesIO(spoil(data)))
    assert caught.value.code == code
    assert caught.value.field_errors["bundle"][0]


def test_a_zip_bomb_is_refused_without_unpacking_it(office, monkeypatch):
    _letter, data = exported(office)
    bomb = _rezip(data, add={"versi/9.html": b"0" * 5_000_000})
    assert len(bomb) < 200_000
    monkeypatch.setattr(archive, "MAX_BUNDLE_UNPACKED", 1_000_000)
    with pytest.raises(InvalidInput) as caught:
        archive.bundle_read(io.BytesIO(bomb))
    assert caught.value.code == "unpacked_too_large"


def test_a_confidential_letter_is_exported_by_its_drafter_and_signer_only(office):
    letter = sent(office, security_class="rahasia")
    for person in (office.drafter, office.head):
        archive.bundle_export(letter=letter, user=person)
    assert AccessLogEntry.objects.filter(object_id=str(letter.pk)).count() == 2
    with pytest.raises(Forbidden):  # an addressee reads it but may not take it away
        archive.bundle_export(letter=letter, user=office.colleague)
    with pytest.raises(NotFound):  # the clerk may not know it exists
        archive.bundle_export(letter=letter, user=office.clerk)


def test_an_unsigned_letter_has_no_bundle(office):
    letter = draft(office)
    assert not office.drafter.has_perm("eoffice.export_letter", letter)
    with pytest.raises(Forbidden):
        archive.bundle_export(letter=letter, user=office.drafter)


@pytest.mark.parametrize(
    ("who", "secret", "status"),
    [
        ("drafter", False, 200),
        ("clerk", False, 200),
        ("colleague", True, 403),
        ("clerk", True, 404),
        ("head", True, 200),
    ],
)
def test_web_and_api_bundles_agree(office, who, secret, status):
    letter = sent(office, security_class="rahasia" if secret else "biasa")
    person = getattr(office, who)
    web = Client()
    web.force_login(person)
    api = APIClient()
    api.force_authenticate(person)
    web_answer = web.get(f"/surat/{letter.pk}/bundel/")
    api_answer = api.get(f"/api/v1/surat/{letter.pk}/bundel/")
    assert (web_answer.status_code, api_answer.status_code) == (status, status)
    if status == 200:
        assert web_answer["Content-Type"] == api_answer["Content-Type"] == "application/zip"
        web_meta = archive.bundle_read(io.BytesIO(web_answer.content)).letter
        api_meta = archive.bundle_read(io.BytesIO(api_answer.content)).letter
        assert web_meta == api_meta
    else:
        assert "code" in api_answer.json()


def test_the_letter_page_offers_the_bundle_to_whoever_may_export(office):
    letter = sent(office)
    client = Client()
    client.force_login(office.drafter)
    assert f"/surat/{letter.pk}/bundel/" in client.get(f"/surat/{letter.pk}/").content.decode()
    unsigned = draft(office)
    assert "/bundel/" not in client.get(f"/surat/{unsigned.pk}/").content.decode()
