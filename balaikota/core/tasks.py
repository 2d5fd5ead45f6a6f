"""Background work shared by every app, and the helper that enqueues tasks after commit."""

from __future__ import annotations

from celery import shared_task
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone


def enqueue_on_commit(task, /, **kwargs) -> None:
    """Send ``task`` to the broker only once the surrounding transaction commits.

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
