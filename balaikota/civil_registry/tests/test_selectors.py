"""Reads: the officer queue (filters, order, overdue, constant query count), tracking by PIN."""

import datetime as dt

import pytest

from balaikota.civil_registry import selectors
from balaikota.civil_registry.models import Application, ServiceType, Status

from .factories import district

pytestmark = pytest.mark.django_db


def _make(
    opd, citizen, n, *, due=dt.date(2026, 12, 1), status=Status.SUBMITTED, code="akta-kelahiran"
):
    service_type, _created = ServiceType.objects.get_or_create(code=code, defaults={"name": code})
    start = Application.objects.count()
    return [
        Application.objects.create(
            citizen=citizen,
            applicant_nik="3374011705900001",
            applicant_name=f"Warga {i}",
            service_type=service_type,
            status=status,
            tracking_number=f"KP-2611-Q{start + i:05d}",
            office=opd,
            district=district(),
            due_date=due + dt.timedelta(days=i % 5),
        )
        for i in range(n)
    ]


def _page(officer):
    return [
        (
            a.tracking_number,
            a.service_type.name,
            a.office.short_name,
            a.district.name,
            a.claimed_by and a.claimed_by.full_name,
            a.overdue,
        )
        for a in selectors.officer_queue(officer)[:50]
    ]


def test_queue_query_count_does_not_grow(staff_with_role, opd, alice, django_assert_num_queries):
    officer = staff_with_role("service_officer")
    _make(opd, alice, 3)
    selectors.officer_queue(officer)  # role scopes are cached per request on the user
    with django_assert_num_queries(1):
        small = _page(officer)
    _make(opd, alice, 40)
    with django_assert_num_queries(1):
        large = _page(officer)
    assert len(small) == 3 and len(large) == 43


def test_queue_filters_order_and_overdue(staff_with_role, opd, other_opd, alice):
    officer = staff_with_role("service_officer")
    mine = _make(opd, alice, 3, due=dt.date(2026, 1, 5))
    _make(opd, alice, 2, code="akta-kematian", due=dt.date(2030, 1, 1))
    _make(other_opd, alice, 4)
    _make(opd, alice, 2, status=Status.ISSUED)
    queue = list(selectors.officer_queue(officer, today=dt.date(2026, 1, 6)))
    assert len(queue) == 5
    assert [a.due_date for a in queue] == sorted(a.due_date for a in queue)
    assert queue[0].pk == mine[0].pk and queue[0].overdue is True
    assert queue[-1].overdue is False
    assert len(selectors.officer_queue(officer, service="akta-kematian")) == 2
    assert len(selectors.officer_queue(officer, due_before=dt.date(2026, 1, 6))) == 2
    assert len(selectors.officer_queue(officer, district="33.74.02")) == 0
    assert len(selectors.officer_queue(officer, status=Status.IN_REVIEW)) == 0


def test_signing_official_sees_only_what_awaits_signature(staff_with_role, opd, alice):
    signer = staff_with_role("signing_official")
    _make(opd, alice, 2)
    waiting = _make(opd, alice, 1, status=Status.AWAITING_SIGNATURE)
    assert [a.pk for a in selectors.officer_queue(signer)] == [waiting[0].pk]


def test_citizen_has_no_queue(alice):
    assert list(selectors.officer_queue(alice)) == []


def test_tracking_needs_the_right_pin(alice, opd):
    from django.contrib.auth.hashers import make_password

    (application,) = _make(opd, alice, 1)
    Application.objects.filter(pk=application.pk).update(pin_hash=make_password("123456"))
    number = application.tracking_number
    assert selectors.application_for_tracking(number, "123456").pk == application.pk
    assert selectors.application_for_tracking(number.lower(), "123456").pk == application.pk
    assert selectors.application_for_tracking(number, "654321") is None
    assert selectors.application_for_tracking("KP-0000-XXXXXX", "123456") is None
    assert selectors.application_for_tracking("", "") is None


def test_awaiting_signature_only_where_the_user_signs(staff_with_role, opd, other_opd, alice):
    from balaikota.accounts.services import role_grant

    official = staff_with_role("signing_official")
    # The same person is only an officer (not a signer) at another office.
    role_grant(user=official, role="service_officer", opd=other_opd)
    official.__dict__.pop("_role_scope_map", None)
    here = _make(opd, alice, 2, status=Status.AWAITING_SIGNATURE)
    _make(other_opd, alice, 3, status=Status.AWAITING_SIGNATURE)
    _make(opd, alice, 1, status=Status.SUBMITTED)
    signable = selectors.applications_awaiting_signature(official)
    assert sorted(a.pk for a in signable) == sorted(a.pk for a in here)
    # What the old listing showed: the other office's too.
    listed = selectors.officer_queue(official, status=Status.AWAITING_SIGNATURE)
    assert len(listed) == 5
    assert list(selectors.applications_awaiting_signature(alice)) == []


def test_awaiting_signature_in_one_query(staff_with_role, opd, alice, django_assert_num_queries):
    official = staff_with_role("signing_official")
    _make(opd, alice, 30, status=Status.AWAITING_SIGNATURE)
    selectors.applications_awaiting_signature(official)  # role scopes cached on the user
    with django_assert_num_queries(1):
        rows = [
            (a.service_type.name, a.office.short_name, a.overdue)
            for a in selectors.applications_awaiting_signature(official)[:25]
        ]
    assert len(rows) == 25


def test_a_pin_digest_is_keyed_and_bound_to_its_tracking_number(alice, opd, settings):
    from balaikota.civil_registry.pins import pin_digest, pin_matches

    (application,) = _make(opd, alice, 1)
    number = application.tracking_number
    Application.objects.filter(pk=application.pk).update(pin_hash=pin_digest("123456", number))
    assert selectors.application_for_tracking(number, "123456").pk == application.pk
    assert selectors.application_for_tracking(number, "123457") is None
    # The same PIN of another application does not open this one.
    assert not pin_matches("123456", number, pin_digest("123456", "KP-0000-OTHER1"))
    # Rotating SECRET_KEY keeps PINs working while the old key is a fallback.
    old_secret = settings.SECRET_KEY
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = "a-new-secret-" * 4, [old_secret]
    assert selectors.application_for_tracking(number, "123456").pk == application.pk
    settings.SECRET_KEY_FALLBACKS = []
    assert selectors.application_for_tracking(number, "123456") is None
