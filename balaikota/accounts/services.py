"""Writes on accounts: granting roles, provisioning civil servants' accounts."""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from balaikota.core.errors import Conflict, InvalidInput
from balaikota.core.identity import parse_mobile, parse_nip
from balaikota.core.ratelimit import RateLimit
from balaikota.notifications import services as notification_services

from .models import (
    BACK_OFFICE_ROLES,
    OPD_SCOPED_ROLES,
    PhoneVerification,
    Role,
    RoleAssignment,
    User,
    role_group,
    role_scopes_refresh,
)


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
    if role in BACK_OFFICE_ROLES and not user.is_staff:
        user.is_staff = True  # the back office (/admin/) is theirs; what they may do there comes
        user.save(update_fields=["is_staff"])  # from the group and the apps' rules
    user.role_scopes = role_scopes_refresh(user.pk)
    return assignment


@transaction.atomic
def role_revoke(*, user: User, role: str, opd=None) -> None:
    RoleAssignment.objects.filter(user=user, role=role, opd=opd).delete()
    if not RoleAssignment.objects.filter(user=user, role=role).exists():
        user.groups.remove(role_group(role))
        still_back_office = bool(user.role_codes & BACK_OFFICE_ROLES - {role})
        if (
            role in BACK_OFFICE_ROLES
            and user.is_staff
            and not user.is_superuser
            and not still_back_office
        ):
            user.is_staff = False
            user.save(update_fields=["is_staff"])
    user.role_scopes = role_scopes_refresh(user.pk)


@transaction.atomic
def roles_sync(*, user: User, held_before: frozenset[str] = frozenset()) -> None:
    """After the role rows were edited directly (the user admin's inline): the role summary,
    the roles' Django groups and the back-office flag follow the rows, as ``role_grant`` and
    ``role_revoke`` keep them. ``held_before``: the roles the person held before the edit."""
    user.role_scopes = role_scopes_refresh(user.pk)
    held = user.role_codes
    for role in Role:
        if role in held:
            user.groups.add(role_group(role))
        else:
            user.groups.remove(role_group(role))
    if held & BACK_OFFICE_ROLES and not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    elif (
        held_before & BACK_OFFICE_ROLES
        and not held & BACK_OFFICE_ROLES
        and user.is_staff
        and not user.is_superuser
    ):
        user.is_staff = False
        user.save(update_fields=["is_staff"])


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


# --- A phone number verified by a code ---------------------------------------------------------

_PHONE_CODE_SALT = "balaikota.accounts.phone-verification"
_PHONE_CODE_SEND = RateLimit(
    "accounts.phone_code",
    limit=3,
    window=600,
    message=gettext_noop("Kode sudah dikirim beberapa kali. Coba lagi dalam %(when)s."),
)
_PHONE_CODE_DAY = RateLimit(
    "accounts.phone_code_day",
    limit=10,
    window=86400,
    message=gettext_noop("Batas pengiriman kode hari ini tercapai. Coba lagi dalam %(when)s."),
)


def _phone_code_digest(user_id: int, number: str, code: str) -> str:
    """Keyed with the server's secret, as the tracking PINs are (``civil_registry.pins``)."""
    message = f"{user_id}:{number}:{code}"
    return salted_hmac(_PHONE_CODE_SALT, message, algorithm="sha256").hexdigest()


@transaction.atomic
def phone_verification_start(*, user: User, number: str, channel: str) -> PhoneVerification:
    """Send a six-digit code to ``number`` by SMS or WhatsApp (after the commit, through the
    outbox). The account's number changes only when the code comes back. At most 3 codes per
    10 minutes and 10 a day per person; a new code replaces the previous one."""
    errors: dict[str, list] = {}
    try:
        number = parse_mobile(number)
    except ValidationError as exc:
        errors["number"] = list(exc.messages)
    if channel not in PhoneVerification.Channel.values:
        errors["channel"] = [_("Pilih SMS atau WhatsApp.")]
    if errors:
        raise InvalidInput(errors=errors, code="phone_invalid")
    if number == user.phone and user.phone_verified_at is not None:
        raise Conflict(_("Nomor ini sudah terverifikasi di akun Anda."), code="phone_verified")
    for limit in (_PHONE_CODE_SEND, _PHONE_CODE_DAY):
        retry_after = limit.hit(str(user.pk))
        if retry_after is not None:
            raise limit.error(retry_after)
    now = timezone.now()
    PhoneVerification.objects.filter(user=user, verified_at__isnull=True).update(expires_at=now)
    code = f"{secrets.randbelow(10**6):06d}"
    verification = PhoneVerification.objects.create(
        user=user,
        number=number,
        channel=channel,
        code_digest=_phone_code_digest(user.pk, number, code),
        expires_at=now + PhoneVerification.VALID_FOR,
    )
    minutes = int(PhoneVerification.VALID_FOR.total_seconds() // 60)
    notification_services.direct_message_send(
        channel=channel,
        to=number,
        body=_(
            "Kode verifikasi Balai Kota Digital: %(code)s. Berlaku %(minutes)s menit. "
            "Jangan berikan kode ini kepada siapa pun."
        )
        % {"code": code, "minutes": minutes},
    )
    return verification


def phone_verification_confirm(*, user: User, code: str) -> User:
    """Check the code typed back: right → the number becomes the account's, verified; wrong →
    one attempt fewer (5 in all); expired or used up → ask for a new code. A wrong attempt is
    counted in its own transaction, committed before the refusal is raised."""
    code = "".join(ch for ch in str(code or "") if ch.isdigit())
    error = _phone_code_check(user=user, code=code)
    if error is not None:
        raise error
    user.refresh_from_db(fields=["phone", "phone_verified_at"])
    return user


@transaction.atomic
def _phone_code_check(*, user: User, code: str):
    verification = (
        PhoneVerification.objects.select_for_update()
        .filter(user=user)
        .order_by("-created_at", "-pk")
        .first()
    )
    if verification is None or verification.verified_at is not None:
        return Conflict(_("Minta kode verifikasi terlebih dahulu."), code="phone_no_code")
    if not verification.is_open():
        return Conflict(
            _("Kode ini sudah tidak berlaku. Minta kode baru."), code="phone_code_expired"
        )
    if len(code) != 6:
        return InvalidInput(
            errors={"code": [_("Masukkan 6 angka kode yang kami kirim.")]}, code="phone_code_format"
        )
    expected = verification.code_digest
    if not constant_time_compare(expected, _phone_code_digest(user.pk, verification.number, code)):
        verification.attempts += 1
        verification.save(update_fields=["attempts"])
        left = PhoneVerification.MAX_ATTEMPTS - verification.attempts
        if left <= 0:
            return InvalidInput(
                errors={"code": [_("Kode salah terlalu sering. Minta kode baru.")]},
                code="phone_code_exhausted",
            )
        return InvalidInput(
            errors={"code": [_("Kode salah. Sisa %(left)s kali percobaan.") % {"left": left}]},
            code="phone_code_wrong",
        )
    now = timezone.now()
    verification.verified_at = now
    verification.save(update_fields=["verified_at"])
    # the number is one person's: whoever verified it before loses it (their SMS would reach
    # the new owner of a recycled number)
    User.objects.filter(phone=verification.number).exclude(pk=user.pk).update(
        phone="", phone_verified_at=None
    )
    User.objects.filter(pk=user.pk).update(phone=verification.number, phone_verified_at=now)
    return None
