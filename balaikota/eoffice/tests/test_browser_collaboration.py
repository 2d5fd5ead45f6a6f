"""On a 360-px phone: the addressee of a signed letter writes in its conversation, mentioning
the drafter through the suggestions (HTMX, no page reload) → the drafter sees the notification
and opens the comment → the drafter searches a word of the letter's body and finds it.

Set BALAIKOTA_SCREENSHOTS=<folder> to keep a PNG of every page visited."""

from __future__ import annotations

import pytest

from balaikota.testing.browser import (
    assert_accessible,
    assert_fits_the_phone,
    shot,
    signed_in,
)

from .conftest import build_office, sent

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _look(page, name: str) -> None:
    assert_fits_the_phone(page)
    assert_accessible(page)
    shot(page, f"eoffice-{name}")


def test_a_mention_in_the_conversation_then_search(browser, live_server):
    from balaikota.eoffice.services import reference_load

    reference_load()
    office = build_office()
    letter = sent(
        office,
        subject="Permohonan data pengguna aplikasi",
        body="<p>Mohon dikirimkan rekapitulasi pengguna aplikasi Lapor Semar bulan November.</p>",
    )

    with signed_in(browser, live_server, office.colleague) as phone:
        phone.goto(f"/surat/{letter.pk}/")
        box = phone.get_by_label("Komentar")
        box.press_sequentially("Datanya saya kirim Jumat, @Ratn", delay=20)
        phone.get_by_role("button", name="Ratna Puspitasari").click()
        assert box.input_value() == f"Datanya saya kirim Jumat, @{office.drafter.nip} "
        box.press_sequentially("mohon dicek.")
        phone.evaluate("window.notReloaded = true")
        phone.get_by_role("button", name="Kirim komentar").click()
        conversation = phone.get_by_role("region", name="Percakapan")
        conversation.get_by_text("@Ratna Puspitasari").wait_for()
        assert phone.evaluate("window.notReloaded") is True  # HTMX: the page stayed
        assert box.input_value() == ""  # a fresh form (a new submit key)
        conversation.scroll_into_view_if_needed()
        _look(phone, "conversation")

    with signed_in(browser, live_server, office.drafter) as phone:
        phone.goto("/notifikasi/")
        phone.get_by_role(
            "link", name="Dewi Anggraini menyebut Anda dalam percakapan naskah"
        ).click()
        phone.get_by_role("region", name="Percakapan").get_by_text("mohon dicek.").wait_for()
        phone.goto("/surat/cari/")
        phone.get_by_label("Kata kunci").fill("rekapitulasi")
        phone.get_by_role("button", name="Cari", exact=True).click()
        result = phone.get_by_role("link", name="Permohonan data pengguna aplikasi")
        result.wait_for()
        assert "q=rekapitulasi" in phone.url  # a bookmarkable address
        _look(phone, "search")
        phone.get_by_text("Saring lebih lanjut").click()
        phone.get_by_label("Status").select_option(label="Terkirim")
        phone.get_by_label("Kata kunci").fill("pengguna aplikasi")
        phone.get_by_role("button", name="Cari", exact=True).click()
        phone.locator("mark", has_text="pengguna").wait_for()  # the words marked in the subject
        _look(phone, "search-filters")
        phone.get_by_role("link", name="Permohonan data pengguna aplikasi").click()
        phone.get_by_role("heading", level=1, name="Permohonan data pengguna aplikasi").wait_for()
