"""{% memo %}: the page chrome is rendered once per process and key; the menu still differs per
person, page and language, and the unread count shows as it changes."""

from __future__ import annotations

import pytest
from django.template import Context, Template
from django.utils import translation

from balaikota.accounts.models import Role


def test_a_fragment_is_rendered_once_per_key():
    page = Template("{% load ui %}{% memo key %}{{ value }}{% endmemo %}")
    assert page.render(Context({"key": "a", "value": "satu"})) == "satu"
    assert page.render(Context({"key": "a", "value": "dua"})) == "satu"  # the key decides
    assert page.render(Context({"key": "b", "value": "dua"})) == "dua"


def test_the_language_is_part_of_the_key():
    page = Template('{% load ui i18n %}{% memo "x" %}{% translate "Kontak" %}{% endmemo %}')
    with translation.override("id"):
        assert page.render(Context()) == "Kontak"
    with translation.override("en"):
        assert page.render(Context()) == "Contact"


@pytest.mark.django_db
def test_the_menu_is_each_persons_own(client, alice, staff_with_role):
    client.force_login(alice)
    citizen_page = client.get("/").content.decode()
    officer = staff_with_role(Role.SERVICE_OFFICER)
    client.force_login(officer)
    officer_page = client.get("/kependudukan/petugas/").content.decode()
    assert "Antrean kerja" in officer_page and "Antrean kerja" not in citizen_page
    assert 'aria-current="page">Antrean kerja' in officer_page
    client.force_login(alice)
    assert client.get("/").content.decode().count('aria-current="page"') == citizen_page.count(
        'aria-current="page"'
    )
