"""Background work shared by every app, and the helper that enqueues tasks after commit."""

from __future__ import annotations

from celery import shared_task
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone


def enqueue_on_commit(task, /, **kwargs) -> None:
    """Send ``task`` to the broker only once the surrounding transaction commits.

    Only for work that may be lost (a broker outage drops it). A side effect that leaves the
    request — a message, a document, a webhook — goes through ``core.outbox`` instead.

    A rolled-back write never leaves a task behind; without a broker the task runs eagerly,
    still after the commit. The callback is robust: a failure to send (or, run eagerly, of the
    task itself) is logged and never turns a committed write into an error answer — the
    task's own retries and sweeps pick the work up again.
    """

    def send() -> None:
        task.delay(**kwargs)

    send.__qualname__ = f"enqueue_on_commit[{getattr(task, 'name', task)}]"
    transaction.on_commit(send, robust=True)


@shared_task(name="core.clear_expired_sessions")
def clear_expired_sessions() -> int:
    """Delete expired sessions (scheduled daily by Celery beat)."""
    deleted, _detail = Session.objects.filter(expire_date__lt=timezone.now()).delete()
    return deleted


@shared_task(name="core.purge_expired", ignore_result=True)
def purge_expired() -> dict[str, int]:
    """Daily: idempotency records past their window, lock-out counters long quiet, outbox items
    finished more than 30 days ago."""
    from . import idempotency, outbox, ratelimit

    return {
        "idempotency": idempotency.purge_expired(),
        "lockouts": ratelimit.purge_stale_lockouts(),
        "outbox": outbox.purge_done(),
    }


@shared_task(
    name="core.run_outbox_item",
    acks_late=True,
    reject_on_worker_lost=True,  # a worker killed mid-task: the broker delivers it again
    ignore_result=True,
)
def run_outbox_item(item_id: int) -> str | None:
    """Run one outbox item (at least once; a redelivery finds it done and does nothing)."""
    from .outbox import run

    return run(item_id)


@shared_task(name="core.sweep_outbox", ignore_result=True)
def sweep_outbox() -> int:
    """Send again the outbox items that waited too long (Celery beat, every 30 s)."""
    from .outbox import sweep

    return sweep()


@shared_task(name="core.heartbeat", ignore_result=True)
def heartbeat() -> None:
    """Beat schedules it, a worker runs it: /health/ reads its age to tell that both live."""
    from .health import record_heartbeat

    record_heartbeat("beat")
