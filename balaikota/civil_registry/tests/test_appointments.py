"""Appointments for visits: book, no overbooking (also under concurrency on PostgreSQL),
reschedule, cancel, check-in at the counter by an officer of the location's office."""

import datetime as dt
import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection, connections
from django.utils import timezone

from balaikota.civil_registry import selectors, services
from balaikota.civil_registry.models import (
    Appointment,
    AppointmentSlot,
    ServiceLocation,
    ServiceType,
)
from balaikota.civil_registry.services import CivilRegistryError

from .factories import later_today


def _slot(opd, *, capacity=2, starts=None, service_type=None):
    location, _created = ServiceLocation.objects.get_or_create(
        code="disdukcapil", defaults={"name": "Dispendukcapil", "office": opd}
    )
    service_type = (
        service_type
        or ServiceType.objects.get_or_create(
            code="perekaman-ktp-el", defaults={"name": "Perekaman KTP-el", "needs_visit": True}
        )[0]
    )
    starts = starts or timezone.now() + dt.timedelta(days=1)
    return AppointmentSlot.objects.create(
        location=location,
        service_type=service_type,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        capacity=capacity,
    )


@pytest.mark.django_db
def test_book_until_full_then_refuse(opd, alice, bob, staff_with_role):
    slot = _slot(opd, capacity=1)
    booking = services.appointment_book(citizen=alice, slot=slot)
    assert booking.code.startswith("AP-")
    with pytest.raises(CivilRegistryError) as caught:
        services.appointment_book(citizen=bob, slot=slot)
    assert caught.value.code == "slot_full"
    slot.refresh_from_db()
    assert slot.booked == 1
    assert (
        list(
            selectors.appointment_slots_available(
                location=slot.location,
                service_type=slot.service_type,
                date_from=timezone.localdate(),
                date_to=timezone.localdate() + dt.timedelta(days=3),
            )
        )
        == []
    )


@pytest.mark.django_db
def test_reschedule_and_cancel_free_the_seat(opd, alice, bob):
    first = _slot(opd, capacity=1)
    second = _slot(opd, capacity=1, starts=first.starts_at + dt.timedelta(days=1))
    booking = services.appointment_book(citizen=alice, slot=first)
    with pytest.raises(PermissionDenied):
        services.appointment_cancel(appointment=booking, user=bob)
    services.appointment_reschedule(appointment=booking, user=alice, new_slot=second)
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.booked, second.booked) == (0, 1)
    with pytest.raises(CivilRegistryError):  # second is full now
        services.appointment_reschedule(
            appointment=services.appointment_book(citizen=bob, slot=first),
            user=bob,
            new_slot=second,
        )
    services.appointment_cancel(appointment=booking, user=alice)
    second.refresh_from_db()
    assert second.booked == 0
    with pytest.raises(CivilRegistryError):
        services.appointment_cancel(appointment=booking, user=alice)


@pytest.mark.django_db
def test_check_in_by_officer_of_the_location(opd, other_opd, alice, staff_with_role):
    from balaikota.testing.matrix import People

    slot = _slot(opd, starts=later_today(5))
    booking = services.appointment_book(citizen=alice, slot=slot)
    stranger = People(None, None, other_opd, None).colleague(
        in_opd=other_opd, role="service_officer"
    )
    with pytest.raises(PermissionDenied):
        services.appointment_check_in(code=booking.code, officer=stranger)
    officer = staff_with_role("service_officer")
    assert [
        a.pk
        for a in selectors.appointments_for_location_day(
            officer, location=slot.location, day=timezone.localdate(slot.starts_at)
        )
    ] == [booking.pk]
    checked = services.appointment_check_in(code=booking.code.lower(), officer=officer)
    assert checked.state == Appointment.State.CHECKED_IN
    with pytest.raises(CivilRegistryError):
        services.appointment_check_in(code=booking.code, officer=officer)


@pytest.mark.django_db
def test_slots_generated_on_working_days_only(opd):
    slot = _slot(opd)
    created = services.appointment_slots_generate(
        location=slot.location, service_type=slot.service_type, start=dt.date(2026, 12, 24), days=3
    )
    days = sorted(
        {timezone.localdate(s.starts_at) for s in AppointmentSlot.objects.exclude(pk=slot.pk)}
    )
    assert created == 9
    assert all(d.weekday() < 5 for d in days) and dt.date(2026, 12, 25) not in days


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL concurrency")
def test_concurrent_bookings_never_overbook(opd):
    from balaikota.testing.factories import CitizenFactory

    slot = _slot(opd, capacity=3)
    citizens = [CitizenFactory() for _i in range(8)]
    barrier = threading.Barrier(len(citizens))
    outcomes = []

    def book(citizen):
        try:
            barrier.wait()
            services.appointment_book(citizen=citizen, slot=slot)
            outcomes.append("ok")
        except CivilRegistryError as exc:
            outcomes.append(exc.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=book, args=(c,)) for c in citizens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    slot.refresh_from_db()
    assert outcomes.count("ok") == 3 and outcomes.count("slot_full") == 5
    assert slot.booked == 3 == Appointment.objects.filter(slot=slot).count()
