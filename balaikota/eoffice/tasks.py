"""Background work of the e-office (Celery beat): overdue dispositions told to the supervisor."""

from celery import shared_task


@shared_task(name="eoffice.escalate_overdue_dispositions", ignore_result=True)
def escalate_overdue_dispositions() -> int:
    from .dispositions import dispositions_escalate_overdue

    return dispositions_escalate_overdue()
