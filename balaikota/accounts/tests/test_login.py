"""Signing in: citizens by e-mail, civil servants by NIP; failed attempts are rate limited;
a forgotten password is reset by e-mail."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from balaikota.accounts.models import Role
from balaikota.accounts.services import employee_account_provision

PASSWORD = "Rahasia-Uji-123"  # the factories' password
NIP = "198503122010032007"


@pytest.fixture
def civil_servant(db):
    return employee_account_provision(
        nip=NIP,
        full_name="Dewi Lestari",
        email="Dewi.Lestari@semarangkota.go.id",
        password=PASSWORD,
    )


def login(client, login, password=PASSWORD):
    return client.post("/accounts/login/", {"login": login, "password": password})


def signed_in_user(client):
    return client.get("/akun/profil/").wsgi_request.user


def test_citizen_signs_in_with_email(client, alice):
    response = login(client, "alice@contoh.id")
    assert response.status_code == 302
    assert signed_in_user(client) == alice


def test_civil_servant_signs_in_with_nip(client, civil_servant):
    response = login(client, NIP)
    assert response.status_code == 302
    assert response["Location"] == "/"
    user = signed_in_user(client)
    assert user == civil_servant
    assert user.username == NIP
    assert user.has_role(Role.CIVIL_SERVANT)


def test_provisioning_is_idempotent_and_keeps_the_password(civil_servant):
    again = employee_account_provision(nip=NIP, full_name="Dewi Lestari, S.Kom.")
    assert again.pk == civil_servant.pk
    assert again.full_name == "Dewi Lestari, S.Kom."
    assert again.check_password(PASSWORD)
    assert again.email == "dewi.lestari@semarangkota.go.id"


@pytest.mark.django_db
def test_provisioning_refuses_a_malformed_nip():
    with pytest.raises(ValidationError) as caught:
        employee_account_provision(nip="19850312201003300", full_name="X")
    assert caught.value.code == "nip_length"


@pytest.mark.django_db
def test_provisioning_without_password_gives_an_unusable_one():
    user = employee_account_provision(nip=NIP, full_name="Dewi Lestari")
    assert not user.has_usable_password()


def test_a_wrong_password_is_refused_in_indonesian(client, civil_servant):
    response = login(client, NIP, "salah-sandi-sekali")
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Nama pengguna dan/atau kata sandi yang anda masukkan tidak benar."
    ]
    assert not signed_in_user(client).is_authenticated


def test_repeated_wrong_passwords_lock_the_login_even_with_the_right_one(client, civil_servant):
    # 5 failures per address and login (accounts/adapter.py, in the database).
    for _attempt in range(5):
        response = login(client, NIP, "salah-sandi-sekali")
        assert "tidak benar" in str(response.context["form"].non_field_errors())
    response = login(client, NIP)
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Terlalu banyak percobaan masuk yang gagal. Coba lagi nanti."
    ]
    assert not signed_in_user(client).is_authenticated


def test_a_stranger_elsewhere_cannot_lock_the_owner_out(client, civil_servant):
    for _attempt in range(5):
        client.post(
            "/accounts/login/",
            {"login": NIP, "password": "tebak-tebakan"},
            REMOTE_ADDR="203.0.113.9",
        )
    assert login(client, NIP).status_code == 302  # the owner, from their own address


def test_guessing_one_login_from_many_addresses_is_bounded(client, civil_servant):
    from balaikota.accounts import sign_in

    for _attempt in range(sign_in.PER_LOGIN.failures):
        sign_in.PER_LOGIN.failure(NIP)
    response = login(client, NIP)
    assert "Terlalu banyak percobaan masuk" in str(response.context["form"].non_field_errors())


def test_the_lock_survives_a_redis_restart(client, civil_servant):
    from django.core.cache import cache

    for _attempt in range(5):
        login(client, NIP, "salah-sandi-sekali")
    cache.clear()  # Redis restarted: allauth's own counters are gone
    response = login(client, NIP)
    assert response.status_code == 200
    assert "Terlalu banyak percobaan masuk" in str(response.context["form"].non_field_errors())
    assert not signed_in_user(client).is_authenticated


def test_a_successful_sign_in_clears_the_failures(client, civil_servant):
    from django.core.cache import cache

    for _attempt in range(4):
        login(client, NIP, "salah-sandi-sekali")
    assert login(client, NIP).status_code == 302
    client.logout()
    cache.clear()
    for _attempt in range(4):
        login(client, NIP, "salah-sandi-sekali")
    assert login(client, NIP).status_code == 302  # 4 + 4 failures, never 5 in a row


def test_the_lock_is_per_login_not_global(client, civil_servant, alice):
    for _attempt in range(5):
        login(client, NIP, "salah-sandi-sekali")
    assert login(client, "alice@contoh.id").status_code == 302


def test_password_reset_sends_a_link_that_sets_a_new_password(client, alice):
    response = client.post("/accounts/password/reset/", {"email": "alice@contoh.id"})
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["alice@contoh.id"]
    link = re.search(r"https?://[^/\s]+(/accounts/password/reset/key/[^\s]+/)", message.body)
    assert link, message.body
    form_page = client.get(link.group(1), follow=True)
    assert form_page.status_code == 200
    new = "Tugu-Muda-1945-baru"
    response = client.post(
        form_page.redirect_chain[-1][0], {"password1": new, "password2": new}, follow=True
    )
    assert response.status_code == 200
    alice.refresh_from_db()
    assert alice.check_password(new)


def test_password_reset_for_an_unknown_address_reveals_nothing(client, db):
    response = client.post("/accounts/password/reset/", {"email": "siapa@contoh.id"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/done/"


def test_many_failures_from_one_address_lock_every_login_from_it(client, alice):
    # "10/m/ip": someone trying passwords on many accounts from one address is stopped too.
    for attempt in range(10):
        login(client, f"orang{attempt}@contoh.id", "salah-sandi-sekali")
    response = login(client, "alice@contoh.id")
    assert response.context["form"].non_field_errors() == [
        "Terlalu banyak percobaan masuk yang gagal. Coba lagi nanti."
    ]


def test_too_many_login_posts_get_429(client, db):
    # "30/m/ip" on the login view itself, whatever the outcome.
    statuses = [login(client, "siapa@contoh.id", "x").status_code for _ in range(31)]
    assert statuses[:30] == [200] * 30
    assert statuses[30] == 429


def test_a_civil_servant_without_an_email_address_signs_in_with_the_nip(client, db):
    from balaikota.accounts.services import employee_account_provision
    from balaikota.testing.factories import make_nip

    nip = make_nip(77)
    employee_account_provision(nip=nip, full_name="Sri Wahyuni", password="Kantor-Semarang-1")
    response = client.post("/accounts/login/", {"login": nip, "password": "Kantor-Semarang-1"})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert "Selamat datang, Sri" in client.get("/").content.decode()
