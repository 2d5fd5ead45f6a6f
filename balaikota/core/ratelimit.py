"""Rate limits and lock-outs on the shared cache: one mechanism for web pages and the API.

A ``RateLimit`` counts requests per client address (or any key) in a fixed window; a
``Lockout`` counts failures per key (a tracking number, an e-mail address) and shuts the door
for a while after too many. Both raise ``TooManyRequests`` (HTTP 429 with ``Retry-After``), whose
message is in the request's language only::

    TRACKING = RateLimit("civil_registry.track", limit=20, window=60)
    TRACKING.check(request)             # raises TooManyRequests after 20 tries in a minute

    WRONG_PIN = Lockout("civil_registry.pin", failures=5, seconds=15 * 60)
    WRONG_PIN.ensure_open(number)       # raises while locked
    WRONG_PIN.failure(number)           # after a wrong PIN; .reset(number) after a right one

Rate-limit counters live in the cache: Redis in production (shared by every app server), local
memory otherwise; while Redis is away the resilient cache counts per process, so the limits keep
protecting. Lock-outs live in the database (``LockoutCounter``): a Redis restart never lets the
next guess through.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .errors import TooManyRequests, retry_after_text


def client_ip(request) -> str:
    # REMOTE_ADDR is the proxy's address unless the proxy sets it (nginx real_ip / gunicorn
    # forwarded-allow-ips); trusting X-Forwarded-For here would let anyone pick their own key.
    return request.META.get("REMOTE_ADDR") or "unknown"


def _digest(value: str) -> str:
    return hashlib.sha256(str(value).encode()).hexdigest()[:32]


def _incr(key: str, timeout: int) -> int:
    """Count one in ``key``: one cache round trip once the window's counter exists (incr), two
    or three for its first request (incr fails, add; or another process added it first)."""
    try:
        return cache.incr(key)
    except ValueError:  # no counter yet in this window
        if cache.add(key, 1, timeout=timeout):
            return 1
        try:
            return cache.incr(key)  # another request made it between the two calls
        except ValueError:  # and it expired already
            cache.add(key, 1, timeout=timeout)
            return 1


@dataclass(frozen=True)
class RateLimit:
    scope: str
    limit: int
    window: int = 60  # seconds
    message: str = ""  # optional: "%(when)s" is replaced by "1 menit", "30 detik"…

    def _key(self, key: str) -> tuple[str, int]:
        now = time.time()
        bucket = int(now // self.window)
        retry_after = int(self.window - (now % self.window)) + 1
        return f"rl:{self.scope}:{_digest(key)}:{bucket}", retry_after

    def hit(self, key: str) -> int | None:
        """Count one request for ``key``; the seconds to wait when over the limit, else None."""
        cache_key, retry_after = self._key(key)
        return retry_after if _incr(cache_key, self.window + 5) > self.limit else None

    def check(self, request, *, key: str | None = None) -> None:
        """Count this request (per client address unless ``key``); raise when over the limit."""
        retry_after = self.hit(key if key is not None else client_ip(request))
        if retry_after is not None:
            raise self.error(retry_after)

    def error(self, retry_after: int) -> TooManyRequests:
        template = (
            _(self.message)
            if self.message
            else _("Terlalu banyak permintaan. Coba lagi dalam %(when)s.")
        )
        return TooManyRequests(
            template % {"when": retry_after_text(retry_after)},
            code="rate_limited",
            retry_after=retry_after,
        )


@dataclass(frozen=True)
class Lockout:
    scope: str
    failures: int
    seconds: int
    message: str = ""  # optional: "%(when)s" is replaced by "15 menit"…

    def _rows(self, key: str):
        from .models import LockoutCounter

        return LockoutCounter.objects.filter(scope=self.scope, key_digest=_digest(key))

    def _window_start(self):
        return timezone.now() - timezone.timedelta(seconds=self.seconds)

    def failures_of(self, key: str) -> int:
        """Failures within the last ``seconds`` (the count resets after a quiet period)."""
        row = self._rows(key).only("failures", "last_failure_at").first()
        if row is None or row.last_failure_at < self._window_start():
            return 0
        return row.failures

    def is_locked(self, key: str) -> bool:
        return self._rows(key).filter(locked_until__gt=timezone.now()).exists()

    def ensure_open(self, key: str) -> None:
        if self.is_locked(key):
            raise self.error()

    def failure(self, key: str) -> bool:
        """Record one failure; True when this one locked the key. The lock-out runs
        ``seconds`` from the last failure."""
        from .models import LockoutCounter

        now = timezone.now()
        with transaction.atomic():
            row = self._rows(key).select_for_update().first()
            if row is None:
                try:
                    with transaction.atomic():
                        row = LockoutCounter.objects.create(
                            scope=self.scope, key_digest=_digest(key), last_failure_at=now
                        )
                except IntegrityError:  # a concurrent first failure: count on its row
                    row = self._rows(key).select_for_update().get()
            elif row.last_failure_at < self._window_start():
                row.failures = 0
            row.failures += 1
            row.last_failure_at = now
            locked = row.failures >= self.failures
            if locked:
                row.locked_until = now + timezone.timedelta(seconds=self.seconds)
            row.save(update_fields=["failures", "last_failure_at", "locked_until"])
        return locked

    def reset(self, key: str) -> None:
        self._rows(key).delete()

    def error(self) -> TooManyRequests:
        template = (
            _(self.message)
            if self.message
            else _(
                "Terlalu banyak percobaan yang salah. Demi keamanan, akses dikunci; coba lagi dalam "
                "%(when)s."
            )
        )
        return TooManyRequests(
            template % {"when": retry_after_text(self.seconds)},
            code="locked_out",
            retry_after=self.seconds,
        )


LOCKOUT_KEPT = timezone.timedelta(days=1)


def purge_stale_lockouts(*, older_than: timezone.timedelta = LOCKOUT_KEPT) -> int:
    """Delete counters with no failure for ``older_than`` and no lock running (beat, daily)."""
    from .models import LockoutCounter

    now = timezone.now()
    stale = LockoutCounter.objects.filter(last_failure_at__lt=now - older_than).exclude(
        locked_until__gt=now
    )
    deleted, _detail = stale.delete()
    return deleted
