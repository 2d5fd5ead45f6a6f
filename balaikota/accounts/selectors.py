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
    from .mfa import totp_enrolled

    scope_ids = tuple(i for ids in user.role_scope_map().values() for i in ids if i)
    card = org.home_card(user, opd_ids=scope_ids)  # from the shared cache until the org changes
    board = Dashboard(roles=role_badges(user, card.opd_names))
    # ``mfa_enabled``: already known (the session saw the authenticator), else one query
    board.mfa_enabled = mfa_enabled if mfa_enabled is not None else totp_enrolled(user)
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


# --- The civil servants' phones (device tokens) ------------------------------------------------


def live_devices(user) -> list:
    """The person's signed-in phones, newest first: not ended and not expired. At most
    ``BALAIKOTA_DEVICE_LIMIT`` rows, one query."""
    from django.utils import timezone

    from .models import Device

    if user is None or not user.is_authenticated:
        return []
    return list(
        Device.objects.filter(user=user, ended_at__isnull=True, token__expiry__gt=timezone.now())
        .select_related("token")
        .order_by("-created_at", "-pk")
    )


def device_of(user, device_id):
    """One of the person's signed-in phones; anyone else's, an ended one or none at all is a
    404 (nobody learns that another person's device exists)."""
    from balaikota.core.errors import NotFound

    for device in live_devices(user):
        if str(device.pk) == str(device_id):
            return device
    raise NotFound()


def device_token_find(token: str):
    """``(row, digest)``: the knox token row ``token`` is (live or expired, with its person and
    device; None when there is none) and the token's hash, which also recognises an ended
    token (``device_ended_with``). Looked up by its first characters (knox's ``token_key``,
    indexed) and compared by hash in constant time, as knox does."""
    from hmac import compare_digest

    from knox.crypto import hash_token
    from knox.models import get_token_model
    from knox.settings import CONSTANTS

    digest = hash_token(token)
    rows = (
        get_token_model()
        .objects.filter(token_key=token[: CONSTANTS.TOKEN_KEY_LENGTH])
        .select_related("user", "device")
    )
    for row in rows:
        if compare_digest(digest, row.digest):
            return row, digest
    return None, digest


def device_ended_with(digest: str):
    """The ended device whose token had this hash (to say why it no longer works), or None."""
    from .models import Device

    return Device.objects.filter(token_digest=digest, ended_at__isnull=False).first()
