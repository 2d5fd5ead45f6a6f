"""Health of what the platform depends on, answered within a second whatever is down.

Checks run side by side, each in its own thread with its own database connection, and the
report is written when they are done or when ``DEADLINE`` has passed — a check still waiting
(a database that does not answer, a Redis behind a dead route) is reported as a timeout.

- database: ``SELECT 1``; the only check that makes the answer 503 ("down").
- cache: a ping to Redis itself (the resilient cache would otherwise hide an outage).
- broker: a connection to the broker.
- workers: a Celery ping to the live workers (none answering: "degraded").
- beat: the age of the heartbeat that beat schedules and a worker writes every 30 s.
- outbox: waiting items, the age of the oldest, failed items.

Anything but the database failing gives 200 with ``"status": "degraded"`` and the reasons.
"""

from __future__ import annotations

import time
import uuid
from concurrent.futures import ThreadPoolExecutor, wait

from django.conf import settings
from django.core.cache import cache
from django.db import connection, connections
from django.utils import timezone

DEADLINE = 0.9  # seconds for every check together
BEAT_STALE = 120  # seconds without a heartbeat before beat (or every worker) is reported gone
OUTBOX_STALE = 5 * 60  # seconds the oldest outbox item may wait before the backlog is a problem

_pool = ThreadPoolExecutor(max_workers=8, thread_name_prefix="health")


class Degraded(Exception):
    """The check answered, but what it found is a problem (the message says what)."""


def _eager() -> bool:
    return not settings.CELERY_BROKER_URL or settings.CELERY_TASK_ALWAYS_EAGER


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return connection.vendor


def _cache() -> str:
    probe = getattr(cache, "probe", None)
    backend = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    if probe is not None:
        probe()
        return backend
    key = f"health:{uuid.uuid4().hex}"
    cache.set(key, "1", 5)
    if cache.get(key) != "1":
        raise RuntimeError("cache read-back failed")
    cache.delete(key)
    return backend


def _broker() -> str:
    if _eager():
        return "eager (no broker configured)"
    from balaikota.celery import app

    with app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=1, timeout=DEADLINE / 2)
    return "connected"


def _workers() -> str:
    if _eager():
        return "eager (tasks run in the web process)"
    from balaikota.celery import app

    replies = app.control.inspect(timeout=DEADLINE / 2).ping() or {}
    if not replies:
        raise Degraded("no worker answered")
    return f"{len(replies)} worker(s)"


def _beat() -> str:
    if _eager():
        return "eager (no scheduler needed)"
    from .models import Heartbeat

    at = Heartbeat.objects.filter(name="beat").values_list("at", flat=True).first()
    if at is None:
        raise Degraded("no heartbeat yet")
    age = round((timezone.now() - at).total_seconds())
    if age > BEAT_STALE:
        raise Degraded(f"last heartbeat {age} s ago")
    return f"heartbeat {age} s ago"


def _outbox() -> dict:
    from .outbox import backlog

    state = backlog()
    if state["oldest_seconds"] > OUTBOX_STALE:
        raise Degraded(
            f"{state['pending']} waiting, the oldest for {state['oldest_seconds']} s", state
        )
    return state


#: checks that may hang: each runs in a thread, under the deadline
REMOTE_CHECKS = ("database", "cache", "broker", "workers")
#: short queries, run in the request once the database has answered
DATABASE_CHECKS = ("beat", "outbox")


def _check(name: str):
    return globals()[f"_{name}"]  # looked up per call: tests replace a check


def _run(check, *, own_thread: bool = False) -> dict:
    started = time.perf_counter()
    try:
        detail = check()
        state: dict = {"status": "ok"}
        if detail:
            state["detail"] = detail
    except Degraded as exc:
        state = {"status": "error", "error": str(exc.args[0])}
        if len(exc.args) > 1:
            state["detail"] = exc.args[1]
    except Exception as exc:  # a health check reports every failure, whatever its kind
        state = {"status": "error", "error": exc.__class__.__name__}
    finally:
        if own_thread:
            connections.close_all()  # the pool thread's own connections
    state["ms"] = round((time.perf_counter() - started) * 1000, 1)
    return state


def health_report() -> tuple[dict, bool]:
    """Return the report and whether the platform can serve (the database answers)."""
    futures = {name: _pool.submit(_run, _check(name), own_thread=True) for name in REMOTE_CHECKS}
    wait(futures.values(), timeout=DEADLINE)
    report = {}
    for name, future in futures.items():
        if future.done():
            report[name] = future.result()
        else:
            report[name] = {"status": "error", "error": "timeout", "ms": DEADLINE * 1000}
    healthy = report["database"]["status"] == "ok"
    for name in DATABASE_CHECKS:
        if healthy:
            report[name] = _run(_check(name))
        else:
            report[name] = {"status": "error", "error": "database down", "ms": 0.0}
    problems = [
        f"{name}: {part['error']}" for name, part in report.items() if part["status"] != "ok"
    ]
    body: dict = {"status": "ok" if not problems else "degraded", "checks": report}
    if not healthy:
        body["status"] = "down"
    if problems:
        body["reasons"] = problems
    return body, healthy


def record_heartbeat(name: str) -> None:
    from .models import Heartbeat

    Heartbeat.objects.update_or_create(name=name, defaults={"at": timezone.now()})
