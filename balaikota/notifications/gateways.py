"""SMS and WhatsApp gateways: one small protocol, a local backend that really works, and lookup.

A production client is any class with ``send(*, to, body) -> str`` accepting ``channel=`` in its
constructor; name it in ``BALAIKOTA_SMS_GATEWAY`` / ``BALAIKOTA_WHATSAPP_GATEWAY``.
"""

from __future__ import annotations

import logging
import re
import uuid
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string

from .models import Channel

logger = logging.getLogger(__name__)

LOCAL_GATEWAY = "balaikota.notifications.gateways.LocalGateway"
_SETTING_FOR_CHANNEL = {
    Channel.SMS: "BALAIKOTA_SMS_GATEWAY",
    Channel.WHATSAPP: "BALAIKOTA_WHATSAPP_GATEWAY",
}


class GatewayError(Exception):
    """The provider did not accept the message (production clients raise it; so may anything)."""


class DeliveryFailed(Exception):
    """One delivery attempt failed and another will follow (the task retries on it)."""


class MessageGateway(Protocol):
    def send(self, *, to: str, body: str) -> str:
        """Hand the message to the provider and return the provider's message id."""
        ...


def mask_phone(number: str) -> str:
    """Keep the first four and last three digits: 0812*****678. Logs never hold a whole number."""
    digits = re.sub(r"\D", "", number)
    if len(digits) <= 7:
        return "*" * len(digits)
    return f"{digits[:4]}{'*' * (len(digits) - 7)}{digits[-3:]}"


class LocalGateway:
    """The embedded backend: the OutboundMessage row is the record; the log line says it went.

    Used in development, demos and tests; nothing leaves the machine.
    """

    def __init__(self, *, channel: str = Channel.SMS) -> None:
        self.channel = channel

    def send(self, *, to: str, body: str) -> str:
        message_id = f"local-{uuid.uuid4().hex}"
        logger.info(
            "Pesan %s lokal ke %s (%d karakter), id %s",
            self.channel,
            mask_phone(to),
            len(body),
            message_id,
        )
        return message_id


def get_gateway(channel: str) -> MessageGateway:
    """The gateway configured for ``channel`` (SMS or WhatsApp); the local one by default."""
    try:
        setting = _SETTING_FOR_CHANNEL[Channel(channel)]
    except (KeyError, ValueError):
        raise ValueError(f"Saluran tanpa gateway: {channel!r}") from None
    dotted_path = getattr(settings, setting, "") or LOCAL_GATEWAY
    return import_string(dotted_path)(channel=channel)
