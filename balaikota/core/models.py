"""Base models and the records every app shares: access log of personal data, extra holidays."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)

    class Meta:
        abstract = True


class AccessLogEntry(models.Model):
    """One staff view of a person's personal data (UU PDP): who, when, which record, why.

    Rows are append-only: the service writes them, nothing edits or deletes them.
    """

    at = models.DateTimeField(_("waktu"), default=timezone.now, db_index=True, editable=False)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengakses"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pemilik data"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    object_type = models.CharField(_("jenis data"), max_length=100)
    object_id = models.CharField(_("ID data"), max_length=64)
    object_repr = models.CharField(_("data"), max_length=200)
    purpose = models.CharField(_("tujuan"), max_length=200)
    path = models.CharField(_("alamat halaman"), max_length=300, blank=True)
    ip_address = models.GenericIPAddressField(_("alamat IP"), null=True, blank=True)

    class Meta:
        verbose_name = _("log akses data pribadi")
        verbose_name_plural = _("log akses data pribadi")
        ordering = ["-at"]
        indexes = [models.Index(fields=["object_type", "object_id", "-at"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_id} → {self.object_repr}"


class ExtraHoliday(models.Model):
    """A non-working day the holidays package does not know: cuti bersama or a local decision."""

    class Kind(models.TextChoices):
        CUTI_BERSAMA = "cuti_bersama", _("Cuti bersama")
        LOCAL = "local", _("Libur daerah")

    date = models.DateField(_("tanggal"), unique=True)
    name = models.CharField(_("nama"), max_length=150)
    kind = models.CharField(
        _("jenis"), max_length=20, choices=Kind.choices, default=Kind.CUTI_BERSAMA
    )
    legal_basis = models.CharField(_("dasar hukum"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("hari libur tambahan")
        verbose_name_plural = _("hari libur tambahan")
        ordering = ["date"]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.name}"


class WorkflowEvent(models.Model):
    """One step of an object's history, written by ``core.workflow`` (append-only).

    Each workflow has its own concrete table (a foreign key to its object plus these columns),
    so a history is one indexed query and never a scan of every app's events.
    """

    action = models.CharField(_("tindakan"), max_length=40, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pelaku"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("waktu"), default=timezone.now, db_index=True)
    from_status = models.CharField(_("dari"), max_length=20, blank=True)
    to_status = models.CharField(_("menjadi"), max_length=20)
    reason = models.TextField(_("alasan"), blank=True)
    public_text = models.CharField(_("teks untuk pemohon"), max_length=300, blank=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]
