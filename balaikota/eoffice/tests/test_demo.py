"""The demo city's letters: several states across two OPDs, made through the real services,
with work waiting for the demo civil servant, leader and signing official — and a second run
of the seed changes nothing."""

import pytest
from django.core.management import call_command

from balaikota.accounts.models import User
from balaikota.eoffice import selectors
from balaikota.eoffice.models import Letter

pytestmark = pytest.mark.django_db


@pytest.fixture
def _private_storage():
    """seed_demo reads settings.SETTINGS_MODULE, which the settings fixture hides."""


def _seed():
    call_command("seed_demo", "--areas=semarang", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_the_demo_office_has_work_waiting():
    _seed()
    rows = list(Letter.objects.order_by("pk").values_list("submit_key", "status", "number"))
    assert {status for _key, status, _number in rows} == {"sent", "returned", "in_review", "ready"}
    assert len({number.split("/")[2] for _k, _s, number in rows if number}) == 1
    civil_servant = User.objects.get(username="199204182019032001")
    leader = User.objects.get(username="196811201994031008")
    signer = User.objects.get(username="197406151999031005")
    assert selectors.inbox_counts(civil_servant)["unread"] == 1
    assert selectors.inbox_counts(leader)["unread"] == 2
    assert selectors.inbox_counts(signer)["sign"] == 2
    assert selectors.drafts(civil_servant).get().status == "returned"
    _seed()
    assert list(Letter.objects.order_by("pk").values_list("submit_key", "status", "number")) == rows


def test_the_demo_letters_have_conversations_and_are_found():
    from balaikota.eoffice.models import LetterComment
    from balaikota.notifications.models import Notification

    _seed()
    comments = LetterComment.objects.count()
    assert comments == 5 and LetterComment.objects.filter(mentions__isnull=False).count() == 5
    civil_servant = User.objects.get(username="199204182019032001")
    assert Notification.objects.filter(
        recipient=civil_servant, title__contains="menyebut Anda"
    ).exists()
    search = selectors.LetterSearch(civil_servant, selectors.SearchFilters(q="laptop"))
    assert [row.subject for row in search.page(1).rows] == [
        "Jadwal pelatihan penggunaan naskah dinas elektronik"
    ]
    _seed()
    assert LetterComment.objects.count() == comments
