"""Signing up and signing in as a person would, on a 360-px phone in chromium."""

from __future__ import annotations

import re
import time
from urllib.parse import urlsplit

import pytest
from django.core import mail

from balaikota.accounts.models import Role, User
from balaikota.accounts.services import employee_account_provision
from balaikota.testing.factories import make_nip

pytestmark = pytest.mark.browser

PHONE_WIDTH = 360
CONFIRMATION_LINK = re.compile(r"https?://\S+/accounts/confirm-email/[^\s/]+/")


def assert_fits_the_phone(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_WIDTH, f"the page scrolls sideways on a phone: {width}px wide"


def current_totp_code(secret: str) -> str:
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_citizen_signs_up_confirms_their_email_and_sees_their_home(page):
    page.goto("/accounts/signup/")
    assert_fits_the_phone(page)
    page.get_by_label("Nama lengkap").fill("Siti Rahayu")
    page.get_by_label("NIK").fill("3374015705900001")
    page.get_by_label(re.compile(r"e-?mail", re.I)).fill("siti.rahayu@contoh.id")
    page.get_by_label(re.compile(r"^(kata )?sandi$", re.I)).fill("Lumpia-Gang-Lombok-2026")
    page.get_by_label(re.compile(r"sandi.*(lagi|ulang|konfirmasi)", re.I)).fill(
        "Lumpia-Gang-Lombok-2026"
    )
    page.locator("main form").get_by_role("button", name="Daftar").click()

    page.wait_for_url("**/accounts/confirm-email/")
    assert_fits_the_phone(page)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["siti.rahayu@contoh.id"]
    link = CONFIRMATION_LINK.search(message.body)
    assert link, f"no confirmation link in the e-mail:\n{message.body}"

    page.goto(link.group(0))
    assert_fits_the_phone(page)
    page.locator("main form[action*='/accounts/confirm-email/'] [type=submit]").click()

    heading = page.get_by_role("heading", level=1)
    heading.filter(has_text="Selamat datang, Siti").wait_for()
    assert page.evaluate("document.documentElement.lang") == "id"
    assert page.locator("html").get_attribute("lang") == "id"
    assert_fits_the_phone(page)

    citizen = User.objects.get(email="siti.rahayu@contoh.id")
    assert citizen.nik == "3374015705900001"
    assert citizen.full_name == "Siti Rahayu"
    assert citizen.has_role(Role.CITIZEN)
    assert citizen.emailaddress_set.get().verified


def test_civil_servant_signs_in_with_nip_and_an_authenticator_code(page):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    nip = make_nip(7)
    servant = employee_account_provision(
        nip=nip,
        full_name="Budi Hartono",
        email="budi.hartono@semarangkota.go.id",
        password="Tugu-Muda-Semarang-1945",
    )
    secret = generate_totp_secret()
    TOTP.activate(servant, secret)

    page.goto("/accounts/login/")
    page.get_by_label(re.compile(r"NIP")).fill(nip)
    page.get_by_label(re.compile(r"^(kata )?sandi$", re.I)).fill("Tugu-Muda-Semarang-1945")
    page.locator("main form").get_by_role("button", name="Masuk").click()

    page.wait_for_url("**/accounts/2fa/authenticate/")
    assert_fits_the_phone(page)
    code_field = page.get_by_label(re.compile(r"kode", re.I))
    code_field.fill(current_totp_code(secret))
    code_field.press("Enter")

    page.get_by_role("heading", level=1).filter(has_text="Selamat datang, Budi").wait_for()
    assert urlsplit(page.url).path == "/"
    assert_fits_the_phone(page)


def test_first_tab_on_the_home_page_reaches_the_skip_link(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "({text: document.activeElement.textContent.trim(),"
        " href: document.activeElement.getAttribute('href')})"
    )
    assert focused == {"text": "Langsung ke konten utama", "href": "#konten"}
    skip_link = page.get_by_role("link", name="Langsung ke konten utama")
    assert skip_link.is_visible(), "the skip link must become visible when focused"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "konten"
