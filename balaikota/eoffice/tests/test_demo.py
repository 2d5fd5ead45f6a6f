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
    rows = list(
        Letter.objects.exclude(submit_key__startswith="demo-arsip")
        .order_by("pk")
        .values_list("submit_key", "status", "number")
    )
    assert {status for _key, status, _number in rows} == {"sent", "returned", "in_review", "ready"}
    assert len({number.split("/")[2] for _k, _s, number in rows if number}) == 1
    civil_servant = User.objects.get(username="199204182019032001")
    leader = User.objects.get(username="196811201994031008")
    signer = User.objects.get(username="197406151999031005")
    assert selectors.inbox_counts(civil_servant)["unread"] == 1
    assert selectors.inbox_counts(leader)["unread"] == 2
    assert selectors.inbox_counts(signer)["sign"] == 2
    assert selectors.drafts(civil_servant).get().status == "returned"
    # Acting officials: a Plt and a Plh in post, a letter signed by the Plt and one "a.n.";
    # Ratna acts for the head of Bidang E-Government on leave, whose paraf a letter waits for.
    assert selectors.assignments_in_force().count() == 2
    plt_letter = Letter.objects.get(submit_key="demo-eoffice-plt-1")
    assert (plt_letter.status, plt_letter.signer_acting) == ("sent", "plt")
    an_letter = Letter.objects.get(submit_key="demo-eoffice-an-1")
    assert an_letter.status == "sent"
    assert selectors.signing_capacity(an_letter).code == "an"
    assert selectors.delegated_counts(civil_servant)["paraf"] == 1
    # … and the head of division's two open dispositions, to follow up in her name.
    assert selectors.delegated_counts(civil_servant)["follow"] == 2
    # The Sekda may dispose the letters the OPDs sent him (a received letter, as incoming).
    received = [d.letter for d in selectors.received(leader)]
    assert received and all(leader.has_perm("eoffice.dispose_received_letter", x) for x in received)
    assert not civil_servant.has_perm(
        "eoffice.dispose_received_letter", selectors.received(civil_servant).first().letter
    )
    clerk = User.objects.get(username="199003302015032006")
    assert selectors.dispatch_open_count(clerk) == 3  # outside copies wait for the courier
    archive_before = _archive_state()
    _seed()
    assert (
        list(
            Letter.objects.exclude(submit_key__startswith="demo-arsip")
            .order_by("pk")
            .values_list("submit_key", "status", "number")
        )
        == rows
    )
    assert _archive_state() == archive_before


def _archive_state():
    from balaikota.eoffice.models import DisposalProposal, LegalHold

    return (
        Letter.objects.filter(submit_key__startswith="demo-arsip").count(),
        LegalHold.objects.count(),
        list(DisposalProposal.objects.order_by("pk").values_list("status", flat=True)),
    )


def test_the_demo_archive_has_letters_due_a_hold_and_proposals_waiting():
    from balaikota.eoffice.models import DisposalProposal, LegalHold

    _seed()
    clerk = User.objects.get(username="199003302015032006")
    leader = User.objects.get(username="196811201994031008")
    report = selectors.retention_rows(selectors.retention_report(clerk))
    assert {row.letter.dated.year for row in report} == {2016, 2017, 2018, 2019, 2020, 2021}
    assert sum(row.may_propose for row in report) == 1  # 2020's: the others held or proposed
    assert [row.action for row in report if row.final == "permanen"] == [
        "Serahkan ke lembaga kearsipan"
    ]
    assert LegalHold.objects.get().letter.dated.year == 2018
    assert selectors.disposals_waiting(clerk) == 1
    assert selectors.disposals_waiting(leader) == 1
    waiting = DisposalProposal.objects.get(status="records_ok")
    assert leader.has_perm("eoffice.approve_disposal_head", waiting)


def test_the_demo_letters_have_conversations_and_are_found():
    from balaikota.eoffice.models import LetterComment
    from balaikota.notifications.models import Notification

    _seed()
    assert not Letter.objects.filter(search_text="").exists()  # every demo letter is findable
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
