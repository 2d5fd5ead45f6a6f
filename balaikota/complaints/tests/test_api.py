"""Complaints through the mobile app's API: the same rules as the web."""

import pytest

from balaikota.catalogue.tests.factories import PublicServiceFactory
from balaikota.complaints.models import Complaint

from .factories import BODY, category, filed

pytestmark = pytest.mark.django_db


def test_the_app_files_without_an_account_and_reads_it_with_the_key(client, opd):
    service = PublicServiceFactory(opd=opd)
    body = {
        "category": category().slug,
        "service": service.slug,
        "title": "Loket buka terlambat",
        "body": BODY,
    }
    response = client.post("/api/v1/pengaduan/", body, content_type="application/json")
    assert response.status_code == 201
    data = response.json()
    assert data["tracking_number"].startswith("ADU-") and data["access_key"]
    detail = client.get(f"/api/v1/pengaduan/{data['tracking_number']}/")
    assert detail.status_code == 200 and detail.json()["status"] == "submitted"


def test_bad_input_gets_the_error_body_and_nothing_is_kept(client, opd):
    response = client.post(
        "/api/v1/pengaduan/",
        {"category": "tidak-ada", "title": "", "body": ""},
        content_type="application/json",
    )
    assert response.status_code == 400 and response.json()["code"] == "invalid"
    assert {"category", "title", "body"} <= set(response.json()["errors"])
    response = client.post(
        "/api/v1/pengaduan/",
        {
            "category": category().slug,
            "opd": opd.code,
            "title": "Judul yang cukup",
            "body": "pendek",
        },
        content_type="application/json",
    )
    assert response.status_code == 400 and "body" in response.json()["errors"]
    assert Complaint.objects.count() == 0


def test_a_private_complaint_is_404_without_the_key(client, alice, opd):
    complaint = filed(user=alice, opd=opd, is_public=False).complaint
    assert client.get(f"/api/v1/pengaduan/{complaint.tracking_number}/").status_code == 404
    anonymous = filed(opd=opd, is_public=False)
    url = f"/api/v1/pengaduan/{anonymous.complaint.tracking_number}/"
    assert client.get(url, headers={"X-Complaint-Key": anonymous.access_key}).status_code == 200


def test_similar_complaints(client, alice, opd):
    filed(user=alice, opd=opd, title="Antrean perekaman KTP-el sangat panjang")
    found = client.get("/api/v1/pengaduan/mirip/", {"q": "antrean ktp-el panjang sekali"}).json()
    assert found and found[0]["title"].startswith("Antrean")
