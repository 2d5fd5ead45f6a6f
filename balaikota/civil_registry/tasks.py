"""Background work of civil registration: the document of an approved application (after the
approval commits), a sweep that retries documents whose task was lost, and the daily
escalation of overdue applications (Celery beat)."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.utils import timezone


@shared_task(
    name="civil_registry.prepare_document",
    autoretry_for=(OSError,),
    retry_backoff=True,
    max_retries=5,
)
def prepare_document(application_id: int) -> None:
    """Render and store the approved application's document (idempotent)."""
    from .services import application_document_prepare

    application_document_prepare(application_id=application_id)


@shared_task(name="civil_registry.sweep_pending_documents")
def sweep_pending_documents(older_than_minutes: int = 10) -> int:
    """Approved applications still without a document after a while (a lost task, a crash):
    make their document now. Returns how many were retried."""
    from .selectors import applications_waiting_for_a_document
    from .services import application_document_prepare

    since = timezone.now() - dt.timedelta(minutes=older_than_minutes)
    done = 0
    for application_id in applications_waiting_for_a_document(decided_before=since)[:200]:
        application_document_prepare(application_id=application_id)
        done += 1
    return done


@shared_task(name="civil_registry.escalate_overdue_applications")
def escalate_overdue_applications() -> int:
    from .services import applications_escalate_overdue

    return applications_escalate_overdue()
