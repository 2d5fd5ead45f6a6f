"""A visitor finds a service's standard on a 360-px phone without signing in."""

from __future__ import annotations

import pytest

from balaikota.catalogue import services
from balaikota.testing.factories import OpdFactory

pytestmark = pytest.mark.browser


def test_a_visitor_searches_the_catalogue_and_reads_the_birth_certificate_standard(page):
    opd = OpdFactory(code="disdukcapil", name="Dinas Kependudukan dan Pencatatan Sipil")
    services.service_catalogue_load(opd=opd)

    page.goto("/layanan/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    page.get_by_role("searchbox", name="Cari layanan").fill("kelahiran")
    page.get_by_role("button", name="Cari").click()
    page.get_by_role("status").filter(has_text="1 layanan ditemukan").wait_for()
    page.get_by_role("link", name="Akta Kelahiran").click()

    page.get_by_role("heading", level=1, name="Akta Kelahiran").wait_for()
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.get_by_role("heading", level=2, name="Penyampaian pelayanan").is_visible()
    assert page.get_by_role("heading", level=2, name="Pengelolaan pelayanan").is_visible()
    assert page.get_by_role("heading", level=3).count() == 14
    assert "Gratis" in page.locator("main").inner_text()
    assert "F-2.03" in page.locator("main").inner_text()
