"""Background work of civil registration: the document of an approved application (after the
approval commits), a sweep that retries documents whose task was lost, and the daily
escalation of overdue applications (Celery beat)."""

from __future__ import annotations

import datetime as dt

from celery import shared_task
from django.utils import timezone


@shared_task(name="civil_registry.prepare_document", ignore_result=True)
def prepare_document(application_id: int) -> None:
    """Tasks queued by an earlier version: the document now goes through the outbox."""
    from django.db import transaction

    from .services import document_prepare_enqueue

    with transaction.atomic():
        document_prepare_enqueue(application_id)


@shared_task(name="civil_registry.sweep_pending_documents", ignore_result=True)
def sweep_pending_documents(older_than_minutes: int = 10) -> int:
    """Approved applications still without a document and without an outbox item (approved
    before the outbox existed, or a row lost by hand): put them in the outbox. Returns how many
    were looked at."""
    from django.db import transaction

    from .selectors import applications_waiting_for_a_document
    from .services import document_prepare_enqueue

    since = timezone.now() - dt.timedelta(minutes=older_than_minutes)
    done = 0
    for application_id in applications_waiting_for_a_document(decided_before=since)[:200]:
        with transaction.atomic():
            document_prepare_enqueue(application_id)
        done += 1
    return done


@shared_task(name="civil_registry.escalate_overdue_applications")
def escalate_overdue_applications() -> int:
    from .services import applications_escalate_overdue

    return applications_escalate_overdue()
