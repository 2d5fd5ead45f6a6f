"""Idempotent requests: a retry with the same key gets the first answer, for a window.

A client that timed out does not know whether its request went through; it sends it again
with the same ``Idempotency-Key``. The service reserves the key in its own transaction
(``begin``), does the work, and stores the answer (``finish``) before it commits — so the
answer is kept exactly when the work is. A retry finds the record and gets the stored answer:
the same application, the same PIN. Answers are encrypted (Fernet, a key derived from
``SECRET_KEY``; the fallbacks still decrypt) because they may hold a secret such as a PIN::

    previous = idempotency.begin("civil_registry.submit", owner_id=user.pk, key=key)
    if previous is not None:
        return previous                        # the first answer, decrypted
    ...                                        # the work
    idempotency.finish("civil_registry.submit", owner_id=user.pk, key=key, answer={...})

Concurrent requests with one key: the second blocks on the key's unique index until the first
commits, then reads its answer. Records expire after ``WINDOW`` (purged daily).
"""

from __future__ import annotations

import hashlib
import json

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import crypto
from .errors import Conflict
from .models import IdempotencyRecord

WINDOW = timezone.timedelta(hours=24)
KEY_MAX = 64


def _seal(answer: dict) -> str:
    return crypto.seal(answer, purpose="idem")


def _open(sealed: str) -> dict | None:
    return crypto.unseal(sealed, purpose="idem")


def fingerprint(*parts) -> str:
    """A digest of what the request asked for: a key reused for another request is refused."""
    return hashlib.sha256(json.dumps(parts, default=str, sort_keys=True).encode()).hexdigest()


def clean_key(key: str | None) -> str:
    return str(key or "").strip()[:KEY_MAX]


def begin(scope: str, *, owner_id: int, key: str, fingerprint: str = "") -> dict | None:
    """Reserve ``key`` in the current transaction; the stored answer when it was used before.

    Raises ``Conflict`` (409) when the key was used for a different request (another
    fingerprint), or when the first request is still running.
    """
    now = timezone.now()
    try:
        with transaction.atomic():
            IdempotencyRecord.objects.create(
                scope=scope,
                owner_id=owner_id,
                key=key,
                fingerprint=fingerprint,
                expires_at=now + WINDOW,
            )
        return None
    except IntegrityError:
        pass
    record = IdempotencyRecord.objects.select_for_update().get(
        scope=scope, owner_id=owner_id, key=key
    )
    if record.expires_at <= now:  # an old key used again: a new request
        record.fingerprint = fingerprint
        record.response = ""
        record.created_at = now
        record.expires_at = now + WINDOW
        record.save(update_fields=["fingerprint", "response", "created_at", "expires_at"])
        return None
    if fingerprint and record.fingerprint and record.fingerprint != fingerprint:
        raise Conflict(
            _("Kunci idempotensi ini sudah dipakai untuk permintaan lain."),
            code="idempotency_mismatch",
        )
    answer = _open(record.response) if record.response else None
    if answer is None:
        raise Conflict(
            _("Permintaan yang sama sedang diproses. Tunggu sebentar lalu muat ulang."),
            code="in_progress",
        )
    return answer


def finish(scope: str, *, owner_id: int, key: str, answer: dict) -> None:
    """Store the answer for ``key`` (in the same transaction as the work)."""
    IdempotencyRecord.objects.filter(scope=scope, owner_id=owner_id, key=key).update(
        response=_seal(answer)
    )


def recall(scope: str, *, owner_id: int, key: str) -> dict | None:
    """The stored answer for ``key`` within the window, without reserving anything."""
    record = IdempotencyRecord.objects.filter(
        scope=scope, owner_id=owner_id, key=key, expires_at__gt=timezone.now()
    ).first()
    return _open(record.response) if record and record.response else None


def purge_expired() -> int:
    deleted, _detail = IdempotencyRecord.objects.filter(expires_at__lte=timezone.now()).delete()
    return deleted
