"""Health of the services the platform depends on: database, cache, task broker."""

from __future__ import annotations

import time
import uuid

from django.conf import settings
from django.core.cache import cache
from django.db import connection


def _timed(check) -> dict:
    started = time.perf_counter()
    try:
        detail = check()
        state = {"status": "ok"}
        if detail:
            state["detail"] = detail
    except Exception as exc:  # a health check reports every failure, whatever its kind
        state = {"status": "error", "error": exc.__class__.__name__}
    state["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return state


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return connection.vendor


def _cache() -> str:
    key = f"health:{uuid.uuid4().hex}"
    cache.set(key, "1", 5)
    if cache.get(key) != "1":
        raise RuntimeError("cache read-back failed")
    cache.delete(key)
    return settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]


def _broker() -> str:
    if not settings.CELERY_BROKER_URL:
        return "eager (no broker configured)"
    from balaikota.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=2)
    return "connected"


def health_report() -> tuple[dict, bool]:
    """Return the report and whether the platform can serve (the database answers)."""
    report = {"database": _timed(_database), "cache": _timed(_cache), "broker": _timed(_broker)}
    healthy = report["database"]["status"] == "ok"
    overall = "ok" if all(part["status"] == "ok" for part in report.values()) else "degraded"
    return {"status": overall if healthy else "down", "checks": report}, healthy
