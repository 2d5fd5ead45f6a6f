"""Public tracking at /lacak/ with the tracking number and PIN: minimal data, lock-out after
wrong PINs, rate limit. Runs with the root URLs plus public_urls (as the lead mounts them)."""

from __future__ import annotations

import pytest
from django.urls import include, path

from balaikota import urls as root_urls
from balaikota.civil_registry import services
from balaikota.core.identity import mask_nik

from .test_views_citizen import complete_draft

urlpatterns = [
    path("", include("balaikota.civil_registry.public_urls")),
    *root_urls.urlpatterns,
]

pytestmark = [pytest.mark.django_db, pytest.mark.urls(__name__)]

TRACK = "/lacak/"


@pytest.fixture
def receipt(citizen, family, service_types):
    application = complete_draft(citizen, family)
    result = services.application_submit(application=application, user=citizen)
    return result.application, result.pin


def wrong(pin: str) -> str:
    return "000000" if pin != "000000" else "111111"


def test_track_page_prefills_the_number_from_the_qr_link(client, receipt):
    application, _pin = receipt
    response = client.get(TRACK, {"nomor": application.tracking_number})
    assert response.status_code == 200
    assert f'value="{application.tracking_number}"' in response.content.decode()


def test_track_with_the_right_pin_shows_status_and_masked_data_only(client, receipt):
    application, pin = receipt
    response = client.post(TRACK, {"nomor": application.tracking_number.lower(), "pin": pin})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Diajukan" in body and application.office.name in body
    assert mask_nik(application.applicant_nik) in body
    assert application.applicant_nik not in body
    assert application.applicant_name not in body
    assert "Raka Pratama" not in body  # no form data in public


def test_wrong_pin_is_refused_without_telling_which_part_was_wrong(client, receipt):
    application, pin = receipt
    response = client.post(TRACK, {"nomor": application.tracking_number, "pin": wrong(pin)})
    assert response.status_code == 404
    assert "Nomor lacak atau PIN tidak cocok." in response.content.decode()
    unknown = client.post(TRACK, {"nomor": "KP-0000-ZZZZZZ", "pin": pin})
    assert unknown.status_code == 404


def test_malformed_pin_is_400(client, receipt):
    application, _pin = receipt
    response = client.post(TRACK, {"nomor": application.tracking_number, "pin": "12ab"})
    assert response.status_code == 400
    assert "PIN terdiri dari 6 angka." in response.content.decode()


def test_five_wrong_pins_lock_the_number_for_15_minutes(client, receipt):
    application, pin = receipt
    for _i in range(5):
        client.post(TRACK, {"nomor": application.tracking_number, "pin": wrong(pin)})
    locked = client.post(TRACK, {"nomor": application.tracking_number, "pin": pin})
    assert locked.status_code == 429
    assert "dikunci selama 15 menit" in locked.content.decode()


def test_an_attacker_elsewhere_cannot_lock_the_owner_out(client, receipt):
    application, pin = receipt
    number = application.tracking_number
    for _i in range(5):  # someone who read the number off a photo of the receipt
        client.post(TRACK, {"nomor": number, "pin": wrong(pin)}, REMOTE_ADDR="203.0.113.9")
    attacker = client.post(TRACK, {"nomor": number, "pin": pin}, REMOTE_ADDR="203.0.113.9")
    assert attacker.status_code == 429  # that client is shut out, even with the right PIN…
    owner = client.post(TRACK, {"nomor": number, "pin": pin}, REMOTE_ADDR="198.51.100.4")
    assert owner.status_code == 200  # …the owner, elsewhere, is not


def test_all_clients_together_are_held_to_a_daily_limit(client, receipt):
    from balaikota.civil_registry import selectors

    application, pin = receipt
    number = application.tracking_number
    for i in range(selectors.TRACKING_MAX_WRONG_ANY_CLIENT):
        selectors.tracking_lookup(number, wrong(pin), client=f"10.0.{i // 4}.{i % 4}")
    response = client.post(TRACK, {"nomor": number, "pin": pin}, REMOTE_ADDR="198.51.100.4")
    assert response.status_code == 429
    assert "Lupa PIN?" in response.content.decode()  # the way out: a new PIN


def test_too_many_lookups_from_one_address_are_rate_limited(
    client, receipt, settings, time_machine
):
    import datetime as dt

    application, pin = receipt
    # The limit counts per minute: run within one minute, not across a boundary.
    time_machine.move_to(dt.datetime.now(dt.UTC).replace(second=1, microsecond=0), tick=False)
    statuses = [
        client.post(TRACK, {"nomor": f"KP-0000-ZZZZZ{i % 10}", "pin": pin}).status_code
        for i in range(25)
    ]
    assert statuses[-1] == 429
    assert (
        "Terlalu banyak percobaan"
        in client.post(TRACK, {"nomor": "x", "pin": pin}).content.decode()
    )


def test_track_is_also_under_kependudukan(client, receipt):
    application, pin = receipt
    response = client.post(
        "/kependudukan/lacak/", {"nomor": application.tracking_number, "pin": pin}
    )
    assert response.status_code == 200
