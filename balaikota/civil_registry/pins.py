"""The 6-digit PIN that lets anyone follow an application at /lacak/ without signing in.

A PIN has only a million values, so no hash makes it hard to guess offline; what protects it is
the rate limit and the lock-out after wrong tries, and keeping the digest keyed with the
server's secret (HMAC-SHA256 over the tracking number and the PIN). A slow password hash added
~230 ms to every submit and every look-up while adding no protection, so it is not used.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.utils.crypto import constant_time_compare, salted_hmac

_PREFIX = "hmac-sha256$"
_SALT = "balaikota.civil_registry.pin"


def _digest(pin: str, tracking_number: str, secret: str | None = None) -> str:
    mac = salted_hmac(_SALT, f"{tracking_number}:{pin}", secret=secret, algorithm="sha256")
    return _PREFIX + mac.hexdigest()


def pin_digest(pin: str, tracking_number: str) -> str:
    return _digest(pin, tracking_number)


def pin_matches(pin: str, tracking_number: str, stored: str) -> bool:
    """Constant-time check; accepts digests made with a previous SECRET_KEY (fallbacks) and
    PINs stored by earlier versions with Django's password hasher."""
    if not stored or not pin:
        return False
    if stored.startswith(_PREFIX):
        secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
        matches = [constant_time_compare(_digest(pin, tracking_number, s), stored) for s in secrets]
        return any(matches)
    return check_password(pin, stored)  # legacy rows (and "!" unusable marks → False)
