"""Staff must enrol TOTP before using the platform when BALAIKOTA_STAFF_MFA_REQUIRED is on."""

from urllib.parse import urlencode

from allauth.mfa.signals import authenticator_removed
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse

from . import mfa

# Signing in, enrolling, signing out, health probes and assets stay reachable before enrolment.
_ALLOWED_PREFIXES = ("/accounts/", "/static/", "/health/", "/i18n/")
# Once enrolment is seen, the session remembers it: one query per session, not per request.
_SESSION_FLAG = "_bk_totp_enrolled"


@receiver(authenticator_removed)
def _forget_enrolment(sender, request=None, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        request.session.pop(_SESSION_FLAG, None)


def totp_known_enrolled(request) -> bool:
    """Whether this session already saw the person's TOTP authenticator (no query)."""
    session = getattr(request, "session", None)
    user = getattr(request, "user", None)
    return bool(session is not None and user is not None and session.get(_SESSION_FLAG) == user.pk)


class StaffMfaRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_enrol(request):
            query = urlencode({"next": request.get_full_path()})
            return redirect(f"{reverse('mfa_activate_totp')}?{query}")
        return self.get_response(request)

    @staticmethod
    def _must_enrol(request) -> bool:
        # The rule is accounts.mfa's (the device sign-in asks the same): staff, Django's own
        # staff flags included (a superuser without a role still opens the admin).
        user = getattr(request, "user", None)
        if not mfa.required_for(user) or request.path.startswith(_ALLOWED_PREFIXES):
            return False
        session = getattr(request, "session", None)
        if session is not None and session.get(_SESSION_FLAG) == user.pk:
            return False
        enrolled = mfa.totp_enrolled(user)
        if enrolled and session is not None:
            session[_SESSION_FLAG] = user.pk
        return not enrolled
