"""A Redis cache that never stops a request: short timeouts, then a per-process stand-in.

Redis holds only what may be lost (rate-limit counters, cached lists, allauth's counters);
sessions and lock-outs live in the database. When Redis does not answer within its socket
timeout, the call is served by a local in-memory cache instead, and for ``COOL_OFF`` seconds
every call goes there directly — so a dead Redis costs one short timeout per process every few
seconds, not one per call. Rate limits keep counting during the outage, per process.

``probe()`` asks Redis itself (for /health/): the stand-in would otherwise hide an outage.
"""

from __future__ import annotations

import logging
import threading
import time

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
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            with self._clients_lock:
                client = self._clients.get(index)
                if client is None:
                    if index not in self._pools:
                        self._pools[index] = self._pool_class.from_url(
                            self._servers[index], **self._pool_options
                        )
                    client = self._client(connection_pool=self._pools[index])
                    self._clients[index] = client
        return client


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient
        self._fallback = LocMemCache(
            f"balaikota-fallback-{id(self)}",
            {"TIMEOUT": params.get("TIMEOUT", 300), "OPTIONS": {"MAX_ENTRIES": 20000}},
        )
        self._down_until = 0.0
        self._lock = threading.Lock()
        self._errors = _redis_errors()

    @property
    def is_down(self) -> bool:
        return time.monotonic() < self._down_until

    def _call(self, name, *args, **kwargs):
        if not self.is_down:
            try:
                return getattr(super(), name)(*args, **kwargs)
            except self._errors as exc:
                with self._lock:
                    first = not self.is_down
                    self._down_until = time.monotonic() + COOL_OFF
                if first:
                    logger.warning("Redis tidak menjawab (%s); memakai cache lokal sementara", exc)
        return getattr(self._fallback, name)(*args, **kwargs)

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
