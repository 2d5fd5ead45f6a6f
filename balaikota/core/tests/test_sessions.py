"""Sessions read from Redis (``balaikota.core.sessions``) never outlive a sign-out: not while
Redis is away, not when it comes back. The database row stays the truth."""

from __future__ import annotations

import socket
import time

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.cache import caches

from balaikota.core.cache import ResilientRedisCache

needs_cached_sessions = pytest.mark.skipif(
    settings.SESSION_ENGINE != "balaikota.core.sessions",
    reason="sessions are read from Redis only when REDIS_URL is set",
)


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_without_a_stand_in_a_dead_redis_misses_and_keeps_the_deletes():
    cache = ResilientRedisCache(
        f"redis://127.0.0.1:{_closed_port()}/0",
        {"OPTIONS": {"socket_connect_timeout": 0.2, "local_fallback": False}},
    )
    assert cache.get("s", "missing") == "missing"
    assert cache.is_down
    cache.set("s", {"_auth_user_id": "1"})
    assert cache.get("s") is None  # nothing kept in this process
    cache.delete("s")
    cache.delete_many(["t", "u"])
    assert [key for key, _version in cache._pending_deletes] == ["s", "t", "u"]


def _session_queries(queries) -> int:
    return sum('"django_session"' in q["sql"] for q in queries.captured_queries)


@needs_cached_sessions
def test_a_signed_in_request_reads_its_session_from_redis(client, alice):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(alice)
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        assert "Alice" in client.get("/").content.decode()
    assert _session_queries(queries) == 0

    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    sessions = caches[settings.SESSION_CACHE_ALIAS]
    redis_key = sessions.make_key("balaikota.sessions" + key)
    ttl = sessions._cache.get_client(redis_key).ttl(redis_key)
    assert 0 < ttl <= 300  # read from the database again at least every 5 minutes


@needs_cached_sessions
def test_a_sign_out_while_redis_is_away_stays_signed_out_when_it_comes_back(client, alice):
    sessions = caches[settings.SESSION_CACHE_ALIAS]
    client.force_login(alice)
    assert "Alice" in client.get("/").content.decode()  # the session is now in Redis
    stolen_cookie = client.cookies[settings.SESSION_COOKIE_NAME].value

    sessions._down_until = time.monotonic() + 60  # Redis stops answering
    try:
        assert "Alice" in client.get("/").content.decode()  # read from the database instead
        client.post("/accounts/logout/")
        assert not Session.objects.filter(session_key=stolen_cookie).exists()
    finally:
        sessions._down_until = 0.0  # Redis answers again, the signed-out session still in it

    client.cookies[settings.SESSION_COOKIE_NAME] = stolen_cookie
    page = client.get("/").content.decode()
    assert "Alice" not in page
    assert "Masuk" in page
    assert not sessions._pending_deletes
