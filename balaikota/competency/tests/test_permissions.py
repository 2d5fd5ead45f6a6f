"""Who may see and decide what in competency development: role × action × whose object, and the
supervisor × whose team."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from balaikota.accounts.models import Role
from balaikota.competency.models import Assessment, Enrolment, Evidence
from balaikota.testing.matrix import ALL_ROLES, Row, check_row, grant, permission_matrix

from .factories import TrainingClassFactory

STAFF = tuple(r for r in ALL_ROLES if r != Role.CITIZEN)
# Set up the test database even when only these rows run (the matrix asks for ``db`` late).
pytestmark = pytest.mark.django_db


def _employee(user):
    return user.employee


def _owner(whose, people):
    if whose == "own":
        return people.actor
    if whose == "own_opd":
        return people.colleague()
    return people.colleague(in_opd=people.other_opd)


def evidence_of(whose, people):
    if whose == "none":
        return None
    employee = _employee(_owner(whose, people))
    today = timezone.localdate()
    return Evidence.objects.create(
        employee=employee,
        title="Webinar",
        form="webinar",
        provider="BSSN",
        started_on=today,
        ended_on=today,
        quantity=Decimal("90"),
        file="competency/evidence/x.pdf",
        file_name="x.pdf",
        content_type="application/pdf",
        file_digest=f"d{employee.pk}",
        due_date=today + dt.timedelta(days=10),
    )


def enrolment_of(whose, people):
    if whose == "none":
        return None
    return Enrolment.objects.create(
        training_class=TrainingClassFactory(), employee=_employee(_owner(whose, people))
    )


def assessment_of(whose, people):
    if whose == "none":
        return None
    from balaikota.competency.models import Competency

    competency, _ = Competency.objects.get_or_create(
        code="digital-keamanan", defaults={"kind": "digital", "name": "Keamanan digital"}
    )
    return Assessment.objects.create(
        employee=_employee(_owner(whose, people)),
        competency=competency,
        level=2,
        source="self",
        assessed_on=timezone.localdate(),
    )


def plan_of(whose, people):
    if whose == "none":
        return None
    from balaikota.competency.models import DevelopmentPlan

    return DevelopmentPlan.objects.create(
        employee=_employee(_owner(whose, people)), year=timezone.localdate().year
    )


def employee_of(whose, people):
    if whose == "none":
        return None
    return _employee(_owner(whose, people))


DECIDERS = {Role.COMPETENCY_ADMIN}
READERS = {Role.COMPETENCY_ADMIN, Role.LEADER}

EVIDENCE_ROWS = [
    *grant("competency.view_evidence", whose="own", to=STAFF, roles=STAFF),
    *grant("competency.view_evidence", whose="own_opd", to=DECIDERS),
    *grant("competency.view_evidence", whose="other_opd", to=DECIDERS),
    *grant("competency.validate_evidence", whose="own", to=set(), roles=STAFF),
    *grant("competency.validate_evidence", whose="own_opd", to=DECIDERS),
    *grant("competency.validate_evidence", whose="other_opd", to=DECIDERS),
]
ENROLMENT_ROWS = [
    *grant("competency.view_enrolment", whose="own", to=STAFF, roles=STAFF),
    *grant("competency.view_enrolment", whose="other_opd", to=DECIDERS),
    *grant("competency.approve_enrolment", whose="own", to=set(), roles=STAFF),
    *grant("competency.approve_enrolment", whose="own_opd", to=DECIDERS),
    *grant("competency.approve_enrolment", whose="other_opd", to=DECIDERS),
    *grant("competency.withdraw_enrolment", whose="own", to=STAFF, roles=STAFF),
    *grant("competency.withdraw_enrolment", whose="own_opd", to=DECIDERS),
]
ASSESSMENT_ROWS = [
    *grant("competency.view_assessment", whose="own", to=STAFF, roles=STAFF),
    *grant("competency.view_assessment", whose="own_opd", to=DECIDERS),
    *grant("competency.validate_assessment", whose="own", to=set(), roles=STAFF),
    *grant("competency.validate_assessment", whose="other_opd", to=DECIDERS),
]
PLAN_ROWS = [
    *grant("competency.view_plan", whose="own", to=STAFF, roles=STAFF),
    *grant("competency.view_plan", whose="own_opd", to=DECIDERS),
    *grant("competency.view_plan", whose="other_opd", to=DECIDERS),
    *grant("competency.edit_plan", whose="own", to=STAFF, roles=STAFF),
    *grant("competency.edit_plan", whose="own_opd", to=set()),
    *grant("competency.decide_plan", whose="own", to=set(), roles=STAFF),
    *grant("competency.decide_plan", whose="other_opd", to=DECIDERS),
]
EMPLOYEE_ROWS = [
    *grant("competency.view_profile", whose="own", to=STAFF, roles=STAFF),
    *grant("competency.view_profile", whose="own_opd", to=DECIDERS),
    *grant("competency.view_profile", whose="other_opd", to=DECIDERS),
    *grant("competency.view_ledger", whose="own", to=STAFF, roles=STAFF),
    *grant("competency.view_ledger", whose="own_opd", to=READERS),
    *grant("competency.view_ledger", whose="other_opd", to=READERS),
    *grant("competency.enrol_others", whose="own", to=DECIDERS, roles=STAFF),
    *grant("competency.enrol_others", whose="other_opd", to=DECIDERS),
]
MODEL_ROWS = [
    # The menu's rule: civil servants (every staff member here is one), the admin, leaders.
    *grant("competency.browse", whose="none", to=STAFF),
    *grant("competency.view_compliance", whose="none", to=READERS),
    *grant("competency.manage_class", whose="none", to=DECIDERS),
    *grant("competency.adjust_ledger", whose="none", to=DECIDERS),
    *grant("competency.enter_assessment", whose="none", to=DECIDERS),
    *grant("competency.submit_evidence", whose="none", to=STAFF),
    *grant("competency.enrol", whose="none", to=STAFF),
    *grant("competency.change_programme", whose="none", to=DECIDERS),
    *grant("competency.view_needs_analysis", whose="none", to=READERS),
]


@permission_matrix(EVIDENCE_ROWS)
def test_evidence_permissions(row, request):
    check_row(row, request, subject=evidence_of)


@permission_matrix(ENROLMENT_ROWS)
def test_enrolment_permissions(row, request):
    check_row(row, request, subject=enrolment_of)


@permission_matrix(ASSESSMENT_ROWS)
def test_assessment_permissions(row, request):
    check_row(row, request, subject=assessment_of)


@permission_matrix(PLAN_ROWS)
def test_plan_permissions(row, request):
    check_row(row, request, subject=plan_of)


@permission_matrix(EMPLOYEE_ROWS)
def test_employee_permissions(row, request):
    check_row(row, request, subject=employee_of)


@permission_matrix(MODEL_ROWS)
def test_model_level_permissions(row, request):
    check_row(row, request)


# --- The supervisor: their own team, nobody else's ------------------------------------------


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("head", True), ("peer", False), ("member", False), ("stranger", False), ("leader", False)],
)
def test_the_direct_supervisor_decides_for_their_team_only(team, who, allowed):
    from balaikota.competency import services

    enrolment = services.enrolment_request(
        user=team.member.user, training_class=TrainingClassFactory()
    )
    actor = getattr(team, who).user
    assert actor.has_perm("competency.approve_enrolment", enrolment) is allowed
    assert actor.has_perm("competency.view_enrolment", enrolment) is (allowed or who == "member")
    assert actor.has_perm("competency.view_profile", team.member) is (allowed or who == "member")
    assert actor.has_perm("competency.enrol_others", team.member) is allowed


def test_a_citizen_sees_nothing_of_a_civil_servant(alice, team):
    assert not alice.has_perm("competency.browse")
    assert not alice.has_perm("competency.view_ledger", team.member)
    assert not alice.has_perm("competency.view_profile", team.member)


def test_every_role_is_declared_for_every_row():
    for rows in (EVIDENCE_ROWS, ENROLMENT_ROWS, PLAN_ROWS, EMPLOYEE_ROWS, MODEL_ROWS):
        perms = {(r.perm, r.whose) for r in rows}
        for perm, whose in perms:
            roles = {r.role for r in rows if (r.perm, r.whose) == (perm, whose)}
            assert roles in (set(ALL_ROLES), set(STAFF)), (perm, whose)
    assert Row(Role.CITIZEN, "competency.browse", "none", False) in MODEL_ROWS
