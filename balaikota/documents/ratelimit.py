"""A fixed-window request counter per client IP in the Django cache (shared by all app servers
when the cache is Redis)."""

from __future__ import annotations

import hashlib
import time

from django.core.cache import cache


def client_ip(request) -> str:
    # REMOTE_ADDR is the proxy's address unless the proxy sets it (nginx real_ip / gunicorn
    # forwarded-allow-ips); trusting X-Forwarded-For here would let anyone pick their own key.
    return request.META.get("REMOTE_ADDR") or "unknown"


def rate_limited(request, *, scope: str, limit: int, window: int = 60) -> bool:
    """Count this request; True when the client has made more than ``limit`` in the window."""
    bucket = int(time.time() // window)
    ip_hash = hashlib.sha256(client_ip(request).encode()).hexdigest()[:24]
    key = f"documents:rl:{scope}:{ip_hash}:{bucket}"
    if cache.add(key, 1, timeout=window + 5):
        count = 1
    else:
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout=window + 5)
            count = 1
    return count > limit
