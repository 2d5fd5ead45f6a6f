"""The demo city's incoming letters: trees in every state across two OPDs, work waiting for the
demo records clerk, leader and civil servant — and a second run of the seed changes nothing."""

import pytest
from django.core.management import call_command

from balaikota.accounts.models import User
from balaikota.eoffice import selectors
from balaikota.eoffice.models import Disposition, IncomingLetter

pytestmark = pytest.mark.django_db


@pytest.fixture
def _private_storage():
    """seed_demo reads settings.SETTINGS_MODULE, which the settings fixture hides."""


def _seed():
    call_command("seed_demo", "--areas=semarang", stdout=open("/dev/null", "w"))  # noqa: SIM115


def _state():
    return (
        list(IncomingLetter.objects.order_by("pk").values_list("agenda_number", "status")),
        list(Disposition.objects.order_by("pk").values_list("recipient_id", "status")),
    )


def test_the_demo_has_incoming_letters_in_every_state():
    _seed()
    letters, _trees = _state()
    assert {status for _n, status in letters} == {"registered", "in_progress", "done"}
    assert len({n.split("/")[2] for n, _s in letters}) == 2  # two OPDs' registers
    clerk = User.objects.get(username="199003302015032006")
    leader = User.objects.get(username="196811201994031008")
    civil_servant = User.objects.get(username="199204182019032001")
    assert selectors.incoming_register_rows(clerk).count() == 4
    assert selectors.inbox_counts(leader)["dispose"] == 2
    counts = selectors.inbox_counts(civil_servant)
    assert counts["follow"] == 2 and counts["overdue"] == 1
    before = _state()
    _seed()
    assert _state() == before
