"""Background work of e-learning (Celery beat): close quiz attempts whose time is over."""

from celery import shared_task


@shared_task(name="elearning.close_expired_attempts", ignore_result=True)
def close_expired_attempts() -> int:
    from .services import attempts_close_expired

    return attempts_close_expired()
