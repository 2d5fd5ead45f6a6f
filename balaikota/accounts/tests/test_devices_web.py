"""The web side of the civil servants' phones: the profile's "Perangkat seluler" with a button to
end each, and what ends them all — a new password, removing TOTP, deactivating the account."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.signals import authenticator_removed
from django.test import Client

from balaikota.accounts import services
from balaikota.accounts.models import Device, Role
from balaikota.testing.factories import UserFactory

from .test_devices import LIST, PASSWORD, bearer, sign_in
from .test_mfa import current_code, with_totp

PROFILE = "/akun/profil/"


@pytest.fixture
def ratna(staff_with_role):
    return staff_with_role(Role.CIVIL_SERVANT)


def web_as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_staff_see_their_phones_on_the_profile(ratna, staff_with_role):
    sign_in(staff_with_role(Role.VERIFIER), name="Punya orang lain")
    sign_in(ratna, name="Android Ratna")
    page = web_as(ratna).get(PROFILE)
    html = page.content.decode()
    assert 'id="perangkat"' in html and "Perangkat seluler" in html
    assert "Android Ratna" in html and "Punya orang lain" not in html
    assert "Ya, keluarkan" in html


def test_a_staff_member_without_phones_is_told_so(ratna):
    html = web_as(ratna).get(PROFILE).content.decode()
    assert "Belum ada perangkat yang masuk." in html


def test_citizens_have_no_devices_section(alice):
    html = web_as(alice).get(PROFILE).content.decode()
    assert "Perangkat seluler" not in html


def test_the_profile_does_not_grow_with_the_devices(ratna):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = web_as(ratna)
    sign_in(ratna, name="Satu")
    client.get(PROFILE)
    with CaptureQueriesContext(connection) as one:
        client.get(PROFILE)
    for number in range(3):
        sign_in(ratna, name=f"Lagi {number}")
    client.get(PROFILE)  # (each sign-in notified her: the menu's unread count is read again)
    with CaptureQueriesContext(connection) as four:
        assert client.get(PROFILE).content.decode().count('data-testid="device"') == 4
    assert len(four.captured_queries) == len(one.captured_queries)


def test_ending_a_phone_from_the_profile(ratna):
    token = sign_in(ratna, name="Android Ratna").json()["token"]
    device = Device.objects.get()
    client = web_as(ratna)
    response = client.post(f"/akun/perangkat/{device.pk}/keluarkan/", follow=True)
    assert response.redirect_chain == [("/akun/profil/", 302)]
    assert "Android Ratna dikeluarkan." in response.content.decode()
    assert bearer(token).get(LIST).json()["code"] == "token_revoked"
    device.refresh_from_db()
    assert device.end_reason == Device.EndReason.REVOKED and device.ended_by == ratna


def test_someone_elses_phone_is_a_404_and_a_get_changes_nothing(ratna, staff_with_role):
    sign_in(staff_with_role(Role.VERIFIER), name="Punya orang lain")
    theirs = Device.objects.get()
    client = web_as(ratna)
    assert client.post(f"/akun/perangkat/{theirs.pk}/keluarkan/").status_code == 404
    mine = sign_in(ratna).json()["device"]["id"]
    assert client.get(f"/akun/perangkat/{mine}/keluarkan/").status_code == 405
    assert Device.objects.filter(ended_at__isnull=True).count() == 2


# --- What ends every phone ---------------------------------------------------------------------


def test_changing_the_password_on_the_web_ends_every_phone(ratna):
    tokens = [sign_in(ratna, name=name).json()["token"] for name in ("Android", "Tablet")]
    client = web_as(ratna)
    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": PASSWORD, "password1": "Sandi-Baru-2026!", "password2": "Sandi-Baru-2026!"},
    )
    assert response.status_code == 302
    for token in tokens:
        answer = bearer(token).get(LIST)
        assert answer.status_code == 401
        assert answer.json()["detail"].startswith("Kata sandi akun Anda sudah diganti")
    assert set(Device.objects.values_list("end_reason", flat=True)) == {"password_changed"}


def test_a_password_reset_ends_every_phone(ratna):
    from allauth.account.signals import password_reset

    token = sign_in(ratna).json()["token"]
    password_reset.send(sender=type(ratna), request=None, user=ratna)
    assert bearer(token).get(LIST).status_code == 401


def test_a_password_set_in_the_back_office_ends_every_phone(ratna):
    token = sign_in(ratna).json()["token"]
    boss = UserFactory(is_superuser=True, is_staff=True)
    response = web_as(boss).post(
        f"/admin/accounts/user/{ratna.pk}/password/",
        {
            "password1": "Sandi-Baru-2026!",
            "password2": "Sandi-Baru-2026!",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302
    assert bearer(token).get(LIST).status_code == 401
    assert Device.objects.get().ended_by == boss


def test_removing_totp_on_the_web_ends_every_phone(ratna):
    secret = with_totp(ratna)
    token = sign_in(ratna, code=current_code(secret)).json()["token"]
    client = web_as(ratna)
    # allauth asks for the password again before an authenticator is removed.
    response = client.post("/accounts/2fa/totp/deactivate/")
    assert response["Location"].startswith("/accounts/reauthenticate/")
    # … and then carries the removal out.
    assert client.post(response["Location"], {"password": PASSWORD}).status_code == 302
    assert not Authenticator.objects.filter(user=ratna, type="totp").exists()
    answer = bearer(token).get(LIST)
    assert answer.status_code == 401
    assert answer.json()["detail"].startswith("Autentikasi dua langkah akun Anda dihapus")


def test_only_the_totp_authenticator_counts(ratna):
    with_totp(ratna)
    token = sign_in(ratna, code=RecoveryCodes.activate(ratna).get_unused_codes()[0]).json()
    codes = Authenticator.objects.get(user=ratna, type="recovery_codes")
    authenticator_removed.send(sender=Authenticator, request=None, user=ratna, authenticator=codes)
    assert bearer(token["token"]).get(LIST).status_code == 200


def test_deactivating_the_account_ends_every_phone_at_once(ratna):
    sign_in(ratna, name="Android")
    sign_in(ratna, name="Tablet")
    ratna.is_active = False
    ratna.save()
    assert set(Device.objects.values_list("end_reason", flat=True)) == {"account_deactivated"}


def test_ending_all_is_idempotent(ratna):
    sign_in(ratna)
    assert services.devices_end_all(user=ratna, reason=Device.EndReason.PASSWORD_CHANGED) == 1
    assert services.devices_end_all(user=ratna, reason=Device.EndReason.PASSWORD_CHANGED) == 0
