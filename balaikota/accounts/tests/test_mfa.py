"""Staff enrol TOTP when BALAIKOTA_STAFF_MFA_REQUIRED is on; signing in then asks for the code."""

from __future__ import annotations

import time

import pytest
from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)

from balaikota.accounts.models import Role
from balaikota.testing.factories import UserFactory

PASSWORD = "Rahasia-Uji-123"


def current_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // mfa_settings.TOTP_PERIOD))


def with_totp(user) -> str:
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return secret


@pytest.fixture
def mfa_required(settings):
    settings.BALAIKOTA_STAFF_MFA_REQUIRED = True


ENROL = "/accounts/2fa/totp/activate/"


@pytest.mark.parametrize("role", [Role.CIVIL_SERVANT, Role.SERVICE_OFFICER, Role.PLATFORM_ADMIN])
@pytest.mark.parametrize("path", ["/", "/akun/profil/", "/admin/", "/organisasi/"])
def test_staff_without_totp_are_sent_to_enrol_from_any_page(
    client, staff_with_role, mfa_required, role, path
):
    client.force_login(staff_with_role(role))
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"] == f"{ENROL}?next={path.replace('/', '%2F')}"


def test_the_next_parameter_keeps_the_whole_query(client, staff_with_role, mfa_required):
    client.force_login(staff_with_role(Role.VERIFIER))
    response = client.get("/akun/profil/?tab=peran&urut=baru")
    assert response["Location"] == f"{ENROL}?next=%2Fakun%2Fprofil%2F%3Ftab%3Dperan%26urut%3Dbaru"


@pytest.mark.parametrize(
    "path", [ENROL, "/accounts/logout/", "/accounts/email/", "/health/", "/static/css/app.css"]
)
def test_enrolment_sign_out_health_and_assets_stay_reachable(
    client, staff_with_role, mfa_required, path
):
    client.force_login(staff_with_role(Role.CIVIL_SERVANT))
    response = client.get(path)
    assert not (response.status_code == 302 and response["Location"].startswith(ENROL))


def test_staff_sign_in_enrol_and_reach_the_page_they_wanted(client, staff_with_role, mfa_required):
    user = staff_with_role(Role.CIVIL_SERVANT)
    response = client.post("/accounts/login/", {"login": user.username, "password": PASSWORD})
    assert response["Location"] == "/"
    response = client.get("/akun/profil/", follow=True)
    # allauth asks for the password again before any change to the authenticators.
    enrol = f"{ENROL}?next=%2Fakun%2Fprofil%2F"
    assert [url for url, _status in response.redirect_chain] == [
        enrol,
        "/accounts/reauthenticate/?next=%2Faccounts%2F2fa%2Ftotp%2Factivate%2F%3Fnext%3D%252Fakun%252Fprofil%252F",
    ]
    response = client.post(response.redirect_chain[-1][0], {"password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == enrol
    assert response.status_code == 200
    secret = client.session["mfa.totp.secret"]
    response = client.post(enrol, {"code": current_code(secret)}, follow=True)
    # allauth then shows the recovery codes (it does not follow ?next= here).
    assert response.redirect_chain == [("/accounts/2fa/recovery-codes/", 302)]
    assert response.status_code == 200
    assert user.authenticator_set.filter(type="totp").exists()
    assert client.get("/akun/profil/").status_code == 200


def test_a_django_superuser_without_a_role_must_enrol_too(client, db, mfa_required):
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    assert client.get("/admin/")["Location"].startswith(ENROL)


def test_citizens_are_not_asked(client, alice, mfa_required):
    client.force_login(alice)
    assert client.get("/").status_code == 200


def test_staff_with_totp_are_let_through(client, staff_with_role, mfa_required):
    user = staff_with_role(Role.SERVICE_OFFICER)
    with_totp(user)
    client.force_login(user)
    assert client.get("/").status_code == 200


def test_nobody_is_asked_when_the_setting_is_off(client, staff_with_role, settings):
    settings.BALAIKOTA_STAFF_MFA_REQUIRED = False
    client.force_login(staff_with_role(Role.SERVICE_OFFICER))
    assert client.get("/").status_code == 200


def test_signing_in_with_totp_asks_for_the_code(client, staff_with_role, mfa_required):
    user = staff_with_role(Role.VERIFIER)
    secret = with_totp(user)
    response = client.post("/accounts/login/", {"login": user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert not client.get("/").wsgi_request.user.is_authenticated

    wrong = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert wrong.status_code == 200
    assert wrong.context["form"].errors["code"]
    assert not client.get("/").wsgi_request.user.is_authenticated

    response = client.post("/accounts/2fa/authenticate/", {"code": current_code(secret)})
    assert response.status_code == 302
    assert response["Location"] == "/"
    home = client.get("/")
    assert home.status_code == 200
    assert home.wsgi_request.user == user


def test_a_code_cannot_be_used_twice(client, staff_with_role, mfa_required):
    user = staff_with_role(Role.VERIFIER)
    secret = with_totp(user)
    code = current_code(secret)
    client.post("/accounts/login/", {"login": user.username, "password": PASSWORD})
    client.post("/accounts/2fa/authenticate/", {"code": code})
    client.post("/accounts/logout/")
    client.post("/accounts/login/", {"login": user.username, "password": PASSWORD})
    replay = client.post("/accounts/2fa/authenticate/", {"code": code})
    assert replay.status_code == 200
    assert not client.get("/").wsgi_request.user.is_authenticated


def test_removing_totp_sends_staff_back_to_enrol(client, staff_with_role, mfa_required):
    from allauth.mfa.models import Authenticator

    user = staff_with_role(Role.SERVICE_OFFICER)
    TOTP.activate(user, generate_totp_secret())
    client.force_login(user)
    assert client.get("/").status_code == 200  # enrolment seen and remembered in the session
    Authenticator.objects.filter(user=user).delete()
    from allauth.mfa.signals import authenticator_removed
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.session = client.session
    authenticator_removed.send(sender=Authenticator, request=request, user=user, authenticator=None)
    request.session.save()
    assert client.get("/").status_code == 302
