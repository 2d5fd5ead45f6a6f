"""Who may do what in the archive, as matrices (role × permission × whose OPD), then the people
no role names: the head of the OPD, and the proposer."""

from __future__ import annotations

import pytest

from balaikota.accounts.models import Role
from balaikota.accounts.services import role_grant
from balaikota.eoffice.models import DisposalProposal
from balaikota.eoffice.workflows import DISPOSAL_WORKFLOW
from balaikota.testing.matrix import check_row, grant, permission_matrix

pytestmark = pytest.mark.django_db


def proposal_of(whose, people):
    if whose == "none":
        return None
    opd = people.other_opd if whose == "other_opd" else people.opd
    return DisposalProposal(opd=opd, proposed_by=people.colleague(in_opd=opd))


CLERK_ONLY = (
    "eoffice.propose_disposal",
    "eoffice.approve_disposal_records",
    "eoffice.execute_disposal",
    "eoffice.hold_letter",
    "eoffice.view_disposal",
)
ROWS = [
    row
    for perm in CLERK_ONLY
    for whose in ("own_opd", "other_opd")
    for row in grant(perm, whose=whose, to={Role.RECORDS_CLERK} if whose == "own_opd" else ())
]
ROWS += [
    *grant("eoffice.approve_disposal_head", whose="own_opd", to=()),
    *grant("eoffice.view_retention", whose="none", to={Role.RECORDS_CLERK}),
]


@permission_matrix(ROWS)
def test_archive_permissions(row, request):
    check_row(row, request, subject=proposal_of)


def test_the_head_of_the_opd_approves_holds_and_executes_but_does_not_propose(office, other_office):
    mine, theirs = DisposalProposal(opd=office.opd), DisposalProposal(opd=other_office.opd)
    head = office.head
    for perm in (
        "eoffice.approve_disposal_head",
        "eoffice.hold_letter",
        "eoffice.execute_disposal",
        "eoffice.reject_disposal",
        "eoffice.view_disposal",
    ):
        assert head.has_perm(perm, mine), perm
        assert not head.has_perm(perm, theirs), perm
    assert not head.has_perm("eoffice.propose_disposal", mine)
    assert not head.has_perm("eoffice.approve_disposal_records", mine)
    assert head.has_perm("eoffice.view_retention")
    # a head of division is no head of the OPD
    assert not office.kabid.has_perm("eoffice.approve_disposal_head", mine)
    assert not office.kabid.has_perm("eoffice.view_retention")


def test_the_proposer_may_approve_once_but_not_twice(office):
    """The clerk who proposed approves as records unit; the head must be someone else."""
    proposal = DisposalProposal.objects.create(
        opd=office.opd,
        proposed_by=office.clerk,
        status="records_ok",
        records_approved_by=office.clerk,
    )
    assert DISPOSAL_WORKFLOW.allowed_actions(office.clerk, proposal) == ["reject"]
    assert DISPOSAL_WORKFLOW.allowed_actions(office.head, proposal) == ["approve_head", "reject"]
    role_grant(user=office.head, role=Role.RECORDS_CLERK, opd=office.opd)
    proposal.records_approved_by = office.head
    assert "approve_head" not in DISPOSAL_WORKFLOW.allowed_actions(office.head, proposal)


def test_civil_servants_and_admins_see_no_archive_pages(office, staff_with_role):
    from django.test import Client

    for person in (office.drafter, staff_with_role(Role.PLATFORM_ADMIN)):
        client = Client()
        client.force_login(person)
        assert client.get("/surat/arsip/").status_code == 403
