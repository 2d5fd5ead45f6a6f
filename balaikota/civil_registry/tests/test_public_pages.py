"""What a visitor who is not signed in can find: the catalogue, tracking and verification in
the menu, the footer and the landing page; "Ajukan daring" on a service that takes online
applications, leading through sign-in to the form."""

from __future__ import annotations

import re

import pytest

from balaikota.catalogue import services as catalogue_services
from balaikota.civil_registry.services import service_types_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked_services(opd, settings):
    settings.CIVIL_REGISTRY_OFFICE_CODE = opd.code
    catalogue_services.service_catalogue_load(opd=opd)
    service_types_load()  # linked to their catalogue entries


def _menu(html: str) -> str:
    return html.split('id="menu-utama"', 1)[1].split("</nav>", 1)[0]


def _footer(html: str) -> str:
    return html.split("<footer", 1)[1]


def test_a_visitor_finds_the_catalogue_tracking_and_verification(client):
    html = client.get("/").content.decode()
    for part in (_menu(html), _footer(html), html.split("<main", 1)[1]):
        for href in ('href="/layanan/"', 'href="/lacak/"', 'href="/verifikasi/"'):
            assert href in part


def test_signed_in_the_menu_keeps_the_catalogue_and_the_footer_keeps_all(client, citizen):
    client.force_login(citizen)
    html = client.get("/").content.decode()
    menu = _menu(html)
    assert 'href="/layanan/"' in menu and 'href="/lacak/"' not in menu  # own applications instead
    assert 'href="/lacak/"' in _footer(html) and 'href="/verifikasi/"' in _footer(html)


def test_an_online_service_page_offers_ajukan_daring_through_sign_in(client, linked_services):
    html = client.get("/layanan/akta-kelahiran/").content.decode()
    link = re.search(r'<a class="btn btn-brand btn-lg" href="([^"]+)">Ajukan daring</a>', html)
    assert link and link.group(1) == "/kependudukan/ajukan/akta-kelahiran/"
    assert "Masuk atau daftar sebagai warga dulu" in html
    response = client.get(link.group(1))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=/kependudukan/ajukan/")


def test_a_service_without_online_applications_has_no_button(client, linked_services):
    from balaikota.catalogue.models import PublicService

    service = PublicService.objects.filter(is_online=False).first()
    assert service is not None
    html = client.get(service.get_absolute_url()).content.decode()
    assert "Ajukan daring" not in html
