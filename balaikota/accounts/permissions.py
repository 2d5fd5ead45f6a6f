"""Role predicates every app's permissions.py builds on, and the rules for accounts' own objects.

A role predicate is true when the person holds the role anywhere; ``has_role_in_opd_of`` is true
only when the role is held in the OPD the object belongs to (each app says how to find it).
"""

from __future__ import annotations

from collections.abc import Callable

import rules
from django.contrib.auth import get_user_model

from .models import Role


def has_role(role: str) -> rules.Predicate:
    @rules.predicate(name=f"has_role:{role}")
    def predicate(user) -> bool:
        return bool(user and user.is_authenticated and user.has_role(role))

    return predicate


def has_role_in_opd_of(role: str, opd_id_of: Callable[[object], int | None]) -> rules.Predicate:
    """The role held in the object's OPD (a city-wide grant of the role counts everywhere)."""

    @rules.predicate(name=f"has_role_in_opd:{role}")
    def predicate(user, obj) -> bool:
        if not (user and user.is_authenticated) or obj is None:
            return False
        opd_id = opd_id_of(obj)
        scopes = user_role_scopes(user, role)
        return None in scopes or (opd_id is not None and opd_id in scopes)

    return predicate


def user_role_scopes(user, role: str) -> frozenset[int | None]:
    """OPD ids in which ``user`` holds ``role`` (None: city-wide), cached per request."""
    return user.role_scope_map().get(role, frozenset())


@rules.predicate
def is_staff_account(user) -> bool:
    """A staff account: any staff role, or Django's own staff flags (a superuser without a
    role). Staff sign in with the second factor the web asks of them (``accounts.mfa``) and may
    sign the civil servants' app in on their phones."""
    return bool(
        user
        and user.is_authenticated
        and (user.is_staff_role or user.is_staff or user.is_superuser)
    )


is_citizen = has_role(Role.CITIZEN)
is_civil_servant = has_role(Role.CIVIL_SERVANT)
is_platform_admin = has_role(Role.PLATFORM_ADMIN) | rules.is_superuser
is_leader = has_role(Role.LEADER)
is_competency_admin = has_role(Role.COMPETENCY_ADMIN)


@rules.predicate
def is_self(user, obj) -> bool:
    # The type check matters: an Employee or an application whose pk equals the user's is not them.
    return (
        isinstance(obj, get_user_model())
        and user.is_authenticated
        and obj.pk is not None
        and obj.pk == user.pk
    )


# Accounts: a person sees their own account; the platform admin sees everyone's.
rules.add_perm("accounts.view_user", is_self | is_platform_admin)
rules.add_perm("accounts.change_user", is_self | is_platform_admin)
rules.add_perm("accounts.assign_roles", is_platform_admin)
# The civil servants' mobile app: signing a phone in, and the list of one's signed-in phones.
# Which device a person may end is not a rule but a scope: their own (selectors.device_of),
# so that nobody — a superuser neither — ends another person's device from the API.
rules.add_perm("accounts.use_devices", is_staff_account)
# The platform admin reads the audit trail and the access log; nobody edits them.
rules.add_perm("core.view_accesslogentry", is_platform_admin)
rules.add_perm("core.view_outboxitem", is_platform_admin)
rules.add_perm("core.resend_outboxitem", is_platform_admin)
rules.add_perm("core.view_audit_trail", is_platform_admin)
