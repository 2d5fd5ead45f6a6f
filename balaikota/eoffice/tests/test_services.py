"""The letter's life through its services: drafting and versions, the paraf chain in order, a
return, signing (numbered, PDF, PAdES) alone and in bulk, delivery with read receipts."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pypdf import PdfReader

from balaikota.core.errors import Conflict, Forbidden, InvalidInput
from balaikota.core.models import AccessLogEntry
from balaikota.documents.models import IssuedDocument, IssuedNumber
from balaikota.eoffice import selectors, services
from balaikota.eoffice.models import (
    Delivery,
    Letter,
    LetterKind,
    LetterVersion,
    OpdLetterSetting,
    SecurityClass,
    Status,
)
from balaikota.notifications.models import Notification

from .conftest import draft, letter_input, ready, sent

pytestmark = pytest.mark.django_db


def test_reference_data_loads_once(reference):
    assert services.reference_load() == (0, 0)
    assert LetterKind.objects.count() == 12
    nota = LetterKind.objects.get(code="nota-dinas")
    assert nota.layout == "memo" and not nota.uses_external


def test_a_draft_is_version_one_with_the_hierarchy_as_its_route(office):
    letter = draft(office, body="<p>Isi <script>alert(1)</script><b>penting</b></p>")
    assert letter.status == Status.DRAFT and letter.opd == office.opd
    assert "<script>" not in letter.body and "<b>penting</b>" in letter.body
    assert selectors.route_nips(letter) == [office.kasi.nip, office.kabid.nip]
    assert letter.versions.count() == 1
    assert letter.events.get().action == "create"


def test_an_edit_keeps_every_version_and_shows_the_difference(office):
    letter = draft(office)
    services.letter_update(
        letter=letter,
        user=office.drafter,
        data=letter_input(office, subject="Permohonan data pengguna aplikasi 2026"),
    )
    # Saving the same text again makes no new version.
    services.letter_update(
        letter=letter,
        user=office.drafter,
        data=letter_input(office, subject="Permohonan data pengguna aplikasi 2026"),
    )
    first, second = LetterVersion.objects.filter(letter=letter).order_by("number")
    assert (first.number, second.number) == (1, 2)
    diff = selectors.version_diff(first, second)
    assert ("-", "Hal: Permohonan data pengguna aplikasi") in [(d.op, d.text) for d in diff]
    assert ("+", "Hal: Permohonan data pengguna aplikasi 2026") in [(d.op, d.text) for d in diff]


def test_the_paraf_chain_runs_in_order_then_the_head_signs(office):
    letter = draft(office)
    services.letter_submit(letter=letter, user=office.drafter)
    letter.refresh_from_db()
    assert letter.status == Status.IN_REVIEW and letter.current_verifier == office.kasi
    assert letter.signer == office.head
    with pytest.raises(Conflict) as refused:
        services.letter_initial(letter=letter, user=office.kabid)
    assert refused.value.code == "not_your_turn"
    with pytest.raises(Conflict) as early:
        services.letter_sign(letter=letter, signer=office.head)
    assert early.value.code == "not_ready_to_sign"
    services.letter_initial(letter=letter, user=office.kasi, comment="Sudah sesuai.")
    letter.refresh_from_db()
    assert letter.status == Status.IN_REVIEW and letter.current_verifier == office.kabid
    services.letter_initial(letter=letter, user=office.kabid)
    letter.refresh_from_db()
    assert letter.status == Status.READY and letter.current_verifier is None

    services.letter_sign(letter=letter, signer=office.head)
    letter.refresh_from_db()
    assert letter.status == Status.SENT
    assert letter.number == f"000.1.2/1/DISKOMINFO/{letter.dated.year}"
    assert IssuedNumber.objects.get(number=letter.number).state == "used"
    document = letter.document
    assert document.status == IssuedDocument.Status.SIGNED and document.signed_by == office.head
    with document.signed_file.open("rb") as handle:
        reader = PdfReader(io.BytesIO(handle.read()))
    text = reader.pages[0].extract_text()
    for expected in ("NOTA DINAS", letter.number, "Dewi Anggraini", office.head.full_name):
        assert expected in text
    assert "/Sig" in str(reader.trailer["/Root"]["/AcroForm"]["/Fields"][0].get_object())
    assert [e.action for e in letter.events.order_by("at", "pk")] == [
        "create",
        "submit",
        "initial",
        "initial",
        "sign",
        "signed",
        "dispatch",
    ]


def test_a_return_goes_back_to_the_drafter_and_every_paraf_is_asked_again(office):
    letter = draft(office)
    services.letter_submit(letter=letter, user=office.drafter)
    services.letter_initial(letter=letter, user=office.kasi)
    with pytest.raises(InvalidInput):
        services.letter_return(letter=letter, user=office.kabid, reason="")
    services.letter_return(letter=letter, user=office.kabid, reason="Lengkapi dasar hukumnya.")
    letter.refresh_from_db()
    assert letter.status == Status.RETURNED
    assert Notification.objects.filter(recipient=office.drafter, body__contains="dasar hukum")
    services.letter_submit(letter=letter, user=office.drafter)
    letter.refresh_from_db()
    assert letter.current_verifier == office.kasi  # from the first verifier again
    assert not letter.route.filter(initialled_at__isnull=False).exists()


def test_delivery_and_read_receipts(office):
    letter = sent(
        office,
        to_units=[office.colleague_unit],
        copy_nips=[office.clerk.nip],
    )
    receipts = {d.recipient: d for d in selectors.receipts(letter)}
    assert set(receipts) == {office.colleague, office.clerk}
    assert receipts[office.clerk].role == "cc"
    assert Notification.objects.filter(recipient=office.clerk, title__startswith="Tembusan")
    assert selectors.inbox_counts(office.colleague)["unread"] == 1
    services.letter_open(letter=letter, user=office.colleague)
    services.letter_open(letter=letter, user=office.colleague)  # a second opening changes nothing
    delivery = Delivery.objects.get(letter=letter, recipient=office.colleague)
    assert delivery.read_at is not None
    assert selectors.inbox_counts(office.colleague)["unread"] == 0
    assert not AccessLogEntry.objects.exists()  # an ordinary letter: no access log


def test_opening_a_secret_letter_is_logged(office):
    letter = sent(office, security_class=SecurityClass.SECRET)
    services.letter_open(letter=letter, user=office.colleague)
    entry = AccessLogEntry.objects.get()
    assert entry.actor == office.colleague and entry.object_id == str(letter.pk)
    note = Notification.objects.get(recipient=office.colleague)
    assert letter.subject not in note.body  # a notification never carries its subject


def test_bulk_signing_signs_each_letter_with_its_own_number(office):
    letters = [ready(office, subject=f"Undangan rapat koordinasi {n}") for n in range(3)]
    outcomes = services.letters_sign(letters=letters, signer=office.head)
    assert all(o.ok for o in outcomes)
    numbers = sorted(Letter.objects.values_list("number", flat=True))
    assert [n.split("/")[1] for n in numbers] == ["1", "2", "3"]


def test_bulk_signing_reports_a_refusal_without_undoing_the_others(office):
    good, early = ready(office), draft(office, subject="Konsep yang belum diparaf")
    outcomes = services.letters_sign(letters=[good, early], signer=office.head)
    assert [o.ok for o in outcomes] == [True, False]
    assert "tidak" in outcomes[1].message.lower() or "belum" in outcomes[1].message.lower()


def test_the_number_format_is_configurable_per_opd(office):
    OpdLetterSetting.objects.create(
        opd=office.opd, unit_code="KOMINFO", number_format="{classification}/{seq:03d}/{unit}"
    )
    letter = sent(office)
    assert letter.number == "000.1.2/001/KOMINFO"


def test_a_failed_signature_returns_the_letter_and_a_return_cancels_its_number(office, monkeypatch):
    from balaikota.documents.exceptions import SigningError
    from balaikota.documents.signers import LocalPadesSigner

    def refuse(self, *args, **kwargs):
        raise SigningError("Sertifikat tidak aktif.", code="certificate_inactive")

    letter = ready(office)
    monkeypatch.setattr(LocalPadesSigner, "sign", refuse)
    with pytest.raises(SigningError):
        services.letter_sign(letter=letter, signer=office.head)
    letter.refresh_from_db()
    assert letter.status == Status.READY and letter.number
    reserved = IssuedNumber.objects.get(number=letter.number)
    assert reserved.state == "reserved"
    services.letter_return(letter=letter, user=office.head, reason="Lampiran belum lengkap.")
    reserved.refresh_from_db()
    assert reserved.state == "cancelled" and "Lampiran belum lengkap" in reserved.cancel_reason
    letter.refresh_from_db()
    assert letter.number == "" and letter.document is None


def test_a_double_submitted_form_makes_one_letter(office):
    first = services.letter_create(
        drafter=office.drafter, data=letter_input(office), submit_key="kunci-1"
    )
    again = services.letter_create(
        drafter=office.drafter, data=letter_input(office), submit_key="kunci-1"
    )
    assert first.pk == again.pk and Letter.objects.count() == 1


def test_a_citizen_cannot_draft(office, alice):
    with pytest.raises(Forbidden):
        services.letter_create(drafter=alice, data=letter_input(office))


def test_a_disguised_attachment_is_refused(office):
    fake = SimpleUploadedFile("laporan.pdf", b"<html><script>x</script></html>", "application/pdf")
    with pytest.raises(InvalidInput) as refused:
        draft(office, attachments=[fake])
    assert "attachments" in refused.value.field_errors
    assert not Letter.objects.exists()


def test_a_bad_number_format_is_refused_before_any_signature(office):
    from django.core.exceptions import ValidationError

    setting = OpdLetterSetting(opd=office.opd, unit_code="X", number_format="{nomor}/{tahun}")
    with pytest.raises(ValidationError):
        setting.full_clean()


def test_the_counts_of_the_menu_and_home_page_cost_one_query(office, django_assert_num_queries):
    letter = sent(office)
    ready(office, subject="Undangan rapat anggaran")
    from django.core.cache import cache

    cache.clear()
    with django_assert_num_queries(1):
        assert selectors.inbox_counts(office.head) == {
            "paraf": 0,
            "sign": 1,
            "unread": 0,
            # incoming letters and dispositions, in the same query
            "dispose": 0,
            "follow": 0,
            "overdue": 0,
        }
    with django_assert_num_queries(0):
        selectors.inbox_counts(office.head)  # kept until a step forgets it
    assert selectors.inbox_counts(office.colleague)["unread"] == 1
    services.letter_open(letter=letter, user=office.colleague)
    assert selectors.inbox_counts(office.colleague)["unread"] == 0
