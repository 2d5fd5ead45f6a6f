"""On a 360-px phone: the records clerk registers an incoming letter → the head disposes it to
two people → one of them disposes further → all three close theirs → the clerk sees it done.

Set BALAIKOTA_SCREENSHOTS=<folder> to keep a PNG of every page visited."""

from __future__ import annotations

import io

import pytest
from django.utils import timezone

from balaikota.testing.browser import (
    assert_accessible,
    assert_fits_the_phone,
    shot,
    signed_in,
)

from .conftest import build_office

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SUBJECT = "Koordinasi penanganan banjir Kali Tenggang"


def _look(page, name: str) -> None:
    assert_fits_the_phone(page)
    assert_accessible(page)
    shot(page, f"eoffice-incoming-{name}")


def _scan(tmp_path):
    from PIL import Image

    path = tmp_path / "pindaian.png"
    buffer = io.BytesIO()
    Image.new("RGB", (60, 90), "white").save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
    return str(path)


def _open(page, tab: str) -> None:
    page.goto(f"/surat/?tampil={tab}")
    page.get_by_role("link", name=SUBJECT).click()
    page.get_by_role("heading", level=1, name=SUBJECT).wait_for()


def _close(page, report: str) -> None:
    page.get_by_text("Selesaikan dengan laporan").click()
    page.get_by_label("Laporan tindak lanjut").fill(report)
    page.get_by_role("button", name="Kirim laporan dan selesaikan").click()
    page.get_by_text("Disposisi Anda selesai").wait_for()


def test_an_incoming_letter_from_registration_to_done(browser, live_server, tmp_path):
    from balaikota.eoffice.services import reference_load

    reference_load()
    office = build_office()
    today = timezone.localdate().isoformat()

    with signed_in(browser, live_server, office.clerk) as phone:
        phone.goto("/surat/masuk/")
        _look(phone, "register-empty")
        phone.get_by_role("link", name="Catat surat masuk").click()
        phone.get_by_label("Pindaian surat").set_input_files(_scan(tmp_path))
        phone.get_by_label("Pengirim (nama atau jabatan)").fill("Kepala BBWS Pemali Juana")
        phone.get_by_label("Instansi pengirim").fill("BBWS Pemali Juana")
        phone.get_by_label("Nomor surat").fill("PR.02.03-Bb11/512")
        phone.get_by_label("Tanggal surat").fill(today)
        phone.get_by_label("Tanggal diterima").fill(today)
        phone.get_by_label("Hal", exact=True).fill(SUBJECT)
        phone.get_by_label("Klasifikasi arsip").select_option(label="000.1.2 Surat-menyurat")
        phone.get_by_label("Kesegeraan").select_option(label="Segera")
        _look(phone, "form")
        phone.get_by_role("button", name="Simpan dan teruskan").click()
        phone.get_by_text("Surat masuk dicatat dengan nomor agenda").wait_for()
        _look(phone, "registered")

    with signed_in(browser, live_server, office.head) as phone:
        phone.goto("/")
        phone.get_by_text("1 surat masuk menunggu disposisi Anda").wait_for()
        _open(phone, "disposisi")
        phone.get_by_label(office.kabid.full_name, exact=False).check()
        phone.get_by_label(office.colleague.full_name, exact=False).check()
        phone.get_by_label("Koordinasikan").check()
        phone.get_by_label("Catatan (tidak wajib)").fill("Koordinasikan dengan BBWS minggu ini.")
        _look(phone, "dispose")
        phone.get_by_role("button", name="Kirim disposisi").click()
        phone.get_by_text("Disposisi dikirim kepada 2 orang.").wait_for()
        _look(phone, "disposed")

    with signed_in(browser, live_server, office.kabid) as phone:
        phone.goto("/surat/?tampil=tindak-lanjut")
        _look(phone, "to-follow")
        _open(phone, "tindak-lanjut")
        phone.get_by_text("Disposisikan", exact=True).click()
        phone.get_by_label(office.kasi.full_name, exact=False).check()
        phone.get_by_label("Pelajari dan laporkan").check()
        phone.get_by_role("button", name="Kirim disposisi").click()
        phone.get_by_text("Disposisi dikirim kepada 1 orang.").wait_for()
        _look(phone, "disposed-further")

    with signed_in(browser, live_server, office.kasi) as phone:
        _open(phone, "tindak-lanjut")
        _close(phone, "Lokasi sudah ditinjau bersama BBWS.")
        _look(phone, "closed")

    for person, report in (
        (office.kabid, "Sudah dikoordinasikan."),
        (office.colleague, "Data curah hujan dikirim."),
    ):
        with signed_in(browser, live_server, person) as phone:
            _open(phone, "tindak-lanjut")
            _close(phone, report)

    with signed_in(browser, live_server, office.clerk) as phone:
        phone.goto("/surat/masuk/?status=selesai")
        phone.get_by_text("disposisi selesai 3 dari 3").wait_for()
        _look(phone, "register-done")
        phone.get_by_role("link", name=SUBJECT).click()
        tree = phone.get_by_role("region", name="Disposisi")
        assert tree.inner_text().count("Selesai") == 3
        _look(phone, "done")
