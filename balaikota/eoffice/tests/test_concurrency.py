"""Letters under concurrency (PostgreSQL: real row locks, threads with their own connections):
letters signed at the same moment get contiguous numbers with no gap and no duplicate, the same
letter signed from two devices at once is signed and numbered once, a paraf given twice at once
counts once, and a courier hand-over recorded twice at once is recorded once."""

from __future__ import annotations

import pytest
from django.db import connection

from balaikota.documents.models import IssuedNumber
from balaikota.eoffice import services
from balaikota.eoffice.models import Dispatch, Letter, LetterKind, RouteStep, Status
from balaikota.testing.concurrency import run_together

from .conftest import draft, ready, sent

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def test_letters_signed_at_once_get_contiguous_numbers_without_a_gap(office):
    letters = [ready(office, subject=f"Surat tugas pelatihan {n}") for n in range(6)]
    results = run_together(
        [lambda x=x: services.letter_sign(letter=x, signer=office.head) for x in letters]
    )
    assert all(isinstance(r, Letter) for r in results), results
    numbers = list(Letter.objects.values_list("number", flat=True))
    sequences = sorted(int(n.split("/")[1]) for n in numbers)
    assert sequences == [1, 2, 3, 4, 5, 6]
    assert set(Letter.objects.values_list("status", flat=True)) == {Status.SENT}
    assert IssuedNumber.objects.filter(state="used").count() == 6


def test_the_same_letter_signed_from_two_devices_is_signed_and_numbered_once(office):
    letter = ready(office)
    results = run_together(
        [lambda: services.letter_sign(letter=letter, signer=office.head) for _ in range(3)]
    )
    signed = [r for r in results if isinstance(r, Letter)]
    refused = [r for r in results if isinstance(r, services.DomainError)]
    assert len(signed) == 1 and len(refused) == 2, results
    assert all(r.status == 409 for r in refused)
    assert IssuedNumber.objects.count() == 1
    letter.refresh_from_db()
    assert letter.status == Status.SENT and letter.events.filter(action="sign").count() == 1


def test_a_paraf_given_twice_at_once_counts_once(office):
    letter = draft(office)
    services.letter_submit(letter=letter, user=office.drafter)
    results = run_together(
        [lambda: services.letter_initial(letter=letter, user=office.kasi) for _ in range(3)]
    )
    assert sum(isinstance(r, Letter) for r in results) == 1, results
    letter.refresh_from_db()
    assert letter.events.filter(action="initial").count() == 1
    assert letter.current_verifier == office.kabid
    assert RouteStep.objects.filter(letter=letter, initialled_at__isnull=False).count() == 1


def test_a_hand_over_recorded_twice_at_once_is_recorded_once(office):
    letter = sent(
        office,
        kind=LetterKind.objects.get(code="surat-dinas"),
        to_nips=[],
        external=[{"name": "Ketua RW 05", "agency": "", "address": "Tembalang", "email": ""}],
    )
    waiting = Dispatch.objects.get(letter=letter)
    results = run_together(
        [
            lambda who=who: services.dispatch_hand_over(
                dispatch=waiting, user=office.clerk, courier=who
            )
            for who in ("Pak Slamet", "Pos Indonesia")
        ]
    )
    assert sum(isinstance(r, Dispatch) for r in results) == 1, results
    waiting.refresh_from_db()
    assert waiting.status == "diserahkan" and waiting.events.count() == 1
