"""Periodic work of competency development (Celery beat; settings.CELERY_BEAT_SCHEDULE)."""

from celery import shared_task


@shared_task(name="competency.refresh_compliance_months", ignore_result=True)
def refresh_compliance_months() -> int:
    from .services import compliance_months_refresh

    return compliance_months_refresh()


@shared_task(name="competency.send_jp_reminders", ignore_result=True)
def send_jp_reminders() -> dict:
    from .services import jp_reminders_send

    return jp_reminders_send()
