"""Reads for accounts: what each role's home dashboard shows."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model

from balaikota.organization import selectors as org

from .models import Role


@dataclass(frozen=True)
class RoleBadge:
    """A role the person holds, as the home page names it: "Petugas layanan @ Disdukcapil"."""

    role: str
    label: str
    opd: str = ""

    def __str__(self) -> str:
        return f"{self.label} @ {self.opd}" if self.opd else str(self.label)


@dataclass
class Dashboard:
    roles: list[RoleBadge]
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


@dataclass(frozen=True)
class PhoneStatus:
    number: str  # the account's number ("" when none), +62…
    verified: bool
    code_expires_at: object | None  # when the code the person waits for expires, if one does


def phone_verification_pending(user):
    """The code the person is waiting for (a ``PhoneVerification``), if one is still open."""
    from .models import PhoneVerification

    latest = PhoneVerification.objects.filter(user=user).order_by("-created_at", "-pk").first()
    return latest if latest is not None and latest.is_open() else None


def phone_status(user) -> PhoneStatus:
    """The account's phone number as the profile page and the app's API show it."""
    pending = phone_verification_pending(user)
    return PhoneStatus(
        number=user.phone,
        verified=bool(verified_phone(user)),
        code_expires_at=pending.expires_at if pending else None,
    )


def verified_email(user) -> str:
    """The person's e-mail address if they have verified it (allauth), else ''."""
    from allauth.account.models import EmailAddress

    if user is None or not user.email:
        return ""
    verified = EmailAddress.objects.filter(user=user, email__iexact=user.email, verified=True)
    return user.email if verified.exists() else ""


def role_badges(user, opd_names: dict[int, str]) -> list[RoleBadge]:
    """The person's roles from their role summary (no query), city-wide ones first within a
    role, then by OPD name; ``opd_names`` names the OPDs (``home_card`` brings them)."""
    badges = []
    for role, opd_ids in sorted(user.role_scope_map().items()):
        try:
            label = Role(role).label
        except ValueError:  # a role retired from the code but still in the data
            label = role
        names = sorted(opd_names.get(opd_id, "") if opd_id else "" for opd_id in opd_ids)
        badges.extend(RoleBadge(role=role, label=label, opd=name) for name in names)
    return badges


def dashboard_for(user, *, mfa_enabled: bool | None = None) -> Dashboard:
    """Everything the home page shows this person, in at most one query (the authenticator,
    unless the session already knows): the roles come with the account's row
    (``User.role_scopes``), the organisation card, the OPD names and the headline figures from
    the shared cache."""
    from allauth.mfa.models import Authenticator

    scope_ids = tuple(i for ids in user.role_scope_map().values() for i in ids if i)
    card = org.home_card(user, opd_ids=scope_ids)  # from the shared cache until the org changes
    board = Dashboard(roles=role_badges(user, card.opd_names))
    # ``mfa_enabled``: already known (the session saw the authenticator), else one query
    board.mfa_enabled = (
        mfa_enabled
        if mfa_enabled is not None
        else Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    )
    board.employee, board.supervisor, board.team = card.employee, card.supervisor, card.team
    if user.has_role(Role.PLATFORM_ADMIN) or user.has_role(Role.LEADER):
        board.counts = dict(org.headline_counts_cached())
        board.counts["citizens"] = citizen_count()
    return board


def users_with_role(role: str, *, opd_id: int | None = None):
    """Active people holding ``role`` (in the OPD ``opd_id`` when given), oldest account first."""
    users = get_user_model().objects.filter(is_active=True, role_assignments__role=role)
    if opd_id is not None:
        users = users.filter(role_assignments__opd_id=opd_id)
    return users.distinct().order_by("pk")


def citizen_count() -> int:
    """Registered citizens, at most a minute old (a headline figure, not a report)."""
    from django.core.cache import cache

    count = cache.get("accounts:citizens")
    if count is None:
        count = get_user_model().objects.filter(kind="citizen").count()
        cache.set("accounts:citizens", count, 60)
    return count


def user_by_login(login: str):
    """The account that signs in with ``login`` (a NIP or a username), or None."""
    from .models import User

    return User.objects.filter(username=login).first()
