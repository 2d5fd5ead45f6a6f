"""Verifying a phone number on a 360-px phone: the profile → the number → the code from the
SMS → verified, and then WhatsApp can be switched on for notifications."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from balaikota.notifications.models import OutboundMessage
from balaikota.testing.browser import shot
from balaikota.testing.factories import UserFactory

from .test_browser_journeys import assert_fits_the_phone

pytestmark = pytest.mark.browser


def _sign_in(page, live_server, user) -> None:
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def test_a_citizen_verifies_their_phone_and_switches_whatsapp_on(page, live_server):
    user = UserFactory(full_name="Dewi Lestari", phone="")
    _sign_in(page, live_server, user)

    page.goto("/notifikasi/preferensi/")
    assert page.get_by_text("verifikasi nomor ponsel Anda").is_visible()

    page.goto("/akun/profil/")
    assert_fits_the_phone(page)
    page.get_by_role("link", name="Tambahkan dan verifikasi nomor ponsel").click()
    page.get_by_label("Nomor ponsel").fill("0812 345")
    page.get_by_role("button", name="Kirim kode").click()
    page.get_by_text("awali dengan 08").wait_for()
    assert_fits_the_phone(page)
    shot(page, "phone-number-error")

    page.get_by_label("Nomor ponsel").fill("0812-3456-7890")
    page.get_by_label("WhatsApp").check()
    page.get_by_role("button", name="Kirim kode").click()
    page.get_by_role("heading", name="Masukkan kode verifikasi").wait_for()
    assert "0812-3456-7890" in page.locator("main").inner_text()
    assert_fits_the_phone(page)
    shot(page, "phone-code")

    message = OutboundMessage.objects.get(to="+6281234567890", channel="whatsapp")
    code = re.search(r"\b(\d{6})\b", message.body).group(1)
    page.get_by_label("Kode verifikasi").fill(code)
    page.get_by_role("button", name="Verifikasi").click()

    page.get_by_text("terverifikasi. SMS dan WhatsApp kini dapat diaktifkan").wait_for()
    phone = page.get_by_test_id("phone")
    assert "0812-3456-7890" in phone.inner_text() and "Terverifikasi" in phone.inner_text()
    assert_fits_the_phone(page)
    shot(page, "phone-verified")

    page.goto("/notifikasi/preferensi/")
    page.get_by_label("WhatsApp").check()
    page.get_by_role("button", name="Simpan").click()
    page.get_by_text("Preferensi notifikasi disimpan.").wait_for()
    assert page.get_by_label("WhatsApp").is_checked()
