"""Structure every civil-registration page must keep for screen readers (WCAG 2.2): one h1,
headings that do not skip levels, unique ids, a label for every input, no inline styles or
scripts (the CSP forbids them)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from balaikota.civil_registry import services

from .factories import approve_now
from .test_views_citizen import complete_draft, submitted, url

pytestmark = pytest.mark.django_db

HEADING = re.compile(r"<h([1-6])[\s>]")
INPUT = re.compile(r"<(input|select|textarea)\b([^>]*)>")


def main_of(html: str) -> str:
    return html[html.index("<main") : html.index("</main>")]


def assert_accessible(html: str, where: str) -> None:
    main = main_of(html)
    levels = [int(level) for level in HEADING.findall(main)]
    assert levels and levels[0] == 1 and levels.count(1) == 1, (where, levels)
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, (where, "heading skips a level", levels)
    ids = Counter(re.findall(r'\sid="([^"]+)"', html))
    assert [i for i, n in ids.items() if n > 1] == [], where
    for _tag, attrs in INPUT.findall(main):
        if 'type="hidden"' in attrs or 'type="submit"' in attrs:
            continue
        found = re.search(r'\sid="([^"]+)"', attrs)
        assert found, (where, attrs)
        assert f'for="{found.group(1)}"' in main or "aria-label" in attrs, (where, attrs)
    assert "style=" not in main and "<script>" not in main, where


def test_citizen_pages(client, citizen, family, service_types, officer):
    client.force_login(citizen)
    application = complete_draft(citizen, family)
    pages = [
        url("home"),
        url("apply", "akta-kelahiran"),
        url("step", application.pk, 1),
        url("step", application.pk, 2),
        url("step", application.pk, 3),
        url("documents", application.pk),
        url("review", application.pk),
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 200, page
        assert_accessible(response.content.decode(), page)
    done = submitted(citizen, family, child_name="Anak Kedua")
    services.application_claim(application=done, officer=officer)
    services.application_request_correction(
        application=done, officer=officer, items=[{"requirement": "kk", "reason": "Buram."}]
    )
    for page in (
        url("receipt", done.pk),
        url("application_detail", done.pk),
        url("correction", done.pk),
        url("track"),
    ):
        response = client.get(page)
        assert response.status_code == 200, page
        assert_accessible(response.content.decode(), page)


def test_officer_and_signer_pages(client, citizen, family, service_types, officer, signer):
    application = submitted(citizen, family)
    client.force_login(officer)
    for page in (url("queue"), url("assisted_intake")):
        assert_accessible(client.get(page).content.decode(), page)
    services.application_claim(application=application, officer=officer)
    page = url("officer_review", application.pk)
    assert_accessible(client.get(page).content.decode(), page)
    approve_now(application=application, officer=officer)
    client.force_login(signer)
    for page in (url("sign_list"), url("sign", application.pk)):
        assert_accessible(client.get(page).content.decode(), page)


def test_invalid_step_links_each_error_to_its_field(client, citizen, family, service_types):
    client.force_login(citizen)
    application = complete_draft(citizen, family)
    response = client.post(
        url("step", application.pk, 1),
        {"version": application.version, "action": "next", "child_name": "", "child_sex": ""},
    )
    html = response.content.decode()
    assert response.status_code == 400
    for target in re.findall(r'<li><a href="#([^"]+)"', html):
        assert f'id="{target}"' in html
    assert_accessible(html, "invalid step")
