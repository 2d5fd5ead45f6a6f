"""Reads for accounts: what each role's home dashboard shows."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model

from balaikota.organization import selectors as org

from .models import Role, RoleAssignment


@dataclass
class Dashboard:
    roles: list[RoleAssignment]
    employee: object | None = None
    supervisor: object | None = None
    team: list = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    mfa_enabled: bool = False


def verified_phone(user) -> str:
    """The person's phone number if they have confirmed it with a code, else ''."""
    if user is None or not user.phone or user.phone_verified_at is None:
        return ""
    return user.phone


def verified_email(user) -> str:
    """The person's e-mail address if they have verified it (allauth), else ''."""
    from allauth.account.models import EmailAddress

    if user is None or not user.email:
        return ""
    verified = EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True)
    return user.email if verified.exists() else ""


def role_assignments_of(user) -> list[RoleAssignment]:
    return list(RoleAssignment.objects.filter(user=user).select_related("opd").order_by("role"))


def dashboard_for(user) -> Dashboard:
    """Everything the home page shows this person, in a fixed number of queries."""
    from allauth.mfa.models import Authenticator

    roles = role_assignments_of(user)
    scopes: dict[str, set] = {}
    for assignment in roles:
        scopes.setdefault(assignment.role, set()).add(assignment.opd_id)
    user._role_scope_map = {role: frozenset(ids) for role, ids in scopes.items()}
    board = Dashboard(roles=roles)
    board.mfa_enabled = Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ).exists()
    employee = org.employee_for_user(user)
    if employee is not None:
        board.employee = employee
        board.supervisor = org.direct_supervisor(employee)
        board.team = org.direct_reports(employee, limit=12)
    if user.has_role(Role.PLATFORM_ADMIN) or user.has_role(Role.LEADER):
        board.counts = org.headline_counts()
        board.counts["citizens"] = get_user_model().objects.filter(kind="citizen").count()
    return board
