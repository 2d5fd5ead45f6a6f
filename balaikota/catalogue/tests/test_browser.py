"""A visitor on a 360-px phone, not signed in: finds a service the way they would type it,
browses by life event and by OPD, and reaches "Ajukan daring".

Set BALAIKOTA_SCREENSHOTS=<folder> to keep a PNG of every page visited."""

from __future__ import annotations

import pytest

from balaikota.civil_registry.services import service_types_load
from balaikota.testing.browser import shot

pytestmark = pytest.mark.browser


def fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, page.url


def test_akte_lahir_finds_the_birth_certificate_and_leads_to_apply(page, full_catalogue, settings):
    settings.CIVIL_REGISTRY_OFFICE_CODE = "disdukcapil"
    service_types_load()
    page.goto("/layanan/")
    fits(page)
    shot(page, "catalogue-list")
    page.get_by_role("searchbox", name="Cari layanan").fill("akte lahir")
    page.get_by_role("button", name="Cari", exact=True).click()
    first = page.locator("main article h2 a").first
    assert first.inner_text() == "Akta Kelahiran"
    fits(page)
    shot(page, "catalogue-search-akte-lahir")
    first.click()

    page.get_by_role("heading", level=1, name="Akta Kelahiran").wait_for()
    fits(page)
    text = page.locator("main").inner_text()
    assert "Gratis — Gratis" not in text and "nilai bawaan" not in text
    assert page.get_by_role("heading", level=3).count() == 14
    page.get_by_text("tampilkan alamat dan jam layanan").click()
    assert page.get_by_text("Mal Pelayanan Publik Kota Semarang").first.is_visible()
    shot(page, "catalogue-detail-akta-kelahiran")
    page.get_by_role("link", name="Ajukan daring").click()
    page.get_by_role("heading", level=1).filter(has_text="Masuk").wait_for()
    assert "next=/kependudukan/ajukan/akta-kelahiran/" in page.url


def test_a_typing_error_is_corrected_and_a_wrong_door_is_named(page, full_catalogue):
    page.goto("/layanan/?q=kartu+keluraga")
    assert "untuk “keluraga”" in page.locator("main").inner_text()
    assert "Kartu Keluarga" in page.locator("main article h2 a").first.inner_text()
    fits(page)
    shot(page, "catalogue-search-typo")
    page.goto("/layanan/?q=skck")
    page.get_by_text("Tidak ada layanan yang cocok").wait_for()
    assert "Kepolisian" in page.locator("main").inner_text()
    fits(page)
    shot(page, "catalogue-search-nothing")


def test_a_visitor_browses_by_life_event_and_by_opd(page, full_catalogue):
    page.goto("/layanan/")
    page.get_by_role("link", name="Memulai usaha").click()
    page.get_by_role("heading", level=1, name="Memulai usaha").wait_for()
    fits(page)
    shot(page, "catalogue-life-event")
    page.locator("main article h2 a").first.click()
    page.get_by_role("heading", level=1).wait_for()
    page.locator("main p a.link-secondary").first.click()  # the OPD under the title
    page.get_by_role("heading", level=2, name="Maklumat pelayanan").wait_for()
    fits(page)
    shot(page, "catalogue-opd")
    assert page.get_by_role("heading", level=2, name="Tempat layanan").is_visible()


def test_a_service_page_visited_once_reads_offline_with_a_notice(page, full_catalogue):
    page.goto("/layanan/akta-kelahiran/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.goto("/layanan/akta-kelahiran/")  # now through the worker, which keeps it
    page.wait_for_function(
        "caches.keys().then(keys => Promise.all(keys.map(k => caches.open(k).then(c => c.keys()))))"
        ".then(all => all.flat().some(r => r.url.endsWith('/layanan/akta-kelahiran/')))"
    )
    assert not page.locator("#luring").is_visible()
    page.context.set_offline(True)
    try:
        page.reload()
        page.get_by_role("heading", level=1, name="Akta Kelahiran").wait_for()
        assert page.locator("#luring").is_visible()
        fits(page)
        shot(page, "catalogue-offline")
        page.goto("/layanan/akta-kematian/")  # never opened: the offline page
        page.get_by_role("heading", level=1, name="Anda sedang luring").wait_for()
    finally:
        page.context.set_offline(False)


def test_a_visitor_reads_the_standard_in_force_an_older_one_and_complains(page, full_catalogue):
    page.goto("/layanan/akta-kelahiran/")
    footer = page.get_by_text("Standar yang berlaku ditetapkan dengan")
    assert "Nomor 470/0126/2025" in footer.inner_text()
    page.get_by_role("link", name="Lihat 1 versi sebelumnya").click()
    page.get_by_role("heading", level=1, name="Riwayat standar pelayanan Akta Kelahiran").wait_for()
    fits(page)
    shot(page, "catalogue-versions")
    assert page.get_by_text("Berlaku 1 April 2022 sampai 12 Januari 2025.").is_visible()
    page.get_by_role("link", name="Baca versi 1").click()
    notice = page.get_by_role("note")
    assert "tidak berlaku lagi sejak 13 Januari 2025" in notice.inner_text()
    assert page.get_by_text("Surat pengantar RT/RW yang diketahui kelurahan").is_visible()
    fits(page)
    shot(page, "catalogue-version-1")
    page.get_by_role("link", name="Baca standar yang berlaku sekarang").click()
    page.get_by_role("heading", level=1, name="Akta Kelahiran").wait_for()
    assert page.get_by_text("Surat pengantar RT/RW yang diketahui kelurahan").count() == 0

    page.get_by_role("link", name="Adukan layanan ini").click()
    chosen = page.get_by_label("Layanan yang diadukan")
    assert chosen.evaluate("select => select.selectedOptions[0].text") == "Akta Kelahiran"
    fits(page)


def test_a_visitor_switches_a_kept_page_to_english_and_back(page, full_catalogue):
    page.goto("/layanan/akta-kelahiran/")
    page.goto("/layanan/akta-kelahiran/")  # the kept copy
    page.get_by_role("button", name="Buka menu").click()
    page.get_by_role("button", name="Inggris").click()
    page.get_by_role("heading", level=2, name="Service delivery").wait_for()
    assert page.url.endswith("/layanan/akta-kelahiran/")
    fits(page)
    page.get_by_role("button", name="Open menu").click()
    page.get_by_role("button", name="Bahasa Indonesia").click()
    page.get_by_role("heading", level=2, name="Penyampaian pelayanan").wait_for()
