"""The archive pages: the retention report (filters, XLSX and CSV, constant query count), a
proposal from the report through two approvals to the berita acara, the legal-hold page, and
refusals shown on the page with a 4xx."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.utils import timezone

from balaikota.eoffice.models import DisposalProposal, LegalHold, LetterTombstone

from .test_archive import old_letter

pytestmark = pytest.mark.django_db


def web_as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_report_lists_due_letters_and_exports_them(office):
    letter = old_letter(office)
    secret = old_letter(office, security_class="rahasia", subject="Penyelidikan pegawai")
    client = web_as(office.clerk)
    page = client.get("/surat/arsip/")
    text = page.content.decode()
    assert page.status_code == 200
    assert letter.number in text and letter.subject in text and "Musnahkan" in text
    assert secret.subject not in text and "Rahasia" in text
    assert (
        "14 Maret 2018" in text
        and "Inaktif sejak 1 Januari 2021 · jatuh tempo 1 Januari 2024" in text
    )
    xlsx = client.get("/surat/arsip/?tahap=jatuh-tempo&unduh=xlsx")
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Nomor" and {r[0] for r in rows[1:]} == {letter.number, secret.number}
    assert secret.subject not in str(rows)
    csv = client.get("/surat/arsip/?unduh=csv&klasifikasi=000.5").content.decode()
    assert csv.splitlines()[0].startswith("Nomor,Tanggal,Hal") and len(csv.splitlines()) == 1


def test_a_bad_filter_is_ignored_not_a_500(office):
    old_letter(office)
    answer = web_as(office.clerk).get("/surat/arsip/?tahun=abc&tahap=x&halaman=999")
    assert answer.status_code == 200


def test_the_report_costs_the_same_with_more_letters(office, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    old_letter(office)
    client = web_as(office.clerk)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/surat/arsip/").status_code == 200
    for _n in range(4):
        old_letter(office)
    with django_assert_max_num_queries(len(queries)):
        page = client.get("/surat/arsip/")
    assert page.content.decode().count('name="letters"') == 5


def test_from_the_report_to_the_berita_acara(office, django_capture_on_commit_callbacks):
    letter = old_letter(office)
    clerk, head = web_as(office.clerk), web_as(office.head)
    answer = clerk.post(
        "/surat/arsip/usul/baru/", {"letters": [letter.pk], "submit_key": "a1", "note": "2018"}
    )
    proposal = DisposalProposal.objects.get()
    assert answer.status_code == 302 and answer["Location"] == proposal.get_absolute_url()
    url = proposal.get_absolute_url()
    assert clerk.post(f"{url}aksi/submit/").status_code == 302
    assert clerk.post(f"{url}aksi/approve_records/").status_code == 302
    # the clerk cannot also approve as the head of the OPD
    refused = clerk.post(f"{url}aksi/approve_head/")
    assert refused.status_code == 403
    page = head.get(url).content.decode()
    assert "Setujui sebagai kepala OPD" in page and "Musnahkan" not in page
    assert head.post(f"{url}aksi/approve_head/").status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        assert clerk.post(f"{url}aksi/execute/").status_code == 302
    proposal.refresh_from_db()
    assert proposal.is_executed and LetterTombstone.objects.filter(letter=letter).exists()
    page = clerk.get(url).content.decode()
    assert "Unduh berita acara pemusnahan" in page and proposal.number in page
    again = clerk.post(f"{url}aksi/execute/")
    assert again.status_code == 409 and "sudah dimusnahkan" in again.content.decode()
    pdf = clerk.get(f"/dokumen/{proposal.document.verification_code}/unduh/")
    assert pdf.status_code == 200
    assert web_as(office.drafter).get(
        f"/dokumen/{proposal.document.verification_code}/unduh/"
    ).status_code in (403, 404)
    # the letter's own page says it was destroyed, with the berita acara's number
    detail = web_as(office.drafter).get(f"/surat/{letter.pk}/").content.decode()
    assert "dimusnahkan" in detail and proposal.number in detail
    assert "Unduh PDF bertanda tangan" not in detail and "/bundel/" not in detail


def test_a_rejection_without_a_reason_stays_on_the_page(office):
    letter = old_letter(office)
    clerk = web_as(office.clerk)
    clerk.post("/surat/arsip/usul/baru/", {"letters": [letter.pk]})
    proposal = DisposalProposal.objects.get()
    answer = web_as(office.head).post(f"{proposal.get_absolute_url()}aksi/reject/", {"reason": ""})
    assert answer.status_code == 400 and "Tulis alasannya" in answer.content.decode()


def test_a_proposal_from_a_letter_not_due_says_why(office):
    letter = old_letter(office, timezone.localdate().year)
    answer = web_as(office.clerk).post(
        "/surat/arsip/usul/baru/", {"letters": [letter.pk]}, follow=True
    )
    assert "tidak dapat diusulkan musnah" in answer.content.decode()
    assert not DisposalProposal.objects.exists()


def test_the_legal_hold_page_puts_and_lifts(office, other_office):
    letter = old_letter(office)
    head = web_as(office.head)
    assert head.get(f"/surat/arsip/tahan/{letter.pk}/").status_code == 200
    answer = head.post(f"/surat/arsip/tahan/{letter.pk}/", {"reason": ""})
    assert answer.status_code == 400
    assert head.post(f"/surat/arsip/tahan/{letter.pk}/", {"reason": "Audit BPK"}).status_code == 302
    assert LegalHold.objects.get(letter=letter, lifted_at__isnull=True).reason == "Audit BPK"
    assert "Lepas penahanan" in head.get(f"/surat/arsip/tahan/{letter.pk}/").content.decode()
    head.post(f"/surat/arsip/tahan/{letter.pk}/", {"reason": "Audit BPK selesai"})
    assert not LegalHold.objects.filter(lifted_at__isnull=True).exists()
    assert web_as(other_office.clerk).get(f"/surat/arsip/tahan/{letter.pk}/").status_code == 404


def test_the_proposals_list_costs_the_same_with_more_proposals(
    office, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from balaikota.eoffice import archive

    def propose():
        archive.disposal_create(
            opd=office.opd, user=office.clerk, letter_ids=[old_letter(office).pk]
        )

    propose()
    client = web_as(office.head)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/surat/arsip/usul/").status_code == 200
    for _n in range(3):
        propose()
    with django_assert_max_num_queries(len(queries)):
        page = client.get("/surat/arsip/usul/").content.decode()
    assert page.count("Usul musnah Diskominfo: 1 arsip") == 4
