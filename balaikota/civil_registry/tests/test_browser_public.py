"""A visitor on a 360-px phone, not signed in: from the landing page to a service's standard
and on to "Ajukan daring", which asks them to sign in first.

Set BALAIKOTA_SCREENSHOTS=<folder> to keep a PNG of every page visited."""

from __future__ import annotations

import pytest

from balaikota.catalogue import services as catalogue_services
from balaikota.civil_registry.services import service_types_load
from balaikota.testing.browser import shot

from .test_browser_journey import assert_fits_the_phone, signed_in

pytestmark = pytest.mark.browser


def test_a_visitor_finds_a_service_and_is_led_to_apply(browser, live_server, opd, settings):
    settings.CIVIL_REGISTRY_OFFICE_CODE = opd.code
    catalogue_services.service_catalogue_load(opd=opd)
    service_types_load()
    with signed_in(browser, live_server, None) as phone:
        phone.goto("/")
        assert_fits_the_phone(phone)
        shot(phone, "landing-anonymous")
        phone.get_by_role("link", name="Cari layanan publik").click()
        phone.get_by_role("heading", name="Layanan publik", level=1).wait_for()
        assert_fits_the_phone(phone)
        phone.get_by_role("link", name="Akta Kelahiran", exact=True).click()
        phone.get_by_role("heading", name="Akta Kelahiran", level=1).wait_for()
        assert_fits_the_phone(phone)
        shot(phone, "service-with-apply")
        phone.get_by_role("link", name="Ajukan daring").click()
        phone.get_by_role("heading", level=1).filter(has_text="Masuk").wait_for()
        assert "next=/kependudukan/ajukan/akta-kelahiran/" in phone.url


def test_the_footer_leads_to_contact_privacy_and_accessibility(browser, live_server, db):
    with signed_in(browser, live_server, None) as phone:
        for link, heading, name in [
            ("Kontak", "Kontak", "contact"),
            ("Pemberitahuan privasi", "Pemberitahuan privasi", "privacy"),
            ("Pernyataan aksesibilitas", "Pernyataan aksesibilitas", "accessibility"),
        ]:
            phone.goto("/")
            phone.locator("footer").get_by_role("link", name=link).click()
            phone.get_by_role("heading", name=heading, level=1).wait_for()
            assert_fits_the_phone(phone)
            shot(phone, f"public-{name}")
