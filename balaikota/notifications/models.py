"""Messages to a person: the in-app inbox, channel preferences, and every e-mail/SMS/WA sent."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Channel(models.TextChoices):
    """Channels beyond the in-app inbox, which is always on."""

    EMAIL = "email", _("E-mail")
    SMS = "sms", _("SMS")
    WHATSAPP = "whatsapp", _("WhatsApp")


PHONE_CHANNELS = frozenset({Channel.SMS, Channel.WHATSAPP})


class Notification(models.Model):
    """One message in a person's in-app inbox."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penerima"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    topic = models.CharField(
        _("topik"), max_length=100, help_text=_("Misalnya civil_registry.status_changed.")
    )
    title = models.CharField(_("judul"), max_length=200)
    body = models.TextField(_("isi"), blank=True)
    url = models.CharField(_("tautan"), max_length=500, blank=True)
    dedupe_key = models.CharField(_("kunci deduplikasi"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now, editable=False)
    read_at = models.DateTimeField(_("dibaca"), null=True, blank=True)

    class Meta:
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notif_recipient_read_idx"),
            models.Index(fields=["recipient", "-created_at"], name="notif_recipient_created_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "topic", "dedupe_key"],
                condition=~Q(dedupe_key=""),
                name="notifications_notification_dedupe",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(models.Model):
    """A person's choice for one channel. Without a row: e-mail on, SMS and WhatsApp off."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengguna"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    channel = models.CharField(_("saluran"), max_length=10, choices=Channel.choices)
    enabled = models.BooleanField(_("aktif"), default=False)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        verbose_name = _("preferensi notifikasi")
        verbose_name_plural = _("preferensi notifikasi")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "channel"], name="notifications_preference_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.channel}: {'ya' if self.enabled else 'tidak'}"


class OutboundMessage(models.Model):
    """Every e-mail, SMS or WhatsApp message the platform sends, with its delivery state."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Dalam antrean")
        SENT = "sent", _("Terkirim")
        FAILED = "failed", _("Gagal")

    channel = models.CharField(_("saluran"), max_length=10, choices=Channel.choices)
    to = models.CharField(_("tujuan"), max_length=254)
    subject = models.CharField(_("subjek"), max_length=200, blank=True)
    body = models.TextField(_("isi"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    attempts = models.PositiveSmallIntegerField(_("jumlah percobaan"), default=0)
    error = models.TextField(_("galat terakhir"), blank=True)
    provider_message_id = models.CharField(_("ID pesan penyedia"), max_length=200, blank=True)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now, editable=False)
    sent_at = models.DateTimeField(_("terkirim"), null=True, blank=True)
    notification = models.ForeignKey(
        Notification,
        verbose_name=_("notifikasi"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="outbound_messages",
    )

    class Meta:
        verbose_name = _("pesan keluar")
        verbose_name_plural = _("pesan keluar")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "created_at"], name="notif_outbound_status_idx")]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} #{self.pk} ({self.get_status_display()})"
