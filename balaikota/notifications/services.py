"""Writes of the notifications app: notify a person, mark read, preferences, deliver a message.

Other apps call ``notify()``; it never imports them and needs only a user object.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balaikota.core import outbox

from . import selectors
from .gateways import DeliveryFailed, get_gateway
from .models import (
    PHONE_CHANNELS,
    Channel,
    Notification,
    NotificationPreference,
    OutboundMessage,
)

#: one attempt and five retries (30 s, 1, 2, 4, 8 min apart with jitter on a worker)
MAX_ATTEMPTS = 6
DELIVER = "notifications.deliver"

SHORT_MESSAGE_LIMIT = 320  # SMS/WA text before the link: two concatenated SMS segments


def _check_url(url: str) -> None:
    # Only in-site paths and https links: the url ends up in an href.
    if len(url) > Notification._meta.get_field("url").max_length:
        raise ValidationError(_("Tautan notifikasi terlalu panjang."))
    if url and not (
        (url.startswith("/") and not url.startswith("//")) or url.startswith("https://")
    ):
        raise ValidationError(_("Tautan notifikasi harus berupa path situs atau https."))


def _absolute(url: str) -> str:
    from balaikota.core.links import public_url

    return public_url(url) if url.startswith("/") else url


def _wanted_channels(channels: Iterable[str] | None) -> set[str]:
    if channels is None:
        return set(Channel)
    wanted = set()
    for channel in channels:
        if channel == "in_app":  # always on; accepted for readability at the call site
            continue
        wanted.add(Channel(channel))  # ValueError on an unknown channel: a programming error
    return wanted


def _outbound_for(notification: Notification, channel: str, to: str) -> OutboundMessage:
    link = _absolute(notification.url)
    if channel == Channel.EMAIL:
        body = notification.body
        if link:
            body = f"{body}\n\n{_('Selengkapnya:')} {link}" if body else link
        return OutboundMessage.objects.create(
            channel=channel,
            to=to,
            subject=notification.title[:200],
            body=body,
            notification=notification,
        )
    text = f"{notification.title}: {notification.body}" if notification.body else notification.title
    if len(text) > SHORT_MESSAGE_LIMIT:
        text = text[: SHORT_MESSAGE_LIMIT - 1] + "…"
    if link:
        text = f"{text} {link}"
    return OutboundMessage.objects.create(
        channel=channel, to=to, body=text, notification=notification
    )


@transaction.atomic
def notify(
    *,
    recipient,
    topic: str,
    title: str,
    body: str = "",
    url: str = "",
    channels: Iterable[str] | None = None,
    dedupe_key: str = "",
    essential: bool = False,
) -> Notification:
    """Put a notification in ``recipient``'s inbox and send it on their enabled channels.

    ``channels`` limits the outside channels (``"email"``, ``"sms"``, ``"whatsapp"``) the caller
    wants; the person's own choices always win, and the in-app inbox is always written — except
    that an ``essential`` message (a link the person asked for, a security notice) always goes
    by e-mail when there is an address and to a verified phone (by SMS unless SMS or WhatsApp
    is already chosen), whatever the preferences. With a
    ``dedupe_key`` the call is idempotent per (recipient, topic, dedupe_key): a repeat returns the
    first notification and sends nothing. Messages leave only after the transaction commits.
    """
    _check_url(url)
    if not topic or len(topic) > 100 or len(dedupe_key) > 100:
        raise ValueError("topic wajib diisi; topic dan dedupe_key paling panjang 100 karakter")
    fields = {"title": str(title)[:200], "body": str(body), "url": url}
    if dedupe_key:
        notification, created = Notification.objects.get_or_create(
            recipient=recipient, topic=topic, dedupe_key=dedupe_key, defaults=fields
        )
        if not created:
            return notification
    else:
        notification = Notification.objects.create(recipient=recipient, topic=topic, **fields)
    unread_forget(recipient.pk)

    wanted = _wanted_channels(channels)
    # A deactivated account keeps its inbox but is sent nothing outside the platform.
    enabled = selectors.enabled_channels(recipient) if recipient.is_active else set()
    if essential and recipient.is_active:
        if selectors.channel_address(recipient, Channel.EMAIL):
            enabled.add(Channel.EMAIL)
        if selectors.channel_address(recipient, Channel.SMS) and not enabled & PHONE_CHANNELS:
            enabled.add(Channel.SMS)  # a verified phone hears it too, once, by SMS
    for channel in Channel:  # a stable order: e-mail, SMS, WhatsApp
        if channel in wanted and channel in enabled:
            to = selectors.channel_address(recipient, channel)
            message = _outbound_for(notification, channel, to)
            outbound_message_enqueue(message)
    return notification


def unread_forget(user_id) -> None:
    """The menu's unread count of ``user_id`` is stale: count again on the next page (now, and
    once more after the commit, so a page drawn in between cannot keep the old figure)."""
    from django.core.cache import cache

    key = selectors.unread_key(user_id)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


@transaction.atomic
def notification_mark_read(*, user, notification: Notification) -> Notification:
    if notification.recipient_id != user.pk:
        raise PermissionDenied
    if notification.read_at is None:
        now = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(read_at=now)
        notification.read_at = now
        unread_forget(user.pk)
    return notification


@transaction.atomic
def notifications_mark_all_read(*, user) -> int:
    """Mark every unread notification of ``user`` read; returns how many changed."""
    changed = Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    unread_forget(user.pk)
    return changed


@transaction.atomic
def direct_message_send(*, channel: str, to: str, body: str) -> OutboundMessage:
    """A message to an address that is not (yet) on anyone's account — a verification code to
    the number being added. No inbox entry; sent after the commit through the outbox."""
    channel = Channel(channel)
    if channel == Channel.EMAIL:
        raise ValueError("direct messages are SMS or WhatsApp")
    message = OutboundMessage.objects.create(channel=channel, to=to, body=str(body))
    outbound_message_enqueue(message)
    return message


@transaction.atomic
def notification_preferences_set(
    *, user, email: bool, sms: bool = False, whatsapp: bool = False
) -> dict[str, bool]:
    """Save the person's channel choices. SMS and WhatsApp need a verified phone number."""
    if (sms or whatsapp) and not selectors.channel_address(user, Channel.SMS):
        raise ValidationError(
            _("Verifikasi nomor ponsel di profil Anda sebelum mengaktifkan SMS atau WhatsApp.")
        )
    for channel, enabled in (
        (Channel.EMAIL, email),
        (Channel.SMS, sms),
        (Channel.WHATSAPP, whatsapp),
    ):
        NotificationPreference.objects.update_or_create(
            user=user, channel=channel, defaults={"enabled": bool(enabled)}
        )
    return selectors.channel_choices(user)


def _send(message: OutboundMessage) -> str:
    if message.channel == Channel.EMAIL:
        send_mail(message.subject, message.body, None, [message.to], fail_silently=False)
        return ""
    return get_gateway(message.channel).send(to=message.to, body=message.body)


def outbound_message_enqueue(message: OutboundMessage) -> None:
    """Put the message in the outbox (same transaction): it is delivered after the commit,
    retried with backoff, and swept up again if its task is lost."""
    outbox.enqueue(
        DELIVER,
        {"message_id": message.pk},
        key=f"outbound:{message.pk}",
        label=f"{message.get_channel_display()} #{message.pk}",
    )


def outbound_message_deliver(*, message_id: int) -> OutboundMessage:
    """One delivery attempt of a message not yet sent (a failed one again when the outbox
    item is resent); a sent one is left alone.

    The outbox's claim guarantees that no two attempts for one message run at once, so the
    provider is called outside any row lock. A failure is recorded on the row (attempts, error)
    and raised as ``DeliveryFailed`` for the outbox to retry; after the last attempt the outbox
    calls ``outbound_message_failed``.
    """
    message = OutboundMessage.objects.filter(pk=message_id).first()
    if message is None:
        raise outbox.Permanent(f"pesan keluar #{message_id} tidak ada")
    if message.status == OutboundMessage.Status.SENT:
        return message  # a redelivery or a resend of what already went: nothing twice
    message.attempts += 1
    OutboundMessage.objects.filter(pk=message.pk).update(attempts=message.attempts)
    try:
        provider_id = _send(message)
    except Exception as exc:  # any provider error: record it; the outbox retries or gives up
        message.error = f"{type(exc).__name__}: {exc}"[:2000]
        OutboundMessage.objects.filter(pk=message.pk).update(error=message.error)
        raise DeliveryFailed(message.error) from exc
    message.status = OutboundMessage.Status.SENT
    message.sent_at = timezone.now()
    message.provider_message_id = provider_id or ""
    message.error = ""
    # It has left: recorded through a short database outage, or it would be sent again.
    outbox.settle(
        lambda: OutboundMessage.objects.filter(pk=message.pk).update(
            status=message.status,
            sent_at=message.sent_at,
            provider_message_id=message.provider_message_id,
            error="",
        )
    )
    return message


def outbound_message_failed(*, message_id: int, error: str = "") -> None:
    """The last attempt failed: the message is marked failed (the admin can resend it)."""
    OutboundMessage.objects.filter(pk=message_id, status=OutboundMessage.Status.QUEUED).update(
        status=OutboundMessage.Status.FAILED
    )


@transaction.atomic
def outbound_message_resend(*, message: OutboundMessage) -> OutboundMessage:
    """The platform admin sends a failed message again (a fresh round of attempts)."""
    if message.status == OutboundMessage.Status.SENT:
        return message
    OutboundMessage.objects.filter(pk=message.pk).update(
        status=OutboundMessage.Status.QUEUED, attempts=0, error=""
    )
    outbox.enqueue(DELIVER, {"message_id": message.pk}, key=f"outbound:{message.pk}", again=True)
    message.refresh_from_db()
    return message


outbox.handler(
    DELIVER,
    max_attempts=MAX_ATTEMPTS,
    lease_seconds=120,
    on_failed=lambda payload, error: outbound_message_failed(
        message_id=payload["message_id"], error=error
    ),
)(lambda payload: outbound_message_deliver(message_id=payload["message_id"]))
