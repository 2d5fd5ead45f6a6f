"""A citizen signs up with full name, NIK, e-mail and password, and confirms the e-mail."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail

from balaikota.accounts.models import Role, User
from balaikota.core import identity

PASSWORD = "Lawang-Sewu-1907"
NIK = "3374015708950003"


@pytest.fixture(autouse=True)
def no_area_data():
    """These tests are about the sign-up flow; area data is tested with the NIK itself."""
    previous = identity.register_district_lookup(None)
    yield
    identity.register_district_lookup(previous)


def signup(client, **overrides):
    data = {
        "full_name": "  Sri   Wahyuni ",
        "nik": NIK,
        "email": "sri.wahyuni@contoh.id",
        "password1": PASSWORD,
        "password2": PASSWORD,
        **overrides,
    }
    return client.post("/accounts/signup/", data)


def confirmation_link(message) -> str:
    match = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


@pytest.mark.django_db
def test_citizen_signs_up_confirms_the_email_and_is_signed_in(client):
    response = signup(client)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    user = User.objects.get(email="sri.wahyuni@contoh.id")
    assert not client.get("/").wsgi_request.user.is_authenticated  # not before confirming

    [message] = mail.outbox
    assert message.to == ["sri.wahyuni@contoh.id"]
    assert message.subject.startswith("[Balai Kota Digital] ")
    link = confirmation_link(message)
    assert client.get(link).status_code == 200
    response = client.post(link)
    assert response.status_code == 302

    home = client.get("/")
    assert home.wsgi_request.user == user
    user.refresh_from_db()
    assert user.full_name == "Sri Wahyuni"
    assert user.nik == NIK
    assert user.kind == User.Kind.CITIZEN
    assert user.role_codes == {Role.CITIZEN}
    assert user.groups.filter(name=Role.CITIZEN).exists()
    assert EmailAddress.objects.get(user=user).verified
    assert not user.username.isdigit()


@pytest.mark.django_db
def test_an_email_that_looks_like_a_nip_does_not_become_a_nip_like_username(client):
    signup(client, email="198503122010032007@contoh.id")
    user = User.objects.get(nik=NIK)
    assert user.username != "198503122010032007"
    assert not user.username.isdigit()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("nik", "message"),
    [
        ("33740157089", "Pastikan nilai ini mengandung paling sedikit 16 karakter"),
        ("3374015708950000", "Empat digit terakhir NIK (nomor urut) tidak boleh 0000."),
        ("3374013213950003", "Digit ke-7 sampai ke-12 NIK harus tanggal lahir yang nyata"),
        ("33740157O8950003", "NIK hanya boleh berisi angka 0–9"),
    ],
)
def test_an_invalid_nik_is_refused_in_indonesian(client, nik, message):
    response = signup(client, nik=nik)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors["nik"])
    assert not User.objects.exists()
    assert not mail.outbox


@pytest.mark.django_db
def test_a_nik_from_an_unknown_district_is_refused(client):
    identity.register_district_lookup(lambda code: code != "33.74.01")
    response = signup(client)
    assert response.context["form"].errors["nik"] == [
        "Kode wilayah NIK (33.74.01) tidak dikenal sebagai kecamatan di Indonesia."
    ]
    assert not User.objects.exists()


@pytest.mark.django_db
def test_a_taken_nik_is_refused(client, alice):
    response = signup(client, nik=alice.nik)
    assert response.status_code == 200
    assert response.context["form"].errors["nik"] == [
        "NIK ini sudah terdaftar. Masuk dengan akun Anda atau atur ulang kata sandi."
    ]
    assert User.objects.count() == 1


@pytest.mark.django_db
def test_a_weak_password_is_refused_in_indonesian(client):
    response = signup(client, password1="semarang", password2="semarang")
    errors = " ".join(response.context["form"].errors["password1"])
    assert "Kata sandi terlalu pendek" in errors
    assert not User.objects.exists()


@pytest.mark.django_db
def test_a_taken_email_creates_no_account_and_tells_only_its_owner(client, alice):
    """allauth prevents account enumeration (ACCOUNT_PREVENT_ENUMERATION, on by default): the
    page answers as for a new sign-up and the owner of the address gets an e-mail instead."""
    response = signup(client, email="ALICE@contoh.id")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert User.objects.count() == 1
    assert not User.objects.filter(nik=NIK).exists()
    [message] = mail.outbox
    assert message.to == ["alice@contoh.id"]
    assert "/accounts/password/reset/" in message.body


@pytest.mark.django_db
def test_the_same_sign_up_twice_at_once_makes_one_account_and_no_error(client, monkeypatch):
    from allauth.account import forms as allauth_forms  # first: it loads our sign-up form

    from balaikota.accounts.forms import CitizenSignupForm
    from balaikota.testing.factories import CitizenFactory

    # The twin request committed the account a moment ago; this one was validated before it
    # did (both looked, both found nothing), so only the database can tell.
    CitizenFactory(email="sri.wahyuni@contoh.id", nik=NIK)
    monkeypatch.setattr(CitizenSignupForm, "clean_nik", lambda form: form.cleaned_data["nik"])
    monkeypatch.setattr(
        allauth_forms.BaseSignupForm, "validate_unique_email", lambda form, email: email
    )
    response = signup(client)
    assert response.status_code == 302 and response["Location"] == "/accounts/login/"
    assert User.objects.filter(nik=NIK).count() == 1
    page = client.get("/accounts/login/")
    assert "baru saja dibuat" in page.content.decode()
