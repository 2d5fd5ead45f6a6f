"""The second level of review on 360-px phones: the officer forwards a checked birth
application, the verifier finds it in "Verifikasi", sends it back once with a reason, and
approves it when the officer forwards it again.

Set BALAIKOTA_SCREENSHOTS=<folder> to keep a PNG of every page visited."""

from __future__ import annotations

import pytest

from balaikota.civil_registry.models import ServiceType, Status
from balaikota.testing.browser import shot

from .test_browser_journey import CRYPTO_TIMEOUT_MS, assert_fits_the_phone, signed_in
from .test_views_officer import claimed

pytestmark = pytest.mark.browser


def test_officer_forwards_and_the_verifier_returns_then_approves(
    browser, live_server, citizen, family, service_types, officer, opd
):
    from balaikota.testing.matrix import People

    ServiceType.objects.filter(code="akta-kelahiran").update(needs_verification=True)
    verifier = People(actor=None, stranger=None, opd=opd, other_opd=None).colleague(role="verifier")
    application = claimed(citizen, family, officer)
    number = application.tracking_number
    with (
        signed_in(browser, live_server, officer) as petugas,
        signed_in(browser, live_server, verifier) as verifikator,
    ):
        petugas.goto(f"/kependudukan/petugas/{application.pk}/")
        petugas.get_by_role("button", name="Teruskan ke verifikator").click()
        petugas.get_by_text("Permohonan diteruskan ke verifikator.").wait_for()

        verifikator.goto("/kependudukan/")
        verifikator.get_by_role("button", name="Menu").or_(
            verifikator.locator(".navbar-toggler")
        ).first.click()
        verifikator.get_by_role("link", name="Verifikasi", exact=True).click()
        verifikator.get_by_role("heading", name="Menunggu verifikasi").wait_for()
        assert_fits_the_phone(verifikator)
        shot(verifikator, "verification-list")
        verifikator.get_by_role("link", name=f"Akta Kelahiran · {number}").click()
        verifikator.get_by_role("heading", name="Verifikasi", level=2).wait_for()
        assert_fits_the_phone(verifikator)
        shot(verifikator, "verification-review")
        verifikator.get_by_label("Alasan pengembalian (dibaca petugas)").fill(
            "Nama rumah sakit pada surat lahir berbeda dengan isian."
        )
        verifikator.get_by_role("button", name="Kembalikan ke petugas").click()
        verifikator.get_by_text("Permohonan dikembalikan ke petugas pemeriksa.").wait_for()

        petugas.goto(f"/kependudukan/petugas/{application.pk}/")
        petugas.get_by_text("Nama rumah sakit pada surat lahir berbeda").first.wait_for()
        petugas.get_by_role("button", name="Teruskan ke verifikator").click()
        petugas.get_by_text("Permohonan diteruskan ke verifikator.").wait_for()

        verifikator.goto(f"/kependudukan/petugas/{application.pk}/")
        verifikator.locator("#judul-verifikasi").wait_for()
        verifikator.locator("form[action$='/verifikasi/']").get_by_role(
            "button", name="Setujui"
        ).click()
        # The approval renders the certificate (PDF) right after it commits: allow for it.
        verifikator.get_by_text("dikirim ke pejabat penandatangan").wait_for(
            timeout=CRYPTO_TIMEOUT_MS
        )
    application.refresh_from_db()
    assert application.status in (Status.APPROVED, Status.AWAITING_SIGNATURE)
