"""Background work of accounts (Celery beat): phones whose sign-in expired unused are ended."""

from celery import shared_task


@shared_task(name="accounts.expire_devices", ignore_result=True)
def expire_devices() -> dict[str, int]:
    from .services import devices_expire

    return devices_expire()
