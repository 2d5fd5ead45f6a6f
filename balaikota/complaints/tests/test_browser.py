"""A citizen files a complaint on a 360-px phone, the OPD answers it, the citizen reads the
answer and closes it.

Set BALAIKOTA_SCREENSHOTS=<folder> to keep a PNG of every page visited."""

from __future__ import annotations

import pytest

from balaikota.accounts.models import Role
from balaikota.catalogue.tests.factories import PublicServiceFactory
from balaikota.testing.browser import assert_fits_the_phone, shot, signed_in

from .factories import filed

pytestmark = pytest.mark.browser


def test_a_complaint_is_filed_answered_and_read(
    browser, live_server, alice, bob, opd, staff_with_role
):
    service = PublicServiceFactory(opd=opd, name="Perekaman KTP-el")
    filed(user=bob, opd=opd, service=service, title="Antrean perekaman KTP-el sangat panjang")
    manager = staff_with_role(Role.SERVICE_MANAGER)
    with signed_in(browser, live_server, alice) as phone:
        phone.goto("/pengaduan/")
        assert_fits_the_phone(phone)
        shot(phone, "complaints-list")
        phone.get_by_role("link", name="Buat pengaduan").click()
        phone.get_by_label("Kategori").select_option(label="Pelayanan lambat atau melewati waktu")
        phone.get_by_label("Layanan yang diadukan").select_option(label="Perekaman KTP-el")
        phone.get_by_label("Judul").fill("Antrean KTP-el panjang sekali")
        phone.get_by_label("Apa yang terjadi?").fill(
            "Antrean perekaman KTP-el di kantor kecamatan panjang sekali sejak pagi, "
            "petugas baru datang pukul 10.00."
        )
        phone.get_by_text("Pengaduan serupa yang sudah ada").wait_for()  # typed: similar shown
        assert_fits_the_phone(phone)
        shot(phone, "complaints-new")
        phone.get_by_role("button", name="Kirim pengaduan").click()
        phone.get_by_role("heading", level=1, name="Pengaduan terkirim").wait_for()
        number = phone.locator(".fs-4.fw-semibold").inner_text()
        assert number.startswith("ADU-")
        shot(phone, "complaints-filed")

    with signed_in(browser, live_server, manager) as desk:
        desk.goto("/pengaduan/antrean/")
        desk.get_by_role("link", name="Antrean KTP-el panjang sekali").click()
        desk.get_by_role("button", name="Tangani").click()
        desk.get_by_label("Jawaban untuk publik").fill(
            "Mulai Senin loket perekaman dibuka pukul 07.30 dengan dua petugas tambahan."
        )
        assert_fits_the_phone(desk)
        shot(desk, "complaints-handle")
        desk.get_by_role("button", name="Kirim jawaban").click()
        desk.get_by_role("heading", level=1, name="Antrean pengaduan").wait_for()

    with signed_in(browser, live_server, alice) as phone:
        phone.goto(f"/pengaduan/{number}/")
        phone.get_by_text("Mulai Senin loket perekaman dibuka").wait_for()
        assert_fits_the_phone(phone)
        shot(phone, "complaints-answered")
        phone.get_by_role("button", name="Selesai, saya puas").click()
        phone.get_by_text("Tanggapan Anda tersimpan.").wait_for()
        assert "Selesai" in phone.locator("main .badge").first.inner_text()
