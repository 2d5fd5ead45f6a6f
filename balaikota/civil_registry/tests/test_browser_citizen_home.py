"""The citizen's home on a 360-px phone: what needs them comes first, the menu counts unread
notifications, and the follow-up family-card application explains itself."""

from __future__ import annotations

import pytest

from balaikota.testing.browser import shot

from .test_browser_journey import assert_fits_the_phone, signed_in
from .test_citizen_home import _correction_requested

pytestmark = pytest.mark.browser


def test_a_correction_waits_first_on_the_home_page(
    browser, live_server, citizen, family, service_types, officer
):
    application = _correction_requested(citizen, family, officer)
    with signed_in(browser, live_server, citizen) as warga:
        warga.goto("/")
        section = warga.get_by_role("region", name="Perlu tindakan Anda")
        section.get_by_text(f"{application.tracking_number} perlu diperbaiki").wait_for()
        assert_fits_the_phone(warga)
        shot(warga, "citizen-home-actions")
        warga.locator(".navbar-toggler").tap()
        badge = warga.locator("#menu-utama .badge")
        assert badge.first.inner_text().strip().startswith(("1", "2", "3"))
        warga.get_by_role("link", name="Lihat yang perlu diperbaiki").click()
        warga.wait_for_url(f"**/kependudukan/permohonan/{application.pk}/")
        warga.get_by_text("Foto surat keterangan lahir buram").first.wait_for()
        assert_fits_the_phone(warga)
