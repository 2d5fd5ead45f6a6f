from celery import shared_task


@shared_task(name="transparency.refresh_statistics", ignore_result=True)
def refresh_statistics() -> int:
    from .services import statistics_refresh

    return statistics_refresh()
