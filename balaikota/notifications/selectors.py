"""Reads of a person's notifications and of the channels they receive messages on."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import PHONE_CHANNELS, Channel, Notification, NotificationPreference

DEFAULT_LIST_LIMIT = 50


def unread_key(user_id) -> str:
    return f"notifications:unread:{user_id}"


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def unread_count_cached(user) -> int:
    """``unread_count`` for the menu drawn on every page: from the shared cache (forgotten by
    every new notification and every read, ``services.unread_forget``), counted on a miss."""
    if not user.is_authenticated:
        return 0
    from django.core.cache import cache

    count = cache.get(unread_key(user.pk))
    if count is None:
        count = unread_count(user)
        cache.set(unread_key(user.pk), count, 300)
    return count


def notifications_for(user, limit: int = DEFAULT_LIST_LIMIT) -> list[Notification]:
    """The person's newest notifications first; one query whatever their number."""
    return list(notifications_of(user)[:limit])


def notifications_of(user) -> QuerySet[Notification]:
    """The person's notifications, newest first, as a queryset (the API pages through it)."""
    return Notification.objects.filter(recipient=user).order_by("-created_at", "-pk")


def notification_of(user, pk: int) -> Notification | None:
    """The notification ``pk`` if it belongs to ``user``; None otherwise (never someone else's)."""
    return Notification.objects.filter(recipient=user, pk=pk).first()


def channel_choices(user) -> dict[str, bool]:
    """What the person chose per channel, with the defaults filled in (e-mail on, others off)."""
    chosen = dict(
        NotificationPreference.objects.filter(user=user).values_list("channel", "enabled")
    )
    return {
        Channel.EMAIL: chosen.get(Channel.EMAIL, True),
        Channel.SMS: chosen.get(Channel.SMS, False),
        Channel.WHATSAPP: chosen.get(Channel.WHATSAPP, False),
    }


def channel_address(user, channel: str) -> str:
    """Where a message on ``channel`` goes: the e-mail address, or the phone number once it is
    verified (a number typed but never confirmed may be someone else's) — '' if none."""
    if channel == Channel.EMAIL:
        return (user.email or "").strip()
    if channel in PHONE_CHANNELS:
        if getattr(user, "phone_verified_at", None) is None:
            return ""
        return (getattr(user, "phone", "") or "").strip()
    return ""


def enabled_channels(user) -> set[str]:
    """Channels a message to ``user`` goes out on: chosen and with an address to send to."""
    return {
        channel
        for channel, enabled in channel_choices(user).items()
        if enabled and channel_address(user, channel)
    }
