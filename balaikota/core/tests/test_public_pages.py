"""Contact, the privacy notice (UU PDP) and the accessibility statement: linked from every
page's footer, readable without signing in, in Indonesian and English."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/kontak/", ["Bantuan platform", "balaikota-digital@semarangkota.go.id", "Senin–Jumat"]),
        (
            "/privasi/",
            [
                "Undang-Undang Nomor 27 Tahun 2022",
                "Data yang kami proses",
                "Hak Anda",
                "log akses",
                "pelindungandata@semarangkota.go.id",
            ],
        ),
        ("/aksesibilitas/", ["WCAG 2.1 tingkat AA", "360 piksel", "Keterbatasan"]),
    ],
)
def test_the_pages_say_what_a_citizen_needs(client, path, expected):
    response = client.get(path)
    page = response.content.decode()
    assert response.status_code == 200
    for text in expected:
        assert text in page


def test_every_page_links_them_in_the_footer(client, alice):
    for who in (None, alice):
        if who:
            client.force_login(who)
        page = client.get("/").content.decode()
        for path in ("/kontak/", "/privasi/", "/aksesibilitas/"):
            assert f'href="{path}"' in page


def test_the_addresses_come_from_settings(client, settings):
    settings.BALAIKOTA_DPO_EMAIL = "ppdp@kotacontoh.go.id"
    settings.BALAIKOTA_CONTACT_PHONE = "(024) 123-4567"
    assert "ppdp@kotacontoh.go.id" in client.get("/privasi/").content.decode()
    assert 'href="tel:0241234567"' in client.get("/kontak/").content.decode()


def test_in_english(client):
    client.cookies["django_language"] = "en"
    page = client.get("/privasi/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Privacy notice" in page and "Your rights" in page
