"""The letter's table as a matrix: every action × every state → allowed or refused (with the
table's own message), and an allowed step writes its event row."""

from __future__ import annotations

import pytest
from django.db import transaction

from balaikota.core.errors import Conflict
from balaikota.eoffice.models import Letter, LetterEvent, Status
from balaikota.eoffice.workflows import LETTER_WORKFLOW

from .conftest import draft

pytestmark = pytest.mark.django_db

WHO = {  # who does each action (system actions: nobody, no permission asked)
    "edit": "drafter",
    "submit": "drafter",
    "cancel": "drafter",
    "initial": "kasi",
    "return": "kasi",
    "sign": "head",
}
CASES = [
    (action.name, state)
    for action in LETTER_WORKFLOW.actions
    for state in Status.values
    if action.name != "create"
]


def letter_in(office, state: str) -> Letter:
    letter = draft(office)
    Letter.objects.filter(pk=letter.pk).update(
        status=state, signer=office.head, current_verifier=office.kasi
    )
    letter.refresh_from_db()
    return letter


def actor_for(office, action: str, state: str):
    who = WHO.get(action)
    if action == "return" and state == Status.READY:
        who = "head"  # the signer returns a letter that is ready to sign
    return getattr(office, who) if who else None


@pytest.mark.parametrize(("action", "state"), CASES, ids=[f"{a}-{s}" for a, s in CASES])
def test_transition_matrix(office, action, state):
    letter = letter_in(office, state)
    step = LETTER_WORKFLOW.action(action)
    actor = actor_for(office, action, state)
    refusal = LETTER_WORKFLOW.refusal(actor, letter, action, system=step.is_system)
    if state in step.sources:
        assert refusal is None, f"{action} refused from {state}: {refusal}"
        with transaction.atomic():
            done = LETTER_WORKFLOW.transition(
                letter, action, actor=actor, system=step.is_system, reason="uji"
            )
        event = LetterEvent.objects.get(pk=done.event.pk)
        assert (event.action, event.from_status, event.reason) == (action, state, "uji")
        assert event.actor == actor
    else:
        assert isinstance(refusal, Conflict)
        assert refusal.text  # a sentence, not a code
        assert "_" not in refusal.text.split()[0]


def test_the_table_names_its_permissions():
    perms = {row["permission"] for row in LETTER_WORKFLOW.rows() if row["permission"]}
    assert perms == {
        "eoffice.change_letter",
        "eoffice.initial_letter",
        "eoffice.return_letter",
        "eoffice.sign_letter",
    }
