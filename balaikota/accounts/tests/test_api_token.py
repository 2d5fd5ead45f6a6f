"""The mobile app signs citizens in with a token; staff never get one."""

import pytest
from allauth.account.models import EmailAddress
from rest_framework.authtoken.models import Token

from balaikota.accounts.models import Role

URL = "/api/v1/akun/token/"


def test_a_citizen_exchanges_email_and_password_for_a_token_and_uses_it(client, alice):
    response = client.post(URL, {"email": "ALICE@contoh.id", "password": "Rahasia-Uji-123"})
    assert response.status_code == 200
    token = response.json()["token"]
    assert Token.objects.get(user=alice).key == token
    # The token works without a session or CSRF token.
    from django.test import Client

    app = Client(enforce_csrf_checks=True)
    listing = app.get("/api/v1/kependudukan/applications/", HTTP_AUTHORIZATION=f"Token {token}")
    assert listing.status_code == 200
    assert (
        app.delete("/api/v1/akun/token/cabut/", HTTP_AUTHORIZATION=f"Token {token}").status_code
        == 204
    )
    assert app.get(
        "/api/v1/kependudukan/applications/", HTTP_AUTHORIZATION=f"Token {token}"
    ).status_code in (401, 403)


def test_a_wrong_password_gets_an_indonesian_400(client, alice):
    response = client.post(URL, {"email": "alice@contoh.id", "password": "salah"})
    assert response.status_code == 400
    assert response.json()["detail"] == "E-mail atau kata sandi salah."
    assert not Token.objects.exists()


def test_staff_are_sent_to_the_web_sign_in_with_totp(client, staff_with_role):
    officer = staff_with_role(Role.SERVICE_OFFICER)
    response = client.post(URL, {"email": officer.email, "password": "Rahasia-Uji-123"})
    assert response.status_code == 403
    assert not Token.objects.exists()


def test_an_unconfirmed_email_gets_no_token(client, alice):
    EmailAddress.objects.filter(user=alice).update(verified=False)
    response = client.post(URL, {"email": "alice@contoh.id", "password": "Rahasia-Uji-123"})
    assert response.status_code == 403
    assert "Konfirmasi" in response.json()["detail"]


@pytest.mark.parametrize("payload", [{}, {"email": "bukan-email", "password": "x"}])
def test_malformed_requests_are_400(client, db, payload):
    assert client.post(URL, payload).status_code == 400


def test_guessing_is_rate_limited(client, alice):
    for _ in range(10):
        client.post(URL, {"email": "alice@contoh.id", "password": "salah"})
    response = client.post(URL, {"email": "alice@contoh.id", "password": "Rahasia-Uji-123"})
    assert response.status_code == 429
