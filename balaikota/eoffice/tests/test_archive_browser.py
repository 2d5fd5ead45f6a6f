"""On a 360-px phone: the records clerk finds a letter due in the retention report → proposes it
for destruction → approves as records unit; the head of the OPD sees it waiting and approves;
the clerk executes it and downloads the berita acara pemusnahan.

Set BALAIKOTA_SCREENSHOTS=<folder> to keep a PNG of every page visited."""

from __future__ import annotations

import pytest

from balaikota.testing.browser import assert_accessible, assert_fits_the_phone, shot, signed_in

from .conftest import build_office
from .test_archive import old_letter

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _look(page, name: str, *, ours: bool = True) -> None:
    assert_fits_the_phone(page)
    if ours:
        assert_accessible(page)
    shot(page, f"eoffice-archive-{name}")


def test_from_the_retention_report_to_the_berita_acara(browser, live_server):
    from balaikota.eoffice.services import reference_load

    reference_load()
    office = build_office()
    letter = old_letter(office, 2018)
    old_letter(office, 2019, code="000.5", subject="Rencana kerja tahunan bidang statistik")

    held = old_letter(office, 2017, subject="Pengadaan perangkat jaringan tahun 2017")

    with signed_in(browser, live_server, office.clerk) as phone:
        phone.goto("/surat/arsip/")
        phone.get_by_text("Serahkan ke lembaga kearsipan").wait_for()
        phone.get_by_role("link", name=f"Tahan {held.number}").click()
        phone.get_by_label("Alasan").fill("Pemeriksaan Inspektorat atas pengadaan 2017")
        _look(phone, "legal-hold")
        phone.get_by_role("button", name="Tahan arsip").click()
        phone.get_by_text("Arsip ditahan").wait_for()
        phone.get_by_text("Ditahan — tidak dimusnahkan").wait_for()
        assert phone.get_by_label(f"Usulkan musnah: {held.number}").count() == 0
        _look(phone, "report")
        phone.get_by_label(f"Usulkan musnah: {letter.number}").check()
        phone.get_by_role("button", name="Buat usul musnah dari yang dipilih").click()
        phone.get_by_text("Konsep usul musnah tersimpan.").wait_for()
        _look(phone, "proposal-draft")
        phone.get_by_role("button", name="Ajukan usul musnah").click()
        phone.get_by_text("Usul musnah diajukan").wait_for()
        phone.get_by_role("button", name="Setujui sebagai unit kearsipan").click()
        phone.get_by_text("menunggu persetujuan kepala OPD").first.wait_for()
        _look(phone, "proposal-records-approved")

    with signed_in(browser, live_server, office.head) as phone:
        phone.goto("/")
        phone.get_by_text("1 usul musnah arsip menunggu persetujuan Anda").wait_for()
        phone.goto("/surat/arsip/usul/")
        _look(phone, "proposals")
        phone.get_by_role("link", name="Usul musnah Diskominfo: 1 arsip").click()
        phone.get_by_role("button", name="Setujui sebagai kepala OPD").wait_for()
        _look(phone, "proposal-for-head")
        phone.get_by_role("button", name="Setujui sebagai kepala OPD").click()
        phone.get_by_text("pemusnahan dapat dilaksanakan").wait_for()

    with signed_in(browser, live_server, office.clerk) as phone:
        phone.goto("/surat/arsip/usul/")
        phone.get_by_role("link", name="Usul musnah Diskominfo: 1 arsip").click()
        phone.get_by_role("button", name="Musnahkan dan tandatangani berita acara").wait_for()
        _look(phone, "proposal-to-execute")
        phone.get_by_role("button", name="Musnahkan dan tandatangani berita acara").click()
        phone.get_by_text("berita acara pemusnahan ditandatangani").wait_for()
        _look(phone, "executed")
        with phone.expect_download() as download:
            phone.get_by_role("link", name="Unduh berita acara pemusnahan").click()
        assert download.value.suggested_filename.endswith(".pdf")
