"""Background work of complaints (Celery beat): close answered complaints left alone."""

from celery import shared_task


@shared_task(name="complaints.auto_close", ignore_result=True)
def auto_close() -> int:
    from .services import complaints_auto_close

    return complaints_auto_close()
