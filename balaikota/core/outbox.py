"""The transactional outbox: every side effect that leaves the request goes through it.

A service that must send an e-mail, render a document or call a webhook writes an
``OutboxItem`` in its own transaction (``enqueue``). The row is the truth; the broker only
speeds it up. After the commit a Celery task runs the item at once; if the broker is down, the
task was lost in a Redis restart, or the worker died holding it, the sweeper (Celery beat,
every 30 s) finds the row and sends it again. A handler is registered once per kind of work::

    @outbox.handler("notifications.deliver", max_attempts=8)
    def deliver(payload): ...                     # must be idempotent

    outbox.enqueue("notifications.deliver", {"message_id": 7}, key="outbound:7")

Delivery is at least once, never concurrent: an item is claimed with one conditional UPDATE
(status and lease), so two workers, or a redelivered task and the sweeper, never run the same
item at the same time; the handler runs outside any transaction or row lock. The claim names
its process (``host:pid``): when that process is gone — a worker killed mid-task, whose task
Celery gives back at once — the redelivered task or the next sweep takes the item over without
waiting for the lease to run out. A handler raises
``Permanent`` for work that can never succeed; any other exception is transient and retried
with exponential backoff (30 s, 1, 2, 4 … up to 30 min) until ``max_attempts``, then the item is
failed, the handler's ``on_failed`` runs, and the platform admin sees it with a resend action.

Without a broker (the embedded default and the tests) the item runs right after the commit, in
the same process, and transient failures are retried at once up to the limit.
"""

from __future__ import annotations

import logging
import os
import random
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import F, Q
from django.utils import timezone

from .models import OutboxItem

logger = logging.getLogger(__name__)

Status = OutboxItem.Status

BACKOFF_BASE = 30  # seconds before the first retry
BACKOFF_MAX = 30 * 60
SWEEP_GRACE = 60  # seconds a dispatched item may wait for a worker before it is sent again
BROKER_COOL_OFF = 5.0  # seconds without send attempts after the broker refused one
DATABASE_RETRY = 5  # seconds before an attempt that met a database outage is tried again
SETTLE_WITHIN = 60.0  # seconds an outcome is retried through a database outage


class Permanent(Exception):
    """The work can never succeed (a deleted record, an invalid address): no retry."""


@dataclass(frozen=True)
class Handler:
    name: str
    run: Callable[[dict], object]
    max_attempts: int = 8
    lease_seconds: int = 300
    on_failed: Callable[[dict, str], None] | None = None


REGISTRY: dict[str, Handler] = {}


def handler(
    name: str,
    *,
    max_attempts: int = 8,
    lease_seconds: int = 300,
    on_failed: Callable[[dict, str], None] | None = None,
):
    """Register ``func(payload)`` as the handler for ``name`` (a decorator)."""

    def register(func):
        REGISTRY[name] = Handler(name, func, max_attempts, lease_seconds, on_failed)
        return func

    return register


def _handler_for(name: str) -> Handler:
    try:
        return REGISTRY[name]
    except KeyError:
        raise LookupError(f"Tidak ada handler outbox bernama {name!r}") from None


def _eager() -> bool:
    return bool(getattr(settings, "CELERY_TASK_ALWAYS_EAGER", True))


def backoff(attempts: int) -> float:
    """Seconds before attempt ``attempts + 1``: 30 s doubling to 30 min, with ±20 % jitter."""
    delay = min(BACKOFF_MAX, BACKOFF_BASE * 2 ** max(0, attempts - 1))
    return delay * random.uniform(0.8, 1.2)


def enqueue(
    name: str, payload: dict | None = None, *, key: str, label: str = "", again: bool = False
) -> OutboxItem:
    """Write the item in the current transaction and run it once the transaction commits.

    Idempotent per ``key``: enqueueing a key already present returns that item. A failed or
    finished item with the same key is started again only with ``again=True`` (someone asked
    for the work to be done again) or through ``resend``.
    """
    spec = _handler_for(name)
    with transaction.atomic():
        item, created = OutboxItem.objects.get_or_create(
            key=key[:200],
            defaults={
                "handler": name,
                "payload": payload or {},
                "label": label[:200],
                "max_attempts": spec.max_attempts,
            },
        )
    if not created and again and item.status in (Status.DONE, Status.FAILED):
        return resend(item)
    if created or item.status == Status.PENDING:
        dispatch_on_commit(item.pk)
    return item


def resend(item: OutboxItem) -> OutboxItem:
    """Start a failed (or finished) item again with a fresh attempt count (the admin action)."""
    with transaction.atomic():
        OutboxItem.objects.filter(pk=item.pk).exclude(status=Status.RUNNING).update(
            status=Status.PENDING,
            attempts=0,
            available_at=timezone.now(),
            lease_until=None,
            dispatched_at=None,
            last_error="",
            done_at=None,
        )
        dispatch_on_commit(item.pk)
    item.refresh_from_db()
    return item


# --- dispatch: the broker speeds things up, the sweeper makes sure ----------------------------

_broker_down_until = 0.0


def _send_to_broker(item_id: int) -> bool:
    """Hand the item to a worker; False (and logged) when the broker does not take it."""
    global _broker_down_until
    from .tasks import run_outbox_item

    if time.monotonic() < _broker_down_until:
        return False
    try:
        run_outbox_item.apply_async(args=[item_id], retry=False)
    except Exception as exc:  # any broker error: the sweeper sends it later
        _broker_down_until = time.monotonic() + BROKER_COOL_OFF
        logger.warning("Antrean tugas tidak menerima pekerjaan #%s: %s", item_id, exc)
        return False
    OutboxItem.objects.filter(pk=item_id).update(dispatched_at=timezone.now())
    return True


def dispatch_on_commit(item_id: int) -> None:
    def dispatch() -> None:
        if _eager():
            run(item_id)
        else:
            _send_to_broker(item_id)

    dispatch.__qualname__ = f"outbox.dispatch[{item_id}]"
    transaction.on_commit(dispatch, robust=True)


# --- running ----------------------------------------------------------------------------------


def _me() -> str:
    """This process as a claimer: ``host:pid``."""
    return f"{socket.gethostname()}:{os.getpid()}"[:100]


def _is_dead(claimer: str) -> bool:
    """True when ``claimer`` was a process on this host that no longer runs.

    Only this host can tell; a claimer elsewhere (or unknown) is trusted until its lease ends.
    """
    host, _sep, pid = claimer.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit() or int(pid) == os.getpid():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:  # alive but not ours to signal
        return False
    return False


def _dead_claims(now) -> list[str]:
    """Claimers of running items, still within their lease, whose process on this host died."""
    claimers = (
        OutboxItem.objects.filter(status=Status.RUNNING, lease_until__gte=now)
        .exclude(claimed_by="")
        .order_by()
        .values_list("claimed_by", flat=True)
        .distinct()
    )
    return [c for c in claimers[:200] if _is_dead(c)]


def _claim(item_id: int, spec: Handler) -> OutboxItem | None:
    now = timezone.now()
    claimable = Q(status=Status.PENDING, available_at__lte=now) | Q(
        status=Status.RUNNING, lease_until__lt=now
    )
    holder = (
        OutboxItem.objects.filter(pk=item_id, status=Status.RUNNING, lease_until__gte=now)
        .values_list("claimed_by", flat=True)
        .first()
    )
    if holder and _is_dead(holder):  # the worker was killed holding it: redelivered, take over
        claimable |= Q(status=Status.RUNNING, claimed_by=holder)
    claimed = (
        OutboxItem.objects.filter(claimable, pk=item_id)
        .filter(attempts__lt=F("max_attempts"))
        .update(
            status=Status.RUNNING,
            attempts=F("attempts") + 1,
            lease_until=now + timezone.timedelta(seconds=spec.lease_seconds),
            claimed_by=_me(),
        )
    )
    if not claimed:
        return None
    return OutboxItem.objects.get(pk=item_id)


def settle(write: Callable[[], object], *, within: float = SETTLE_WITHIN):
    """Record the outcome of a side effect that has already happened (an e-mail handed to the
    provider, an attempt finished), retrying through a database outage for up to ``within``
    seconds: raising would make the outbox do the side effect again — the e-mail sent twice.

    Outside a transaction only (a broken connection is dropped and opened again)."""
    deadline = time.monotonic() + within
    delay = 0.25
    while True:
        try:
            return write()
        except (OperationalError, InterfaceError):
            if connection.in_atomic_block or time.monotonic() + delay > deadline:
                raise
            logger.warning("Basis data tidak menjawab; hasil pekerjaan dicatat ulang sebentar lagi")
            connection.close()
            time.sleep(delay)
            delay = min(delay * 2, 5.0)


def _finish(item: OutboxItem, **changes) -> None:
    # Only the holder of the claim may finish it: an expired lease re-claimed elsewhere wins.
    settle(
        lambda: OutboxItem.objects.filter(
            pk=item.pk, status=Status.RUNNING, attempts=item.attempts
        ).update(**changes)
    )


def _fail(item: OutboxItem, spec: Handler, error: str) -> None:
    _finish(item, status=Status.FAILED, last_error=error, lease_until=None)
    logger.warning(
        "Pekerjaan latar #%s (%s) gagal setelah %s percobaan: %s",
        item.pk,
        item.handler,
        item.attempts,
        error,
    )
    if spec.on_failed is not None:
        try:
            spec.on_failed(item.payload, error)
        except Exception:
            logger.exception("on_failed pekerjaan latar #%s gagal", item.pk)


def run_once(item_id: int) -> str | None:
    """One attempt: claim, run the handler outside any transaction, record the outcome.

    Returns the item's new status, or None when it was not claimable (done, failed, held by a
    live claim, or not yet due).
    """
    item = OutboxItem.objects.filter(pk=item_id).only("handler").first()
    if item is None:
        return None
    spec = _handler_for(item.handler)
    item = _claim(item_id, spec)
    if item is None:
        return None
    try:
        spec.run(item.payload)
    except Permanent as exc:
        _fail(item, spec, f"{exc}"[:2000] or "Permanent")
        return Status.FAILED
    except Exception as exc:  # transient by default: retry with backoff
        error = f"{type(exc).__name__}: {exc}"[:2000]
        if item.attempts >= item.max_attempts:
            _fail(item, spec, error)
            return Status.FAILED
        # The database went away under the handler: not the work's fault, try again soon.
        outage = isinstance(exc, (OperationalError, InterfaceError))
        delay = DATABASE_RETRY if outage else backoff(item.attempts)
        _finish(
            item,
            status=Status.PENDING,
            last_error=error,
            lease_until=None,
            dispatched_at=None,  # the sweeper sends it when it is due
            available_at=timezone.now() + timezone.timedelta(seconds=delay),
        )
        logger.info("Pekerjaan latar #%s dicoba lagi nanti: %s", item.pk, error)
        return Status.PENDING
    _finish(item, status=Status.DONE, done_at=timezone.now(), lease_until=None, last_error="")
    return Status.DONE


def run(item_id: int) -> str | None:
    """Run the item; without a broker, transient failures are retried at once up to the limit."""
    outcome = run_once(item_id)
    if _eager():
        while outcome == Status.PENDING:
            OutboxItem.objects.filter(pk=item_id, status=Status.PENDING).update(
                available_at=timezone.now()
            )
            outcome = run_once(item_id)
    return outcome


def sweep(*, limit: int = 500) -> int:
    """Send again what waited too long: retries that are due, items whose task was lost (the
    broker restarted, the send failed) and items whose worker died (an expired lease).
    Returns how many were dispatched (beat runs it every 30 s)."""
    now = timezone.now()
    stale = now - timezone.timedelta(seconds=SWEEP_GRACE)
    dead = _dead_claims(now)
    lost = Q(lease_until__lt=now) | Q(claimed_by__in=dead)  # an expired lease or a dead worker
    # A worker that died on the last attempt: the item can never be claimed again, so it fails.
    exhausted = OutboxItem.objects.filter(
        lost, status=Status.RUNNING, attempts__gte=F("max_attempts")
    )
    for item in exhausted[:limit]:
        _fail(item, _handler_for(item.handler), item.last_error or "worker lost")
    fresh = now - timezone.timedelta(seconds=5)  # leave the on-commit dispatch its moment
    waiting = (
        Q(status=Status.PENDING, available_at__lte=now)
        & (Q(created_at__lte=fresh) | Q(attempts__gt=0))  # a retry that is due
        & (Q(dispatched_at__isnull=True) | Q(dispatched_at__lt=stale))
    )
    abandoned = lost & Q(status=Status.RUNNING, attempts__lt=F("max_attempts"))
    due = (
        OutboxItem.objects.filter(waiting | abandoned)
        .order_by("available_at")
        .values_list("pk", flat=True)[:limit]
    )
    sent = 0
    for item_id in list(due):
        if _eager():
            run(item_id)
            sent += 1
        elif _send_to_broker(item_id):
            sent += 1
        else:
            break  # the broker is down: the next sweep tries again
    return sent


def backlog() -> dict:
    """Waiting items and the age of the oldest (for /health/ and the admin)."""
    pending = OutboxItem.objects.filter(status__in=[Status.PENDING, Status.RUNNING])
    oldest = pending.order_by("created_at").values_list("created_at", flat=True).first()
    return {
        "pending": pending.count(),
        "failed": OutboxItem.objects.filter(status=Status.FAILED).count(),
        "oldest_seconds": round((timezone.now() - oldest).total_seconds()) if oldest else 0,
    }


DONE_KEPT = timezone.timedelta(days=30)


def purge_done(*, older_than: timezone.timedelta = DONE_KEPT) -> int:
    """Delete items finished more than ``older_than`` ago (beat, daily). Failed items stay
    until the admin resends them; a purged key may be enqueued again as new work."""
    deleted, _detail = OutboxItem.objects.filter(
        status=Status.DONE, done_at__lt=timezone.now() - older_than
    ).delete()
    return deleted
