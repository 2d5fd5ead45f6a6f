"""The parents' step on a 360-px phone: the mother's NIK is checked in the register as it is
typed — a masked name to confirm, or "not found" and where to type her name.

Set BALAIKOTA_SCREENSHOTS=<folder> to keep a PNG of every page visited."""

from __future__ import annotations

import pytest

from balaikota.testing.browser import shot

from .test_browser_journey import assert_fits_the_phone, signed_in
from .test_register_names import UNKNOWN_MOTHER
from .test_views_citizen import complete_draft

pytestmark = pytest.mark.browser


def test_the_mothers_nik_is_checked_as_it_is_typed(
    browser, live_server, citizen, family, service_types
):
    _kk, _father, mother = family
    application = complete_draft(citizen, family)
    with signed_in(browser, live_server, citizen) as phone:
        for step in range(1, 6):
            phone.goto(f"/kependudukan/permohonan/{application.pk}/langkah/{step}/")
            if phone.locator('input[name="mother_nik"]').count():
                break
        field = phone.get_by_label("NIK ibu (wajib)")
        field.fill("")
        field.press_sequentially(UNKNOWN_MOTHER)
        phone.locator("#cek-mother_nik").get_by_text("tidak ditemukan").wait_for()
        assert_fits_the_phone(phone)
        shot(phone, "nik-check-unknown")
        field.fill("")
        field.press_sequentially(mother.nik)
        phone.locator("#cek-mother_nik").get_by_text("S*** A*****").wait_for()
        shot(phone, "nik-check-found")
