"""Incoming letters under concurrency (PostgreSQL: real row locks, threads with their own
connections): agenda numbers registered at the same moment are gap-free and never shared, the
same letter registered twice at once is kept once, and a disposition form sent twice at once
makes one set."""

import pytest
from django.db import connection
from django.utils import timezone

from balaikota.eoffice import dispositions, services
from balaikota.eoffice.models import Disposition, IncomingLetter
from balaikota.testing.concurrency import run_together

from .conftest import build_office
from .incoming_helpers import incoming_input, instruction_ids, register

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


@pytest.fixture
def office():
    services.reference_load()
    return build_office()


def test_agenda_numbers_at_the_same_moment_are_gap_free(office):
    inputs = [incoming_input(office, sender_number=f"005/{n}") for n in range(8)]
    results = run_together(
        [lambda d=d: dispositions.incoming_register(clerk=office.clerk, data=d) for d in inputs]
    )
    assert all(isinstance(r, IncomingLetter) for r in results), results
    year = timezone.localdate().year
    numbers = sorted(IncomingLetter.objects.values_list("agenda_number", flat=True))
    assert sorted(numbers, key=lambda n: int(n.split("/")[0])) == [
        f"{n}/AGENDA/DISKOMINFO/{year}" for n in range(1, 9)
    ]


def test_the_same_letter_registered_twice_at_once_is_kept_once(office):
    inputs = [incoming_input(office) for _n in range(3)]
    results = run_together(
        [lambda d=d: dispositions.incoming_register(clerk=office.clerk, data=d) for d in inputs]
    )
    assert sum(isinstance(r, IncomingLetter) for r in results) == 1, results
    assert all(
        isinstance(r, IncomingLetter) or getattr(r, "code", "") == "duplicate_incoming"
        for r in results
    ), results
    assert IncomingLetter.objects.count() == 1


def test_a_disposition_form_sent_twice_at_once_makes_one_set(office):
    incoming = register(office)
    data = dispositions.DispositionInput(
        recipient_nips=[office.kabid.nip, office.colleague.nip], instruction_ids=instruction_ids()
    )
    results = run_together(
        [
            lambda: dispositions.disposition_create(
                user=office.head, incoming=incoming, data=data, submit_key="sama"
            )
            for _n in range(3)
        ]
    )
    assert all(isinstance(r, list) and len(r) == 2 for r in results), results
    assert Disposition.objects.count() == 2
