"""Small secrets sealed for a while: Fernet (AES-128-CBC + HMAC) with a key derived from
SECRET_KEY per purpose (its fallbacks still open what they sealed).

    token = crypto.seal({"pin": "123456"}, purpose="receipt")
    crypto.unseal(token, purpose="receipt", max_age=1800)   # the dict, or None
"""

from __future__ import annotations

import base64
import hashlib
import json

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


def _fernet(purpose: str) -> MultiFernet:
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet(
        [
            Fernet(base64.urlsafe_b64encode(hashlib.sha256(f"bk-{purpose}:{s}".encode()).digest()))
            for s in secrets
        ]
    )


def seal(payload: dict, *, purpose: str) -> str:
    return _fernet(purpose).encrypt(json.dumps(payload, default=str).encode()).decode()


def unseal(token: str, *, purpose: str, max_age: int | None = None) -> dict | None:
    """The payload, or None when the token is altered, of another purpose or older than
    ``max_age`` seconds."""
    try:
        data = _fernet(purpose).decrypt(str(token).encode(), ttl=max_age)
        payload = json.loads(data)
    except (InvalidToken, ValueError):
        return None
    return payload if isinstance(payload, dict) else None
