"""A lost tracking PIN: the signed-in applicant makes a new one from the receipt; anyone with
the tracking number can have a link sent to the applicant's verified e-mail and phone
("Lupa PIN?"),
which changes the PIN only when opened and confirmed. The answer never tells whether a number
exists; links are single-use and expire; the web pages and the API ask the same service."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail, signing
from django.core.cache import cache
from django.urls import include, path
from rest_framework.test import APIClient

from balaikota import urls as root_urls
from balaikota.civil_registry import selectors, services
from balaikota.core.errors import TooManyRequests
from balaikota.notifications.models import Notification

from .test_views_citizen import complete_draft

urlpatterns = [
    path("", include("balaikota.civil_registry.public_urls")),
    *root_urls.urlpatterns,
]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

FORGOT = "/lacak/lupa-pin/"
API_FORGOT = "/api/v1/kependudukan/tracking/forgot-pin/"


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()  # rate-limit counters live in the cache
    yield
    cache.clear()


@pytest.fixture
def receipt(citizen, family, service_types, django_capture_on_commit_callbacks):
    application = complete_draft(citizen, family)
    with django_capture_on_commit_callbacks(execute=True):
        result = services.application_submit(application=application, user=citizen)
    mail.outbox.clear()
    return result.application, result.pin


def _opens(application, pin) -> bool:
    return selectors.application_for_tracking(application.tracking_number, pin) is not None


def _link_in(message) -> str:
    match = re.search(r"(/lacak/pin-baru/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def _ask(client, number, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(FORGOT, {"nomor": number})


def test_the_applicant_makes_a_new_pin_from_the_receipt(client, citizen, receipt):
    application, old_pin = receipt
    client.force_login(citizen)
    page = client.get(f"/kependudukan/permohonan/{application.pk}/tanda-terima/")
    assert "Buat PIN baru" in page.content.decode()
    response = client.post(f"/kependudukan/permohonan/{application.pk}/pin-baru/", follow=True)
    body = response.content.decode()
    new_pin = re.search(r'id="pin">(\d{6})<', body).group(1)
    assert "PIN lama tidak berlaku lagi" in body
    assert _opens(application, new_pin) and not _opens(application, old_pin)
    assert Notification.objects.filter(recipient=citizen, topic="civil_registry.pin").exists()
    # Shown once: reloading the receipt shows it no more.
    again = client.get(f"/kependudukan/permohonan/{application.pk}/tanda-terima/")
    assert new_pin not in again.content.decode()


def test_someone_else_cannot_make_a_new_pin(client, bob, receipt):
    application, pin = receipt
    client.force_login(bob)
    response = client.post(f"/kependudukan/permohonan/{application.pk}/pin-baru/")
    assert response.status_code == 404
    assert _opens(application, pin)


def test_lupa_pin_sends_a_link_that_makes_a_new_pin_once(
    client, citizen, receipt, django_capture_on_commit_callbacks
):
    application, old_pin = receipt
    track = client.get("/lacak/").content.decode()
    assert f'href="{FORGOT}"' in track  # "Lupa PIN?" on the tracking page
    response = _ask(client, application.tracking_number.lower(), django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert "Jika nomor lacak itu terdaftar" in response.content.decode()
    [message] = mail.outbox
    assert message.to == [citizen.email]
    link = _link_in(message)
    assert _opens(application, old_pin)  # asking changes nothing: no one is locked out by it

    confirm = client.get(link)  # a mail scanner opening the link changes nothing either
    assert confirm.status_code == 200 and "Buat PIN baru" in confirm.content.decode()
    assert _opens(application, old_pin)

    made = client.post(link)
    new_pin = re.search(r'id="pin">(\d{6})<', made.content.decode()).group(1)
    assert _opens(application, new_pin) and not _opens(application, old_pin)

    used = client.post(link)  # the link is spent: the PIN it was bound to is gone
    assert used.status_code == 400
    assert "sudah tidak berlaku" in used.content.decode()
    assert _opens(application, new_pin)


def test_the_answer_is_the_same_whether_or_not_the_number_exists(
    client, citizen, receipt, django_capture_on_commit_callbacks
):
    application, _pin = receipt
    known = _ask(client, application.tracking_number, django_capture_on_commit_callbacks)
    unknown = _ask(client, "KP-0000-ZZZZZZ", django_capture_on_commit_callbacks)
    assert known.status_code == unknown.status_code == 200

    def text(response) -> str:
        html = response.content.decode()
        return re.sub(r'csrfmiddlewaretoken" value="[^"]+"|CSRFToken": "[^"]+"', "", html)

    assert text(known).replace(application.tracking_number, "N") == text(unknown).replace(
        "KP-0000-ZZZZZZ", "N"
    )
    assert len(mail.outbox) == 1


def test_the_link_goes_even_with_email_notifications_switched_off(
    client, citizen, receipt, django_capture_on_commit_callbacks
):
    from balaikota.notifications.services import notification_preferences_set

    application, _pin = receipt
    notification_preferences_set(user=citizen, email=False)
    _ask(client, application.tracking_number, django_capture_on_commit_callbacks)
    [message] = mail.outbox  # the citizen asked for it: it is not a newsletter
    assert message.to == [citizen.email]


def test_no_link_goes_to_an_unverified_address(
    client, citizen, receipt, django_capture_on_commit_callbacks
):
    application, _pin = receipt
    EmailAddress.objects.filter(user=citizen).update(verified=False)
    _ask(client, application.tracking_number, django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_a_verified_phone_gets_the_link_by_sms_too(
    client, citizen, receipt, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    from balaikota.notifications.models import OutboundMessage

    application, _pin = receipt
    EmailAddress.objects.filter(user=citizen).update(verified=False)  # only the phone is known
    citizen.phone, citizen.phone_verified_at = "+6281234567890", timezone.now()
    citizen.save(update_fields=["phone", "phone_verified_at"])
    _ask(client, application.tracking_number, django_capture_on_commit_callbacks)
    sms = OutboundMessage.objects.get(channel="sms", to="+6281234567890")
    assert "/lacak/pin-baru/" in sms.body


def test_an_unverified_phone_gets_nothing(
    client, citizen, receipt, django_capture_on_commit_callbacks
):
    from balaikota.notifications.models import OutboundMessage

    application, _pin = receipt
    EmailAddress.objects.filter(user=citizen).update(verified=False)
    citizen.phone, citizen.phone_verified_at = "+6281234567890", None
    citizen.save(update_fields=["phone", "phone_verified_at"])
    before = OutboundMessage.objects.count()
    _ask(client, application.tracking_number, django_capture_on_commit_callbacks)
    assert OutboundMessage.objects.count() == before and mail.outbox == []


def test_links_per_number_and_requests_per_address_are_limited(
    client, receipt, django_capture_on_commit_callbacks
):
    application, _pin = receipt
    for _ in range(5):
        _ask(client, application.tracking_number, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == services.PIN_RESET_PER_NUMBER.limit  # the mailbox is not flooded
    for n in range(services.PIN_RESET_PER_ADDRESS.limit - 5):
        _ask(client, f"KP-0000-ZZZZ{n:02d}", django_capture_on_commit_callbacks)
    refused = _ask(client, "KP-0000-ZZZZZZ", django_capture_on_commit_callbacks)
    assert refused.status_code == 429 and refused["Retry-After"]
    assert "Terlalu banyak permintaan PIN baru" in refused.content.decode()


def test_an_expired_or_altered_link_is_refused_in_indonesian(client, receipt, time_machine):
    application, pin = receipt
    token = services._pin_reset_token(application)
    altered = client.post(f"/lacak/pin-baru/{token[:-2]}xx/")
    assert altered.status_code == 400 and "Minta tautan baru" in altered.content.decode()
    import datetime as dt

    time_machine.move_to(
        dt.datetime.now(dt.UTC) + dt.timedelta(seconds=services.PIN_RESET_MAX_AGE + 60)
    )
    expired = client.post(f"/lacak/pin-baru/{token}/")
    assert expired.status_code == 400
    assert _opens(application, pin)
    with pytest.raises(signing.BadSignature):
        signing.loads(token[:-2] + "xx", salt=services.PIN_RESET_SALT)


def test_a_new_pin_lifts_the_lockout_of_wrong_guesses(client, citizen, receipt):
    application, pin = receipt
    number = application.tracking_number
    for _ in range(selectors.TRACKING_MAX_WRONG):
        selectors.tracking_lookup(number, "000000" if pin != "000000" else "111111", client="ip-1")
    with pytest.raises(TooManyRequests):
        selectors.tracking_lookup(number, pin, client="ip-1")
    new_pin = services.application_pin_reset(application=application, user=citizen, client="ip-1")
    assert selectors.tracking_lookup(number, new_pin, client="ip-1") is not None


def test_the_api_makes_a_new_pin_for_the_owner_only(citizen, bob, receipt):
    application, old_pin = receipt
    api = APIClient()
    api.force_authenticate(citizen)
    response = api.post(f"/api/v1/kependudukan/applications/{application.pk}/pin/")
    assert response.status_code == 200, response.json()
    new_pin = response.json()["pin"]
    assert _opens(application, new_pin) and not _opens(application, old_pin)
    stranger = APIClient()
    stranger.force_authenticate(bob)
    assert (
        stranger.post(f"/api/v1/kependudukan/applications/{application.pk}/pin/").status_code == 404
    )


def test_a_draft_has_no_pin_to_renew(citizen, family, service_types):
    draft = complete_draft(citizen, family)
    api = APIClient()
    api.force_authenticate(citizen)
    response = api.post(f"/api/v1/kependudukan/applications/{draft.pk}/pin/")
    assert response.status_code == 403
    assert response.json()["detail"]


def test_the_api_forgot_pin_answers_202_the_same_for_any_number(
    receipt, django_capture_on_commit_callbacks
):
    application, _pin = receipt
    api = APIClient()
    with django_capture_on_commit_callbacks(execute=True):
        known = api.post(API_FORGOT, {"tracking_number": application.tracking_number})
        unknown = api.post(API_FORGOT, {"tracking_number": "KP-0000-ZZZZZZ"})
    assert known.status_code == unknown.status_code == 202
    assert known.json() == unknown.json()
    assert len(mail.outbox) == 1
    empty = api.post(API_FORGOT, {})
    assert empty.status_code == 400 and "tracking_number" in empty.json()["errors"]


def _pdf_text(content: bytes) -> str:
    import io

    from pypdf import PdfReader

    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_receipt_pdf_from_the_receipt_page_carries_the_pin(client, citizen, bob, receipt):
    application, _pin = receipt
    client.force_login(citizen)
    made = client.post(f"/kependudukan/permohonan/{application.pk}/pin-baru/", follow=True)
    html = made.content.decode()
    pin = re.search(r'id="pin">(\d{6})<', html).group(1)
    assert "juga memuat PIN" in html  # the page says where the PIN is kept
    link = (
        re.search(r'href="([^"]*tanda-terima\.pdf\?t=[^"]+)"', html).group(1).replace("&amp;", "&")
    )
    with_pin = client.get(link)
    assert with_pin.status_code == 200 and pin in _pdf_text(with_pin.content)
    plain = client.get(f"/kependudukan/permohonan/{application.pk}/tanda-terima.pdf")
    assert pin not in _pdf_text(plain.content)  # without the page's link: no PIN
    client.force_login(bob)
    assert client.get(link).status_code == 404  # only the owner downloads it


def test_an_old_receipt_link_stops_carrying_the_pin(client, citizen, receipt, time_machine):
    import datetime as dt

    application, pin = receipt
    token = selectors.receipt_pin_token(application, pin)
    assert selectors.receipt_pin(application, token) == pin
    time_machine.move_to(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=31))
    assert selectors.receipt_pin(application, token) is None
    assert selectors.receipt_pin(application, "rusak") is None
