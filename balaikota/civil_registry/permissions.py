"""Who may do what with a civil-registration application (rules predicates, one place).

Citizens act on their own applications (and the officer who filed one for them, while assisting);
officers and verifiers act on their office's applications; signing officials sign their office's;
the platform admin reads everything.
"""

from __future__ import annotations

import rules

from balaikota.accounts.interfaces import Role
from balaikota.accounts.permissions import has_role, has_role_in_opd_of, is_platform_admin


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
is_any_staff_of_registry = is_any_officer | has_role(Role.SIGNING_OFFICIAL)

rules.add_perm(
    "civil_registry.view_application",
    is_applicant | is_assisting_officer | is_office_officer | is_office_signer | is_platform_admin,
)
# Edit the draft, upload, submit, cancel, resubmit: the citizen's own actions.
rules.add_perm("civil_registry.change_application", is_applicant | is_assisting_officer)
# Claim, ask for corrections, reject, approve, decide duplicates. Nobody decides or signs
# their own application (conflict of interest), even as an officer of its office.
rules.add_perm("civil_registry.process_application", is_office_officer & ~is_applicant)
rules.add_perm("civil_registry.sign_application", is_office_signer & ~is_applicant)
rules.add_perm("civil_registry.create_assisted_application", has_role(Role.SERVICE_OFFICER))
rules.add_perm("civil_registry.view_queue", is_any_staff_of_registry)
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
rules.add_perm("civil_registry.change_appointment", is_appointment_owner)
rules.add_perm("civil_registry.view_appointment", is_appointment_owner | is_location_officer)
rules.add_perm("civil_registry.check_in_appointment", is_location_officer)
