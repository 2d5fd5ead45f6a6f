"""Who may do what in civil registration, and which rows each person may see — one place.

Object rules (``rules`` predicates) answer "may this user do X with this application?"; the
scope functions below answer "which applications may this user see or work on?" as a ``Q``,
built from the same role scopes, so a list never shows a row that the object rule refuses.

Citizens act on their own applications (and the officer who filed one for them, while
assisting); officers and verifiers process their office's applications; signing officials sign
their office's; the platform admin reads everything.
"""

from __future__ import annotations

import rules
from django.db.models import Q

from balaikota.accounts.interfaces import Role
from balaikota.accounts.permissions import (
    has_role,
    has_role_in_opd_of,
    is_platform_admin,
    user_role_scopes,
)

PROCESS_ROLES = (Role.SERVICE_OFFICER, Role.VERIFIER)
SIGN_ROLES = (Role.SIGNING_OFFICIAL,)


def _office_id(application) -> int | None:
    return getattr(application, "office_id", None)


@rules.predicate
def is_applicant(user, application) -> bool:
    return bool(
        application is not None
        and user.is_authenticated
        and application.citizen_id is not None
        and application.citizen_id == user.pk
    )


@rules.predicate
def is_assisting_officer(user, application) -> bool:
    return bool(
        application is not None
        and user.is_authenticated
        and application.assisted_by_id is not None
        and application.assisted_by_id == user.pk
    )


is_office_officer = has_role_in_opd_of(Role.SERVICE_OFFICER, _office_id) | has_role_in_opd_of(
    Role.VERIFIER, _office_id
)
is_office_signer = has_role_in_opd_of(Role.SIGNING_OFFICIAL, _office_id)
is_any_officer = has_role(Role.SERVICE_OFFICER) | has_role(Role.VERIFIER)
is_any_signer = has_role(Role.SIGNING_OFFICIAL)
is_any_staff_of_registry = is_any_officer | is_any_signer
is_citizen = has_role(Role.CITIZEN)

rules.add_perm(
    "civil_registry.view_application",
    is_applicant | is_assisting_officer | is_office_officer | is_office_signer | is_platform_admin,
)
# Start an application for oneself (the citizen's menu and the apply page).
# (Staff accounts are work accounts: a civil servant applies with their own citizen account.)
rules.add_perm("civil_registry.create_application", is_citizen)
# Edit the draft, upload, submit, cancel, resubmit: the citizen's own actions.
rules.add_perm("civil_registry.change_application", is_applicant | is_assisting_officer)
# Claim, release, ask for corrections, reject, approve, decide duplicates. Nobody decides or
# signs their own application (conflict of interest), even as an officer of its office.
rules.add_perm("civil_registry.process_application", is_office_officer & ~is_applicant)
rules.add_perm("civil_registry.sign_application", is_office_signer & ~is_applicant)
# The second level of review: a verifier of the application's office.
is_office_verifier = has_role_in_opd_of(Role.VERIFIER, _office_id)
rules.add_perm("civil_registry.verify_application", is_office_verifier & ~is_applicant)
rules.add_perm("civil_registry.view_verification_list", has_role(Role.VERIFIER))
rules.add_perm("civil_registry.create_assisted_application", has_role(Role.SERVICE_OFFICER))
# The work queue (officers and verifiers process, signing officials see what awaits them).
rules.add_perm("civil_registry.view_queue", is_any_staff_of_registry)
rules.add_perm("civil_registry.claim_application", is_any_officer)
rules.add_perm("civil_registry.view_signing_list", is_any_signer)
rules.add_perm("civil_registry.view_register", is_any_officer | is_platform_admin)


# Appointments: the citizen manages their own; officers of the location's office check in.
@rules.predicate
def is_appointment_owner(user, appointment) -> bool:
    return bool(
        appointment is not None and user.is_authenticated and appointment.citizen_id == user.pk
    )


def _location_office_id(obj) -> int | None:
    """For an appointment: its location's office; for a location itself: its office."""
    if obj is None:
        return None
    location = obj.slot.location if hasattr(obj, "slot") else obj
    return location.office_id


is_location_officer = has_role_in_opd_of(Role.SERVICE_OFFICER, _location_office_id)


@rules.predicate
def _no_object(user, obj) -> bool:
    return obj is None


rules.add_perm("civil_registry.book_appointment", is_citizen)


@rules.predicate
def needs_a_visit_still(user, application) -> bool:
    """A service with a step at a counter, for an application still alive (not withdrawn or
    refused)."""
    return bool(
        application is not None
        and application.service_type.needs_visit
        and application.status not in ("cancelled", "rejected")
    )


@rules.predicate
def has_tracking_number(user, application) -> bool:
    return bool(application is not None and application.tracking_number)


# The receipt PDF (it may carry the PIN): the applicant, or the officer who filed it for them.
rules.add_perm("civil_registry.download_receipt", is_applicant | is_assisting_officer)
# A new tracking PIN: the applicant, for an application that was submitted (has one).
rules.add_perm("civil_registry.reset_pin", is_applicant & has_tracking_number)
# Book a visit for this application (the application page offers it).
rules.add_perm("civil_registry.book_visit", is_applicant & needs_a_visit_still)
rules.add_perm("civil_registry.change_appointment", is_appointment_owner)
rules.add_perm("civil_registry.view_appointment", is_appointment_owner | is_location_officer)
# With an object: an officer of that location's office; without: any service officer (the
# counter page lists the locations they may check visitors in at).
rules.add_perm(
    "civil_registry.check_in_appointment",
    is_location_officer | (_no_object & has_role(Role.SERVICE_OFFICER)),
)


# --- Which rows -----------------------------------------------------------------------------


def office_scopes(user, roles) -> frozenset:
    """OPD ids where ``user`` holds one of ``roles`` (None in it: city-wide)."""
    scopes: frozenset = frozenset()
    if user is None or not user.is_authenticated:
        return scopes
    for role in roles:
        scopes |= user_role_scopes(user, role)
    return scopes


def _offices_q(scopes: frozenset, field: str = "office_id") -> Q:
    if not scopes:
        return Q(pk__in=[])
    if None in scopes:
        return Q()
    return Q(**{f"{field}__in": sorted(s for s in scopes if s is not None)})


def verification_scope(user) -> Q:
    """The applications ``user`` may verify: of the offices where they are a verifier."""
    return _offices_q(office_scopes(user, (Role.VERIFIER,)))


def processing_scope(user) -> Q:
    """Applications ``user`` may process (claim, decide): their offices as officer/verifier."""
    return _offices_q(office_scopes(user, PROCESS_ROLES))


def signing_scope(user) -> Q:
    """Applications ``user`` may sign: their offices as signing official."""
    return _offices_q(office_scopes(user, SIGN_ROLES))


def has_processing_scope(user) -> bool:
    return bool(office_scopes(user, PROCESS_ROLES))


def has_signing_scope(user) -> bool:
    return bool(office_scopes(user, SIGN_ROLES))


def citizen_scope(user) -> Q:
    """The citizen's own applications (and those an officer filed for them)."""
    if user is None or not user.is_authenticated:
        return Q(pk__in=[])
    return Q(citizen_id=user.pk)


def check_in_scope(user) -> Q:
    """Service locations where ``user`` may check visitors in."""
    return _offices_q(office_scopes(user, (Role.SERVICE_OFFICER,)))
