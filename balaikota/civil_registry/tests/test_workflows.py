"""The workflow tables as matrices: every action × every state → allowed or refused, and an
allowed step writes its event row (who, from, to, the text the applicant is told)."""

import datetime as dt

import pytest
from django.db import transaction

from balaikota.civil_registry.models import (
    Application,
    ApplicationEvent,
    Appointment,
    AppointmentEvent,
    AppointmentSlot,
    ServiceLocation,
    ServiceType,
    Status,
)
from balaikota.civil_registry.workflows import APPLICATION_WORKFLOW, APPOINTMENT_WORKFLOW
from balaikota.core.errors import Conflict, DomainError, Forbidden
from balaikota.documents.models import IssuedDocument

from .factories import later_today

pytestmark = pytest.mark.django_db

WHO = {  # who does each action of the table (system actions: nobody, no permission asked)
    "submit": "citizen",
    "cancel": "citizen",
    "resubmit": "citizen",
    "claim": "officer",
    "release": "officer",
    "request_correction": "officer",
    "decide_duplicate": "officer",
    "reject": "officer",
    "approve": "officer",
    "forward": "officer",
    "retry_document": "officer",
    "verify": "verifier",
    "return_to_officer": "verifier",
    "sign": "signer",
}
TWO_LEVEL = {"forward"}  # actions of a service type with a verifier's second level


def _document(application):
    return IssuedDocument.objects.create(
        kind="akta-kelahiran",
        number=f"N-{application.pk}",
        title="Akta",
        verification_code=f"CODE{application.pk:08d}",
        subject_name="Anak",
        source_app="civil_registry",
        source_id=str(application.pk),
        unsigned_file="documents/unsigned/x.pdf",
    )


def application_in(state, *, citizen, officer, opd, two_level=False):
    service_type, _ = ServiceType.objects.get_or_create(
        code="akta-kelahiran-2" if two_level else "akta-kelahiran",
        defaults={"name": "Akta Kelahiran", "needs_verification": two_level},
    )
    application = Application.objects.create(
        citizen=citizen,
        applicant_nik="3374011705900001",
        applicant_name="Warga",
        service_type=service_type,
        status=state,
        office=opd,
        tracking_number=f"KP-2612-{Application.objects.count():06d}",
        claimed_by=(officer if state in (Status.IN_REVIEW, Status.AWAITING_VERIFICATION) else None),
    )
    if state == Status.AWAITING_SIGNATURE:
        application.document = _document(application)
        application.save(update_fields=["document"])
    return application


CASES = [
    pytest.param(action.name, state, id=f"{action.name}-from-{state}")
    for action in APPLICATION_WORKFLOW.actions
    if action.name not in ("note",)
    for state in Status.values
]


@pytest.mark.parametrize(("action", "state"), CASES)
def test_application_table(action, state, citizen, officer, signer, opd, staff_with_role):
    application = application_in(
        state, citizen=citizen, officer=officer, opd=opd, two_level=action in TWO_LEVEL
    )
    row = APPLICATION_WORKFLOW.action(action)
    verifier = staff_with_role("verifier") if WHO.get(action) == "verifier" else None
    actor = {"citizen": citizen, "officer": officer, "signer": signer, "verifier": verifier}.get(
        WHO.get(action)
    )
    expected = state in row.sources
    before = ApplicationEvent.objects.filter(application=application).count()
    try:
        with transaction.atomic():
            step = APPLICATION_WORKFLOW.transition(
                application, action, actor=actor, reason="uji", system=row.is_system
            )
    except DomainError as exc:
        assert not expected, f"{action} from {state} was refused: {exc.code} {exc.text}"
        assert isinstance(exc, Conflict) and exc.code
        assert ApplicationEvent.objects.filter(application=application).count() == before
        application.refresh_from_db()
        assert application.status == state  # nothing moved
        return
    assert expected, f"{action} from {state} should have been refused"
    application.refresh_from_db()
    target = step.to_state
    assert application.status == target
    if isinstance(row.target, str):
        assert target == row.target
    event = ApplicationEvent.objects.filter(application=application).latest("pk")
    assert (event.action, event.from_status, event.to_status) == (action, state, target)
    assert event.actor_id == (actor.pk if actor else None)
    assert event.reason == "uji" and event.public_text == row.public_text
    assert event.office_id == opd.pk


@pytest.mark.parametrize("action", [a for a, who in WHO.items() if who == "officer"])
def test_officer_actions_need_the_office_and_the_claim(
    action, citizen, officer, second_officer, opd, other_opd, staff_with_role
):
    """Another office's officer may not act at all (403); a colleague may not decide an
    application someone else has claimed (409 "claimed")."""
    row = APPLICATION_WORKFLOW.action(action)
    state = sorted(row.sources)[0]
    application = application_in(
        state, citizen=citizen, officer=officer, opd=opd, two_level=action in TWO_LEVEL
    )
    stranger = staff_with_role("service_officer", in_opd=other_opd)
    refused = APPLICATION_WORKFLOW.refusal(stranger, application, action)
    assert isinstance(refused, Forbidden)
    if row.guard is not None and state == Status.IN_REVIEW:
        refused = APPLICATION_WORKFLOW.refusal(second_officer, application, action)
        assert isinstance(refused, Conflict) and refused.code == "claimed"
        assert action not in APPLICATION_WORKFLOW.allowed_actions(second_officer, application)
        assert action in APPLICATION_WORKFLOW.allowed_actions(officer, application)


def test_system_actions_are_never_offered_to_anyone(citizen, officer, signer, opd):
    for state in Status.values:
        application = application_in(state, citizen=citizen, officer=officer, opd=opd)
        offered = set()
        for user in (citizen, officer, signer):
            offered |= set(APPLICATION_WORKFLOW.allowed_actions(user, application))
        system = {a.name for a in APPLICATION_WORKFLOW.actions if a.is_system}
        assert not offered & system, state
        application.delete()


def test_approve_waits_for_duplicates_to_be_decided(citizen, officer, opd):
    from balaikota.civil_registry.models import DuplicateFlag

    application = application_in(Status.IN_REVIEW, citizen=citizen, officer=officer, opd=opd)
    other = application_in(Status.SUBMITTED, citizen=citizen, officer=None, opd=opd)
    flag = DuplicateFlag.objects.create(application=application, other_application=other, rule="x")
    assert "approve" not in APPLICATION_WORKFLOW.allowed_actions(officer, application)
    assert APPLICATION_WORKFLOW.refusal(officer, application, "approve").code == "duplicates"
    flag.decision = DuplicateFlag.Decision.NOT_DUPLICATE
    flag.save()
    assert "approve" in APPLICATION_WORKFLOW.allowed_actions(officer, application)


def test_release_returns_to_the_state_it_was_claimed_from(citizen, officer, opd):
    application = application_in(Status.RESUBMITTED, citizen=citizen, officer=None, opd=opd)
    with transaction.atomic():
        APPLICATION_WORKFLOW.transition(
            application, "claim", actor=officer, changes={"claimed_by": officer}
        )
        APPLICATION_WORKFLOW.transition(application, "release", actor=officer)
    application.refresh_from_db()
    assert application.status == Status.RESUBMITTED


def test_the_table_is_readable_and_every_user_action_names_its_permission(citizen, officer, opd):
    application = application_in(Status.SUBMITTED, citizen=citizen, officer=None, opd=opd)
    from balaikota.core.workflow import Workflow

    assert isinstance(APPLICATION_WORKFLOW, Workflow)
    rows = APPLICATION_WORKFLOW.rows()
    assert {r["action"] for r in rows} >= {"submit", "claim", "approve", "sign", "issue"}
    assert all(
        r["permission"]
        or r["action"]
        in {
            "document_ready",
            "close",
            "issue",
            "signing_failed",
            "escalate",
            "note",
            "file_follow_up",
        }
        for r in rows
    )
    assert application.status == Status.SUBMITTED


# --- Appointments -------------------------------------------------------------------------------

APPOINTMENT_CASES = [
    pytest.param(action.name, state, id=f"{action.name}-from-{state}")
    for action in APPOINTMENT_WORKFLOW.actions
    if action.sources
    for state in Appointment.State.values
]


@pytest.fixture
def slot(opd):
    location = ServiceLocation.objects.create(code="loket", name="Loket", office=opd)
    service_type, _ = ServiceType.objects.get_or_create(
        code="ktp-el-rekam", defaults={"name": "Perekaman KTP-el", "needs_visit": True}
    )
    starts = later_today()
    return AppointmentSlot.objects.create(
        location=location,
        service_type=service_type,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=1),
        capacity=5,
        booked=1,
    )


@pytest.mark.parametrize(("action", "state"), APPOINTMENT_CASES)
def test_appointment_table(action, state, citizen, officer, slot):
    appointment = Appointment.objects.create(slot=slot, citizen=citizen, state=state)
    row = APPOINTMENT_WORKFLOW.action(action)
    actor = officer if action == "check_in" else citizen
    expected = state in row.sources
    try:
        with transaction.atomic():
            APPOINTMENT_WORKFLOW.transition(appointment, action, actor=actor)
    except DomainError as exc:
        assert not expected, f"{action} from {state}: {exc.text}"
        assert not AppointmentEvent.objects.filter(appointment=appointment).exists()
        return
    assert expected
    event = AppointmentEvent.objects.get(appointment=appointment)
    assert (event.action, event.from_status, event.actor_id) == (action, state, actor.pk)
    appointment.refresh_from_db()
    assert appointment.state == (row.target or state)
