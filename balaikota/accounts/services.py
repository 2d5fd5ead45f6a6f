"""Writes on accounts: granting roles, provisioning civil servants' accounts, verifying a phone
number, and the civil servants' phones signed in to the app (device tokens)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from balaikota.core.errors import Conflict, Forbidden, InvalidInput
from balaikota.core.identity import parse_mobile, parse_nip
from balaikota.core.ratelimit import RateLimit, client_ip
from balaikota.notifications import services as notification_services

from . import mfa, selectors, sign_in
from .audit import acting
from .models import (
    BACK_OFFICE_ROLES,
    OPD_SCOPED_ROLES,
    Device,
    PhoneVerification,
    Role,
    RoleAssignment,
    User,
    role_group,
    role_scopes_refresh,
)
from .permissions import is_staff_account


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


# --- The civil servants' phones: one token per device (django-rest-knox) -----------------------


@dataclass(frozen=True)
class DeviceSignIn:
    token: str  # given to the app once; only its hash is kept
    device: Device


def device_sign_in(
    *, request, login: str, password: str, code: str = "", name: str
) -> DeviceSignIn:
    """Sign a civil servant's phone in: NIP (or e-mail) + password + the second factor the web
    would ask of them, then a token for this device.

    The web's rules, asked from the same places: the lock-outs of ``sign_in`` (a wrong password
    and a wrong code each count as a failed sign-in, only a complete sign-in clears them), the
    identity backends (``authenticate``), the second-factor rule (``mfa``: with TOTP enrolled a
    TOTP or recovery code is required; without it, refused while staff must enrol). Citizens
    are refused: their app has its own sign-in. A failure is counted before it is raised and
    stays counted (no transaction around the checks)."""
    login = str(login or "").strip()
    key = login.lower()
    sign_in.ensure_open(request, key)
    credentials = {"email": key} if "@" in login else {"username": login}
    user = authenticate(request, password=password, **credentials)
    if user is None:
        sign_in.failed(request, key)
        raise InvalidInput(_("NIP/e-mail atau kata sandi salah."), code="invalid_credentials")
    if not is_staff_account(user):
        raise Forbidden(
            _(
                "Masuk perangkat ini khusus untuk petugas (ASN). Warga masuk di aplikasi warga "
                "dengan e-mail dan kata sandi."
            ),
            code="citizen_account",
        )
    with_mfa = mfa.totp_enrolled(user)
    if not with_mfa and mfa.required_for(user):
        raise Forbidden(
            _(
                "Aktifkan autentikasi dua langkah terlebih dahulu: masuk di situs, buka Profil → "
                "Autentikasi dua langkah dan pasang aplikasi autentikator, lalu masuk kembali di "
                "sini dengan kodenya."
            ),
            code="mfa_enrolment_required",
        )
    if with_mfa:
        if not str(code or "").strip():
            raise InvalidInput(
                errors={
                    "code": [
                        _(
                            "Masukkan kode 6 angka dari aplikasi autentikator Anda, atau salah "
                            "satu kode pemulihan."
                        )
                    ]
                },
                code="mfa_code_required",
            )
        # Before a recovery code is spent on a sign-in that cannot succeed.
        _device_room_ensure(user)
        if mfa.code_check(user, code) is None:
            sign_in.failed(request, key)
            raise InvalidInput(
                errors={"code": [_("Kode salah, kedaluwarsa, atau sudah pernah dipakai.")]},
                code="mfa_code_invalid",
            )
    sign_in.succeeded(request, key)
    return device_register(user=user, name=name, address=client_ip(request), with_mfa=with_mfa)


def _device_room_ensure(user: User) -> None:
    limit = settings.BALAIKOTA_DEVICE_LIMIT
    if len(selectors.live_devices(user)) >= limit:
        raise Conflict(
            _(
                "Anda sudah masuk di %(limit)s perangkat, batas yang diizinkan. Keluarkan salah "
                "satu terlebih dahulu — di situs: Profil → Perangkat seluler, atau dari aplikasi "
                "di perangkat itu (Keluar) — lalu masuk lagi di sini. Perangkat yang hilang "
                "sebaiknya segera dikeluarkan dan kata sandi diganti."
            )
            % {"limit": limit},
            code="device_limit",
        )


def device_name_clean(name: str) -> str:
    """The name the person gives the phone: one line, 1–60 characters."""
    name = " ".join(str(name or "").split())
    if not name:
        raise InvalidInput(
            errors={"device_name": [_("Beri nama perangkat ini, mis. “Android Ratna”.")]},
            code="device_name",
        )
    if len(name) > Device._meta.get_field("name").max_length:
        raise InvalidInput(
            errors={"device_name": [_("Nama perangkat paling panjang 60 karakter.")]},
            code="device_name",
        )
    return name


@transaction.atomic
def device_register(
    *, user: User, name: str, address: str | None = None, with_mfa: bool
) -> DeviceSignIn:
    """A new device of ``user`` with its knox token (``REST_KNOX["TOKEN_TTL"]`` from now),
    once the person is known (``device_sign_in``; the demo data). Refused beyond
    ``BALAIKOTA_DEVICE_LIMIT`` live devices — counted under a lock on the account's row, so
    two sign-ins at once cannot both take the last place. The person is told by e-mail (and a
    verified phone) that a device signed in: a sign-in they did not make shows at once."""
    from knox.models import get_token_model
    from knox.settings import knox_settings

    name = device_name_clean(name)
    address = _address_or_none(address)
    list(User.objects.select_for_update().filter(pk=user.pk).values_list("pk", flat=True))
    _device_room_ensure(user)
    token_row, token = get_token_model().objects.create(user=user, expiry=knox_settings.TOKEN_TTL)
    with acting(user, address):
        device = Device.objects.create(
            user=user,
            token=token_row,
            token_digest=token_row.digest,
            name=name,
            created_ip=address,
            with_mfa=with_mfa,
        )
    User.objects.filter(pk=user.pk).update(last_login=device.created_at)
    when = timezone.localtime(device.created_at)
    notification_services.notify(
        recipient=user,
        topic="accounts.device",
        title=_("Perangkat baru masuk ke akun Anda"),
        body=_(
            "%(name)s masuk ke aplikasi Balai Kota Digital pada %(when)s dari alamat %(address)s. "
            "Bukan Anda? Keluarkan perangkat itu di Profil → Perangkat seluler dan segera ganti "
            "kata sandi Anda."
        )
        % {
            "name": name,
            "when": f"{when:%d-%m-%Y %H:%M}",
            "address": address or "?",
        },
        url="/akun/profil/#perangkat",
        essential=True,  # a security notice
    )
    return DeviceSignIn(token=token, device=device)


def _address_or_none(address: str | None) -> str | None:
    from django.core.validators import validate_ipv46_address

    try:
        validate_ipv46_address(address)
    except ValidationError:
        return None
    return address


@transaction.atomic
def device_end(
    *,
    device: Device,
    reason: str,
    actor: User | None = None,
    address: str | None = None,
    at=None,
) -> Device:
    """End a device: its token is deleted (every request with it is refused from now on, told
    why), the row stays with when, why and by whom (an audit row). Ending an ended device does
    nothing."""
    from knox.models import get_token_model

    device = Device.objects.select_for_update().get(pk=device.pk)
    if device.ended_at is not None:
        return device
    device.ended_at = at or timezone.now()
    device.end_reason = Device.EndReason(reason)
    device.ended_by = actor
    with acting(actor, _address_or_none(address)):
        device.save(update_fields=["ended_at", "end_reason", "ended_by"])
    if device.token_id:
        get_token_model().objects.filter(pk=device.token_id).delete()
        device.token_id = None
    return device


def device_revoke(*, user: User, device_id, address: str | None = None) -> Device:
    """The person signs one of their phones out (from the web profile, the app's list): someone
    else's, or one already ended, is a 404."""
    device = selectors.device_of(user, device_id)
    return device_end(device=device, reason=Device.EndReason.REVOKED, actor=user, address=address)


def device_sign_out(*, device: Device, address: str | None = None) -> Device:
    """The app signs itself out (its own token)."""
    return device_end(
        device=device, reason=Device.EndReason.SIGNED_OUT, actor=device.user, address=address
    )


@transaction.atomic
def devices_end_all(*, user: User, reason: str, actor: User | None = None) -> int:
    """End every device of the person (their password changed, their TOTP was removed, the
    account was deactivated). Returns how many were still signed in."""
    ended = 0
    for device in Device.objects.filter(user=user, ended_at__isnull=True):
        device_end(device=device, reason=reason, actor=actor)
        ended += 1
    return ended


def device_touch(*, token_row, device: Device, address: str | None) -> None:
    """A request with the device's token: its expiry moves to ``TOKEN_TTL`` from now (never past
    ``AUTO_REFRESH_MAX_TTL`` after signing in) and the device's last use is stamped — at most
    once per ``MIN_REFRESH_INTERVAL`` (knox's throttle), so a busy app costs one write a minute,
    no audit row."""
    from knox.models import get_token_model
    from knox.settings import knox_settings

    now = timezone.now()
    if device.last_used_at and (now - device.last_used_at).total_seconds() < (
        knox_settings.MIN_REFRESH_INTERVAL
    ):
        return
    expiry = token_row.expiry
    if knox_settings.AUTO_REFRESH and expiry is not None:
        expiry = now + knox_settings.TOKEN_TTL
        if knox_settings.AUTO_REFRESH_MAX_TTL is not None:
            expiry = min(expiry, token_row.created + knox_settings.AUTO_REFRESH_MAX_TTL)
        expiry = max(expiry, token_row.expiry)
        if expiry != token_row.expiry:
            get_token_model().objects.filter(pk=token_row.pk).update(expiry=expiry)
            token_row.expiry = expiry
    address = _address_or_none(address)
    Device.objects.filter(pk=device.pk).update(last_used_at=now, last_used_ip=address)
    device.last_used_at, device.last_used_ip = now, address


def devices_expire() -> dict[str, int]:
    """Beat, daily: devices whose token expired unused are ended ("expired", at the expiry);
    ended rows older than ``Device.KEPT`` are deleted (their history stays in the audit trail).
    A request with an expired token ends its device at once; this catches the phones that
    never came back."""
    now = timezone.now()
    expired = 0
    # (a token deleted some other way — the shell — ends its device too)
    rows = Device.objects.filter(
        Q(token__expiry__lte=now) | Q(token__isnull=True), ended_at__isnull=True
    ).select_related("token")
    for device in rows.iterator():
        at = device.token.expiry if device.token is not None else now
        device_end(device=device, reason=Device.EndReason.EXPIRED, at=at)
        expired += 1
    purged, _detail = Device.objects.filter(ended_at__lt=now - Device.KEPT).delete()
    return {"expired": expired, "purged": purged}
