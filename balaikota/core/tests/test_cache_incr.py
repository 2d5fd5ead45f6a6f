"""The Redis client counts an existing key in one round trip and still refuses a missing one."""

import uuid

import pytest

from balaikota.core.cache import ResilientRedisCache

URL = "redis://127.0.0.1:6379/9"


@pytest.fixture
def redis_cache():
    cache = ResilientRedisCache(URL, {"OPTIONS": {}})
    try:
        cache._cache.get_client(write=True).ping()
    except Exception:  # pragma: no cover - a machine without Redis
        pytest.skip("Redis is not running at 127.0.0.1:6379")
    return cache


def test_incr_counts_an_existing_key_in_one_call_and_refuses_a_missing_one(redis_cache):
    key = f"uji:{uuid.uuid4().hex}"
    with pytest.raises(ValueError):
        redis_cache.incr(key)
    assert redis_cache.get(key) is None  # a refused incr does not create the key
    assert redis_cache.add(key, 1, timeout=30)
    client = redis_cache._cache.get_client(write=True)
    calls = []
    original = client.execute_command
    client.execute_command = lambda *args, **kw: calls.append(args[0]) or original(*args, **kw)
    try:
        assert redis_cache.incr(key) == 2
        assert redis_cache.incr(key, 5) == 7
    finally:
        del client.execute_command
    assert calls == ["EVAL", "EVAL"]
    assert redis_cache.get(key) == 7
    assert 0 < client.ttl(redis_cache.make_and_validate_key(key)) <= 30  # the window stays
