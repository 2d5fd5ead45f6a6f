"""Staff device tokens on every API endpoint: ``Authorization: Bearer <token>``.

django-rest-knox's tokens (hashed, expiring, one per device) with the device record beside
them (``models.Device``). knox's own ``TokenAuthentication`` is replaced where it does not fit:
it loads every token of the person on each request to delete the expired ones and answers in
English; here one query finds the token, its person and its device, an expired or ended token is
told why in the request's language (a 401 whatever the view's first authenticator), and the
refresh and the device's last use are written at most once a minute.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from knox.auth import TokenAuthentication
from rest_framework.authentication import get_authorization_header

from balaikota.core.ratelimit import client_ip

from . import mfa
from .models import Device
from .permissions import is_staff_account

# DRF imports this module while it defines APIView (DEFAULT_AUTHENTICATION_CLASSES): whatever
# imports rest_framework.views (core.api, the services and selectors) is imported when used.


def _ended_message(reason: str) -> str:
    return {
        Device.EndReason.SIGNED_OUT: _("Perangkat ini sudah keluar. Masuk kembali di aplikasi."),
        Device.EndReason.REVOKED: _(
            "Perangkat ini sudah dikeluarkan dari akun Anda. Masuk kembali di aplikasi."
        ),
        Device.EndReason.PASSWORD_CHANGED: _(
            "Kata sandi akun Anda sudah diganti, sehingga semua perangkat dikeluarkan. Masuk "
            "kembali dengan kata sandi baru."
        ),
        Device.EndReason.MFA_REMOVED: _(
            "Autentikasi dua langkah akun Anda dihapus, sehingga semua perangkat dikeluarkan. "
            "Masuk kembali di aplikasi."
        ),
        Device.EndReason.MFA_REQUIRED: _(
            "Petugas kini wajib memakai autentikasi dua langkah. Aktifkan di situs (Profil → "
            "Autentikasi dua langkah), lalu masuk kembali di aplikasi dengan kodenya."
        ),
        Device.EndReason.ACCOUNT_DEACTIVATED: _("Akun ini sudah dinonaktifkan."),
        Device.EndReason.EXPIRED: _(
            "Masa berlaku masuk di perangkat ini sudah habis. Masuk kembali di aplikasi."
        ),
    }.get(reason, _("Token perangkat ini sudah tidak berlaku. Masuk kembali di aplikasi."))


class DeviceTokenAuthentication(TokenAuthentication):
    """``Bearer <token>`` (knox's ``AUTH_HEADER_PREFIX``); other schemes are left to the other
    authenticators (the citizens' ``Token <key>``, the session)."""

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        scheme = self.authenticate_header(request)
        if not parts or parts[0].lower() != scheme.lower().encode():
            return None
        if len(parts) != 2:
            raise self._refused(
                _("Tulis header Authorization sebagai “Bearer <token>”."), "token_malformed"
            )
        try:
            token = parts[1].decode("ascii")
        except UnicodeDecodeError:
            token = ""
        from . import selectors

        row, digest = selectors.device_token_find(token) if token else (None, "")
        device = getattr(row, "device", None) if row is not None else None
        if row is None or device is None:
            ended = selectors.device_ended_with(digest) if digest else None
            if ended is not None:
                raise self._ended(ended.end_reason)
            raise self._refused(
                _("Token perangkat tidak dikenal. Masuk kembali di aplikasi."), "token_invalid"
            )
        return self._check(request, row, device)

    def _check(self, request, row, device: Device):
        user = row.user
        reason = None
        if row.expiry is not None and row.expiry <= timezone.now():
            reason = Device.EndReason.EXPIRED
        elif not user.is_active:
            reason = Device.EndReason.ACCOUNT_DEACTIVATED
        elif not device.with_mfa and mfa.required_for(user):
            reason = Device.EndReason.MFA_REQUIRED
        if reason is not None:
            from . import services

            at = row.expiry if reason == Device.EndReason.EXPIRED else None
            services.device_end(device=device, reason=reason, at=at, address=client_ip(request))
            raise self._ended(reason)
        if not is_staff_account(user):  # no staff role any more: refused, the device kept
            raise self._refused(
                _("Token perangkat hanya berlaku untuk akun petugas."), "token_not_staff"
            )
        from . import services

        services.device_touch(token_row=row, device=device, address=client_ip(request))
        return user, row

    def _ended(self, reason: str):
        code = "token_expired" if reason == Device.EndReason.EXPIRED else "token_revoked"
        return self._refused(_ended_message(reason), code)

    def _refused(self, message: str, code: str):
        from balaikota.core.api import CredentialsRefused

        return CredentialsRefused(message, code=code, challenge=self.authenticate_header(None))
