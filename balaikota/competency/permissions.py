"""Who may see and do what in competency development.

A civil servant sees only their own profile, answers, enrolments, evidence and ledger; the
direct supervisor sees and decides for their team (the approver recorded on each request, who
was the supervisor when it was made); the competency admin (BKPSDM, city-wide) runs the
programmes and may decide anything; leaders read compliance and the people behind it. Nobody
validates their own evidence or assessment.
"""

from __future__ import annotations

import rules

from balaikota.accounts.interfaces import Role
from balaikota.accounts.permissions import has_role, is_competency_admin, is_leader
from balaikota.organization import selectors as organization_selectors

from .models import ClassFeedback


def _employee_id(user) -> int | None:
    return organization_selectors.employee_id_for_user(user)


def _supervises(user, employee) -> bool:
    """Whether ``user`` is the direct supervisor of ``employee`` now (remembered per request)."""
    if employee is None or not (user and user.is_authenticated):
        return False
    memo = getattr(user, "_competency_supervises", None)
    if memo is None:
        memo = user._competency_supervises = {}
    if employee.pk not in memo:
        boss = organization_selectors.direct_supervisor(employee)
        memo[employee.pk] = bool(boss is not None and boss.user_id == user.pk)
    return memo[employee.pk]


@rules.predicate
def is_own_employee(user, employee) -> bool:
    return employee is not None and _employee_id(user) == employee.pk


@rules.predicate
def supervises_employee(user, employee) -> bool:
    return _supervises(user, employee)


@rules.predicate
def is_own(user, obj) -> bool:
    """The enrolment, evidence or assessment is the user's own."""
    return (
        obj is not None and _employee_id(user) is not None and obj.employee_id == _employee_id(user)
    )


@rules.predicate
def is_approver(user, obj) -> bool:
    """The user is the supervisor recorded to decide ``obj``."""
    return (
        obj is not None
        and obj.approver_id is not None
        and _employee_id(user) is not None
        and obj.approver_id == _employee_id(user)
    )


@rules.predicate
def teaches(user, obj) -> bool:
    """The user is an instructor of the class (``obj``: a class or an enrolment)."""
    if obj is None or not (user and user.is_authenticated):
        return False
    training_class = getattr(obj, "training_class", obj)
    return training_class.instructors.filter(pk=user.pk).exists()


is_civil_servant = has_role(Role.CIVIL_SERVANT)
has_employee_record = rules.predicate(lambda user: _employee_id(user) is not None)
decides = (is_approver | is_competency_admin) & ~is_own

# The dictionary, the catalogue and classes: every civil servant reads; the admin runs them.
# (asked by the menu on every page: roles only, no query)
rules.add_perm("competency.browse", is_civil_servant | is_competency_admin | is_leader)
rules.add_perm("competency.manage", is_competency_admin)
rules.add_perm("competency.manage_class", is_competency_admin)
rules.add_perm("competency.record_attendance", teaches | is_competency_admin)

# A person's profile, readiness answers and assessments.
rules.add_perm(
    "competency.view_profile", is_own_employee | supervises_employee | is_competency_admin
)
rules.add_perm("competency.take_readiness", has_employee_record)
rules.add_perm("competency.enter_assessment", is_competency_admin)
rules.add_perm("competency.view_assessment", is_own | is_approver | is_competency_admin)
rules.add_perm("competency.validate_assessment", decides)

# Enrolments.
rules.add_perm("competency.enrol", has_employee_record)
rules.add_perm(
    "competency.enrol_others", (supervises_employee & ~is_own_employee) | is_competency_admin
)
rules.add_perm("competency.view_enrolment", is_own | is_approver | teaches | is_competency_admin)
rules.add_perm("competency.approve_enrolment", decides)
rules.add_perm("competency.withdraw_enrolment", is_own | is_competency_admin)
is_finished_enrolment = rules.predicate(
    lambda user, enrolment: (
        enrolment is not None and enrolment.status in ("completed", "not_completed")
    )
)
has_given_feedback = rules.predicate(
    lambda user, enrolment: (
        enrolment is not None and ClassFeedback.objects.filter(enrolment=enrolment).exists()
    )
)
# Reaction: the participant, once, after the class ran.
rules.add_perm("competency.give_feedback", is_own & is_finished_enrolment & ~has_given_feedback)
rules.add_perm("competency.view_programme_report", is_competency_admin | is_leader)

# Evidence of learning elsewhere.
rules.add_perm("competency.submit_evidence", has_employee_record)
rules.add_perm("competency.view_evidence", is_own | is_approver | is_competency_admin)
rules.add_perm("competency.validate_evidence", decides)
rules.add_perm("competency.view_evidence_queue", has_employee_record | is_competency_admin)

# Development plans: one's own is edited while a draft or returned; the supervisor decides.
is_editable_plan = rules.predicate(
    lambda user, plan: plan is not None and plan.status in ("draft", "returned")
)
rules.add_perm("competency.edit_plan", is_own & is_editable_plan)
rules.add_perm("competency.view_plan", is_own | is_approver | is_competency_admin)
rules.add_perm("competency.decide_plan", decides)
rules.add_perm("competency.view_needs_analysis", is_competency_admin | is_leader)

# A certificate (and its Open Badges credential): its holder and the admin.
rules.add_perm("competency.download_certificate", is_own | is_competency_admin)

# The JP ledger and compliance.
rules.add_perm(
    "competency.view_ledger",
    is_own_employee | supervises_employee | is_competency_admin | is_leader,
)
rules.add_perm("competency.adjust_ledger", is_competency_admin)
rules.add_perm("competency.view_compliance", is_competency_admin | is_leader)

# The back office: the competency admin edits the dictionary and the catalogue.
for model in (
    "competency",
    "competencylevel",
    "positionstandard",
    "programme",
    "programmecompetency",
    "trainingclass",
    "classsession",
    "readinessquestion",
    "jprule",
    "jpconversion",
):
    for action in ("view", "add", "change"):
        rules.add_perm(f"competency.{action}_{model}", is_competency_admin)
