"""The installable web app: manifest, service worker, the offline page, and what may be kept."""

import json

import pytest

pytestmark = pytest.mark.django_db


def test_the_manifest_makes_the_portal_installable(client):
    response = client.get("/manifest.webmanifest")
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["display"] == "standalone" and manifest["start_url"] == "/layanan/"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        assert client.get(icon["src"]).status_code == 200


def test_the_service_worker_is_served_at_the_root_fresh_and_names_its_assets(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert response["Cache-Control"] == "no-cache"
    assert "/luring/" in response.text and "bootstrap.min.css" in response.text
    assert "X-Offline-Cacheable" in response.text


def test_only_pages_for_visitors_who_are_not_signed_in_may_be_kept(client, alice):
    assert client.get("/layanan/")["X-Offline-Cacheable"] == "1"
    assert client.get("/luring/").status_code == 200
    client.force_login(alice)
    assert "X-Offline-Cacheable" not in client.get("/layanan/")
    assert "X-Offline-Cacheable" not in client.get("/sw.js")


def test_an_address_no_api_view_answers_gets_the_json_error_body(client):
    response = client.get("/api/v1/layanan/%C2%84/")
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    page = client.get("/tidak-ada/")
    assert page.status_code == 404 and page["Content-Type"].startswith("text/html")
