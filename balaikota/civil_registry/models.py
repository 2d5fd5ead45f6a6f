"""Civil registration: the local population register, configurable service types, applications
with their workflow (one transition table), uploads, corrections, duplicates and numbering."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balaikota.core import codes
from balaikota.core.identity import validate_nik
from balaikota.core.models import TimeStampedModel, WorkflowEvent

# --- Population register (local implementation of the SIAK boundary) ---------------------------


class Sex(models.TextChoices):
    MALE = "L", _("Laki-laki")
    FEMALE = "P", _("Perempuan")


class Religion(models.TextChoices):
    ISLAM = "islam", _("Islam")
    KRISTEN = "kristen", _("Kristen")
    KATOLIK = "katolik", _("Katolik")
    HINDU = "hindu", _("Hindu")
    BUDDHA = "buddha", _("Buddha")
    KHONGHUCU = "khonghucu", _("Khonghucu")
    KEPERCAYAAN = "kepercayaan", _("Kepercayaan terhadap Tuhan YME")


class MaritalStatus(models.TextChoices):
    SINGLE = "belum_kawin", _("Belum kawin")
    MARRIED = "kawin", _("Kawin")
    DIVORCED = "cerai_hidup", _("Cerai hidup")
    WIDOWED = "cerai_mati", _("Cerai mati")


class FamilyRelationship(models.TextChoices):
    HEAD = "kepala", _("Kepala keluarga")
    SPOUSE = "pasangan", _("Istri/suami")
    CHILD = "anak", _("Anak")
    CHILD_IN_LAW = "menantu", _("Menantu")
    GRANDCHILD = "cucu", _("Cucu")
    PARENT = "orang_tua", _("Orang tua")
    OTHER = "lainnya", _("Famili lain")


class Family(TimeStampedModel):
    """One family card (Kartu Keluarga)."""

    kk_number = models.CharField(_("nomor KK"), max_length=16, unique=True)
    head = models.ForeignKey(
        "Resident",
        verbose_name=_("kepala keluarga"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    address = models.CharField(_("alamat"), max_length=250)
    rt = models.CharField(_("RT"), max_length=3, blank=True)
    rw = models.CharField(_("RW"), max_length=3, blank=True)
    village = models.ForeignKey(
        "organization.Village",
        verbose_name=_("kelurahan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("kartu keluarga")
        verbose_name_plural = _("kartu keluarga")
        ordering = ["kk_number"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kk_number__regex=r"^[0-9]{16}$"), name="civil_registry_kk_16_digits"
            ),
        ]

    def __str__(self) -> str:
        return f"KK {self.kk_number}"


class Resident(TimeStampedModel):
    """One person in the local population register."""

    nik = models.CharField(_("NIK"), max_length=16, unique=True, validators=[validate_nik])
    full_name = models.CharField(_("nama lengkap"), max_length=150)
    sex = models.CharField(_("jenis kelamin"), max_length=1, choices=Sex.choices)
    birth_place = models.CharField(_("tempat lahir"), max_length=100)
    birth_date = models.DateField(_("tanggal lahir"))
    religion = models.CharField(_("agama"), max_length=15, choices=Religion.choices, blank=True)
    marital_status = models.CharField(
        _("status perkawinan"),
        max_length=15,
        choices=MaritalStatus.choices,
        default=MaritalStatus.SINGLE,
    )
    relationship = models.CharField(
        _("hubungan dalam keluarga"), max_length=15, choices=FamilyRelationship.choices
    )
    family = models.ForeignKey(
        Family,
        verbose_name=_("kartu keluarga"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )
    mother_nik = models.CharField(_("NIK ibu"), max_length=16, blank=True, db_index=True)
    father_nik = models.CharField(_("NIK ayah"), max_length=16, blank=True)
    is_alive = models.BooleanField(_("hidup"), default=True)
    death_date = models.DateField(_("tanggal kematian"), null=True, blank=True)

    class Meta:
        verbose_name = _("penduduk")
        verbose_name_plural = _("penduduk")
        ordering = ["nik"]
        indexes = [models.Index(fields=["mother_nik", "birth_date"], name="cr_resident_mother_idx")]

    def __str__(self) -> str:
        return self.full_name


# --- Service types -----------------------------------------------------------------------------


class HandlingOffice(models.TextChoices):
    DISDUKCAPIL = "disdukcapil", _("Dinas Kependudukan dan Pencatatan Sipil")
    DISTRICT = "kecamatan", _("Kantor kecamatan domisili pemohon")


FIELD_TYPES = ("text", "date", "time", "choice", "nik", "number", "kk")


def validate_form_schema(value) -> None:
    """A list of {name, label, type, required, choices?}: names unique, types known."""
    if not isinstance(value, list):
        raise ValidationError(_("Skema formulir harus berupa daftar isian."))
    seen = set()
    for item in value:
        if not isinstance(item, dict) or not item.get("name") or not item.get("label"):
            raise ValidationError(_("Setiap isian harus punya nama dan label."))
        if item["name"] in seen:
            raise ValidationError(_("Nama isian %(name)s dipakai dua kali."), params=item)
        seen.add(item["name"])
        if item.get("type", "text") not in FIELD_TYPES:
            raise ValidationError(_("Jenis isian %(type)s tidak dikenal."), params=item)
        if item.get("type") == "choice" and not item.get("choices"):
            raise ValidationError(_("Isian pilihan %(name)s belum punya pilihan."), params=item)


def validate_number_format(value: str) -> None:
    """A registration-number format the numbering registers can render (``{seq}`` required)."""
    from balaikota.documents.interfaces import number_format_validate

    number_format_validate(value, context={"regency": "3374"})


class ServiceType(TimeStampedModel):
    """A civil-registration service citizens can apply for, configured by the platform admin.

    Its public standard (requirements text, procedure, legal basis, fee — free by law) lives in
    the service catalogue entry ``public_service``; this row holds what the workflow needs.
    """

    code = models.SlugField(_("kode"), max_length=50, unique=True)
    name = models.CharField(_("nama"), max_length=150)
    public_service = models.ForeignKey(
        "catalogue.PublicService",
        verbose_name=_("layanan di katalog"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    form_schema = models.JSONField(
        _("skema formulir"), default=list, blank=True, validators=[validate_form_schema]
    )
    service_days = models.PositiveSmallIntegerField(_("waktu layanan (hari kerja)"), default=3)
    needs_visit = models.BooleanField(_("perlu datang ke kantor"), default=False)
    needs_verification = models.BooleanField(
        _("diverifikasi sebelum disetujui"),
        default=False,
        help_text=_(
            "Dua tingkat pemeriksaan: petugas memeriksa berkas, lalu verifikator memvalidasi "
            "dan menyetujui (pemeriksa dan verifikator harus orang yang berbeda)."
        ),
    )
    output_kinds = models.JSONField(_("jenis dokumen yang diterbitkan"), default=list, blank=True)
    number_format = models.CharField(
        _("format nomor registrasi"),
        max_length=100,
        default="{regency}-XX-{date:%d%m%Y}-{seq:04d}",
        validators=[validate_number_format],
        help_text=_("Isian: {regency}, {kind}, {year}, {date:%d%m%Y}, {seq:04d}."),
    )
    handling_office = models.CharField(
        _("kantor penanganan"),
        max_length=15,
        choices=HandlingOffice.choices,
        default=HandlingOffice.DISDUKCAPIL,
    )
    is_active = models.BooleanField(_("aktif"), default=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("jenis layanan kependudukan")
        verbose_name_plural = _("jenis layanan kependudukan")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    @property
    def document_kind(self) -> str:
        return self.output_kinds[0] if self.output_kinds else self.code


def _default_content_types() -> list[str]:
    return ["application/pdf", "image/jpeg", "image/png"]


class RequirementType(models.Model):
    """One document an application of a service type needs, and what may stand in for it."""

    service_type = models.ForeignKey(
        ServiceType,
        verbose_name=_("jenis layanan"),
        on_delete=models.CASCADE,
        related_name="requirements",
    )
    code = models.SlugField(_("kode"), max_length=50)
    name = models.CharField(_("nama"), max_length=200)
    description = models.CharField(_("keterangan"), max_length=300, blank=True)
    is_mandatory = models.BooleanField(_("wajib"), default=True)
    substitutes = models.JSONField(
        _("kode pengganti"),
        default=list,
        blank=True,
        help_text=_("Kode persyaratan lain yang boleh menggantikan persyaratan ini."),
    )
    content_types = models.JSONField(_("jenis berkas diterima"), default=_default_content_types)
    max_size = models.PositiveIntegerField(_("ukuran maksimum (bita)"), default=2 * 1024 * 1024)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("persyaratan")
        verbose_name_plural = _("persyaratan")
        ordering = ["service_type", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["service_type", "code"], name="civil_registry_requirement_unique_code"
            ),
        ]

    def __str__(self) -> str:
        return self.name


# --- Applications and their workflow ---------------------------------------------------------


class Status(models.TextChoices):
    DRAFT = "draft", _("Draf")
    SUBMITTED = "submitted", _("Diajukan")
    IN_REVIEW = "in_review", _("Sedang diperiksa")
    AWAITING_VERIFICATION = "in_verification", _("Menunggu verifikasi")
    NEEDS_CORRECTION = "needs_correction", _("Perlu perbaikan")
    RESUBMITTED = "resubmitted", _("Diajukan ulang")
    APPROVED = "approved", _("Disetujui")
    AWAITING_SIGNATURE = "awaiting_signature", _("Menunggu tanda tangan")
    ISSUED = "issued", _("Terbit")
    CLOSED = "closed", _("Selesai")
    REJECTED = "rejected", _("Ditolak")
    CANCELLED = "cancelled", _("Dibatalkan")


# The workflow itself (which action moves which status, who may, what the citizen is told)
# is the table in workflows.py.
# Statuses in which an officer still has work to do (the queue and the deadline apply).
OPEN_STATUSES = frozenset(
    {
        Status.SUBMITTED,
        Status.IN_REVIEW,
        Status.AWAITING_VERIFICATION,
        Status.NEEDS_CORRECTION,
        Status.RESUBMITTED,
        Status.APPROVED,
        Status.AWAITING_SIGNATURE,
    }
)
# Waiting for an officer (not for the citizen): these count towards "overdue".
OFFICE_STATUSES = OPEN_STATUSES - {Status.NEEDS_CORRECTION}
FINAL_STATUSES = frozenset({Status.ISSUED, Status.CLOSED, Status.REJECTED, Status.CANCELLED})

TRACKING_ALPHABET = codes.ALPHABET  # no 0/O, 1/I: read over the phone


def new_tracking_number(today=None) -> str:
    """KP-YYMM-XXXXXX: 32**6 ≈ 10**9 codes per month, drawn with ``secrets``."""
    return codes.tracking_code("KP", today)


class Application(TimeStampedModel):
    tracking_number = models.CharField(
        _("nomor lacak"), max_length=20, unique=True, null=True, blank=True
    )
    pin_hash = models.CharField(_("PIN (tersandi)"), max_length=128, blank=True, editable=False)
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("warga"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="civil_applications",
    )
    applicant_nik = models.CharField(_("NIK pemohon"), max_length=16)
    applicant_name = models.CharField(_("nama pemohon"), max_length=150)
    service_type = models.ForeignKey(
        ServiceType,
        verbose_name=_("jenis layanan"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    data = models.JSONField(_("isian formulir"), default=dict, blank=True)
    office = models.ForeignKey(
        "organization.Opd",
        verbose_name=_("kantor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    district = models.ForeignKey(
        "organization.District",
        verbose_name=_("kecamatan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("diajukan"), null=True, blank=True)
    due_date = models.DateField(_("tenggat"), null=True, blank=True)
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ditangani oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    claimed_at = models.DateTimeField(_("mulai ditangani"), null=True, blank=True)
    assisted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("didampingi oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    consent_recorded_at = models.DateTimeField(_("persetujuan dicatat"), null=True, blank=True)
    consent_note = models.CharField(_("catatan persetujuan"), max_length=300, blank=True)
    idempotency_key = models.CharField(_("kunci idempotensi"), max_length=64, blank=True)
    version = models.PositiveIntegerField(_("versi"), default=1)
    duplicate_key = models.CharField(
        _("kunci pemeriksaan duplikat"), max_length=200, blank=True, db_index=True
    )
    registration_number = models.CharField(_("nomor registrasi"), max_length=100, blank=True)
    assigned_nik = models.CharField(_("NIK yang diberikan"), max_length=16, blank=True)
    document = models.ForeignKey(
        "documents.IssuedDocument",
        verbose_name=_("dokumen terbit"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("tindak lanjut dari"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_ups",
    )
    decision_reason = models.TextField(_("alasan keputusan"), blank=True)
    last_escalated_on = models.DateField(_("terakhir dieskalasi"), null=True, blank=True)

    class Meta:
        verbose_name = _("permohonan")
        verbose_name_plural = _("permohonan")
        ordering = ["-created_at"]
        indexes = [
            # The officer queue's first page: open applications of one office, due first.
            models.Index(
                fields=["office", "due_date", "submitted_at", "id"],
                condition=Q(status__in=sorted(OPEN_STATUSES)),
                name="cr_app_open_queue_idx",
            ),
            models.Index(fields=["office", "status", "due_date"], name="cr_app_queue_idx"),
            models.Index(fields=["citizen", "-created_at"], name="cr_app_citizen_idx"),
            models.Index(fields=["status", "due_date"], name="cr_app_due_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["citizen", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="civil_registry_idempotency_per_citizen",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="civil_registry_version"),
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="civil_registry_status_known"
            ),
            models.CheckConstraint(
                condition=Q(status__in=[Status.DRAFT, Status.CANCELLED])
                | Q(tracking_number__isnull=False),
                name="civil_registry_submitted_has_tracking",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.tracking_number or _('Draf')} — {self.service_type_id and self.service_type}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return bool(self.due_date and self.status in OFFICE_STATUSES and self.due_date < today)


class ApplicationEvent(WorkflowEvent):
    """One step of an application's history (written by the workflow); append-only.

    ``reason`` is the staff's record; ``public_text`` is what the applicant is told (see
    ``workflows.APPLICATION_WORKFLOW``): the public history shows only the latter."""

    class Kind(models.TextChoices):
        TRANSITION = "transition", _("Perubahan status")
        CLAIM = "claim", _("Mulai ditangani")
        ESCALATION = "escalation", _("Eskalasi ke atasan")
        DUPLICATE = "duplicate", _("Keputusan duplikat")
        NOTE = "note", _("Catatan")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="events", verbose_name=_("permohonan")
    )
    kind = models.CharField(
        _("jenis"), max_length=12, choices=Kind.choices, default=Kind.TRANSITION
    )
    from_status = models.CharField(_("dari"), max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(_("menjadi"), max_length=20, choices=Status.choices)
    office = models.ForeignKey(
        "organization.Opd",
        verbose_name=_("kantor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("riwayat permohonan")
        verbose_name_plural = _("riwayat permohonan")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["application", "at"], name="cr_event_app_at_idx")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.from_status or '—'} → {self.to_status}"


def upload_to(instance: ApplicationDocument, filename: str) -> str:
    # A random name: the original name is kept in a field, never in the storage path.
    ext = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}.get(
        instance.content_type, "bin"
    )
    return f"civil_registry/uploads/{instance.application_id}/{secrets.token_urlsafe(16)}.{ext}"


class ApplicationDocument(models.Model):
    """The file uploaded for one requirement of one application (one current file each)."""

    class State(models.TextChoices):
        OK = "ok", _("Sesuai")
        NEEDS_CORRECTION = "needs_correction", _("Perlu perbaikan")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="documents")
    requirement = models.ForeignKey(RequirementType, on_delete=models.PROTECT, related_name="+")
    file = models.FileField(_("berkas"), upload_to=upload_to, max_length=200)
    original_name = models.CharField(_("nama berkas asli"), max_length=200)
    content_type = models.CharField(_("jenis berkas"), max_length=50)
    size = models.PositiveIntegerField(_("ukuran (bita)"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    uploaded_at = models.DateTimeField(_("diunggah"), default=timezone.now)
    state = models.CharField(_("status"), max_length=20, choices=State.choices, default=State.OK)
    correction_reason = models.CharField(_("alasan perbaikan"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("berkas persyaratan")
        verbose_name_plural = _("berkas persyaratan")
        ordering = ["requirement__order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "requirement"], name="civil_registry_one_file_per_req"
            ),
        ]

    def __str__(self) -> str:
        return self.original_name


class CorrectionRequest(models.Model):
    """One thing the officer asked the citizen to fix: a document or a form field, and why."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="corrections"
    )
    requirement = models.ForeignKey(
        RequirementType, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    field_name = models.CharField(_("isian"), max_length=50, blank=True)
    reason = models.CharField(_("alasan"), max_length=500)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(_("diminta"), default=timezone.now)
    resolved_at = models.DateTimeField(_("diperbaiki"), null=True, blank=True)

    class Meta:
        verbose_name = _("permintaan perbaikan")
        verbose_name_plural = _("permintaan perbaikan")
        ordering = ["requested_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(requirement__isnull=False) | ~Q(field_name=""),
                name="civil_registry_correction_has_target",
            ),
        ]

    def __str__(self) -> str:
        return self.reason


class DuplicateFlag(models.Model):
    class Decision(models.TextChoices):
        PENDING = "pending", _("Belum diputuskan")
        DUPLICATE = "duplicate", _("Duplikat")
        NOT_DUPLICATE = "not_duplicate", _("Bukan duplikat")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="duplicate_flags"
    )
    other_application = models.ForeignKey(
        Application, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    resident = models.ForeignKey(
        Resident, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    rule = models.CharField(_("aturan"), max_length=50)
    decision = models.CharField(
        _("keputusan"), max_length=15, choices=Decision.choices, default=Decision.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)
    created_at = models.DateTimeField(_("ditandai"), default=timezone.now)

    class Meta:
        verbose_name = _("peringatan duplikat")
        verbose_name_plural = _("peringatan duplikat")
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(other_application__isnull=False) | Q(resident__isnull=False),
                name="civil_registry_duplicate_has_match",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule}: {self.get_decision_display()}"


# --- Appointments (antrean online) for steps that need a visit --------------------------------


class ServiceLocation(TimeStampedModel):
    """A counter citizens can book a visit at: Disdukcapil, a kecamatan office, the MPP."""

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=150)
    address = models.CharField(_("alamat"), max_length=250, blank=True)
    office = models.ForeignKey(
        "organization.Opd",
        verbose_name=_("kantor pengelola"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Petugas layanan kantor ini melakukan check-in di lokasi ini."),
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("lokasi layanan")
        verbose_name_plural = _("lokasi layanan")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class AppointmentSlot(models.Model):
    location = models.ForeignKey(
        ServiceLocation, on_delete=models.CASCADE, related_name="slots", verbose_name=_("lokasi")
    )
    service_type = models.ForeignKey(
        ServiceType, on_delete=models.CASCADE, related_name="slots", verbose_name=_("layanan")
    )
    starts_at = models.DateTimeField(_("mulai"))
    ends_at = models.DateTimeField(_("selesai"))
    capacity = models.PositiveSmallIntegerField(_("kapasitas"))
    booked = models.PositiveSmallIntegerField(_("terpesan"), default=0)
    is_active = models.BooleanField(_("dibuka"), default=True)

    class Meta:
        verbose_name = _("slot antrean")
        verbose_name_plural = _("slot antrean")
        ordering = ["starts_at", "location"]
        indexes = [
            models.Index(fields=["location", "service_type", "starts_at"], name="cr_slot_idx")
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["location", "service_type", "starts_at"], name="civil_registry_slot_unique"
            ),
            models.CheckConstraint(
                condition=Q(booked__lte=models.F("capacity")), name="civil_registry_no_overbooking"
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="civil_registry_slot_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.location} {timezone.localtime(self.starts_at):%d-%m-%Y %H:%M}"

    @property
    def remaining(self) -> int:
        return max(self.capacity - self.booked, 0)


def new_appointment_code() -> str:
    return "AP-" + codes.random_code(8)


class Appointment(TimeStampedModel):
    class State(models.TextChoices):
        BOOKED = "booked", _("Terpesan")
        CHECKED_IN = "checked_in", _("Sudah hadir")
        CANCELLED = "cancelled", _("Dibatalkan")

    slot = models.ForeignKey(AppointmentSlot, on_delete=models.PROTECT, related_name="appointments")
    citizen = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="civil_appointments"
    )
    application = models.ForeignKey(
        Application, on_delete=models.SET_NULL, null=True, blank=True, related_name="appointments"
    )
    code = models.CharField(
        _("kode booking"), max_length=12, unique=True, default=new_appointment_code
    )
    state = models.CharField(
        _("status"), max_length=12, choices=State.choices, default=State.BOOKED
    )
    checked_in_at = models.DateTimeField(_("hadir"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    cancelled_at = models.DateTimeField(_("dibatalkan"), null=True, blank=True)

    class Meta:
        verbose_name = _("janji temu")
        verbose_name_plural = _("janji temu")
        ordering = ["slot__starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["citizen", "slot"],
                condition=Q(state="booked"),
                name="civil_registry_one_booking_per_slot",
            ),
        ]

    def __str__(self) -> str:
        return self.code


class AppointmentEvent(WorkflowEvent):
    """One step of a booking's history: booked, moved, cancelled, checked in (append-only)."""

    appointment = models.ForeignKey(
        Appointment, on_delete=models.CASCADE, related_name="events", verbose_name=_("janji temu")
    )
    from_status = models.CharField(
        _("dari"), max_length=20, choices=Appointment.State.choices, blank=True
    )
    to_status = models.CharField(_("menjadi"), max_length=20, choices=Appointment.State.choices)

    class Meta:
        verbose_name = _("riwayat janji temu")
        verbose_name_plural = _("riwayat janji temu")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.from_status or '—'} → {self.to_status}"
