"""The e-office pages: drafting through the form, the letter page with its actions, the inbox
tabs (query counts that do not grow with rows), versions, attachments, and refusals that are
a clear Indonesian message with a 4xx — never a 500."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from balaikota.core.models import AccessLogEntry
from balaikota.eoffice.models import Letter, SecurityClass, Status

from .conftest import draft, ready, sent

pytestmark = pytest.mark.django_db


def form_data(office, **overrides) -> dict:
    from balaikota.eoffice.models import Classification

    data = {
        "subject": "Undangan rapat evaluasi aplikasi",
        "classification": Classification.objects.get(code="000.1.2").pk,
        "security_class": "biasa",
        "urgency": "segera",
        "body": "Dengan hormat,\n\nmohon hadir pada rapat evaluasi aplikasi.",
        "signer_position": office.head_position.pk,
        "route": "",
        "to_nips": office.colleague.nip,
        "submit_key": "form-kunci-1",
    }
    data.update(overrides)
    return data


def test_drafting_a_nota_dinas_through_the_form(client, office):
    client.force_login(office.drafter)
    page = client.get("/surat/baru/")
    assert page.status_code == 200 and "Nota Dinas" in page.content.decode()
    assert client.get("/surat/baru/nota-dinas/").status_code == 200
    answer = client.post("/surat/baru/nota-dinas/", form_data(office))
    letter = Letter.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/surat/{letter.pk}/"
    assert letter.body == "<p>Dengan hormat,</p><p>mohon hadir pada rapat evaluasi aplikasi.</p>"
    # the same form sent again (a double click): still one letter
    client.post("/surat/baru/nota-dinas/", form_data(office))
    assert Letter.objects.count() == 1
    page = client.get(f"/surat/{letter.pk}/").content.decode()
    assert "Ajukan untuk diparaf" in page and office.kasi.full_name in page


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"subject": ""}, "subject", "Tulis hal (perihal) naskah."),
        ({"to_nips": "199999999999999999"}, "to_nips", "tidak ditemukan"),
        ({"to_nips": ""}, "to_positions", "Tentukan tujuan naskah"),
        ({"route": "123"}, "route", "tidak ditemukan"),
    ],
)
def test_bad_input_is_shown_on_the_form_with_a_400(client, office, change, field, message):
    client.force_login(office.drafter)
    answer = client.post("/surat/baru/nota-dinas/", form_data(office, **change))
    assert answer.status_code == 400
    assert message in answer.content.decode()
    assert not Letter.objects.exists()


def test_a_disguised_attachment_is_refused_on_the_form(client, office):
    client.force_login(office.drafter)
    fake = SimpleUploadedFile("surat.pdf", b"MZ\x90\x00 not a pdf at all", "application/pdf")
    answer = client.post("/surat/baru/nota-dinas/", {**form_data(office), "attachments": [fake]})
    assert answer.status_code == 400 and not Letter.objects.exists()
    assert "Lampiran" in answer.content.decode()


def test_submitting_without_a_signer_or_route_says_what_is_missing(client, office):
    letter = draft(office, signer_position=None, route_nips=[])
    client.force_login(office.drafter)
    answer = client.post(f"/surat/{letter.pk}/aksi/submit/")
    assert answer.status_code == 400
    assert "Pilih jabatan penandatangan" in answer.content.decode()
    letter.signer_position = office.head_position
    letter.save()
    answer = client.post(f"/surat/{letter.pk}/aksi/submit/")
    assert answer.status_code == 400 and "paling sedikit satu pemaraf" in answer.content.decode()


def test_submitting_twice_is_a_409_not_a_second_review(client, office):
    letter = draft(office)
    client.force_login(office.drafter)
    assert client.post(f"/surat/{letter.pk}/aksi/submit/").status_code == 302
    again = client.post(f"/surat/{letter.pk}/aksi/submit/")
    assert again.status_code == 409 and "sudah diajukan" in again.content.decode()
    assert letter.events.filter(action="submit").count() == 1


def test_signing_out_of_order_is_refused(client, office):
    letter = draft(office)
    client.force_login(office.drafter)
    client.post(f"/surat/{letter.pk}/aksi/submit/")
    client.force_login(office.head)
    answer = client.post(f"/surat/{letter.pk}/aksi/sign/")
    assert answer.status_code in (404, 409)  # not on the letter yet: not even visible
    client.force_login(office.kasi)
    client.post(f"/surat/{letter.pk}/aksi/initial/")
    client.force_login(office.head)
    answer = client.post(f"/surat/{letter.pk}/aksi/sign/")
    assert answer.status_code == 409
    assert "semua pemaraf harus memaraf" in answer.content.decode()


def test_returning_without_a_reason_keeps_the_form_with_a_400(client, office):
    letter = draft(office)
    client.force_login(office.drafter)
    client.post(f"/surat/{letter.pk}/aksi/submit/")
    client.force_login(office.kasi)
    answer = client.post(f"/surat/{letter.pk}/aksi/return/", {"reason": ""})
    assert answer.status_code == 400 and "Tulis alasan pengembalian" in answer.content.decode()
    letter.refresh_from_db()
    assert letter.status == Status.IN_REVIEW


def test_the_signer_signs_from_the_page_and_the_drafter_sees_the_receipts(client, office):
    letter = ready(office)
    client.force_login(office.head)
    assert client.post(f"/surat/{letter.pk}/aksi/sign/").status_code == 302
    letter.refresh_from_db()
    assert letter.status == Status.SENT
    client.force_login(office.colleague)
    client.get(f"/surat/{letter.pk}/")
    client.force_login(office.drafter)
    page = client.get(f"/surat/{letter.pk}/").content.decode()
    assert "Tanda terima baca" in page and "dibaca" in page
    assert "Unduh PDF bertanda tangan" in page
    download = client.get(f"/dokumen/{letter.document.verification_code}/unduh/")
    assert download.status_code == 200


def test_bulk_signing_from_the_queue(client, office, django_capture_on_commit_callbacks):
    letters = [ready(office, subject=f"Surat tugas pelatihan {n}") for n in range(3)]
    client.force_login(office.head)
    page = client.get("/surat/?tampil=tanda-tangan").content.decode()
    assert "Tandatangani yang dipilih" in page
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post("/surat/tanda-tangan/", {"letters": [x.pk for x in letters]})
    assert answer.status_code == 302
    assert set(Letter.objects.values_list("status", flat=True)) == {Status.SENT}
    shown = client.get(answer["Location"]).content.decode()
    assert "1 naskah ditandatangani dan dikirim" in shown
    assert "2 naskah sedang ditandatangani di latar" in shown


def test_a_stranger_gets_a_404(client, office, other_office):
    letter = sent(office)
    client.force_login(other_office.drafter)
    assert client.get(f"/surat/{letter.pk}/").status_code == 404
    assert client.post(f"/surat/{letter.pk}/aksi/initial/").status_code == 404
    assert client.get(f"/surat/{letter.pk}/versi/").status_code == 404


def test_a_citizen_has_no_inbox(client, alice):
    client.force_login(alice)
    assert client.get("/surat/").status_code == 403


def test_opening_a_secret_letter_writes_the_access_log(client, office):
    letter = sent(office, security_class=SecurityClass.TOP_SECRET)
    client.force_login(office.colleague)
    assert client.get(f"/surat/{letter.pk}/").status_code == 200
    assert client.get(f"/surat/{letter.pk}/versi/").status_code == 200
    assert AccessLogEntry.objects.filter(actor=office.colleague).count() == 2


def test_the_versions_page_shows_the_difference(client, office):
    from balaikota.eoffice import services

    from .conftest import letter_input

    letter = draft(office)
    services.letter_update(
        letter=letter,
        user=office.drafter,
        data=letter_input(office, body="<p>Dengan hormat, mohon data pengguna Desember.</p>"),
    )
    client.force_login(office.drafter)
    page = client.get(f"/surat/{letter.pk}/versi/").content.decode()
    assert "<del" in page and "<ins" in page and "Desember" in page


def test_the_inbox_tabs_cost_the_same_with_more_letters(
    client, office, django_assert_max_num_queries
):
    for n in range(2):
        sent(office, subject=f"Pemberitahuan jadwal pemeliharaan server {n}")
    client.force_login(office.colleague)

    def count(tab: str) -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/surat/?tampil={tab}").status_code == 200
        return len(queries)

    few = {tab: count(tab) for tab in ("diterima", "terkirim", "konsep")}
    for n in range(6):
        sent(office, subject=f"Pemberitahuan jadwal pemeliharaan jaringan {n}")
    for tab, queries in few.items():
        with django_assert_max_num_queries(queries):
            client.get(f"/surat/?tampil={tab}")


def test_the_letter_page_costs_the_same_with_more_recipients(
    client, office, django_assert_max_num_queries
):
    from balaikota.testing.factories import EmployeeFactory

    letter = sent(office)
    client.force_login(office.drafter)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(f"/surat/{letter.pk}/")
    many = [EmployeeFactory(position__unit=office.colleague_unit).user.nip for _n in range(6)]
    bigger = sent(office, to_nips=many)
    with django_assert_max_num_queries(len(queries)):
        client.get(f"/surat/{bigger.pk}/")


def test_the_pages_speak_english_when_asked(client, office, settings):
    letter = sent(office)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(office.drafter)
    page = client.get(f"/surat/{letter.pk}/").content.decode()
    for english in ("Read receipts", "Drafter", "Initial", "Sent", "Download"):
        assert english in page, english
    inbox = client.get("/surat/?tampil=terkirim").content.decode()
    assert "My drafts" in inbox and "read by 0 of 1" in inbox


def test_a_failed_signature_is_explained_not_a_500(client, office, monkeypatch):
    from balaikota.documents.exceptions import SigningError
    from balaikota.documents.signers import LocalPadesSigner

    def refuse(self, *args, **kwargs):
        raise SigningError("Passphrase salah.", code="bsre_wrong_passphrase")

    monkeypatch.setattr(LocalPadesSigner, "sign", refuse)
    letter = ready(office)
    client.force_login(office.head)
    answer = client.post(f"/surat/{letter.pk}/aksi/sign/")
    assert answer.status_code == 400 and "Passphrase salah." in answer.content.decode()
    letter.refresh_from_db()
    assert letter.status == Status.READY


def test_editing_a_letter_in_review_is_a_409_page(client, office):
    letter = draft(office)
    client.force_login(office.drafter)
    client.post(f"/surat/{letter.pk}/aksi/submit/")
    answer = client.get(f"/surat/{letter.pk}/ubah/")
    assert answer.status_code == 409 and "tidak dapat diubah lagi" in answer.content.decode()
    assert client.post(f"/surat/{letter.pk}/aksi/hapus/").status_code == 404
    assert client.get("/surat/baru/bukan-jenis/").status_code == 404
