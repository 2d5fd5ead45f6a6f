"""Browser-test fixtures: Playwright driving Debian's chromium against pytest-django's live server.

``browser`` is one headless chromium for the whole session; ``page`` is a fresh context per test
with a 360×740 phone viewport, pointed at ``live_server``.
Without chromium the browser tests are skipped locally and fail in CI (``CI`` set), so CI cannot
pass by silently skipping them.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM_PATH = os.environ.get("BALAIKOTA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MISSING_CHROMIUM = "Debian's chromium is not installed: apt-get install -y chromium"
PHONE_VIEWPORT = {"width": 360, "height": 740}
# Slow pages fail in seconds instead of Playwright's default 30 s.
DEFAULT_TIMEOUT_MS = 10_000


def shot(page, name: str) -> None:
    """A full-page screenshot into $BALAIKOTA_SCREENSHOTS (when set), to look at what was built."""
    folder = os.environ.get("BALAIKOTA_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def _unavailable(reason: str):
    """Skip on a developer's machine; fail in CI, where a skipped browser suite hides breakage."""
    if _in_ci():
        pytest.fail(f"{reason} (CI is set, so browser tests may not be skipped)", pytrace=False)
    pytest.skip(reason)


def chromium_executable() -> str | None:
    path = Path(CHROMIUM_PATH)
    if path.is_file() and os.access(path, os.X_OK):
        return str(path)
    return shutil.which("chromium")


@pytest.fixture(scope="session")
def browser() -> Iterator:
    executable = chromium_executable()
    if executable is None:
        _unavailable(MISSING_CHROMIUM)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - playwright is a dev dependency
        _unavailable("Playwright is not installed: pip install -r requirements/lock.txt")

    # Playwright's sync API keeps an asyncio loop running on this thread for as long as it lives,
    # so Django would refuse ORM calls from the test (SynchronousOnlyOperation). The test code is
    # genuinely synchronous; lift the guard exactly while Playwright runs, then restore it.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(
                executable_path=executable, headless=True, args=CHROMIUM_ARGS
            )
            try:
                yield chromium
            finally:
                chromium.close()


@pytest.fixture
def browser_context(browser, live_server) -> Iterator:
    """A fresh, cookie-less phone for each test. Its browser language stays Chromium's en-US on
    purpose: pages must come out in Bahasa Indonesia unless the person picks English."""
    context = browser.new_context(
        base_url=live_server.url,
        viewport=PHONE_VIEWPORT,
        timezone_id="Asia/Jakarta",
        is_mobile=True,
        has_touch=True,
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    try:
        yield context
    finally:
        context.close()


@pytest.fixture
def page(browser_context) -> Iterator:
    page = browser_context.new_page()
    yield page
    page.close()


@pytest.fixture(autouse=True)
def _public_url_is_the_live_server(request):
    """In a browser test the public address (links in e-mails, QR codes) is where the browser
    reaches the platform: the live server."""
    if request.node.get_closest_marker("browser") is None:
        return
    live_server = request.getfixturevalue("live_server")
    request.getfixturevalue("settings").BALAIKOTA_PUBLIC_URL = live_server.url


def assert_fits_the_phone(page) -> None:
    # A click on a link returns once the navigation has started: measure the page it leads to,
    # not a document that is still being parsed (its documentElement can be null).
    page.wait_for_load_state()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE_VIEWPORT["width"], (
        f"{page.url} scrolls sideways on a phone: {width}px wide"
    )


@contextmanager
def signed_in(browser, live_server, user):
    """A phone of its own, signed in as ``user`` (the session cookie of a forced login);
    ``None``: an anonymous visitor."""
    from django.test import Client

    client = Client()
    if user is not None:
        client.force_login(user)
    context = browser.new_context(
        base_url=live_server.url,
        viewport=PHONE_VIEWPORT,
        locale="id-ID",
        timezone_id="Asia/Jakarta",
        is_mobile=True,
        has_touch=True,
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    if user is not None:
        context.add_cookies(
            [
                {
                    "name": "sessionid",
                    "value": client.cookies["sessionid"].value,
                    "url": live_server.url,
                }
            ]
        )
    try:
        yield context.new_page()
    finally:
        context.close()


# --- Accessibility: axe-core 4.14.1 (MPL-2.0, npm), vendored for the tests only ----------------

AXE_SOURCE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the page as it is now (WCAG 2.1 A/AA and best practices)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        # Run through the DevTools protocol, so the page's CSP (no inline script) allows it.
        page.evaluate("() => {" + AXE_SOURCE.read_text() + "\n}")
    return page.evaluate(
        """() => axe.run(document, {resultTypes: ['violations']}).then(result =>
            result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))"""
    )


def assert_accessible(page) -> None:
    page.wait_for_load_state()
    violations = axe_violations(page)
    assert violations == [], f"{page.url}: {violations}"
