"""A phone number verified by a code (SMS or WhatsApp): only then do SMS and WhatsApp
notifications, and a lost PIN's link, go to it. The profile page and the app's API call the same
service."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from rest_framework.test import APIClient

from balaikota.accounts import services
from balaikota.accounts.models import PhoneVerification
from balaikota.core.errors import Conflict, InvalidInput, TooManyRequests
from balaikota.core.identity import display_mobile, parse_mobile
from balaikota.notifications import selectors as notification_selectors
from balaikota.notifications import services as notification_services
from balaikota.notifications.models import Channel, OutboundMessage
from balaikota.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def sent_code(number: str) -> str:
    message = OutboundMessage.objects.filter(to=number).latest("pk")
    return re.search(r"\b(\d{6})\b", message.body).group(1)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("0812-3456-7890", "+6281234567890"),
        ("+62 812 3456 789", "+628123456789"),
        ("6285712345678", "+6285712345678"),
        ("(0812) 3456.7890", "+6281234567890"),
    ],
)
def test_numbers_as_people_write_them(typed, stored):
    assert parse_mobile(typed) == stored


@pytest.mark.parametrize("typed", ["081234", "024-3515871", "+1 415 555 0100", "0812abc", ""])
def test_numbers_that_are_not_indonesian_mobiles(typed):
    with pytest.raises(ValidationError) as excinfo:
        parse_mobile(typed)
    assert excinfo.value.code == "phone_invalid"


def test_display():
    assert display_mobile("+6281234567890") == "0812-3456-7890"


def test_a_code_goes_to_the_number_and_verifies_it(django_capture_on_commit_callbacks):
    user = UserFactory(phone="")
    with django_capture_on_commit_callbacks(execute=True):
        services.phone_verification_start(user=user, number="0812-3456-7890", channel="whatsapp")
    message = OutboundMessage.objects.get(to="+6281234567890")
    assert message.channel == Channel.WHATSAPP and message.notification is None
    code = sent_code("+6281234567890")
    assert code not in PhoneVerification.objects.get(user=user).code_digest
    user.refresh_from_db()
    assert user.phone == "" and notification_selectors.channel_address(user, Channel.SMS) == ""

    services.phone_verification_confirm(user=user, code=f"{code[:3]} {code[3:]}")

    user.refresh_from_db()
    assert user.phone == "+6281234567890" and user.phone_verified_at is not None
    assert notification_selectors.channel_address(user, Channel.WHATSAPP) == "+6281234567890"


def test_wrong_codes_are_counted_and_five_end_the_code():
    user = UserFactory()
    services.phone_verification_start(user=user, number="081234567890", channel="sms")
    right = sent_code("+6281234567890")
    wrong = "000000" if right != "000000" else "111111"
    with pytest.raises(InvalidInput) as excinfo:
        services.phone_verification_confirm(user=user, code=wrong)
    assert "Sisa 4 kali" in excinfo.value.field_errors["code"][0]
    assert PhoneVerification.objects.get(user=user).attempts == 1  # committed despite the error
    for _ in range(4):
        with pytest.raises(InvalidInput):
            services.phone_verification_confirm(user=user, code=wrong)
    with pytest.raises(Conflict) as excinfo:
        services.phone_verification_confirm(user=user, code=right)
    assert excinfo.value.code == "phone_code_expired"
    user.refresh_from_db()
    assert user.phone_verified_at is None


def test_an_expired_code_is_refused():
    user = UserFactory()
    services.phone_verification_start(user=user, number="081234567890", channel="sms")
    PhoneVerification.objects.filter(user=user).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    with pytest.raises(Conflict) as excinfo:
        services.phone_verification_confirm(user=user, code=sent_code("+6281234567890"))
    assert "Minta kode baru" in excinfo.value.text


def test_a_new_code_replaces_the_old_one():
    user = UserFactory()
    services.phone_verification_start(user=user, number="081234567890", channel="sms")
    first = sent_code("+6281234567890")
    services.phone_verification_start(user=user, number="081234567890", channel="sms")
    second = sent_code("+6281234567890")
    if first != second:
        with pytest.raises(InvalidInput):
            services.phone_verification_confirm(user=user, code=first)
    services.phone_verification_confirm(user=user, code=second)


def test_codes_are_rate_limited_per_person():
    user = UserFactory()
    for _ in range(3):
        services.phone_verification_start(user=user, number="081234567890", channel="sms")
    with pytest.raises(TooManyRequests) as excinfo:
        services.phone_verification_start(user=user, number="081234567890", channel="sms")
    assert "beberapa kali" in excinfo.value.text
    assert OutboundMessage.objects.count() == 3
    # someone else is not affected
    services.phone_verification_start(user=UserFactory(), number="085712345678", channel="sms")


def test_a_number_belongs_to_whoever_verified_it_last():
    previous = UserFactory(phone="+6281234567890", phone_verified_at=timezone.now())
    user = UserFactory()
    services.phone_verification_start(user=user, number="081234567890", channel="sms")
    services.phone_verification_confirm(user=user, code=sent_code("+6281234567890"))
    previous.refresh_from_db()
    assert previous.phone == "" and previous.phone_verified_at is None


def test_sms_preferences_need_a_verified_number():
    user = UserFactory(phone="+6281234567890", phone_verified_at=None)
    with pytest.raises(ValidationError) as excinfo:
        notification_services.notification_preferences_set(user=user, email=True, sms=True)
    assert "Verifikasi nomor ponsel" in excinfo.value.messages[0]
    user.phone_verified_at = timezone.now()
    user.save()
    choices = notification_services.notification_preferences_set(user=user, email=True, sms=True)
    assert choices[Channel.SMS] is True


def test_an_essential_message_reaches_a_verified_phone_once(django_capture_on_commit_callbacks):
    user = UserFactory(phone="+6281234567890", phone_verified_at=timezone.now())
    notification_services.notify(
        recipient=user, topic="uji", title="Tautan PIN baru", essential=True
    )
    assert set(OutboundMessage.objects.values_list("channel", flat=True)) == {
        Channel.EMAIL,
        Channel.SMS,
    }


# --- The pages and the API --------------------------------------------------------------------


def test_the_profile_flow(client):
    user = UserFactory(phone="")
    client.force_login(user)
    profile = client.get("/akun/profil/").content.decode()
    assert "Tambahkan dan verifikasi nomor ponsel" in profile

    bad = client.post("/akun/ponsel/", {"number": "12345", "channel": "sms"})
    assert bad.status_code == 400
    assert "awali dengan 08" in bad.content.decode()

    response = client.post("/akun/ponsel/", {"number": "0812 3456 7890", "channel": "sms"})
    assert response.status_code == 302 and response["Location"] == "/akun/ponsel/kode/"
    page = client.get("/akun/ponsel/kode/").content.decode()
    assert "0812-3456-7890" in page and "Kirim ulang kode" in page

    wrong = client.post("/akun/ponsel/kode/", {"code": "12"})
    assert wrong.status_code == 400 and "6 angka" in wrong.content.decode()

    done = client.post("/akun/ponsel/kode/", {"code": sent_code("+6281234567890")}, follow=True)
    page = done.content.decode()
    assert "terverifikasi" in page and "Terverifikasi" in page and "0812-3456-7890" in page


def test_the_code_page_without_a_code_sends_you_to_the_number(client):
    client.force_login(UserFactory())
    response = client.get("/akun/ponsel/kode/")
    assert response.status_code == 302 and response["Location"] == "/akun/ponsel/"


def test_the_api_flow():
    user = UserFactory(phone="")
    api = APIClient()
    api.force_authenticate(user)

    bad = api.post("/api/v1/akun/ponsel/", {"number": "<script>", "channel": "sms"}, format="json")
    assert bad.status_code == 400
    assert bad.json()["code"] == "phone_invalid"

    started = api.post(
        "/api/v1/akun/ponsel/", {"number": "081234567890", "channel": "whatsapp"}, format="json"
    )
    assert started.status_code == 202
    assert started.json()["verified"] is False and started.json()["code_expires_at"]

    wrong = api.post("/api/v1/akun/ponsel/kode/", {"code": "abcdef"}, format="json")
    assert wrong.status_code == 400

    done = api.post(
        "/api/v1/akun/ponsel/kode/", {"code": sent_code("+6281234567890")}, format="json"
    )
    assert done.status_code == 200
    assert done.json() == {"number": "+6281234567890", "verified": True, "code_expires_at": None}
    assert api.get("/api/v1/akun/ponsel/").json()["verified"] is True


def test_web_and_api_refuse_alike():
    """Parity: the same refusal (a code asked for too often) from the page and the API."""
    web_user, api_user = UserFactory(), UserFactory()
    from django.test import Client

    web = Client()
    web.force_login(web_user)
    api = APIClient()
    api.force_authenticate(api_user)
    for _ in range(3):
        web.post("/akun/ponsel/", {"number": "081234567890", "channel": "sms"})
        api.post("/api/v1/akun/ponsel/", {"number": "085712345678"}, format="json")
    page = web.post("/akun/ponsel/", {"number": "081234567890", "channel": "sms"})
    answer = api.post("/api/v1/akun/ponsel/", {"number": "085712345678"}, format="json")
    assert page.status_code == answer.status_code == 429
    assert answer.json()["detail"] in page.content.decode()
