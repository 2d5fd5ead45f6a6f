"""Degraded mode: a Redis that does not answer never stops a request; lock-outs live in the
database and survive a cache restart; errors under /api/ are JSON, a dependency outage is a
503 with Retry-After, and the error pages render with nothing behind them."""

import json
import socket
from unittest import mock

import pytest
import redis
from django.db.utils import OperationalError
from django.test import RequestFactory

from balaikota.core import views
from balaikota.core.cache import ResilientRedisCache
from balaikota.core.ratelimit import Lockout, RateLimit


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def dead_redis():
    return ResilientRedisCache(
        f"redis://127.0.0.1:{_closed_port()}/0",
        {"OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2}},
    )


def test_a_dead_redis_is_served_by_the_local_stand_in(dead_redis):
    assert dead_redis.get("x", "default") == "default"
    assert dead_redis.is_down
    dead_redis.set("x", "1")
    assert dead_redis.get("x") == "1"
    assert dead_redis.add("n", 1) is True
    assert dead_redis.incr("n") == 2
    with pytest.raises(redis.exceptions.ConnectionError):
        dead_redis.probe()  # /health/ asks Redis itself and sees the outage


def test_rate_limits_keep_counting_while_redis_is_down(dead_redis):
    limit = RateLimit("test.limit", limit=2, window=60)
    with mock.patch("balaikota.core.ratelimit.cache", dead_redis):
        assert limit.hit("1.2.3.4") is None
        assert limit.hit("1.2.3.4") is None
        assert limit.hit("1.2.3.4") is not None  # the third is refused, Redis or not


def test_a_lockout_survives_a_cache_restart(db):
    from django.core.cache import cache

    lock = Lockout("test.pin", failures=3, seconds=900)
    for _ in range(3):
        lock.failure("KLH-1")
    cache.clear()  # Redis restarted with nothing on disk
    assert lock.is_locked("KLH-1")
    assert not lock.is_locked("KLH-2")
    lock.reset("KLH-1")
    assert not lock.is_locked("KLH-1")


def test_a_neighbour_behind_the_same_address_is_not_locked_out(client, alice, bob):
    url = "/api/v1/akun/token/"
    for _ in range(10):
        client.post(url, {"email": "bob@contoh.id", "password": "salah"})
    assert client.post(url, {"email": "bob@contoh.id", "password": "salah"}).status_code == 429
    ok = client.post(url, {"email": "alice@contoh.id", "password": "Rahasia-Uji-123"})
    assert ok.status_code == 200  # same address, another person: not locked


def test_successful_sign_ins_never_count(client, alice):
    url = "/api/v1/akun/token/"
    for _ in range(15):
        response = client.post(url, {"email": "alice@contoh.id", "password": "Rahasia-Uji-123"})
        assert response.status_code == 200


def test_the_api_answers_json_503_with_retry_after_when_the_database_is_down():
    request = RequestFactory().get("/api/v1/kependudukan/applications/")
    try:
        raise OperationalError("could not connect to server")
    except OperationalError:
        response = views.error_500(request)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Content-Type"] == "application/json"
    body = json.loads(response.content)
    assert body["code"] == "unavailable" and "tidak tersedia" in body["detail"]


def test_a_bug_under_the_api_is_a_json_500():
    request = RequestFactory().get("/api/v1/layanan/")
    try:
        raise KeyError("bug")
    except KeyError:
        response = views.error_500(request)
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert b'"code": "server_error"' in response.content


def test_the_web_outage_page_needs_no_database(db, django_assert_num_queries):
    request = RequestFactory().get("/kependudukan/")
    with django_assert_num_queries(0):
        try:
            raise OperationalError("down")
        except OperationalError:
            response = views.error_500(request)
    assert response.status_code == 503 and response["Retry-After"] == "30"
    assert "Layanan sedang terganggu" in response.content.decode()


def test_a_database_outage_in_a_real_request_is_a_503(client, db):
    client.raise_request_exception = False
    with mock.patch("rest_framework.views.APIView.initial", side_effect=OperationalError("down")):
        response = client.get("/api/v1/layanan/")
    assert response.status_code == 503
    assert response.json()["code"] == "unavailable"
    assert response["Retry-After"] == "30"


def test_production_refuses_a_per_process_cache(settings):
    from django.core.checks import run_checks

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    errors = [e.id for e in run_checks(include_deployment_checks=True)]
    assert "balaikota.E001" in errors
    settings.CACHES = {
        "default": {"BACKEND": "balaikota.core.cache.ResilientRedisCache", "LOCATION": "redis://x"}
    }
    assert "balaikota.E001" not in [e.id for e in run_checks(include_deployment_checks=True)]


def test_every_link_that_leaves_uses_the_one_public_address(settings, client, db):
    from balaikota.core.checks import public_url_is_https
    from balaikota.core.links import public_url
    from balaikota.documents.selectors import verification_url_for

    settings.BALAIKOTA_PUBLIC_URL = "https://balaikota.semarangkota.go.id/"
    assert (
        public_url("/lacak/?nomor=KP-1") == "https://balaikota.semarangkota.go.id/lacak/?nomor=KP-1"
    )
    assert (
        public_url("http://10.0.0.5:8000/a/?b=1") == "https://balaikota.semarangkota.go.id/a/?b=1"
    )
    assert verification_url_for("ABCD").startswith(
        "https://balaikota.semarangkota.go.id/verifikasi/"
    )
    assert public_url_is_https(None) == []
    settings.BALAIKOTA_PUBLIC_URL = "http://localhost:8000"
    assert [e.id for e in public_url_is_https(None)] == ["balaikota.E002"]


def test_allauth_emails_link_to_the_public_address(settings, client, db):
    import re

    from django.core import mail

    from balaikota.testing.factories import CitizenFactory

    settings.BALAIKOTA_PUBLIC_URL = "https://balaikota.semarangkota.go.id"
    CitizenFactory(email="sri@contoh.id")
    client.post("/accounts/password/reset/", {"email": "sri@contoh.id"})
    [message] = mail.outbox
    assert re.search(
        r"https://balaikota\.semarangkota\.go\.id/accounts/password/reset/key/", message.body
    )
    assert "testserver" not in message.body


def test_one_redis_client_serves_every_call_of_a_process(dead_redis):
    client = dead_redis._cache.get_client("a")
    assert dead_redis._cache.get_client("b", write=True) is client
