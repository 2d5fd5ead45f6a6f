"""Every public page passes axe-core with zero violations, on a 360-px phone and on a desktop."""

from __future__ import annotations

import pytest
from django.urls import reverse

from balaikota.complaints.tests.factories import filed
from balaikota.satisfaction.tests.factories import answered, invitation_for
from balaikota.testing.browser import (
    DEFAULT_TIMEOUT_MS,
    assert_accessible,
    axe_violations,
    shot,
)
from balaikota.transparency.services import statistics_refresh

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": {"width": 360, "height": 740}, "desktop": {"width": 1280, "height": 900}}


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_public_pages_have_no_axe_violations(browser, live_server, full_catalogue, alice, viewport):
    from balaikota.catalogue.models import PublicService

    service = PublicService.objects.get(slug="akta-kelahiran")
    complaint = filed(user=alice, service=service, title="Antrean loket terlalu panjang").complaint
    answered(invitation_for(service, source_id=1), 3)
    invitation = invitation_for(service, source_id=2)
    statistics_refresh()
    pages = [
        "/",
        "/layanan/",
        "/layanan/?q=akte+lahir",
        "/layanan/?q=skck",
        "/layanan/akta-kelahiran/",
        "/layanan/akta-kelahiran/versi/",
        "/layanan/akta-kelahiran/versi/1/",
        "/layanan/persetujuan-bangunan-gedung/",
        "/layanan/peristiwa/kelahiran/",
        f"/layanan/opd/{service.opd.code}/",
        "/pengaduan/",
        "/pengaduan/baru/",
        complaint.get_absolute_url(),
        "/ikm/",
        f"/ikm/{service.opd.code}/",
        f"/survei/{invitation.token}/",
        "/transparansi/",
        "/luring/",
        "/kontak/",
        "/privasi/",
        "/aksesibilitas/",
        "/verifikasi/",
        reverse("civil_registry_public:track"),
        "/api/dokumentasi/",
    ]
    context = browser.new_context(
        base_url=live_server.url, viewport=VIEWPORTS[viewport], locale="id-ID"
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    failures = []
    try:
        for url in pages:
            page.goto(url)
            if url == "/api/dokumentasi/":
                # Swagger UI draws the operations from its script: check what the reader sees.
                page.wait_for_selector(".opblock-summary")
            shot(page, f"a11y-{viewport}-" + (url.strip("/").replace("/", "_") or "home")[:60])
            try:
                assert_accessible(page)
            except AssertionError as exc:
                failures.append(str(exc))
    finally:
        context.close()
    assert failures == [], "\n".join(failures)


def test_the_api_documentation_opened_and_tried_has_no_axe_violations(browser, live_server, db):
    """Swagger UI draws most of its page only when a developer opens an operation, presses
    "Try it out" and runs it: those states pass too, not just the first paint."""
    context = browser.new_context(base_url=live_server.url, viewport=VIEWPORTS["desktop"])
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    page = context.new_page()
    try:
        page.goto("/api/dokumentasi/")
        page.wait_for_selector(".opblock-summary")
        assert page.locator(".opblock-summary-control").count() > 20
        # One operation of each kind: a list with query filters, a read by key, a form sent as
        # JSON, one that needs the app's token and one whose filters are choices.
        for operation_id in (
            "v1_layanan_list",
            "v1_pengaduan_create",
            "v1_kependudukan_applications_list",
            "v1_survei_retrieve",
            "v1_ikm_retrieve",
        ):
            page.locator(f"[id$='-{operation_id}'] .opblock-summary-control").click()
        for button in page.locator("button.try-out__btn").all():
            button.click()
        assert page.locator("tr[data-param-name] select").count() > 0
        assert page.locator(".body-param textarea").count() > 0
        page.locator("button.execute").first.click()
        page.wait_for_selector(".live-responses-table")
        assert_accessible(page)
    finally:
        context.close()


def test_the_check_itself_finds_what_is_wrong(page):
    page.set_content("<html><body><img src='x.png'><a href='#'></a></body></html>")
    found = {v["id"] for v in axe_violations(page)}
    assert {"image-alt", "link-name", "html-has-lang"} <= found
