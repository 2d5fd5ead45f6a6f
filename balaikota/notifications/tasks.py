"""Background delivery of e-mail, SMS and WhatsApp messages, retried with backoff."""

from __future__ import annotations

import logging

from celery import shared_task

from .gateways import DeliveryFailed

logger = logging.getLogger(__name__)

MAX_RETRIES = 5  # one attempt plus five retries, 30 s, 1, 2, 4, 8 min apart (with jitter)


@shared_task(
    bind=True,
    name="notifications.send_outbound_message",
    autoretry_for=(DeliveryFailed,),
    max_retries=MAX_RETRIES,
    retry_backoff=30,
    retry_backoff_max=30 * 60,
    retry_jitter=True,
    acks_late=True,
)
def send_outbound_message(self, message_id: int) -> str:
    from .services import outbound_message_deliver

    if self.request.is_eager:
        # No worker (embedded default, tests): Celery would propagate the retry into the request
        # that committed, so the attempts run here and now, without the backoff.
        for attempt in range(MAX_RETRIES + 1):
            try:
                message = outbound_message_deliver(
                    message_id=message_id, final_attempt=attempt == MAX_RETRIES
                )
                break
            except DeliveryFailed:
                continue
    else:
        final_attempt = self.request.retries >= MAX_RETRIES
        message = outbound_message_deliver(message_id=message_id, final_attempt=final_attempt)
    if message.status == message.Status.FAILED:
        logger.warning("Pesan keluar #%s gagal setelah %s percobaan", message.pk, message.attempts)
    return message.status
