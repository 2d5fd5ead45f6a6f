"""The second factor of a staff account, asked from one place by the web (the enrolment
middleware, the home page) and by the civil servants' app (``services.device_sign_in``)."""

from __future__ import annotations

from allauth.mfa.models import Authenticator
from django.conf import settings

from .permissions import is_staff_account

# The kinds of code a person may type: allauth's TOTP and its recovery codes (never WebAuthn).
_CODE_TYPES = (Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES)


def required_for(user) -> bool:
    """Whether this person must have TOTP before using the platform: staff, while
    ``BALAIKOTA_STAFF_MFA_REQUIRED`` is on (no query)."""
    return bool(settings.BALAIKOTA_STAFF_MFA_REQUIRED and is_staff_account(user))


def totp_enrolled(user) -> bool:
    """Whether the person has a TOTP authenticator, i.e. signing in asks for a code."""
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


def code_check(user, code: str) -> Authenticator | None:
    """The authenticator ``code`` is right for — a current TOTP code or an unused recovery code,
    checked by allauth's own verification, as its sign-in form does — or None. A code works
    once: allauth remembers a used TOTP code for its whole window and crosses out a recovery
    code. The authenticator's last use is stamped."""
    code = "".join(str(code or "").split())
    if not code:
        return None
    authenticators = sorted(
        Authenticator.objects.filter(user=user, type__in=_CODE_TYPES),
        key=lambda a: a.type != Authenticator.Type.TOTP,  # TOTP first, as allauth does
    )
    for authenticator in authenticators:
        if authenticator.wrap().validate_code(code):
            authenticator.record_usage()
            return authenticator
    return None
