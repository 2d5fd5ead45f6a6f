"""The civil servants' app signs each phone in with NIP, password and the second factor the web
would ask, and gets a token of that device (``Authorization: Bearer``): who may, with which code,
how long it lives, how many, and how it ends."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from auditlog.models import LogEntry
from django.test import Client
from django.utils import timezone
from hypothesis import given
from hypothesis import settings as settings_hypothesis
from hypothesis import strategies as st
from knox.models import AuthToken

from balaikota.accounts import services
from balaikota.accounts.models import Device, Role
from balaikota.notifications.models import Notification

from .test_mfa import current_code, with_totp

URL = "/api/v1/akun/perangkat/"
LIST = "/api/v1/akun/perangkat/daftar/"
PASSWORD = "Rahasia-Uji-123"
INBOX = "/api/v1/notifikasi/"


def sign_in(
    person, *, code: str = "", name: str = "Android Uji", login: str | None = None, **extra
):
    """The app's sign-in request, as a phone without cookies sends it (CSRF checks on)."""
    payload = {
        "login": login or person.username,
        "password": extra.pop("password", PASSWORD),
        "device_name": name,
    }
    if code:
        payload["code"] = code
    return Client(enforce_csrf_checks=True).post(URL, payload, content_type="application/json")


def bearer(token: str) -> Client:
    return Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {token}")


@pytest.fixture
def ratna(staff_with_role):
    return staff_with_role(Role.CIVIL_SERVANT)


# --- Who signs in with what: the matrix -------------------------------------------------------

RIGHT, WRONG, RECOVERY, NONE = "right", "wrong", "recovery", "none"

# (person, TOTP enrolled, staff MFA required, code sent) → (status, error code or "")
MATRIX = [
    # Citizens have their own sign-in (POST /api/v1/akun/token/): refused whatever they send.
    ("citizen", False, False, NONE, 403, "citizen_account"),
    ("citizen", False, True, NONE, 403, "citizen_account"),
    ("citizen", True, False, RIGHT, 403, "citizen_account"),
    ("citizen", True, True, RIGHT, 403, "citizen_account"),
    # Staff without TOTP: the password is enough while MFA is not required (as on the web) …
    ("staff", False, False, NONE, 201, ""),
    ("staff", False, False, WRONG, 201, ""),  # a code nobody asked for is ignored
    # … and they are sent to enrol on the web first while it is.
    ("staff", False, True, NONE, 403, "mfa_enrolment_required"),
    ("staff", False, True, RIGHT, 403, "mfa_enrolment_required"),
    # Staff with TOTP: a code is required and checked, whether MFA is required or not.
    ("staff", True, False, RIGHT, 201, ""),
    ("staff", True, False, RECOVERY, 201, ""),
    ("staff", True, False, WRONG, 400, "mfa_code_invalid"),
    ("staff", True, False, NONE, 400, "mfa_code_required"),
    ("staff", True, True, RIGHT, 201, ""),
    ("staff", True, True, RECOVERY, 201, ""),
    ("staff", True, True, WRONG, 400, "mfa_code_invalid"),
    ("staff", True, True, NONE, 400, "mfa_code_required"),
]


@pytest.mark.parametrize(
    ("person", "totp", "required", "code", "status", "error"),
    MATRIX,
    ids=[
        f"{p}-{'totp' if t else 'no_totp'}-{'required' if r else 'optional'}-{c}-{s}"
        for p, t, r, c, s, _e in MATRIX
    ],
)
def test_who_signs_a_device_in_with_which_code(
    settings, alice, ratna, person, totp, required, code, status, error
):
    settings.BALAIKOTA_STAFF_MFA_REQUIRED = required
    user = alice if person == "citizen" else ratna
    secret = with_totp(user) if totp else None
    sent = {
        RIGHT: current_code(secret) if secret else "123456",
        WRONG: "000000",
        RECOVERY: RecoveryCodes.activate(user).get_unused_codes()[0] if totp else "",
        NONE: "",
    }[code]
    login = user.email if person == "citizen" else user.username
    response = sign_in(user, code=sent, login=login)
    assert response.status_code == status, response.content
    body = response.json()
    if error:
        assert body["code"] == error
        assert body["detail"]  # an Indonesian sentence, shown to the person as it is
        assert not Device.objects.exists() and not AuthToken.objects.exists()
        return
    device = Device.objects.get(user=user)
    assert body["device"]["name"] == "Android Uji" and body["device"]["id"] == device.pk
    assert device.with_mfa is totp
    assert body["device"]["with_mfa"] is totp
    # The token works on the API, and only its hash is stored.
    assert not AuthToken.objects.filter(digest=body["token"]).exists()
    assert bearer(body["token"]).get(LIST).status_code == 200


def test_each_refusal_is_in_indonesian(settings, alice, ratna):
    settings.BALAIKOTA_STAFF_MFA_REQUIRED = True
    citizen = sign_in(alice, login=alice.email).json()
    assert citizen["detail"].startswith("Masuk perangkat ini khusus untuk petugas")
    enrol = sign_in(ratna).json()
    assert "Aktifkan autentikasi dua langkah" in enrol["detail"]
    secret = with_totp(ratna)
    missing = sign_in(ratna).json()
    assert missing["errors"]["code"] == [
        "Masukkan kode 6 angka dari aplikasi autentikator Anda, atau salah satu kode pemulihan."
    ]
    wrong = sign_in(ratna, code="111111").json()
    assert wrong["errors"]["code"] == ["Kode salah, kedaluwarsa, atau sudah pernah dipakai."]
    assert sign_in(ratna, code=current_code(secret)).status_code == 201


def test_a_wrong_password_is_a_400_and_no_token(ratna):
    response = sign_in(ratna, password="salah-sandi")
    assert response.status_code == 400
    assert response.json() == {
        "code": "invalid_credentials",
        "detail": "NIP/e-mail atau kata sandi salah.",
    }
    assert not AuthToken.objects.exists()


def test_staff_sign_in_with_their_email_too(ratna):
    assert sign_in(ratna, login=ratna.email.upper()).status_code == 201


def test_a_code_works_once(ratna):
    secret = with_totp(ratna)
    code = current_code(secret)
    assert sign_in(ratna, code=code, name="Android").status_code == 201
    replay = sign_in(ratna, code=code, name="Tablet")
    assert replay.status_code == 400 and replay.json()["code"] == "mfa_code_invalid"
    recovery = RecoveryCodes.activate(ratna).get_unused_codes()[0]
    assert sign_in(ratna, code=recovery, name="Tablet").status_code == 201
    assert sign_in(ratna, code=recovery, name="Laptop").json()["code"] == "mfa_code_invalid"


@pytest.mark.parametrize("payload", [{}, {"login": "x", "password": "y"}, {"device_name": "A"}])
def test_malformed_requests_are_400(db, payload):
    response = Client().post(URL, payload, content_type="application/json")
    assert response.status_code == 400 and response.json()["code"] == "invalid"


def test_a_blank_device_name_is_named_on_its_field(ratna):
    response = sign_in(ratna, name="   ")
    assert response.status_code == 400
    assert "device_name" in response.json()["errors"]


# --- The same lock-outs as the web ------------------------------------------------------------


def test_wrong_codes_lock_the_sign_in_out_like_wrong_passwords(ratna):
    secret = with_totp(ratna)
    for _ in range(5):
        assert sign_in(ratna, code="000000").status_code == 400
    locked = sign_in(ratna, code=current_code(secret))
    assert locked.status_code == 429 and locked.json()["code"] == "locked_out"
    assert locked["Retry-After"]
    assert not Device.objects.exists()


def test_failures_on_the_web_and_in_the_app_count_together(client, ratna):
    for _ in range(3):
        client.post("/accounts/login/", {"login": ratna.username, "password": "salah-sandi"})
    for _ in range(2):
        assert sign_in(ratna, password="salah-sandi").status_code == 400
    assert sign_in(ratna).status_code == 429
    web = client.post("/accounts/login/", {"login": ratna.username, "password": PASSWORD})
    assert not web.wsgi_request.user.is_authenticated


def test_only_a_complete_sign_in_clears_the_failures(ratna):
    """The right password with a wrong code must not reset the count: a thief with the
    password would otherwise guess codes for ever."""
    with_totp(ratna)
    for _ in range(4):
        assert sign_in(ratna, code="000000").status_code == 400
    assert sign_in(ratna, code="").status_code == 400  # no code: not a guess, not a success
    assert sign_in(ratna, code="000000").status_code == 400
    assert sign_in(ratna, code="000000").status_code == 429


# --- Tokens: the whole API, expiry and refresh, the limit -------------------------------------


def test_a_device_token_authenticates_like_a_session_and_the_citizens_token_is_untouched(
    alice, ratna
):
    token = sign_in(ratna).json()["token"]
    phone = bearer(token)
    assert phone.get("/api/v1/notifikasi/").status_code == 200
    assert phone.get(LIST).json()[0]["current"] is True
    # The citizens' DRF token keeps its own keyword and endpoint.
    citizen_token = Client().post(
        "/api/v1/akun/token/", {"email": alice.email, "password": PASSWORD}
    )
    key = citizen_token.json()["token"]
    assert Client(HTTP_AUTHORIZATION=f"Token {key}").get(INBOX).status_code == 200
    # … and is not a device token.
    refused = Client(HTTP_AUTHORIZATION=f"Bearer {key}").get(INBOX)
    assert refused.status_code == 401 and refused.json()["code"] == "token_invalid"
    assert refused["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize("header", ["Bearer", "Bearer a b", "Bearer \u00e9"])
def test_a_malformed_bearer_header_is_a_401(db, header):
    response = Client(HTTP_AUTHORIZATION=header.encode().decode("latin-1")).get(INBOX)
    assert response.status_code == 401
    assert response.json()["code"] in ("token_malformed", "token_invalid")


def test_a_token_lives_30_days_after_its_last_use_and_90_at_most(ratna):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        body = sign_in(ratna).json()
    token = body["token"]
    assert dt.datetime.fromisoformat(body["expiry"]) == start + dt.timedelta(days=30)
    # Used every 25 days, it keeps working …
    for day in (25, 50, 75):
        with time_machine.travel(start + dt.timedelta(days=day), tick=False):
            assert bearer(token).get(LIST).status_code == 200
    device = Device.objects.get()
    assert device.last_used_at == start + dt.timedelta(days=75)
    assert device.token.expiry == start + dt.timedelta(days=90)  # capped at 90 days
    # … until 90 days after signing in.
    with time_machine.travel(start + dt.timedelta(days=90, seconds=1), tick=False):
        expired = bearer(token).get(LIST)
    assert expired.status_code == 401
    assert expired.json() == {
        "code": "token_expired",
        "detail": "Masa berlaku masuk di perangkat ini sudah habis. Masuk kembali di aplikasi.",
    }
    device.refresh_from_db()
    assert device.end_reason == Device.EndReason.EXPIRED and device.token is None


def test_an_unused_token_expires_after_30_days(ratna):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        token = sign_in(ratna).json()["token"]
    with time_machine.travel(start + dt.timedelta(days=30, seconds=1), tick=False):
        assert bearer(token).get(LIST).json()["code"] == "token_expired"
        # Asked again, the same answer (the ended device remembers its token's hash).
        assert bearer(token).get(LIST).json()["code"] == "token_expired"


def test_the_last_use_is_written_once_a_minute_at_most(ratna, django_assert_num_queries):
    token = sign_in(ratna).json()["token"]
    phone = bearer(token)
    phone.get(LIST)  # the first use writes the refresh and the last use
    # The next request within the minute: the token (with its person and device), the list.
    with django_assert_num_queries(2):
        assert phone.get(LIST).status_code == 200


def test_the_daily_task_ends_phones_that_never_came_back(ratna):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        sign_in(ratna, name="Lama")
    with time_machine.travel(start + dt.timedelta(days=20), tick=False):
        sign_in(ratna, name="Baru")
    with time_machine.travel(start + dt.timedelta(days=31), tick=False):
        assert services.devices_expire() == {"expired": 1, "purged": 0}
    old = Device.objects.get(name="Lama")
    assert old.end_reason == Device.EndReason.EXPIRED
    assert old.ended_at == start + dt.timedelta(days=30)
    with time_machine.travel(start + dt.timedelta(days=30 + 91), tick=False):
        result = services.devices_expire()
    assert result == {"expired": 1, "purged": 1}
    assert list(Device.objects.values_list("name", flat=True)) == ["Baru"]


def test_a_sixth_device_is_refused_with_what_to_do(settings, ratna):
    for number in range(5):
        assert sign_in(ratna, name=f"Ponsel {number}").status_code == 201
    refused = sign_in(ratna, name="Ponsel 5")
    assert refused.status_code == 409
    body = refused.json()
    assert body["code"] == "device_limit"
    assert "5 perangkat" in body["detail"] and "Profil → Perangkat seluler" in body["detail"]
    assert Device.objects.filter(user=ratna).count() == 5  # nobody was signed out
    # Room is made by ending one, here or on the web.
    oldest = Device.objects.filter(user=ratna).order_by("created_at").first()
    client = Client()
    client.force_login(ratna)
    client.post(f"/akun/perangkat/{oldest.pk}/keluarkan/")
    assert sign_in(ratna, name="Ponsel 5").status_code == 201


def test_the_limit_is_checked_before_a_recovery_code_is_spent(settings, ratna):
    settings.BALAIKOTA_DEVICE_LIMIT = 1
    secret = with_totp(ratna)
    assert sign_in(ratna, code=current_code(secret)).status_code == 201
    codes = RecoveryCodes.activate(ratna)
    before = codes.get_unused_codes()
    assert sign_in(ratna, code=before[0], name="Kedua").json()["code"] == "device_limit"
    codes.instance.refresh_from_db()
    assert RecoveryCodes(codes.instance).get_unused_codes() == before


# --- Ending devices ---------------------------------------------------------------------------


def test_the_app_signs_itself_out(ratna):
    token = sign_in(ratna).json()["token"]
    assert bearer(token).delete(URL).status_code == 204
    again = bearer(token).get(LIST)
    assert again.status_code == 401
    assert again.json() == {
        "code": "token_revoked",
        "detail": "Perangkat ini sudah keluar. Masuk kembali di aplikasi.",
    }
    assert Device.objects.get().end_reason == Device.EndReason.SIGNED_OUT


def test_signing_in_again_with_the_old_token_still_in_the_header(ratna):
    token = sign_in(ratna).json()["token"]
    bearer(token).delete(URL)
    again = bearer(token).post(
        URL,
        {"login": ratna.username, "password": PASSWORD, "device_name": "Android Uji"},
        content_type="application/json",
    )
    assert again.status_code == 201


def test_signing_out_needs_the_device_token_itself(ratna):
    client = Client()
    client.force_login(ratna)
    assert client.delete(URL).status_code in (401, 403)


@pytest.mark.parametrize("how", ["api", "session"])
def test_revoking_one_of_mine_and_not_someone_elses(staff_with_role, ratna, how):
    other = staff_with_role(Role.VERIFIER)
    mine = sign_in(ratna, name="Android").json()
    tablet = sign_in(ratna, name="Tablet").json()
    theirs = sign_in(other, name="Punya orang").json()
    if how == "api":
        client = bearer(mine["token"])
    else:
        client = Client()
        client.force_login(ratna)
    stranger = client.delete(f"{URL}{theirs['device']['id']}/")
    assert stranger.status_code == 404 and stranger.json()["code"] == "not_found"
    assert bearer(theirs["token"]).get(LIST).status_code == 200
    assert client.delete(f"{URL}{tablet['device']['id']}/").status_code == 204
    revoked = bearer(tablet["token"]).get(LIST)
    assert revoked.status_code == 401 and revoked.json()["code"] == "token_revoked"
    assert "dikeluarkan" in revoked.json()["detail"]
    # Ended once: a second time is a 404, like an unknown one.
    assert client.delete(f"{URL}{tablet['device']['id']}/").status_code == 404
    assert client.delete(f"{URL}999999/").status_code == 404


def test_a_superuser_cannot_end_someone_elses_device_from_the_api(db, ratna):
    from balaikota.testing.factories import UserFactory

    boss = UserFactory(is_superuser=True, is_staff=True)
    theirs = sign_in(ratna).json()
    client = Client()
    client.force_login(boss)
    assert client.delete(f"{URL}{theirs['device']['id']}/").status_code == 404


def test_the_list_shows_my_live_devices_only(ratna, staff_with_role, alice):
    sign_in(staff_with_role(Role.VERIFIER), name="Orang lain")
    first = sign_in(ratna, name="Android").json()
    second = sign_in(ratna, name="iPhone").json()
    bearer(first["token"]).delete(URL)
    rows = bearer(second["token"]).get(LIST).json()
    assert [(r["name"], r["current"]) for r in rows] == [("iPhone", True)]
    assert set(rows[0]) >= {"created_at", "created_ip", "last_used_at", "expires_at"}
    # A citizen has no devices to list.
    client = Client()
    client.force_login(alice)
    assert client.get(LIST).status_code == 403


def test_a_deactivated_account_stops_every_token(ratna):
    token = sign_in(ratna).json()["token"]
    ratna.is_active = False
    ratna.save()
    answer = bearer(token).get(LIST)
    assert answer.status_code == 401
    assert answer.json()["detail"] == "Akun ini sudah dinonaktifkan."
    assert Device.objects.get().end_reason == Device.EndReason.ACCOUNT_DEACTIVATED


def test_a_device_without_totp_stops_when_staff_must_enrol(settings, ratna):
    token = sign_in(ratna).json()["token"]
    settings.BALAIKOTA_STAFF_MFA_REQUIRED = True
    answer = bearer(token).get(LIST)
    assert answer.status_code == 401 and answer.json()["code"] == "token_revoked"
    assert "wajib memakai autentikasi dua langkah" in answer.json()["detail"]


def test_a_token_without_a_staff_role_any_more_is_refused(ratna):
    token = sign_in(ratna).json()["token"]
    services.role_revoke(user=ratna, role=Role.CIVIL_SERVANT)
    answer = bearer(token).get(LIST)
    assert answer.status_code == 401 and answer.json()["code"] == "token_not_staff"


def test_an_unknown_token_is_a_401_in_indonesian(db):
    answer = bearer("f" * 64).get(INBOX)
    assert answer.status_code == 401
    assert answer.json() == {
        "code": "token_invalid",
        "detail": "Token perangkat tidak dikenal. Masuk kembali di aplikasi.",
    }


def test_english_is_answered_in_english(settings, ratna):
    token = sign_in(ratna).json()["token"]
    bearer(token).delete(URL)
    phone = bearer(token)
    phone.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # the person's choice of language
    answer = phone.get(LIST)
    assert answer.json()["detail"] == "This device has signed out. Sign in again in the app."


# --- What the person and the audit trail see ---------------------------------------------------


def test_signing_in_and_ending_are_audit_rows_naming_who(ratna):
    token = sign_in(ratna).json()["token"]
    bearer(token).delete(URL, REMOTE_ADDR="10.1.2.3")
    device = Device.objects.get()
    rows = LogEntry.objects.get_for_object(device).order_by("timestamp", "pk")
    assert [(r.action, r.actor_id) for r in rows] == [
        (LogEntry.Action.CREATE, ratna.pk),
        (LogEntry.Action.UPDATE, ratna.pk),
    ]
    assert rows[1].changes_dict["end_reason"] == ["", "signed_out"]
    assert rows[1].remote_addr == "10.1.2.3"


def test_a_new_device_is_a_security_notice_to_the_person(ratna):
    sign_in(ratna, name="Xiaomi baru")
    notice = Notification.objects.get(recipient=ratna, topic="accounts.device")
    assert notice.title == "Perangkat baru masuk ke akun Anda"
    assert "Xiaomi baru" in notice.body and "ganti kata sandi" in notice.body
    assert notice.url == "/akun/profil/#perangkat"


def test_the_device_remembers_where_it_signed_in_and_was_used_from(ratna):
    token = Client(REMOTE_ADDR="10.9.8.7").post(
        URL,
        {"login": ratna.username, "password": PASSWORD, "device_name": "Android"},
        content_type="application/json",
    )
    bearer(token.json()["token"]).get(LIST, REMOTE_ADDR="10.9.8.6")
    device = Device.objects.get()
    assert (device.created_ip, device.last_used_ip) == ("10.9.8.7", "10.9.8.6")


# --- The schema -------------------------------------------------------------------------------


def test_the_schema_documents_the_device_endpoints_and_the_bearer_scheme(client, db):
    schema = client.get("/api/schema/", {"format": "json"}).json()
    scheme = schema["components"]["securitySchemes"]["perangkatPetugas"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    assert "Bearer <token>" in scheme["description"]
    assert schema["components"]["securitySchemes"]["tokenAuth"]  # the citizens' token stays
    sign_in_op = schema["paths"]["/api/v1/akun/perangkat/"]["post"]
    assert sign_in_op.get("security", [{}]) == [{}]  # nobody is signed in yet
    assert {"201", "400", "403", "409", "429"} <= set(sign_in_op["responses"])
    sign_out_op = schema["paths"]["/api/v1/akun/perangkat/"]["delete"]
    assert sign_out_op["security"] == [{"perangkatPetugas": []}]
    assert "401" in sign_out_op["responses"]
    revoke = schema["paths"]["/api/v1/akun/perangkat/{id}/"]["delete"]
    assert {"perangkatPetugas": []} in revoke["security"]
    assert "/api/v1/akun/perangkat/daftar/" in schema["paths"]
    # Every endpoint accepts the device token, the e-office's included.
    inbox = schema["paths"]["/api/v1/surat/kotak-masuk/"]["get"]
    assert {"perangkatPetugas": []} in inbox["security"]


# --- Odd input ----------------------------------------------------------------------------------


@pytest.mark.django_db
@settings_hypothesis(max_examples=40)
@given(
    login=st.text(max_size=300),
    password=st.text(max_size=50),
    code=st.text(max_size=80),
    name=st.text(max_size=80),
)
def test_whatever_is_sent_the_sign_in_answers_without_a_500(login, password, code, name):
    from django.core.cache import cache

    cache.clear()  # (allauth's and the lock-outs' counters would turn it into 429s)
    payload = {"login": login, "password": password, "code": code, "device_name": name}
    response = Client().post(URL, payload, content_type="application/json")
    assert response.status_code in (400, 429), response.content
    assert "code" in response.json()
