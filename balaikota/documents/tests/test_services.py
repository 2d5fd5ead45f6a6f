import io
import time

import pytest
from django.utils import timezone
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pypdf import PdfReader

from balaikota.core.errors import Conflict
from balaikota.documents import services
from balaikota.documents.exceptions import DocumentError
from balaikota.documents.models import CODE_ALPHABET, DocumentEvent, IssuedDocument
from balaikota.documents.selectors import (
    SignatureState,
    document_by_code,
    document_by_number,
    documents_for_owner,
    signature_check,
    verify_upload,
)

from .conftest import sample_builder

pytestmark = pytest.mark.django_db

Status = IssuedDocument.Status


def _signed_bytes(document) -> bytes:
    with document.signed_file.open("rb") as handle:
        return handle.read()


def test_create_stores_a_draft_whose_pdf_points_to_its_own_verification_page(make_document):
    seen = {}

    def build(url: str) -> bytes:
        seen["url"] = url
        return sample_builder()(url)

    document = make_document(build_pdf=build)

    assert document.status == Status.DRAFT
    assert len(document.verification_code) == 12
    assert set(document.verification_code) <= set(CODE_ALPHABET)
    assert seen["url"] == (f"https://balaikota.example.id/verifikasi/{document.verification_code}/")
    assert document.unsigned_file.name.startswith("documents/unsigned/")
    text = PdfReader(document.unsigned_file.open("rb")).pages[0].extract_text()
    assert "SURAT KETERANGAN UJI" in text
    assert document.code_display in text
    events = list(document.events.values_list("from_status", "to_status"))
    assert events == [("", Status.DRAFT)]


def test_a_retried_create_returns_the_same_document(make_document):
    first = make_document(source_id="42")
    again = make_document(source_id="42")
    assert again.pk == first.pk
    assert IssuedDocument.objects.count() == 1


def test_a_whole_nik_passed_by_mistake_is_masked(make_document):
    document = make_document(subject_nik_masked="3374015705900001")
    assert document.subject_nik_masked == "3374**********01"


def test_sign_makes_a_pades_signature_that_validates_as_intact(make_document, official):
    document = make_document()
    started = time.perf_counter()
    document = services.document_sign(document=document, signer_user=official)
    elapsed = time.perf_counter() - started

    assert document.status == Status.SIGNED
    assert document.signed_by == official
    assert document.signed_at is not None
    assert document.signed_file.name.startswith("documents/signed/")
    data = _signed_bytes(document)
    import hashlib

    assert document.sha256 == hashlib.sha256(data).hexdigest()
    check = signature_check(data)
    assert check.state == SignatureState.INTACT
    assert check.pades is True
    assert check.trusted is True
    assert check.signer_name == official.full_name
    assert list(document.events.values_list("from_status", "to_status", "actor")) == [
        ("", Status.DRAFT, None),
        (Status.DRAFT, Status.SIGNING, official.pk),  # visible while the signer works
        (Status.SIGNING, Status.SIGNED, official.pk),
    ]
    print(f"\n[timing] sign (incl. first certificate issue): {elapsed * 1000:.0f} ms")


def test_timing_build_and_sign_one_pdf(make_document, official):
    services.document_sign(document=make_document(), signer_user=official)  # warm: cert issued
    rounds = 5
    started = time.perf_counter()
    for _ in range(rounds):
        services.document_sign(document=make_document(), signer_user=official)
    per_document = (time.perf_counter() - started) / rounds
    started = time.perf_counter()
    sample_builder()("https://balaikota.example.id/verifikasi/ABCDEFGHJKMN/")
    build_only = time.perf_counter() - started
    print(
        f"\n[timing] build+store+sign per document: {per_document * 1000:.0f} ms "
        f"(PDF build alone: {build_only * 1000:.0f} ms)"
    )


def test_signing_twice_is_refused(signed_document, official):
    with pytest.raises(Conflict) as excinfo:
        services.document_sign(document=signed_document, signer_user=official)
    assert "sudah ditandatangani" in str(excinfo.value.messages[0])
    assert excinfo.value.status == 409 and excinfo.value.code == "not_draft"
    assert signed_document.events.count() == 3


def test_verify_upload_recognises_the_issued_file(signed_document):
    result = verify_upload(_signed_bytes(signed_document))
    assert result.document == signed_document
    assert result.document_valid
    assert result.signature.intact


def test_one_changed_byte_does_not_match(signed_document):
    data = bytearray(_signed_bytes(signed_document))
    position = data.index(b"/Contents") - 40  # inside the signed byte range, not the signature
    data[position] = ord(" ") if data[position] != ord(" ") else ord("\n")
    result = verify_upload(bytes(data))
    assert result.document is None
    assert result.signature.state == SignatureState.MODIFIED


def test_an_incremental_update_after_signing_does_not_match(signed_document):
    writer = IncrementalPdfFileWriter(io.BytesIO(_signed_bytes(signed_document)))
    writer.root["/PageLabels"] = writer.root.get("/PageMode", pdf_name("/UseNone"))
    writer.update_root()
    out = io.BytesIO()
    writer.write(out)

    result = verify_upload(out.getvalue())

    assert result.document is None
    assert result.signature.state == SignatureState.MODIFIED


def test_an_unsigned_pdf_is_reported_as_not_signed(make_document):
    document = make_document()
    result = verify_upload(document.unsigned_file.open("rb").read())
    assert result.document is None  # drafts are never "issued"
    assert result.signature.state == SignatureState.NOT_SIGNED


def test_revoke_requires_a_reason_and_records_it(signed_document, official):
    with pytest.raises(DocumentError):
        services.document_revoke(document=signed_document, actor=official, reason="  ")
    document = services.document_revoke(
        document=signed_document, actor=official, reason="Data orang tua salah tulis"
    )
    assert document.status == Status.REVOKED
    assert document.revoked_at is not None
    event = DocumentEvent.objects.filter(document=document).last()
    assert (event.from_status, event.to_status, event.note) == (
        Status.SIGNED,
        Status.REVOKED,
        "Data orang tua salah tulis",
    )
    with pytest.raises(Conflict):
        services.document_revoke(document=document, actor=official, reason="lagi")
    with pytest.raises(Conflict):
        services.document_sign(document=document, signer_user=official)


def test_selectors(signed_document, make_document, alice, bob):
    make_document()  # a draft: not listed for the owner yet
    assert document_by_code(signed_document.code_display.lower()) == signed_document
    assert document_by_code("") is None
    assert document_by_number(signed_document.number) == signed_document
    assert list(documents_for_owner(alice)) == [signed_document]
    assert list(documents_for_owner(bob)) == []


def test_certificate_issue_replaces_the_previous_one(official):
    first = services.certificate_issue(user=official)
    second = services.certificate_issue(user=official)
    first.refresh_from_db()
    assert not first.active and second.active
    assert second.subject_cn == official.full_name
    assert "BEGIN CERTIFICATE" in second.certificate_pem
    assert "PRIVATE KEY" not in second.private_key_encrypted  # encrypted at rest


def test_a_signature_from_an_unknown_ca_is_intact_but_not_trusted(
    signed_document, settings, tmp_path
):
    data = _signed_bytes(signed_document)
    settings.BALAIKOTA_SIGNING_DIR = str(tmp_path / "another-ca")  # our CA is not trusted now
    check = signature_check(data)
    assert check.state == SignatureState.INTACT
    assert check.trusted is False


def test_pyhanko_runs_even_where_an_event_loop_is_running():
    """pyHanko's sync API calls asyncio.run(); under a running loop (an ASGI server, a test
    driving a browser) the signer moves to a worker thread instead of failing."""
    import asyncio

    from balaikota.documents.signers import _outside_event_loop

    async def inside_a_loop():
        return _outside_event_loop(lambda: asyncio.run(asyncio.sleep(0, result="signed")))

    assert asyncio.run(inside_a_loop()) == "signed"
    assert _outside_event_loop(lambda: "no loop here") == "no loop here"


def test_a_signature_cut_off_by_a_dead_process_is_released_for_signing_again(
    make_document, official, settings
):
    from balaikota.documents.tasks import release_stalled_signing

    assert "documents-release-stalled-signing" in settings.CELERY_BEAT_SCHEDULE
    stalled = services.document_sign_request(document=make_document(), signer_user=official)
    recent = services.document_sign_request(document=make_document(), signer_user=official)
    IssuedDocument.objects.filter(pk=stalled.pk).update(
        signing_started_at=timezone.now() - timezone.timedelta(minutes=11)
    )
    assert release_stalled_signing() == 1
    stalled.refresh_from_db()
    recent.refresh_from_db()
    assert stalled.status == Status.DRAFT and "terputus" in stalled.signing_error
    assert recent.status == Status.SIGNING  # still within its time: perhaps still signing
    signed = services.document_sign(document=stalled, signer_user=official)
    assert signed.status == Status.SIGNED  # the official signs it again
