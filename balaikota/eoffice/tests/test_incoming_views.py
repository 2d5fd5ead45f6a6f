"""The incoming-letter pages: registration through the form (agenda number, refusals on the
form with a 4xx), the letter page with its tree and actions, the work-queue tabs and the
clerk's register (query counts that do not grow with rows), the disposition sheet PDF."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from balaikota.eoffice.models import Classification, Disposition, IncomingLetter

from .incoming_helpers import dispose, instruction_ids, register, scan

pytestmark = pytest.mark.django_db


def form_data(office, **overrides) -> dict:
    today = timezone.localdate()
    data = {
        "sender_name": "Kepala Dinas Pekerjaan Umum Provinsi Jawa Tengah",
        "sender_agency": "DPU Provinsi Jawa Tengah",
        "sender_number": "600/1234/2026",
        "sender_date": (today - dt.timedelta(days=2)).isoformat(),
        "received_on": today.isoformat(),
        "subject": "Permintaan data jaringan fiber optik kota",
        "classification": Classification.objects.get(code="000.1.2").pk,
        "security_class": "biasa",
        "urgency": "segera",
        "addressee_position": office.head_position.pk,
        "scan": scan(),
        "submit_key": "masuk-1",
    }
    data.update(overrides)
    return data


def test_the_clerk_registers_a_letter_through_the_form(client, office):
    client.force_login(office.clerk)
    assert client.get("/surat/masuk/baru/").status_code == 200
    answer = client.post("/surat/masuk/baru/", form_data(office))
    incoming = IncomingLetter.objects.get()
    assert answer.status_code == 302 and answer["Location"] == f"/surat/masuk/{incoming.pk}/"
    page = client.get("/surat/masuk/").content.decode()
    assert incoming.agenda_number in page and "Menunggu disposisi" in page
    client.post("/surat/masuk/baru/", form_data(office, scan=scan()))  # a double click
    assert IncomingLetter.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"received_on": "2999-01-01"}, "tidak boleh sesudah hari ini"),
        ({"sender_date": "2999-01-01", "received_on": ""}, "Isi tanggal surat diterima."),
        ({"subject": ""}, "Tulis hal (perihal) surat."),
        ({"scan": "fake"}, "tidak diterima sebagai berkas"),
    ],
)
def test_bad_registrations_are_shown_on_the_form(client, office, change, message):
    if change.get("scan") == "fake":
        change["scan"] = SimpleUploadedFile("s.pdf", b"<html>x</html>", "application/pdf")
    client.force_login(office.clerk)
    answer = client.post("/surat/masuk/baru/", form_data(office, **change))
    assert answer.status_code == 400
    assert message in answer.content.decode()
    assert not IncomingLetter.objects.exists()


def test_the_duplicate_is_refused_naming_the_earlier_agenda_number(client, office):
    first = register(
        office, sender_agency="DPU Provinsi Jawa Tengah", sender_number="600/1234/2026"
    )
    client.force_login(office.clerk)
    answer = client.post("/surat/masuk/baru/", form_data(office, submit_key="lain"))
    assert answer.status_code == 400 and first.agenda_number in answer.content.decode()


def test_only_clerks_reach_the_register(client, office):
    client.force_login(office.drafter)
    assert client.get("/surat/masuk/").status_code == 403
    assert client.get("/surat/masuk/baru/").status_code == 403


def test_the_head_disposes_and_the_recipient_closes_on_the_page(client, office):
    incoming = register(office)
    client.force_login(office.head)
    page = client.get("/surat/?tampil=disposisi").content.decode()
    assert incoming.subject in page and "Perlu disposisi (1)" in page
    page = client.get(incoming.get_absolute_url()).content.decode()
    assert "Kirim disposisi" in page and office.kabid.full_name in page
    data = {
        "recipients": [office.kabid.nip, office.colleague.nip],
        "instructions": instruction_ids("Tanggapan dan saran", "Koordinasikan"),
        "note": "Koordinasikan dengan Bidang Statistik.",
        "deadline": (timezone.localdate() + dt.timedelta(days=3)).isoformat(),
        "submit_key": "d-1",
    }
    answer = client.post(f"/surat/masuk/{incoming.pk}/disposisi/", data)
    assert answer.status_code == 302
    client.post(f"/surat/masuk/{incoming.pk}/disposisi/", data)  # a double click: one set
    assert Disposition.objects.count() == 2
    client.force_login(office.kabid)
    page = client.get("/surat/?tampil=tindak-lanjut").content.decode()
    assert "Perlu ditindaklanjuti (1)" in page and "Koordinasikan" in page
    page = client.get(incoming.get_absolute_url()).content.decode()
    assert "Selesaikan dengan laporan" in page
    kabid_d = Disposition.objects.get(recipient=office.kabid)
    answer = client.post(f"/surat/disposisi/{kabid_d.pk}/selesai/", {"report": ""})
    assert answer.status_code == 400 and "Tulis laporan" in answer.content.decode()
    answer = client.post(
        f"/surat/disposisi/{kabid_d.pk}/selesai/",
        {"report": "Data sudah dikirim.", "report_file": scan("laporan.png")},
    )
    assert answer.status_code == 302
    kabid_d.refresh_from_db()
    assert kabid_d.is_closed and kabid_d.report_name == "laporan.png"
    assert client.get(f"/surat/disposisi/{kabid_d.pk}/laporan/").status_code == 200


@pytest.mark.parametrize(
    ("who", "recipients", "status", "message"),
    [
        ("head", ["head"], 400, "diri sendiri"),
        ("head", [], 400, "Pilih paling sedikit satu penerima"),
        ("kasi", ["drafter"], 404, ""),  # not on the tree: it does not exist for them
        ("clerk", ["kabid"], 403, ""),
    ],
)
def test_bad_dispositions_are_a_4xx(client, office, who, recipients, status, message):
    incoming = register(office)
    client.force_login(getattr(office, who))
    data = {
        "recipients": [getattr(office, r).nip for r in recipients],
        "instructions": instruction_ids(),
    }
    answer = client.post(f"/surat/masuk/{incoming.pk}/disposisi/", data)
    assert answer.status_code == status
    assert message in answer.content.decode()
    assert not Disposition.objects.exists()


def test_a_stranger_gets_a_404_everywhere(client, office, other_office):
    incoming = register(office)
    (kabid_d,) = dispose(office.head, incoming, [office.kabid])
    client.force_login(other_office.head)
    for url in [
        incoming.get_absolute_url(),
        f"/surat/masuk/{incoming.pk}/pindaian/",
        f"/surat/masuk/{incoming.pk}/lembar-disposisi/",
    ]:
        assert client.get(url).status_code == 404
    assert client.post(f"/surat/disposisi/{kabid_d.pk}/tarik/").status_code == 404


def test_withdrawing_on_the_page(client, office):
    incoming = register(office)
    (kabid_d,) = dispose(office.head, incoming, [office.kabid])
    client.force_login(office.head)
    assert "Tarik disposisi kepada" in client.get(incoming.get_absolute_url()).content.decode()
    assert client.post(f"/surat/disposisi/{kabid_d.pk}/tarik/").status_code == 302
    kabid_d.refresh_from_db()
    assert kabid_d.is_withdrawn


def test_the_queue_and_register_pages_cost_the_same_with_more_rows(
    client, office, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def more(n):
        for i in range(n):
            incoming = register(office, sender_number=f"X/{IncomingLetter.objects.count()}/{i}")
            dispose(office.head, incoming, [office.kabid])

    more(1)
    register(office, sender_number="Y/0")  # one row on every page to begin with
    pages = ["/surat/?tampil=tindak-lanjut", "/surat/?tampil=disposisi", "/surat/masuk/"]
    users = [office.kabid, office.head, office.clerk]
    costs = []
    for user, url in zip(users, pages, strict=True):
        client.force_login(user)
        cache.clear()  # the menu's counts cold both times
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        costs.append(len(queries))
    more(4)
    register(office, sender_number="Y/1")
    for user, url, cost in zip(users, pages, costs, strict=True):
        client.force_login(user)
        cache.clear()
        with django_assert_max_num_queries(cost):
            assert client.get(url).status_code == 200


def test_the_disposition_sheet_is_a_pdf_of_the_tree_as_it_is(client, office, tmp_path):
    incoming = register(office)
    (kabid_d,) = dispose(office.head, incoming, [office.kabid])
    dispose(office.kabid, incoming, [office.kasi], parent=kabid_d)
    client.force_login(office.kabid)
    answer = client.get(f"/surat/masuk/{incoming.pk}/lembar-disposisi/")
    assert answer.status_code == 200 and answer["Content-Type"] == "application/pdf"
    pdf = b"".join(answer.streaming_content) if answer.streaming else answer.content
    assert pdf.startswith(b"%PDF-")
    path = tmp_path / "lembar.pdf"
    path.write_bytes(pdf)
    if shutil.which("pdftotext"):
        text = subprocess.run(  # noqa: S603
            ["pdftotext", "-layout", str(path), "-"],  # noqa: S607
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert "LEMBAR DISPOSISI" in text and incoming.agenda_number in text
        assert office.kasi.full_name in text and "1.1." in text
