"""An invited citizen answers the survey on a 360-px phone; the public IKM page shows it.

Set BALAIKOTA_SCREENSHOTS=<folder> to keep a PNG of every page visited."""

from __future__ import annotations

import pytest

from balaikota.catalogue.tests.factories import PublicServiceFactory
from balaikota.satisfaction.demo import satisfaction_demo_seed
from balaikota.testing.browser import shot

from .factories import invitation_for

pytestmark = pytest.mark.browser


def fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360, page.url


def test_an_invited_citizen_answers_and_sees_the_index(page, opd):
    service = PublicServiceFactory(opd=opd, name="Akta Kelahiran")
    satisfaction_demo_seed(per_service=15)
    invitation = invitation_for(service, source_id=10_000)
    page.goto(f"/survei/{invitation.token}/")
    fits(page)
    page.get_by_role("button", name="Kirim jawaban").click()  # nothing chosen yet
    page.get_by_role("heading", name="Ada isian yang perlu diperbaiki:").wait_for()
    shot(page, "survey-errors")
    for number in range(1, 10):
        group = page.get_by_role("group").nth(number - 1)
        group.get_by_role("radio").nth(3 if number != 3 else 1).check()
    page.get_by_label("Saran untuk perbaikan layanan").fill("Antrean pagi masih panjang.")
    shot(page, "survey-filled")
    page.get_by_role("button", name="Kirim jawaban").click()
    page.get_by_role("heading", level=1, name="Terima kasih").wait_for()
    fits(page)
    page.get_by_role("link", name="Lihat indeks kepuasan masyarakat").click()
    page.get_by_role("heading", level=1).filter(has_text="Indeks kepuasan").wait_for()
    fits(page)
    shot(page, "ikm-index")
    page.get_by_role("link", name=opd.name).click()
    page.get_by_role("table").first.wait_for()
    fits(page)
    shot(page, "ikm-opd")
    assert "U9" in page.locator("main").inner_text()
