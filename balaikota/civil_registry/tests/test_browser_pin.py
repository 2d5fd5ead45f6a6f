"""A citizen who lost the PIN, on a 360-px phone: "Lupa PIN?" on the tracking page, the link
from the e-mail, a new PIN, and tracking with it.

Set BALAIKOTA_SCREENSHOTS=<folder> to keep a PNG of every page visited."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from balaikota.testing.browser import shot

from .test_browser_journey import assert_fits_the_phone, signed_in
from .test_views_citizen import submitted

pytestmark = pytest.mark.browser


def test_lupa_pin_from_the_tracking_page_to_a_new_pin(
    browser, live_server, citizen, family, service_types
):
    application = submitted(citizen, family)
    number = application.tracking_number
    mail.outbox.clear()
    with signed_in(browser, live_server, None) as phone:
        phone.goto("/lacak/")
        phone.get_by_role("link", name="Lupa PIN?").click()
        phone.get_by_role("heading", name="Lupa PIN").wait_for()
        assert_fits_the_phone(phone)
        shot(phone, "pin-forgot")
        phone.get_by_label("Nomor lacak").fill(number)
        phone.get_by_role("button", name="Kirim tautan PIN baru").click()
        phone.get_by_text("Jika nomor lacak itu terdaftar").wait_for()
        assert_fits_the_phone(phone)
        shot(phone, "pin-forgot-sent")

        [message] = mail.outbox
        link = re.search(r"(/lacak/pin-baru/[^/\s]+/)", message.body).group(1)
        phone.goto(link)
        phone.get_by_text(f"Buat PIN baru untuk permohonan {number}").wait_for()
        assert_fits_the_phone(phone)
        shot(phone, "pin-new-confirm")
        phone.get_by_role("button", name="Buat PIN baru").click()
        pin = phone.locator("#pin").inner_text().strip()
        assert re.fullmatch(r"\d{6}", pin)
        assert_fits_the_phone(phone)
        shot(phone, "pin-new-made")

        phone.locator("main").get_by_role("link", name="Lacak permohonan").click()
        assert phone.get_by_label("Nomor lacak").input_value() == number
        phone.get_by_label("PIN").fill(pin)
        phone.get_by_role("button", name="Lacak").click()
        phone.get_by_role("heading", name=re.compile(number)).wait_for()
        assert_fits_the_phone(phone)


def test_the_applicant_makes_a_new_pin_from_the_receipt(
    browser, live_server, citizen, family, service_types
):
    application = submitted(citizen, family)
    with signed_in(browser, live_server, citizen) as phone:
        phone.goto(f"/kependudukan/permohonan/{application.pk}/tanda-terima/")
        phone.get_by_role("button", name="Buat PIN baru").click()
        phone.get_by_text("PIN baru dibuat. PIN lama tidak berlaku lagi.").wait_for()
        assert re.fullmatch(r"\d{6}", phone.locator("#pin").inner_text().strip())
        assert_fits_the_phone(phone)
        shot(phone, "receipt-new-pin")
