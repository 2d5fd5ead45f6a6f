"""Sessions read from Redis, kept in the database: Django's ``cached_db`` with two guards.

The database row stays the truth (a Redis restart signs nobody out: the next request reads the
row and caches it again). What ``cached_db`` alone would get wrong when Redis goes away and
comes back, and what this store does instead:

- a session signed out while Redis did not answer would come back with it: the sessions' cache
  has no per-process stand-in and deletes the signed-out key in Redis as soon as Redis answers
  again (``ResilientRedisCache`` with ``local_fallback`` off);
- whatever still slipped through (the process that signed it out ended before Redis came back)
  lives at most ``CACHE_TTL`` seconds: a cached session is read from the database again at
  least that often.

Settings: ``SESSION_ENGINE = "balaikota.core.sessions"`` with ``SESSION_CACHE_ALIAS`` naming
such a cache (``balaikota.settings.base`` does both when ``REDIS_URL`` is set).
"""

from __future__ import annotations

from django.contrib.sessions.backends.cached_db import SessionStore as CachedDBStore

#: seconds a session stays in the cache before it is read from the database again
CACHE_TTL = 300


class _CappedCache:
    """The sessions' cache with every lifetime capped at ``CACHE_TTL``."""

    def __init__(self, cache):
        self._cache = cache

    def set(self, key, value, timeout=None, version=None):
        timeout = CACHE_TTL if timeout is None else min(timeout, CACHE_TTL)
        return self._cache.set(key, value, timeout, version=version)

    def __getattr__(self, name):
        return getattr(self._cache, name)

    def __contains__(self, key):
        return key in self._cache


class SessionStore(CachedDBStore):
    cache_key_prefix = "balaikota.sessions"

    def __init__(self, session_key=None):
        super().__init__(session_key)
        self._cache = _CappedCache(self._cache)
