"""A civil servant looks at the phones signed in to the app on their profile, at 360 px, and
signs a lost one out: two taps (the button, then the confirmation), a message, and the phone's
token stops working."""

from __future__ import annotations

import pytest
from django.test import Client

from balaikota.accounts import services
from balaikota.accounts.models import Device, Role
from balaikota.testing.browser import assert_accessible, assert_fits_the_phone, shot, signed_in

pytestmark = pytest.mark.browser


def test_a_civil_servant_signs_a_lost_phone_out(browser, live_server, staff_with_role):
    ratna = staff_with_role(Role.CIVIL_SERVANT)
    kept = services.device_register(
        user=ratna, name="Android Ratna", address="10.34.12.7", with_mfa=True
    )
    lost = services.device_register(
        user=ratna, name="Tablet lama (hilang)", address="10.34.99.1", with_mfa=True
    )
    services.device_touch(token_row=kept.device.token, device=kept.device, address="10.34.12.8")

    with signed_in(browser, live_server, ratna) as page:
        page.goto("/akun/profil/#perangkat")
        section = page.locator("#perangkat")
        section.get_by_role("heading", name="Perangkat seluler").wait_for()
        devices = section.get_by_test_id("device")
        assert devices.count() == 2
        assert "10.34.12.8" in devices.filter(has_text="Android Ratna").inner_text()
        assert_fits_the_phone(page)
        assert_accessible(page)
        shot(page, "profile-devices")

        row = devices.filter(has_text="Tablet lama (hilang)")
        row.locator("summary").click()  # "Keluarkan": the confirmation opens below
        confirm = row.get_by_role("button", name="Ya, keluarkan")
        confirm.wait_for()
        assert "harus masuk kembali" in row.inner_text()
        # axe measures colours as they are: let the tapped button's 0.15 s colour change end.
        page.wait_for_function("() => document.getAnimations().length === 0")
        assert_fits_the_phone(page)
        assert_accessible(page)
        shot(page, "profile-devices-confirm")
        confirm.click()

        page.get_by_text("Tablet lama (hilang) dikeluarkan.").wait_for()
        assert page.locator("#perangkat").get_by_test_id("device").count() == 1
        assert_fits_the_phone(page)
        assert_accessible(page)
        shot(page, "profile-devices-revoked")

    assert Device.objects.get(name="Tablet lama (hilang)").end_reason == "revoked"
    phone = Client(HTTP_AUTHORIZATION=f"Bearer {lost.token}")
    assert phone.get("/api/v1/akun/perangkat/daftar/").status_code == 401
    still = Client(HTTP_AUTHORIZATION=f"Bearer {kept.token}")
    assert still.get("/api/v1/akun/perangkat/daftar/").status_code == 200
