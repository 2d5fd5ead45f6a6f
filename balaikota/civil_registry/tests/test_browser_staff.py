"""Staff pages on a 360-px phone: the home page with long role names does not scroll sideways,
and each role reaches its work from the menu by tapping it (the signing official's "Tanda
tangan" included).

Set BALAIKOTA_SCREENSHOTS=<folder> to keep a PNG of every page visited."""

from __future__ import annotations

import pytest

from balaikota.testing.browser import shot

from .test_browser_journey import assert_fits_the_phone, signed_in

pytestmark = pytest.mark.browser

WORK = {  # role → (menu entry, heading of the page it opens)
    "service_officer": ("Antrean kerja", "Antrean"),
    "verifier": ("Verifikasi", "Menunggu verifikasi"),
    "signing_official": ("Tanda tangan", "Dokumen menunggu tanda tangan"),
}


@pytest.mark.parametrize("role", sorted(WORK))
def test_a_staff_member_reaches_their_work_from_the_menu(
    browser, live_server, staff_with_role, service_types, opd, role
):
    opd.name = "Dinas Kependudukan dan Pencatatan Sipil Kota Semarang"  # a long badge
    opd.save(update_fields=["name"])
    person = staff_with_role(role)
    entry, heading = WORK[role]
    with signed_in(browser, live_server, person) as phone:
        phone.goto("/")
        phone.get_by_role("heading", level=1).filter(has_text="Selamat datang").wait_for()
        assert_fits_the_phone(phone)
        shot(phone, f"home-{role}")
        phone.locator(".navbar-toggler").tap()
        phone.get_by_role("navigation", name="Navigasi utama").get_by_role(
            "link", name=entry, exact=True
        ).tap()
        phone.get_by_role("heading", level=1).filter(has_text=heading).wait_for()
        assert_fits_the_phone(phone)
        shot(phone, f"work-{role}")
