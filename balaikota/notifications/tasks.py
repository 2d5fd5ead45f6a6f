"""Background delivery of e-mail, SMS and WhatsApp messages: through the outbox
(``balaikota.core.outbox``, handler ``notifications.deliver``, registered in ``services``).

The task below only serves messages queued by an earlier version: it moves them to the outbox.
"""

from __future__ import annotations

from celery import shared_task


@shared_task(name="notifications.send_outbound_message", acks_late=True, ignore_result=True)
def send_outbound_message(message_id: int) -> None:
    from django.db import transaction

    from .models import OutboundMessage
    from .services import outbound_message_enqueue

    with transaction.atomic():
        message = OutboundMessage.objects.filter(pk=message_id).first()
        if message is not None and message.status == OutboundMessage.Status.QUEUED:
            outbound_message_enqueue(message)
