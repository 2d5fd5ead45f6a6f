"""The civil servants' app on a phone: signed in once with NIP, password and TOTP, its device
token (``Authorization: Bearer``) reads the inbox and initials a letter like a session — no
cookie, no CSRF token — and stops working when the phone is signed out."""

from __future__ import annotations

import pytest
from django.test import Client

from balaikota.accounts.tests.test_mfa import current_code, with_totp
from balaikota.eoffice.models import Letter

from .test_api import API, in_review

pytestmark = pytest.mark.django_db


def test_a_phone_reads_the_inbox_and_initials_a_letter(office, settings):
    settings.BALAIKOTA_STAFF_MFA_REQUIRED = True
    letter = in_review(office)
    secret = with_totp(office.kasi)
    signed_in = Client(enforce_csrf_checks=True).post(
        "/api/v1/akun/perangkat/",
        {
            "login": office.kasi.username,
            "password": "Rahasia-Uji-123",
            "code": current_code(secret),
            "device_name": "Android Citra",
        },
        content_type="application/json",
    )
    assert signed_in.status_code == 201
    phone = Client(
        enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {signed_in.json()['token']}"
    )

    inbox = phone.get(f"{API}/kotak-masuk/?tampil=paraf")
    assert inbox.status_code == 200
    assert [row["id"] for row in inbox.json()["results"]] == [letter.pk]
    assert "initial" in phone.get(f"{API}/{letter.pk}/").json()["allowed_actions"]

    initialled = phone.post(
        f"{API}/{letter.pk}/paraf/", {"comment": "Setuju."}, content_type="application/json"
    )
    assert initialled.status_code == 200, initialled.content
    letter.refresh_from_db()
    assert letter.current_verifier_id == office.kabid.pk
    event = letter.events.get(action="initial")
    assert event.actor_id == office.kasi.pk

    assert phone.delete("/api/v1/akun/perangkat/").status_code == 204
    after = phone.get(f"{API}/kotak-masuk/")
    assert after.status_code == 401 and after.json()["code"] == "token_revoked"
    assert Letter.objects.get(pk=letter.pk).status == letter.status
