"""The inbox on a 360-px phone: a notification is marked read in place (HTMX) and announced."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client

from balaikota.notifications import services

pytestmark = pytest.mark.browser


def test_a_citizen_marks_a_notification_read_without_leaving_the_page(page, live_server, alice):
    citizen = alice  # from conftest: notifications may not import the accounts factories
    notification = services.notify(
        recipient=citizen,
        topic="civil_registry.status_changed",
        title="Akta kelahiran siap diunduh",
        body="Permohonan KLH-2026-000123 telah selesai.",
        url="/kependudukan/",
        channels=[],
    )
    client = Client()
    client.force_login(citizen)
    session = client.cookies[settings.SESSION_COOKIE_NAME]
    host = live_server.url.split("//", 1)[1].split(":", 1)[0]
    page.context.add_cookies(
        [{"name": session.key, "value": session.value, "domain": host, "path": "/"}]
    )

    page.goto("/notifikasi/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    row = page.locator(f"#notifikasi-{notification.pk}")
    assert "Baru" in row.inner_text()
    page.get_by_role(
        "button", name=re.compile(r"^Tandai sudah dibaca\W+Akta kelahiran siap diunduh$")
    ).click()
    page.get_by_role("status").filter(has_text="ditandai sudah dibaca").wait_for(state="attached")
    assert "Baru" not in page.locator(f"#notifikasi-{notification.pk}").inner_text()
    assert "0 notifikasi belum dibaca" in page.locator("main").inner_text()
    assert page.url.endswith("/notifikasi/")
    notification.refresh_from_db()
    assert notification.read_at is not None
