"""Jadwal kunjungan: the citizen books a slot (one booking for a double submit, a friendly 409
for a full slot), sees the code and QR, moves and cancels it; the counter officer checks
visitors in by code, only at their office's locations."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from balaikota.civil_registry import services
from balaikota.civil_registry.models import Appointment, AppointmentSlot, ServiceLocation
from balaikota.testing.matrix import People

from .factories import later_today
from .test_views_citizen import url

pytestmark = pytest.mark.django_db

KTP = "perekaman-ktp-el"


@pytest.fixture
def location(opd):
    return ServiceLocation.objects.create(
        code="kec-semarang-tengah", name="Kecamatan Semarang Tengah", office=opd
    )


@pytest.fixture
def ktp(service_types):
    from balaikota.civil_registry.models import ServiceType

    return ServiceType.objects.get(code=KTP)


def make_slot(location, service_type, *, capacity=5, starts=None) -> AppointmentSlot:
    starts = starts or timezone.now() + dt.timedelta(days=2)
    return AppointmentSlot.objects.create(
        location=location,
        service_type=service_type,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        capacity=capacity,
    )


@pytest.fixture
def slot(location, ktp):
    return make_slot(location, ktp)


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def alice_client(alice):
    return signed_in(alice)


@pytest.fixture
def bob_client(bob):
    return signed_in(bob)


@pytest.fixture
def officer_client(officer):
    return signed_in(officer)


# --- The citizen ---------------------------------------------------------------------------------


def test_slots_page_lists_free_slots_with_remaining_seats(alice_client, slot, location, ktp):
    full = make_slot(location, ktp, capacity=1, starts=slot.starts_at + dt.timedelta(hours=3))
    AppointmentSlot.objects.filter(pk=full.pk).update(booked=1)
    response = alice_client.get(url("appointments"), {"layanan": KTP, "lokasi": location.code})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Jadwal kosong di Kecamatan Semarang Tengah" in body
    assert f'name="slot" value="{slot.pk}"' in body
    assert "sisa 5 kursi" in body
    assert f'name="slot" value="{full.pk}"' not in body


def test_slots_page_without_a_location_asks_for_one(alice_client, slot):
    response = alice_client.get(url("appointments"))
    assert response.status_code == 200
    assert "Kecamatan Semarang Tengah" in response.content.decode()  # among the choices
    assert 'name="slot"' not in response.content.decode()


def test_slots_page_bad_choice_is_400(alice_client, slot):
    response = alice_client.get(url("appointments"), {"layanan": "tidak-ada", "lokasi": "x"})
    assert response.status_code == 400
    assert "Ada isian yang perlu diperbaiki" in response.content.decode()


def test_slots_page_query_count_does_not_grow_with_slots(alice_client, alice, slot, location, ktp):
    services.appointment_book(citizen=alice, slot=slot)
    params = {"layanan": KTP, "lokasi": location.code}
    alice_client.get(url("appointments"), params)  # warm caches (session, holidays)
    with CaptureQueriesContext(connection) as few:
        alice_client.get(url("appointments"), params)
    for hours in range(3, 60, 3):
        extra = make_slot(location, ktp, starts=slot.starts_at + dt.timedelta(hours=hours))
        services.appointment_book(citizen=alice, slot=extra)
    with CaptureQueriesContext(connection) as many:
        response = alice_client.get(url("appointments"), params)
    assert response.content.decode().count('name="slot"') >= 19
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_book_shows_the_code_and_qr(alice_client, alice, slot):
    response = alice_client.post(url("appointment_book"), {"slot": slot.pk})
    booking = Appointment.objects.get(citizen=alice)
    assert response.status_code == 302
    assert response["Location"] == url("appointment_detail", booking.pk)
    page = alice_client.get(response["Location"])
    body = page.content.decode()
    assert booking.code in body
    assert 'src="data:image/png;base64,' in body
    assert "Pindah jadwal" in body
    slot.refresh_from_db()
    assert slot.booked == 1


def test_double_submit_books_once(alice_client, alice, slot):
    first = alice_client.post(url("appointment_book"), {"slot": slot.pk})
    second = alice_client.post(url("appointment_book"), {"slot": slot.pk})
    booking = Appointment.objects.get(citizen=alice)
    assert first["Location"] == second["Location"] == url("appointment_detail", booking.pk)
    slot.refresh_from_db()
    assert slot.booked == 1


def test_full_slot_is_refused_with_409(alice_client, bob_client, location, ktp):
    slot = make_slot(location, ktp, capacity=1)
    assert bob_client.post(url("appointment_book"), {"slot": slot.pk}).status_code == 302
    response = alice_client.post(url("appointment_book"), {"slot": slot.pk})
    assert response.status_code == 409
    assert "sudah penuh" in response.content.decode()
    slot.refresh_from_db()
    assert slot.booked == 1 and Appointment.objects.filter(slot=slot).count() == 1


def test_book_bad_input(alice_client):
    assert alice_client.post(url("appointment_book"), {"slot": "x"}).status_code == 400
    assert alice_client.post(url("appointment_book"), {"slot": 999999}).status_code == 404
    assert alice_client.get(url("appointment_book")).status_code == 405


def test_book_for_someone_elses_application_is_404(bob_client, citizen, family, slot):
    from .test_views_citizen import draft

    application = draft(citizen, family)
    response = bob_client.post(
        url("appointment_book"), {"slot": slot.pk, "permohonan": application.pk}
    )
    assert response.status_code == 404
    assert not Appointment.objects.exists()


def test_book_from_an_application_that_needs_a_visit(citizen, ktp, slot, location):
    client = signed_in(citizen)
    application = services.application_draft_create(user=citizen, service_type=ktp, data={})
    detail = client.get(url("application_detail", application.pk)).content.decode()
    link = f"{url('appointments')}?permohonan={application.pk}"
    assert "Pesan jadwal kunjungan" in detail and link in detail
    page = client.get(url("appointments"), {"permohonan": application.pk, "lokasi": location.code})
    assert f'name="permohonan" value="{application.pk}"' in page.content.decode()
    client.post(url("appointment_book"), {"slot": slot.pk, "permohonan": application.pk})
    assert Appointment.objects.get(citizen=citizen).application == application


def test_reschedule_moves_the_seat(alice_client, alice, slot, location, ktp):
    later = make_slot(location, ktp, starts=slot.starts_at + dt.timedelta(days=1))
    booking = services.appointment_book(citizen=alice, slot=slot)
    detail = alice_client.get(url("appointment_detail", booking.pk)).content.decode()
    assert f'name="slot" value="{later.pk}"' in detail
    response = alice_client.post(url("appointment_reschedule", booking.pk), {"slot": later.pk})
    assert response.status_code == 302
    booking.refresh_from_db()
    slot.refresh_from_db()
    later.refresh_from_db()
    assert booking.slot == later and (slot.booked, later.booked) == (0, 1)


def test_reschedule_to_a_full_slot_keeps_the_booking(alice_client, alice, bob, slot, location, ktp):
    full = make_slot(location, ktp, capacity=1, starts=slot.starts_at + dt.timedelta(days=1))
    services.appointment_book(citizen=bob, slot=full)
    booking = services.appointment_book(citizen=alice, slot=slot)
    response = alice_client.post(url("appointment_reschedule", booking.pk), {"slot": full.pk})
    assert response.status_code == 409
    booking.refresh_from_db()
    assert booking.slot == slot and booking.state == Appointment.State.BOOKED


def test_cancel_frees_the_seat(alice_client, alice, slot):
    booking = services.appointment_book(citizen=alice, slot=slot)
    response = alice_client.post(url("appointment_cancel", booking.pk))
    assert response.status_code == 302
    booking.refresh_from_db()
    slot.refresh_from_db()
    assert booking.state == Appointment.State.CANCELLED and slot.booked == 0
    assert alice_client.post(url("appointment_cancel", booking.pk)).status_code == 409


def test_another_citizens_booking_is_404(bob_client, alice, slot, location, ktp):
    booking = services.appointment_book(citizen=alice, slot=slot)
    other = make_slot(location, ktp, starts=slot.starts_at + dt.timedelta(days=1))
    assert bob_client.get(url("appointment_detail", booking.pk)).status_code == 404
    assert bob_client.post(url("appointment_cancel", booking.pk)).status_code == 404
    reschedule = bob_client.post(url("appointment_reschedule", booking.pk), {"slot": other.pk})
    assert reschedule.status_code == 404
    booking.refresh_from_db()
    assert booking.state == Appointment.State.BOOKED and booking.slot == slot


def test_pages_need_sign_in(client, slot):
    response = client.get(url("appointments"))
    assert response.status_code == 302 and "login" in response["Location"]


# --- The counter officer -------------------------------------------------------------------------


@pytest.fixture
def today_booking(alice, location, ktp):
    soon = make_slot(location, ktp, starts=later_today(5))
    return services.appointment_book(citizen=alice, slot=soon)


def test_counter_lists_the_day_and_checks_in_by_code(officer_client, today_booking):
    page = officer_client.get(url("appointments_counter"))
    assert page.status_code == 200
    assert today_booking.code in page.content.decode()
    response = officer_client.post(
        url("appointments_counter"), {"code": f"  {today_booking.code.lower()} "}
    )
    assert response.status_code == 302
    today_booking.refresh_from_db()
    assert today_booking.state == Appointment.State.CHECKED_IN
    followed = officer_client.get(response["Location"]).content.decode()
    assert "sudah hadir" in followed
    again = officer_client.post(url("appointments_counter"), {"code": today_booking.code})
    assert again.status_code == 409
    assert "sudah hadir" in again.content.decode()


def test_counter_wrong_code(officer_client, today_booking):
    unknown = officer_client.post(url("appointments_counter"), {"code": "AP-ZZZZZZZZ"})
    assert unknown.status_code == 404
    assert "Kode booking tidak ditemukan" in unknown.content.decode()
    malformed = officer_client.post(url("appointments_counter"), {"code": "hello"})
    assert malformed.status_code == 400
    assert "Ada isian yang perlu diperbaiki" in malformed.content.decode()


def test_counter_of_another_office_cannot_check_in(opd, other_opd, today_booking):
    stranger = People(None, None, other_opd, None).colleague(
        in_opd=other_opd, role="service_officer"
    )
    ServiceLocation.objects.create(code="mpp", name="MPP", office=other_opd)
    client = signed_in(stranger)
    page = client.get(url("appointments_counter"))
    assert page.status_code == 200 and today_booking.code not in page.content.decode()
    response = client.post(url("appointments_counter"), {"code": today_booking.code})
    assert response.status_code == 403
    today_booking.refresh_from_db()
    assert today_booking.state == Appointment.State.BOOKED


def test_counter_is_for_location_officers_only(alice_client, staff_with_role, today_booking):
    assert alice_client.get(url("appointments_counter")).status_code == 403
    verifier = signed_in(staff_with_role("verifier"))
    assert verifier.get(url("appointments_counter")).status_code == 403


def test_queue_links_to_the_counter_page(officer_client, service_types):
    body = officer_client.get(url("queue")).content.decode()
    assert url("appointments_counter") in body


def test_citizens_menu_has_the_visit_schedule(alice_client):
    body = alice_client.get(url("home")).content.decode()
    assert "Jadwal kunjungan" in body and url("appointments") in body


def test_appointment_pages_are_accessible(alice_client, alice, officer_client, location, ktp):
    from .test_views_accessibility import assert_accessible

    soon = make_slot(location, ktp, starts=later_today(5))
    later = make_slot(location, ktp)
    booking = services.appointment_book(citizen=alice, slot=soon)
    pages = {
        "slots": alice_client.get(url("appointments"), {"layanan": KTP, "lokasi": location.code}),
        "bad": alice_client.get(url("appointments"), {"layanan": "x"}),
        "booking": alice_client.get(url("appointment_detail", booking.pk)),
        "counter": officer_client.get(url("appointments_counter")),
        "counter-error": officer_client.post(url("appointments_counter"), {"code": "x"}),
    }
    for where, response in pages.items():
        assert_accessible(response.content.decode(), where)
    assert f'value="{later.pk}"' in pages["booking"].content.decode()


def test_book_a_slot_of_another_service_for_an_application_is_400(citizen, slot, service_types):
    from balaikota.civil_registry.models import ServiceType

    client = signed_in(citizen)
    death = ServiceType.objects.get(code="akta-kematian")
    application = services.application_draft_create(user=citizen, service_type=death, data={})
    response = client.post(url("appointment_book"), {"slot": slot.pk, "permohonan": application.pk})
    assert response.status_code == 400
    assert not Appointment.objects.exists()
