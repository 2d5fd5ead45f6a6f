"""A Redis cache that never stops a request: short timeouts, then a per-process stand-in.

Redis holds only what may be lost (rate-limit counters, cached lists, allauth's counters);
sessions and lock-outs live in the database. When Redis does not answer within its socket
timeout, the call is served by a local in-memory cache instead, and for ``COOL_OFF`` seconds
every call goes there directly — so a dead Redis costs one short timeout per process every few
seconds, not one per call. Rate limits keep counting during the outage, per process.

``probe()`` asks Redis itself (for /health/): the stand-in would otherwise hide an outage.

With ``OPTIONS["local_fallback"] = False`` (the sessions' cache, ``balaikota.core.sessions``)
there is no stand-in: while Redis is away reads miss (the caller asks the database), writes are
dropped, and the keys deleted meanwhile are deleted in Redis as soon as it answers again — a
per-process copy would let one process serve a session another has signed out.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

COOL_OFF = 5.0  # seconds during which a failed Redis is not asked again


def _redis_errors() -> tuple[type[BaseException], ...]:
    import redis

    return (redis.exceptions.ConnectionError, redis.exceptions.TimeoutError, OSError)


class ReusingRedisCacheClient(RedisCacheClient):
    """Django's client builds a ``redis.Redis`` object (and copies its ~170 response callbacks)
    for every cache call; one per connection pool, kept for the process, serves them all —
    ``redis.Redis`` is thread-safe over its pool."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}
        self._clients_lock = threading.Lock()

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)  # Django's own choice and creation of the pool
        client = self._clients.get(id(pool))
        if client is None:
            with self._clients_lock:
                client = self._clients.setdefault(id(pool), self._client(connection_pool=pool))
        return client

    # INCRBY only when the key exists, in one round trip (Django asks EXISTS, then INCRBY):
    # a rate-limit counter is counted on every public request.
    _INCR_EXISTING = (
        "if redis.call('exists', KEYS[1]) == 1 then "
        "return redis.call('incrby', KEYS[1], ARGV[1]) end return false"
    )

    def incr(self, key, delta):
        client = self.get_client(key, write=True)
        value = client.eval(self._INCR_EXISTING, 1, key, delta)
        if value is None:
            raise ValueError(f"Key '{key}' not found.")
        return value


class _Missing:
    """The stand-in of a cache without a local fallback: every read misses, every write is
    dropped; deletes are kept by the caller to be done once Redis answers."""

    def get(self, key, default=None, version=None):
        return default

    def get_many(self, keys, version=None):
        return {}

    def has_key(self, key, version=None):
        return False

    def add(self, *args, **kwargs):
        return False

    def set(self, *args, **kwargs):
        return None

    def touch(self, *args, **kwargs):
        return False

    def set_many(self, *args, **kwargs):
        return []

    def delete(self, *args, **kwargs):
        return False

    def delete_many(self, *args, **kwargs):
        return None

    def incr(self, key, delta=1, version=None):
        raise ValueError(f"Key '{key}' not found")

    def clear(self):
        return None


#: deletes waiting for Redis to answer again, at most (the oldest are dropped beyond it)
PENDING_DELETES_LIMIT = 100_000


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        params = {**params, "OPTIONS": dict(params.get("OPTIONS") or {})}
        local_fallback = params["OPTIONS"].pop("local_fallback", True)
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
        self._fallback = (
            LocMemCache(
                f"balaikota-fallback-{id(self)}",
                {"TIMEOUT": params.get("TIMEOUT", 300), "OPTIONS": {"MAX_ENTRIES": 20000}},
            )
            if local_fallback
            else _Missing()
        )
        self._local_fallback = local_fallback
        self._pending_deletes: dict[tuple, None] = {}  # (key, version), insertion-ordered
        self._down_until = 0.0
        self._lock = threading.Lock()
        self._errors = _redis_errors()

    @property
    def is_down(self) -> bool:
        return time.monotonic() < self._down_until

    def _call(self, name, *args, **kwargs):
        if not self.is_down:
            try:
                if self._pending_deletes:
                    self._replay_deletes()
                return getattr(super(), name)(*args, **kwargs)
            except self._errors as exc:
                with self._lock:
                    first = not self.is_down
                    self._down_until = time.monotonic() + COOL_OFF
                if first:
                    logger.warning("Redis tidak menjawab (%s); memakai cache lokal sementara", exc)
        if not self._local_fallback and name in ("delete", "delete_many"):
            self._remember_deletes(name, *args, **kwargs)
        return getattr(self._fallback, name)(*args, **kwargs)

    def _remember_deletes(self, name, keys_or_key, version=None):
        keys = [keys_or_key] if name == "delete" else list(keys_or_key)
        with self._lock:
            for key in keys:
                self._pending_deletes[(key, version)] = None
            while len(self._pending_deletes) > PENDING_DELETES_LIMIT:
                self._pending_deletes.pop(next(iter(self._pending_deletes)))

    def _replay_deletes(self) -> None:
        """Redis answers again: delete in it what was deleted while it did not (raises, and
        keeps them, if it still does not answer)."""
        with self._lock:
            pending = list(self._pending_deletes)
        by_version: dict = {}
        for key, version in pending:
            by_version.setdefault(version, []).append(key)
        for version, keys in by_version.items():
            super().delete_many(keys, version=version)
        with self._lock:
            for item in pending:
                self._pending_deletes.pop(item, None)
        logger.info(
            "Redis menjawab lagi: %d kunci yang dihapus selama gangguan dihapus", len(pending)
        )

    def add(self, *args, **kwargs):
        return self._call("add", *args, **kwargs)

    def get(self, *args, **kwargs):
        return self._call("get", *args, **kwargs)

    def set(self, *args, **kwargs):
        return self._call("set", *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._call("touch", *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._call("delete", *args, **kwargs)

    def get_many(self, *args, **kwargs):
        return self._call("get_many", *args, **kwargs)

    def has_key(self, *args, **kwargs):
        return self._call("has_key", *args, **kwargs)

    def incr(self, *args, **kwargs):
        return self._call("incr", *args, **kwargs)

    def set_many(self, *args, **kwargs):
        return self._call("set_many", *args, **kwargs)

    def delete_many(self, *args, **kwargs):
        return self._call("delete_many", *args, **kwargs)

    def clear(self):
        return self._call("clear")

    def probe(self) -> None:
        """Ask Redis itself (for /health/): raises when it does not answer."""
        key = self.make_and_validate_key("health:probe")
        self._cache.get_client(key, write=True).ping()
        with self._lock:
            self._down_until = 0.0


# --- Answers kept under a data owner's version token --------------------------------------------


def kept_get(key: str, version: Callable[[], str], version_key: str | None = None):
    """``(token, value)``: the data's current version token and what was kept under ``key`` for
    that token (None when nothing was, or it was kept for an older token). With ``version_key``
    (the cache key that holds the token) both come in one round trip; ``version()`` is asked
    only when the token is missing (it makes a new one)."""
    from django.core.cache import cache

    if version_key is None:
        token, entry = version(), cache.get(key)
    else:
        found = cache.get_many([version_key, key])
        token, entry = found.get(version_key), found.get(key)
        if token is None:
            token = version()
    if isinstance(entry, tuple) and len(entry) == 2 and entry[0] == token:
        return token, entry[1]
    return token, None


def kept_set(key: str, token: str, value, timeout: int) -> None:
    """Keep ``value`` under ``key`` for the version ``token`` (``kept_get`` reads it back)."""
    from django.core.cache import cache

    cache.set(key, (token, value), timeout)
