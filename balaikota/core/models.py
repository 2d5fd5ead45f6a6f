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


class OutboxItem(models.Model):
    """One side effect that leaves the request (an e-mail, an SMS, a document to render, a
    webhook), written in the business transaction: the row is the truth, the broker only
    speeds it up. ``core.outbox`` runs, retries, sweeps and resends it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Menunggu")
        RUNNING = "running", _("Sedang dikerjakan")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")

    handler = models.CharField(_("pekerjaan"), max_length=100)
    key = models.CharField(_("kunci"), max_length=200, unique=True)
    payload = models.JSONField(_("data"), default=dict, blank=True)
    label = models.CharField(_("keterangan"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("jumlah percobaan"), default=0)
    max_attempts = models.PositiveSmallIntegerField(_("batas percobaan"), default=8)
    available_at = models.DateTimeField(_("dikerjakan mulai"), default=timezone.now)
    lease_until = models.DateTimeField(_("dipegang sampai"), null=True, blank=True)
    # "host:pid" of the process running the attempt: a claim whose process is gone (a worker
    # killed mid-task) is taken over at once instead of when the lease runs out.
    claimed_by = models.CharField(_("dikerjakan oleh"), max_length=100, blank=True)
    dispatched_at = models.DateTimeField(_("dikirim ke antrean"), null=True, blank=True)
    last_error = models.TextField(_("galat terakhir"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now, editable=False)
    done_at = models.DateTimeField(_("selesai"), null=True, blank=True)

    class Meta:
        verbose_name = _("pekerjaan latar")
        verbose_name_plural = _("pekerjaan latar")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "available_at"], name="core_outbox_due_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.label or self.handler} ({self.get_status_display()})"


class Heartbeat(models.Model):
    """The last sign of life of a background process (``beat``: the scheduler and a worker)."""

    name = models.CharField(_("nama"), max_length=50, primary_key=True)
    at = models.DateTimeField(_("waktu"))

    class Meta:
        verbose_name = _("detak proses latar")
        verbose_name_plural = _("detak proses latar")

    def __str__(self) -> str:
        return f"{self.name} @ {self.at:%Y-%m-%d %H:%M:%S}"


class LockoutCounter(models.Model):
    """Wrong attempts for one key (a tracking number, an address + e-mail) in one scope.

    Kept in the database, not the cache: a lock-out survives a Redis restart or outage."""

    scope = models.CharField(_("lingkup"), max_length=50)
    key_digest = models.CharField(_("kunci (hash)"), max_length=64)
    failures = models.PositiveIntegerField(_("jumlah gagal"), default=0)
    last_failure_at = models.DateTimeField(_("gagal terakhir"), default=timezone.now)
    locked_until = models.DateTimeField(_("dikunci sampai"), null=True, blank=True)

    class Meta:
        verbose_name = _("penghitung penguncian")
        verbose_name_plural = _("penghitung penguncian")
        constraints = [
            models.UniqueConstraint(fields=["scope", "key_digest"], name="core_lockout_unique"),
        ]
        indexes = [models.Index(fields=["last_failure_at"], name="core_lockout_last_idx")]

    def __str__(self) -> str:
        return f"{self.scope}:{self.key_digest[:8]} ({self.failures})"


class IdempotencyRecord(models.Model):
    """The first answer to a request sent with an idempotency key, kept (encrypted) for a
    window so that a retry gets the same answer — a PIN included."""

    scope = models.CharField(_("lingkup"), max_length=60)
    owner_id = models.BigIntegerField(_("pemilik"))
    key = models.CharField(_("kunci"), max_length=64)
    fingerprint = models.CharField(_("sidik permintaan"), max_length=64, blank=True)
    response = models.TextField(_("jawaban (terenkripsi)"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("kedaluwarsa"), db_index=True)

    class Meta:
        verbose_name = _("catatan idempotensi")
        verbose_name_plural = _("catatan idempotensi")
        constraints = [
            models.UniqueConstraint(
                fields=["scope", "owner_id", "key"], name="core_idempotency_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scope}:{self.owner_id}:{self.key[:8]}…"
