"""Complaints and suggestions (pengaduan) about public services, answered publicly by the OPD.

A complaint goes to the queue of the OPD that runs the service (or the OPD the citizen chose);
its category sets the deadline in working days. The OPD's answer is public; the complainant's
name and contact details never are, and numbers that look like a NIK, a phone number or an
e-mail address are masked in the public text.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balaikota.core.models import TimeStampedModel, WorkflowEvent


class ComplaintCategory(models.Model):
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("nama"), max_length=120)
    description = models.CharField(_("keterangan"), max_length=250, blank=True)
    resolution_days = models.PositiveSmallIntegerField(
        _("batas waktu jawaban (hari kerja)"),
        validators=[MinValueValidator(1), MaxValueValidator(60)],
    )
    is_suggestion = models.BooleanField(_("saran, bukan pengaduan"), default=False)
    is_active = models.BooleanField(_("aktif"), default=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("kategori pengaduan")
        verbose_name_plural = _("kategori pengaduan")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Diterima")
    IN_PROGRESS = "in_progress", _("Sedang ditangani")
    ANSWERED = "answered", _("Dijawab")
    REOPENED = "reopened", _("Dibuka kembali")
    CLOSED = "closed", _("Selesai")
    REJECTED = "rejected", _("Tidak dapat ditindaklanjuti")


OPEN_STATES = (Status.SUBMITTED, Status.IN_PROGRESS, Status.REOPENED)


class Complaint(TimeStampedModel):
    tracking_number = models.CharField(_("nomor pengaduan"), max_length=20, unique=True)
    category = models.ForeignKey(
        ComplaintCategory, verbose_name=_("kategori"), on_delete=models.PROTECT
    )
    service = models.ForeignKey(
        "catalogue.PublicService",
        verbose_name=_("layanan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
    )
    opd = models.ForeignKey(
        "organization.Opd",
        verbose_name=_("OPD tujuan"),
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    title = models.CharField(_("judul"), max_length=150)
    body = models.TextField(_("isi"), max_length=4000)
    incident_place = models.CharField(_("tempat kejadian"), max_length=200, blank=True)
    incident_date = models.DateField(_("tanggal kejadian"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SUBMITTED
    )
    complainant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pelapor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
    )
    contact_name = models.CharField(_("nama"), max_length=120, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_phone = models.CharField(_("nomor ponsel"), max_length=20, blank=True)
    is_anonymous = models.BooleanField(
        _("rahasiakan identitas saya dari OPD"),
        default=False,
        help_text=_("OPD tidak melihat nama dan kontak Anda; publik tidak pernah melihatnya."),
    )
    is_public = models.BooleanField(
        _("tampilkan isi pengaduan untuk publik"),
        default=True,
        help_text=_("Jawaban OPD selalu dapat dibaca Anda; publik melihatnya bila ini dipilih."),
    )
    #: a keyed digest of the access key an anonymous complainant got (never the key itself)
    access_key_hash = models.CharField(max_length=128, blank=True)
    submitted_at = models.DateTimeField(_("waktu pengaduan"), default=timezone.now)
    due_date = models.DateField(_("batas jawaban"))
    answered_at = models.DateTimeField(_("waktu dijawab"), null=True, blank=True)
    closed_at = models.DateTimeField(_("waktu selesai"), null=True, blank=True)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ditangani oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    last_escalated_on = models.DateField(null=True, blank=True)
    reopen_count = models.PositiveSmallIntegerField(default=0)
    #: stems of title and body (catalogue search analysis), space-padded: similar complaints
    search_stems = models.TextField(editable=False, default="")
    submit_key = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("pengaduan")
        verbose_name_plural = _("pengaduan")
        indexes = [
            models.Index(fields=["opd", "status", "due_date"], name="complaints_queue_idx"),
            models.Index(fields=["service", "submitted_at"], name="complaints_service_idx"),
            models.Index(fields=["submitted_at"], name="complaints_submitted_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="complaints_status_known"
            ),
            # The form's one-time key: a double submit finds the first complaint.
            models.UniqueConstraint(
                fields=["submit_key"],
                condition=~Q(submit_key=""),
                name="complaints_one_per_submit_key",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_number} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("complaints:detail", kwargs={"number": self.tracking_number})

    @property
    def is_answered(self) -> bool:
        """Answered (or closed after an answer): what the public list shows in green."""
        return self.status in (Status.ANSWERED, Status.CLOSED)

    @property
    def is_declined(self) -> bool:
        return self.status == Status.REJECTED

    @property
    def is_overdue(self) -> bool:
        return self.status in OPEN_STATES and self.due_date < timezone.localdate()


class ComplaintEvent(WorkflowEvent):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="events")

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("riwayat pengaduan")
        verbose_name_plural = _("riwayat pengaduan")


class ComplaintMessage(models.Model):
    """The conversation: the OPD's public answers and the complainant's responses."""

    class Author(models.TextChoices):
        COMPLAINANT = "complainant", _("Pelapor")
        OPD = "opd", _("OPD")

    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="messages")
    author_kind = models.CharField(max_length=12, choices=Author.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    body = models.TextField(_("pesan"), max_length=4000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("pesan pengaduan")
        verbose_name_plural = _("pesan pengaduan")

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.author_kind} {self.created_at:%Y-%m-%d}"


class ComplaintAttachment(models.Model):
    complaint = models.ForeignKey(Complaint, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="complaints/%Y/%m/")
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    original_name = models.CharField(max_length=150)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("lampiran pengaduan")
        verbose_name_plural = _("lampiran pengaduan")

    def __str__(self) -> str:
        return self.original_name
