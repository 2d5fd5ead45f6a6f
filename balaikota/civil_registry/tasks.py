"""Background work of civil registration: escalate overdue applications (Celery beat, daily)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="civil_registry.escalate_overdue_applications")
def escalate_overdue_applications() -> int:
    from .services import applications_escalate_overdue

    return applications_escalate_overdue()
