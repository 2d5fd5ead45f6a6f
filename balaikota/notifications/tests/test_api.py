"""The mobile app's inbox: the citizen's own notifications with the app's token, marked read
through the same services as the web inbox (so both show the same unread count)."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from balaikota.notifications import services

pytestmark = pytest.mark.django_db


def make(user, title):
    return services.notify(
        recipient=user, topic="civil_registry.status_changed", title=title, url="/", channels=[]
    )


@pytest.fixture
def app(alice):
    """The citizens' app: a token, no session, CSRF enforced."""
    token = Token.objects.create(user=alice)
    return Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Token {token.key}")


def test_the_app_reads_the_citizen_s_own_notifications_newest_first(app, alice, bob):
    make(alice, "Permohonan diterima")
    make(alice, "Dokumen terbit")
    make(bob, "Untuk Bob")
    body = app.get("/api/v1/notifikasi/").json()
    assert [n["title"] for n in body["results"]] == ["Dokumen terbit", "Permohonan diterima"]
    assert body["unread"] == 2 and body["count"] == 2
    assert body["results"][0]["is_read"] is False


def test_marking_read_in_the_app_is_marking_read_on_the_web(app, client, alice):
    first = make(alice, "Permohonan diterima")
    make(alice, "Dokumen terbit")
    read = app.post(f"/api/v1/notifikasi/{first.pk}/dibaca/")
    assert read.status_code == 200 and read.json()["is_read"] is True
    client.force_login(alice)
    assert client.get(reverse("notifications:list")).context["unread"] == 1
    all_read = app.post("/api/v1/notifikasi/semua-dibaca/").json()
    assert all_read == {"changed": 1, "unread": 0}
    assert app.get("/api/v1/notifikasi/").json()["unread"] == 0


def test_someone_else_s_notification_is_a_404_and_stays_unread(app, bob):
    other = make(bob, "Untuk Bob")
    response = app.post(f"/api/v1/notifikasi/{other.pk}/dibaca/", HTTP_ACCEPT_LANGUAGE="id")
    assert response.status_code == 404 and response.json()["code"]
    other.refresh_from_db()
    assert other.read_at is None


def test_without_a_token_the_inbox_is_refused(client):
    assert client.get("/api/v1/notifikasi/").status_code in (401, 403)
    assert Client().post("/api/v1/notifikasi/semua-dibaca/").status_code in (401, 403)
