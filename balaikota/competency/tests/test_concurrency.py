"""Seats under concurrency (PostgreSQL: real row locks, threads with their own connections):
approvals at the same moment never fill a class past its seats, a freed seat goes to exactly
one waiting person, and the same JP is never credited twice."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.utils import timezone

from balaikota.competency import services
from balaikota.competency.models import Enrolment, EnrolmentStatus, JpTotal, LedgerEntry
from balaikota.testing.concurrency import run_together
from balaikota.testing.factories import EmployeeFactory, PositionFactory

from .factories import TrainingClassFactory

E = EnrolmentStatus
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def _requests(team, training_class, n):
    people = [EmployeeFactory(position=PositionFactory(unit=team.unit)) for _ in range(n)]
    return [services.enrolment_request(user=p.user, training_class=training_class) for p in people]


def test_approvals_at_once_never_fill_a_class_past_its_seats(team):
    training_class = TrainingClassFactory(capacity=3)
    requests = _requests(team, training_class, 8)
    results = run_together(
        [
            lambda e=e: services.enrolment_approve(enrolment=e, actor=team.head.user)
            for e in requests
        ]
    )
    assert all(isinstance(r, Enrolment) for r in results), results
    states = list(
        Enrolment.objects.filter(training_class=training_class).values_list("status", flat=True)
    )
    assert states.count(E.ENROLLED) == 3
    assert states.count(E.WAITLISTED) == 5


def test_the_same_person_asking_twice_at_once_gets_one_place(team):
    training_class = TrainingClassFactory(capacity=3)
    results = run_together(
        [
            lambda: services.enrolment_request(user=team.member.user, training_class=training_class)
            for _ in range(4)
        ]
    )
    assert sum(isinstance(r, Enrolment) for r in results) == 1, results
    assert Enrolment.objects.filter(training_class=training_class).count() == 1


def test_seats_freed_at_once_go_to_the_waiting_list_in_order_once_each(team):
    training_class = TrainingClassFactory(capacity=2)
    requests = _requests(team, training_class, 5)
    for enrolment in requests:
        services.enrolment_approve(enrolment=enrolment, actor=team.head.user)
    seated = list(Enrolment.objects.filter(training_class=training_class, status=E.ENROLLED))
    results = run_together(
        [
            lambda e=e: services.enrolment_withdraw(enrolment=e, actor=team.admin.user)
            for e in seated
        ]
    )
    assert all(isinstance(r, Enrolment) for r in results), results
    now_seated = Enrolment.objects.filter(training_class=training_class, status=E.ENROLLED)
    assert now_seated.count() == 2
    # The first two approved onto the waiting list got the seats, promoted once each.
    assert {e.pk for e in now_seated} == {requests[2].pk, requests[3].pk}
    for enrolment in now_seated:
        assert enrolment.events.filter(action="promote").count() == 1


def test_the_same_credit_at_once_is_counted_once(team):
    on = timezone.localdate() - dt.timedelta(days=1)

    def credit():
        with transaction.atomic():
            return services.ledger_credit(
                employee=team.member,
                on=on,
                jp=Decimal("4"),
                source="evidence",
                source_key="evidence:concurrent",
                title="Webinar",
                form="webinar",
            )

    results = run_together([credit for _ in range(4)])
    assert sum(1 for r in results if getattr(r, "created", False)) == 1, results
    assert LedgerEntry.objects.filter(source_key="evidence:concurrent").count() == 1
    assert JpTotal.objects.get(employee=team.member).jp == Decimal("4")


def test_different_credits_at_once_all_reach_the_total(team):
    on = timezone.localdate() - dt.timedelta(days=1)

    def credit(n):
        with transaction.atomic():
            return services.ledger_credit(
                employee=team.member,
                on=on,
                jp=Decimal("1.5"),
                source="evidence",
                source_key=f"evidence:many:{n}",
                title="Webinar",
                form="webinar",
            )

    run_together([lambda n=n: credit(n) for n in range(6)])
    assert JpTotal.objects.get(employee=team.member).jp == Decimal("9")
