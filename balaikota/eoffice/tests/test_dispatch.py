"""Outside dispatch and the outgoing register, bulk signing through the outbox, and removing an
attachment from a draft: what the records clerk, the signer and the drafter notice."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from balaikota.core.models import OutboxItem
from balaikota.eoffice import services
from balaikota.eoffice.models import Dispatch, DispatchEvent, Letter, LetterKind, Status
from balaikota.notifications.models import Notification

from .conftest import draft, ready, sent

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _after_commit(django_capture_on_commit_callbacks, monkeypatch):
    """Work queued for after commit (the outbox) runs when each service call returns, as it
    does in production — the test transaction never commits."""
    real = {name: getattr(services, name) for name in RUN_AFTER_COMMIT}

    def wrap(func):
        def call(*args, **kwargs):
            with django_capture_on_commit_callbacks(execute=True):
                return func(*args, **kwargs)

        return call

    for name, func in real.items():
        monkeypatch.setattr(services, name, wrap(func))


RUN_AFTER_COMMIT = (
    "letter_sign",
    "letters_sign",
    "dispatch_resend",
    "dispatch_hand_over",
    "dispatch_to_courier",
    "dispatch_email_failed",
)


def _blank_pdf() -> bytes:
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


PDF = _blank_pdf()

OUTSIDE = [
    {
        "name": "Kepala Balai Besar Wilayah Sungai Pemali Juana",
        "agency": "Kementerian PUPR",
        "address": "Jl. Brigjen Sudiarto No. 375 Semarang",
        "email": "tu@bbwspemalijuana.go.id",
    },
    {
        "name": "Ketua RW 05 Kelurahan Tembalang",
        "agency": "",
        "address": "Jl. Ngesrep Timur V Semarang",
        "email": "",
    },
]


def _surat_dinas(office, **overrides):
    fields = {
        "kind": LetterKind.objects.get(code="surat-dinas"),
        "subject": "Undangan sosialisasi pengendalian banjir",
        "to_nips": [],
        "external": [dict(row) for row in OUTSIDE],
    }
    fields.update(overrides)
    return sent(office, **fields)


def test_an_outside_addressee_with_an_address_gets_the_signed_pdf_by_email(office):
    letter = _surat_dinas(office)
    assert letter.status == Status.SENT
    by_mail, by_courier = Dispatch.objects.filter(letter=letter).order_by("pk")
    assert by_mail.method == "email" and by_mail.status == "terkirim" and by_mail.sent_at
    assert by_courier.method == "kurir" and by_courier.status == "menunggu_kurir"
    [message] = [m for m in mail.outbox if "tu@bbwspemalijuana.go.id" in m.to]
    assert letter.number in message.subject
    assert "/verifikasi/" in message.body and "Yth. Kepala Balai Besar" in message.body
    [(name, content, kind)] = message.attachments
    assert kind == "application/pdf" and content.startswith(b"%PDF") and name.endswith(".pdf")
    assert DispatchEvent.objects.filter(dispatch=by_mail, action="sent").exists()


def test_a_secret_letter_never_goes_by_email(office):
    letter = _surat_dinas(office, security_class="rahasia")
    assert set(Dispatch.objects.filter(letter=letter).values_list("method", flat=True)) == {"kurir"}
    assert not [m for m in mail.outbox if "tu@bbwspemalijuana.go.id" in m.to]


def test_a_failed_email_can_be_resent_or_sent_by_courier_and_the_hand_over_is_recorded(
    office, monkeypatch
):
    from django.core.mail import EmailMessage

    def down(self, *args, **kwargs):
        raise OSError("SMTP tidak dapat dihubungi")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(EmailMessage, "send", down)
        letter = _surat_dinas(office)
    copy = Dispatch.objects.get(letter=letter, method="email")
    item = OutboxItem.objects.get(key=f"eoffice-dispatch:{copy.pk}")
    # Eager here, so every attempt ran at once; with a broker they back off over hours.
    assert item.status == "failed" and item.attempts == item.max_attempts
    copy.refresh_from_db()
    assert copy.status == "gagal" and "SMTP" in copy.error
    assert Notification.objects.filter(
        recipient=office.drafter, title__contains="gagal terkirim"
    ).exists()

    services.dispatch_resend(dispatch=copy, user=office.clerk)
    copy.refresh_from_db()
    assert copy.status == "terkirim"

    waiting = Dispatch.objects.get(letter=letter, method="kurir")
    with pytest.raises(services.InvalidInput) as refused:
        services.dispatch_hand_over(dispatch=waiting, user=office.clerk, courier=" ")
    assert "courier" in refused.value.field_errors
    services.dispatch_hand_over(
        dispatch=waiting, user=office.clerk, courier="Pak Slamet (caraka)", note="Diterima satpam"
    )
    waiting.refresh_from_db()
    assert waiting.status == "diserahkan" and waiting.courier == "Pak Slamet (caraka)"
    with pytest.raises(services.Conflict):
        services.dispatch_hand_over(dispatch=waiting, user=office.clerk, courier="Lagi")


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("clerk", True), ("drafter", True), ("other_clerk", False), ("colleague", False)],
)
def test_who_may_manage_an_outside_copy(office, other_office, who, allowed):
    letter = _surat_dinas(office)
    waiting = Dispatch.objects.get(letter=letter, method="kurir")
    user = {
        "clerk": office.clerk,
        "drafter": office.drafter,
        "other_clerk": other_office.clerk,
        "colleague": office.colleague,
    }[who]
    if allowed:
        services.dispatch_hand_over(dispatch=waiting, user=user, courier="Pos Indonesia")
        waiting.refresh_from_db()
        assert waiting.status == "diserahkan"
    else:
        with pytest.raises(services.Forbidden):
            services.dispatch_hand_over(dispatch=waiting, user=user, courier="Pos Indonesia")


def test_the_outgoing_register_shows_the_opd_letters_to_its_clerk_only(
    client, office, other_office, django_assert_max_num_queries
):
    for n in range(3):
        _surat_dinas(office, subject=f"Undangan sosialisasi {n}")
    client.force_login(office.clerk)
    with django_assert_max_num_queries(14):
        page = client.get("/surat/register-keluar/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Undangan sosialisasi 2" in text and "Menunggu kurir" in text
    assert text.count("Unduh PDF bertanda tangan untuk dicetak") == 3
    assert "Kepala Balai Besar" in text
    waiting = client.get("/surat/register-keluar/?tampil=perlu-tindakan").content.decode()
    assert "Perlu tindakan (3)" in waiting

    client.force_login(other_office.clerk)
    assert "Undangan sosialisasi" not in client.get("/surat/register-keluar/").content.decode()
    client.force_login(office.colleague)
    refused = client.get("/surat/register-keluar/")
    assert refused.status_code == 403 and "tata usaha" in refused.content.decode()


def test_the_clerk_records_a_hand_over_from_the_register_and_the_home_page_count_follows(
    client, office
):
    letter = _surat_dinas(office)
    waiting = Dispatch.objects.get(letter=letter, method="kurir")
    client.force_login(office.clerk)
    home = client.get("/").content.decode()
    assert "1 naskah keluar belum sampai" in home
    answer = client.post(
        f"/surat/pengiriman/{waiting.pk}/hand_over/",
        {"courier": "Pak Slamet (caraka)", "kembali": "register"},
    )
    assert answer.status_code == 302 and answer["Location"].endswith("/surat/register-keluar/")
    waiting.refresh_from_db()
    assert waiting.status == "diserahkan"
    assert "naskah keluar belum sampai" not in client.get("/").content.decode()
    # Someone else's copy is not found, not forbidden (never say it exists).
    client.force_login(office.colleague)
    assert client.post(f"/surat/pengiriman/{waiting.pk}/resend/").status_code == 404


def test_bulk_signing_signs_the_first_at_once_and_the_rest_through_the_outbox(office):
    letters = [ready(office, subject=f"Nota dinas rapat {n}") for n in range(4)]
    outcomes = services.letters_sign(letters=letters, signer=office.head)
    assert [o.ok for o in outcomes] == [True] * 4
    assert not outcomes[0].queued
    queued = OutboxItem.objects.filter(handler=services.SIGN_QUEUED)
    assert queued.count() == 3 and all(i.status == "done" for i in queued)
    assert set(Letter.objects.values_list("status", flat=True)) == {Status.SENT}
    numbers = sorted(int(n.split("/")[1]) for n in Letter.objects.values_list("number", flat=True))
    assert numbers == [1, 2, 3, 4]


def test_a_passphrase_travels_sealed_and_a_signer_failure_stops_the_batch(office, monkeypatch):
    from balaikota.documents.exceptions import SigningError
    from balaikota.documents.signers import LocalPadesSigner

    letters = [ready(office, subject=f"Nota dinas {n}") for n in range(3)]

    def wrong(self, *args, **kwargs):
        raise SigningError("Passphrase salah.", code="bsre_wrong_passphrase")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(LocalPadesSigner, "sign", wrong)
        outcomes = services.letters_sign(
            letters=letters, signer=office.head, passphrase="rahasia123"
        )
    assert [o.ok for o in outcomes] == [False, False, False]
    assert all("Passphrase salah" in o.message for o in outcomes)
    # Only the first was tried: BSrE counts wrong passphrases.
    assert not OutboxItem.objects.filter(handler=services.SIGN_QUEUED).exists()
    assert set(Letter.objects.values_list("status", flat=True)) == {Status.READY}

    outcomes = services.letters_sign(letters=letters, signer=office.head, passphrase="benar-456")
    assert all(o.ok for o in outcomes)
    for item in OutboxItem.objects.filter(handler=services.SIGN_QUEUED):
        assert "benar-456" not in str(item.payload)  # sealed, never in clear


def test_a_queued_signature_whose_sealed_passphrase_expired_goes_back_to_ready(office):
    letter = ready(office)
    services._sign_begin(letter, office.head)
    services.letter_sign_queued(letter_id=letter.pk, signer_id=office.head.pk, passphrase="xx")
    letter.refresh_from_db()
    assert letter.status == Status.READY
    assert "tanda tangani lagi" in letter.events.order_by("-pk").first().reason


def test_the_drafter_removes_an_attachment_while_drafting(
    client, office, django_capture_on_commit_callbacks
):
    letter = draft(office)
    client.force_login(office.drafter)
    from .test_views import form_data

    data = form_data(office, submit_key="")
    data["attachments"] = [SimpleUploadedFile("undangan.pdf", PDF, "application/pdf")]
    assert client.post(f"/surat/{letter.pk}/ubah/", data).status_code == 302
    attachment = letter.attachments.get()
    stored = attachment.file.name
    page = client.get(f"/surat/{letter.pk}/ubah/").content.decode()
    assert "Hapus undangan.pdf" in page

    data = form_data(office, submit_key="", remove_attachments=[attachment.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/surat/{letter.pk}/ubah/", data).status_code == 302
    assert not letter.attachments.exists()
    assert not attachment.file.storage.exists(stored)
    letter.refresh_from_db()
    latest = letter.versions.order_by("-number").first()
    assert latest.details["attachments"] == [] and letter.version == latest.number


def test_attachments_stay_within_the_limit_across_edits(office):
    letter = draft(office)
    five = [SimpleUploadedFile(f"l{n}.pdf", PDF, "application/pdf") for n in range(5)]
    from .conftest import letter_input

    services.letter_update(
        letter=letter, user=office.drafter, data=letter_input(office, attachments=five)
    )
    with pytest.raises(services.InvalidInput) as refused:
        services.letter_update(
            letter=letter,
            user=office.drafter,
            data=letter_input(
                office, attachments=[SimpleUploadedFile("l6.pdf", PDF, "application/pdf")]
            ),
        )
    assert "attachments" in refused.value.field_errors
    assert letter.attachments.count() == 5  # nothing lost
    one = letter.attachments.first().pk
    services.letter_update(
        letter=letter,
        user=office.drafter,
        data=letter_input(
            office,
            attachments=[SimpleUploadedFile("l6.pdf", PDF, "application/pdf")],
            remove_attachments=[one],
        ),
    )
    assert letter.attachments.count() == 5 and not letter.attachments.filter(pk=one).exists()
