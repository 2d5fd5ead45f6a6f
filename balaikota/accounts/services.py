"""Writes on accounts: granting roles, provisioning civil servants' accounts."""

from __future__ import annotations

from django.db import transaction

from balaikota.core.identity import parse_nip

from .models import OPD_SCOPED_ROLES, Role, RoleAssignment, User, role_group


def _forget_cached_roles(user: User) -> None:
    """Drop the per-instance caches of ``User.role_codes`` and ``permissions.user_role_scopes``."""
    user.__dict__.pop("_role_scope_map", None)


@transaction.atomic
def role_grant(*, user: User, role: str, opd=None) -> RoleAssignment:
    """Give ``user`` the role (idempotent). OPD-scoped roles need an OPD; city-wide roles take none."""
    role = Role(role)
    if role in OPD_SCOPED_ROLES and opd is None:
        raise ValueError(f"role {role} must be scoped to an OPD")
    if role not in OPD_SCOPED_ROLES:
        opd = None
    assignment, _created = RoleAssignment.objects.get_or_create(user=user, role=role, opd=opd)
    user.groups.add(role_group(role))
    if role == Role.PLATFORM_ADMIN and not user.is_staff:
        user.is_staff = True  # the back office (/admin/) is theirs; what they may do there comes
        user.save(update_fields=["is_staff"])  # from the group (accounts migration 0003)
    _forget_cached_roles(user)
    return assignment


@transaction.atomic
def role_revoke(*, user: User, role: str, opd=None) -> None:
    RoleAssignment.objects.filter(user=user, role=role, opd=opd).delete()
    if not RoleAssignment.objects.filter(user=user, role=role).exists():
        user.groups.remove(role_group(role))
        if role == Role.PLATFORM_ADMIN and user.is_staff and not user.is_superuser:
            user.is_staff = False
            user.save(update_fields=["is_staff"])
    _forget_cached_roles(user)


@transaction.atomic
def employee_account_provision(
    *, nip: str, full_name: str, email: str = "", password: str | None = None
) -> User:
    """Create or update the account a civil servant signs in with: their NIP is the login.

    Raises ValidationError (code ``nip_*``) for a NIP that is not well formed.
    """
    nip = parse_nip(nip).value
    user = User.objects.select_for_update().filter(nip=nip).first()
    if user is None:
        user = User(username=nip, nip=nip, kind=User.Kind.EMPLOYEE)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
    user.full_name = full_name
    if email:
        user.email = email.lower()
    user.save()
    if email:
        from allauth.account.models import EmailAddress

        EmailAddress.objects.update_or_create(
            user=user, email=user.email, defaults={"verified": True, "primary": True}
        )
    role_grant(user=user, role=Role.CIVIL_SERVANT)
    return user
