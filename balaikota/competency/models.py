"""Competency development of civil servants: the competency dictionary and position standards,
each person's profile, training programmes and their classes, enrolments and attendance,
evidence of learning done elsewhere, and the JP ledger the yearly target is counted from.

Facts (PP 11/2017 as amended by PP 17/2020 art. 203; PermenPAN-RB 38/2017; Peraturan LAN
10/2018) that are marked *(check)* in the domain notes are data here (``JpRule``,
``JpConversion``), not code.
"""

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balaikota.core.models import TimeStampedModel, WorkflowEvent

LEVELS = [(n, str(n)) for n in range(1, 6)]
level_validators = [MinValueValidator(1), MaxValueValidator(5)]
JP = {"max_digits": 7, "decimal_places": 2}
ZERO = Decimal("0")


# --- The competency dictionary --------------------------------------------------------------


class Competency(TimeStampedModel):
    """One competency of the dictionary, with five levels of behaviour."""

    class Kind(models.TextChoices):
        MANAGERIAL = "managerial", _("Manajerial")
        SOCIOCULTURAL = "sociocultural", _("Sosial kultural")
        TECHNICAL = "technical", _("Teknis")
        DIGITAL = "digital", _("Digital")

    code = models.SlugField(_("kode"), max_length=60, unique=True)
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("nama"), max_length=150)
    description = models.TextField(_("definisi"), blank=True)
    opd = models.ForeignKey(
        "organization.Opd",
        verbose_name=_("OPD"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Untuk kompetensi teknis: OPD yang menetapkannya."),
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("kompetensi")
        verbose_name_plural = _("kompetensi")
        ordering = ["kind", "order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="technical") | Q(opd__isnull=True),
                name="competency_only_technical_has_opd",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CompetencyLevel(models.Model):
    competency = models.ForeignKey(
        Competency, verbose_name=_("kompetensi"), on_delete=models.CASCADE, related_name="levels"
    )
    level = models.PositiveSmallIntegerField(
        _("level"), choices=LEVELS, validators=level_validators
    )
    title = models.CharField(_("deskripsi level"), max_length=300)
    indicators = models.TextField(
        _("indikator perilaku"), blank=True, help_text=_("Satu per baris.")
    )

    class Meta:
        verbose_name = _("level kompetensi")
        verbose_name_plural = _("level kompetensi")
        ordering = ["competency", "level"]
        constraints = [
            models.UniqueConstraint(fields=["competency", "level"], name="competency_level_unique"),
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=5), name="competency_level_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competency} · {self.level}"

    @property
    def indicator_list(self) -> list[str]:
        return [line.strip() for line in self.indicators.splitlines() if line.strip()]


class PositionStandard(TimeStampedModel):
    """The level of a competency a position requires (standar kompetensi jabatan)."""

    position = models.ForeignKey(
        "organization.Position",
        verbose_name=_("jabatan"),
        on_delete=models.CASCADE,
        related_name="competency_standards",
    )
    competency = models.ForeignKey(
        Competency, verbose_name=_("kompetensi"), on_delete=models.CASCADE, related_name="+"
    )
    required_level = models.PositiveSmallIntegerField(
        _("level yang dipersyaratkan"), choices=LEVELS, validators=level_validators
    )

    class Meta:
        verbose_name = _("standar kompetensi jabatan")
        verbose_name_plural = _("standar kompetensi jabatan")
        constraints = [
            models.UniqueConstraint(
                fields=["position", "competency"], name="competency_standard_unique"
            ),
            models.CheckConstraint(
                condition=Q(required_level__gte=1, required_level__lte=5),
                name="competency_standard_level_1_to_5",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position} · {self.competency}: {self.required_level}"


# --- Profiles: assessments ------------------------------------------------------------------


class AssessmentStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Menunggu validasi atasan")
    VALIDATED = "validated", _("Divalidasi")
    REJECTED = "rejected", _("Ditolak")


class Assessment(TimeStampedModel):
    """One person's level in one competency, from a self-assessment (validated by the direct
    supervisor) or from an assessment result the competency admin entered. The profile is the
    latest validated assessment per competency; every row stays as its history."""

    class Source(models.TextChoices):
        SELF = "self", _("Penilaian mandiri")
        RESULT = "result", _("Hasil asesmen")

    employee = models.ForeignKey(
        "organization.Employee",
        verbose_name=_("pegawai"),
        on_delete=models.CASCADE,
        related_name="competency_assessments",
    )
    competency = models.ForeignKey(
        Competency, verbose_name=_("kompetensi"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.PositiveSmallIntegerField(
        _("level"), choices=LEVELS, validators=level_validators
    )
    source = models.CharField(_("sumber"), max_length=10, choices=Source.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=AssessmentStatus.choices, default="submitted"
    )
    assessed_on = models.DateField(_("tanggal penilaian"))
    note = models.CharField(_("catatan"), max_length=500, blank=True)
    approver = models.ForeignKey(
        "organization.Employee",
        verbose_name=_("atasan yang memvalidasi"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dimasukkan oleh"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)
    readiness = models.ForeignKey(
        "ReadinessResponse",
        verbose_name=_("kuesioner kesiapan digital"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assessments",
    )

    class Meta:
        verbose_name = _("penilaian kompetensi")
        verbose_name_plural = _("penilaian kompetensi")
        ordering = ["-assessed_on", "-pk"]
        indexes = [
            models.Index(fields=["employee", "competency", "status"]),
            models.Index(fields=["approver", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=5), name="competency_assessment_level"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employee} · {self.competency}: {self.level}"


class AssessmentEvent(WorkflowEvent):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="events")

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("riwayat penilaian")
        verbose_name_plural = _("riwayat penilaian")


class ReadinessQuestion(models.Model):
    """A statement of the digital-readiness self-assessment, in one digital area."""

    competency = models.ForeignKey(
        Competency,
        verbose_name=_("area digital"),
        on_delete=models.CASCADE,
        related_name="readiness_questions",
        limit_choices_to={"kind": "digital"},
    )
    text = models.CharField(_("pernyataan"), max_length=300)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("pertanyaan kesiapan digital")
        verbose_name_plural = _("pertanyaan kesiapan digital")
        ordering = ["competency__order", "order", "pk"]

    def __str__(self) -> str:
        return self.text


class ReadinessResponse(models.Model):
    """One completed digital-readiness questionnaire: the answers (question id → 1–5) and the
    score per digital area (the mean of its answers, two decimals)."""

    employee = models.ForeignKey(
        "organization.Employee",
        verbose_name=_("pegawai"),
        on_delete=models.CASCADE,
        related_name="readiness_responses",
    )
    submitted_at = models.DateTimeField(_("dikirim"), default=timezone.now)
    answers = models.JSONField(_("jawaban"), default=dict)
    scores = models.JSONField(_("skor per area"), default=dict)
    submit_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("hasil kesiapan digital")
        verbose_name_plural = _("hasil kesiapan digital")
        ordering = ["-submitted_at", "-pk"]
        indexes = [models.Index(fields=["employee", "-submitted_at"])]

    def __str__(self) -> str:
        return f"{self.employee} · {self.submitted_at:%Y-%m-%d}"


# --- Programmes and classes -------------------------------------------------------------------


class Mode(models.TextChoices):
    """Forms of competency development (klasikal / nonklasikal, BKN SE 3/2022)."""

    TRAINING = "training", _("Pelatihan")
    TECHNICAL_GUIDANCE = "bimtek", _("Bimbingan teknis")
    SEMINAR = "seminar", _("Seminar/konferensi")
    WORKSHOP = "workshop", _("Lokakarya")
    COURSE = "course", _("Kursus")
    ELEARNING = "elearning", _("E-learning")
    DISTANCE = "distance", _("Pelatihan jarak jauh")
    WEBINAR = "webinar", _("Webinar")
    COACHING = "coaching", _("Coaching")
    MENTORING = "mentoring", _("Mentoring")
    INTERNSHIP = "internship", _("Magang/praktik kerja")
    SECONDMENT = "secondment", _("Detasering")
    BENCHMARKING = "benchmarking", _("Patok banding")
    SELF_STUDY = "self_study", _("Belajar mandiri")
    COMMUNITY = "community", _("Komunitas belajar")


CLASSROOM_MODES = frozenset(
    {Mode.TRAINING, Mode.TECHNICAL_GUIDANCE, Mode.SEMINAR, Mode.WORKSHOP, Mode.COURSE}
)


class Programme(TimeStampedModel):
    """A training programme (diklat/pelatihan) of the catalogue."""

    code = models.SlugField(_("kode"), max_length=60, unique=True)
    title = models.CharField(_("judul"), max_length=200)
    summary = models.CharField(_("ringkasan"), max_length=300)
    description = models.TextField(
        _("uraian"), blank=True, help_text=_("Teks kaya; dibersihkan saat disimpan.")
    )
    mode = models.CharField(_("bentuk"), max_length=20, choices=Mode.choices)
    jp = models.DecimalField(
        _("JP"),
        **JP,
        validators=[MinValueValidator(Decimal("0.5"))],
        help_text=_("Jam pelajaran yang diakui bila lulus (1 JP = 45 menit)."),
    )
    organiser = models.ForeignKey(
        "organization.Opd",
        verbose_name=_("penyelenggara"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    cost_per_participant = models.DecimalField(
        _("biaya per peserta (Rp)"),
        max_digits=12,
        decimal_places=0,
        default=0,
        validators=[MinValueValidator(0)],
    )
    prerequisites = models.ManyToManyField(
        "self", verbose_name=_("prasyarat"), symmetrical=False, blank=True, related_name="+"
    )
    min_attendance_percent = models.PositiveSmallIntegerField(
        _("kehadiran minimal (%)"), default=80, validators=[MaxValueValidator(100)]
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("nilai lulus post-test"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("Kosongkan bila tidak ada post-test."),
    )
    course = models.ForeignKey(
        "elearning.Course",
        verbose_name=_("kursus e-learning"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_(
            "Bila diisi, peserta kelas yang menyelesaikan dan lulus kursus ini dinyatakan lulus "
            "program, dan JP-nya tercatat."
        ),
    )
    is_published = models.BooleanField(_("terbit"), default=True)
    is_demo = models.BooleanField(_("data contoh"), default=False)

    class Meta:
        verbose_name = _("program pengembangan kompetensi")
        verbose_name_plural = _("program pengembangan kompetensi")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(condition=Q(jp__gt=0), name="competency_programme_jp_positive"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_classroom(self) -> bool:
        return self.mode in CLASSROOM_MODES


class ProgrammeCompetency(models.Model):
    programme = models.ForeignKey(
        Programme, on_delete=models.CASCADE, related_name="competency_targets"
    )
    competency = models.ForeignKey(
        Competency, verbose_name=_("kompetensi"), on_delete=models.PROTECT, related_name="+"
    )
    level_reached = models.PositiveSmallIntegerField(
        _("level yang dicapai"), choices=LEVELS, validators=level_validators
    )

    class Meta:
        verbose_name = _("kompetensi yang dikembangkan")
        verbose_name_plural = _("kompetensi yang dikembangkan")
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "competency"], name="competency_programme_target_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.competency} → {self.level_reached}"


class ClassStatus(models.TextChoices):
    PLANNED = "planned", _("Direncanakan")
    OPEN = "open", _("Pendaftaran dibuka")
    RUNNING = "running", _("Berlangsung")
    FINISHED = "finished", _("Selesai")
    CANCELLED = "cancelled", _("Dibatalkan")


class TrainingClass(TimeStampedModel):
    """A class (angkatan) of a programme: dates, place or link, seats and a waiting list."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("program"), on_delete=models.PROTECT, related_name="classes"
    )
    name = models.CharField(_("nama angkatan"), max_length=100)
    starts_on = models.DateField(_("mulai"))
    ends_on = models.DateField(_("selesai"))
    place = models.CharField(_("tempat"), max_length=200, blank=True)
    online_url = models.URLField(_("tautan daring"), blank=True)
    capacity = models.PositiveIntegerField(_("kuota peserta"), validators=[MinValueValidator(1)])
    enrolment_closes_on = models.DateField(_("pendaftaran ditutup"))
    status = models.CharField(
        _("status"), max_length=20, choices=ClassStatus.choices, default="planned"
    )
    instructors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("pengajar"), blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("kelas (angkatan)")
        verbose_name_plural = _("kelas (angkatan)")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="competency_class_unique"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="competency_class_dates"
            ),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="competency_class_capacity"),
        ]

    def __str__(self) -> str:
        return f"{self.programme} — {self.name}"

    @property
    def accepts_enrolment(self) -> bool:
        return self.status == ClassStatus.OPEN and self.enrolment_closes_on >= timezone.localdate()

    @property
    def is_running(self) -> bool:
        return self.status == ClassStatus.RUNNING


class ClassEvent(WorkflowEvent):
    training_class = models.ForeignKey(
        TrainingClass, on_delete=models.CASCADE, related_name="events"
    )

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("riwayat kelas")
        verbose_name_plural = _("riwayat kelas")


class ClassSession(models.Model):
    """One meeting of a class; participants check in by scanning its code within its window."""

    training_class = models.ForeignKey(
        TrainingClass, verbose_name=_("kelas"), on_delete=models.CASCADE, related_name="sessions"
    )
    title = models.CharField(_("materi"), max_length=200)
    starts_at = models.DateTimeField(_("mulai"))
    ends_at = models.DateTimeField(_("selesai"))
    check_in_code = models.CharField(_("kode presensi"), max_length=32, unique=True, editable=False)

    class Meta:
        verbose_name = _("sesi")
        verbose_name_plural = _("sesi")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="competency_session_times"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({timezone.localtime(self.starts_at):%d-%m-%Y %H:%M})"


class EnrolmentStatus(models.TextChoices):
    PENDING = "pending", _("Menunggu persetujuan atasan")
    WAITLISTED = "waitlisted", _("Daftar tunggu")
    ENROLLED = "enrolled", _("Terdaftar")
    COMPLETED = "completed", _("Lulus")
    NOT_COMPLETED = "not_completed", _("Tidak lulus")
    REJECTED = "rejected", _("Tidak disetujui")
    WITHDRAWN = "withdrawn", _("Mengundurkan diri")
    CANCELLED = "cancelled", _("Kelas dibatalkan")


#: an enrolment in one of these states holds (or waits for) a place
LIVE_ENROLMENT = (EnrolmentStatus.PENDING, EnrolmentStatus.WAITLISTED, EnrolmentStatus.ENROLLED)


class Enrolment(TimeStampedModel):
    training_class = models.ForeignKey(
        TrainingClass, verbose_name=_("kelas"), on_delete=models.PROTECT, related_name="enrolments"
    )
    employee = models.ForeignKey(
        "organization.Employee",
        verbose_name=_("peserta"),
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=EnrolmentStatus.choices, default="pending"
    )
    #: the direct supervisor when the person asked (who approves it)
    approver = models.ForeignKey(
        "organization.Employee",
        verbose_name=_("atasan yang menyetujui"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("didaftarkan oleh"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    motivation = models.CharField(_("alasan mengikuti"), max_length=500, blank=True)
    #: when the person joined the waiting list (its order)
    waitlisted_at = models.DateTimeField(_("masuk daftar tunggu"), null=True, blank=True)
    post_test_score = models.DecimalField(
        _("nilai post-test"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    completed_on = models.DateField(_("tanggal lulus"), null=True, blank=True)
    submit_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("peserta kelas")
        verbose_name_plural = _("peserta kelas")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # Enrolling twice in the same class: the database is the last guard.
            models.UniqueConstraint(
                fields=["training_class", "employee"],
                condition=Q(status__in=["pending", "waitlisted", "enrolled", "completed"]),
                name="competency_one_live_enrolment_per_class",
            ),
        ]
        indexes = [
            models.Index(fields=["training_class", "status", "waitlisted_at"]),
            models.Index(fields=["approver", "status"]),
            models.Index(fields=["employee", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.employee} · {self.training_class}"

    # What the pages show of the state (the rules that act on it are in permissions/workflows).
    @property
    def is_live(self) -> bool:
        return self.status in LIVE_ENROLMENT

    @property
    def is_current(self) -> bool:
        """Live, or settled by the class (passed or not): the page shows it as the status."""
        return self.is_live or self.status in (
            EnrolmentStatus.COMPLETED,
            EnrolmentStatus.NOT_COMPLETED,
        )

    @property
    def is_pending(self) -> bool:
        return self.status == EnrolmentStatus.PENDING

    @property
    def is_enrolled(self) -> bool:
        return self.status == EnrolmentStatus.ENROLLED

    @property
    def is_completed(self) -> bool:
        return self.status == EnrolmentStatus.COMPLETED

    @property
    def badge(self) -> str:
        """The badge colour of the state."""
        if self.status in (EnrolmentStatus.COMPLETED, EnrolmentStatus.ENROLLED):
            return "success"
        if self.status in (EnrolmentStatus.PENDING, EnrolmentStatus.WAITLISTED):
            return "warning"
        return "secondary"


class EnrolmentEvent(WorkflowEvent):
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="events")

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("riwayat peserta")
        verbose_name_plural = _("riwayat peserta")


class ClassFeedback(models.Model):
    """A participant's reaction to a class (Kirkpatrick's first level): ratings 1–5 per item of
    ``FEEDBACK_ITEMS`` and a comment; once per enrolment."""

    enrolment = models.OneToOneField(Enrolment, on_delete=models.CASCADE, related_name="feedback")
    ratings = models.JSONField(_("penilaian"), default=dict)
    comment = models.TextField(_("saran"), blank=True, max_length=2000)
    submitted_at = models.DateTimeField(_("dikirim"), default=timezone.now)

    class Meta:
        verbose_name = _("umpan balik kelas")
        verbose_name_plural = _("umpan balik kelas")

    def __str__(self) -> str:
        return f"{self.enrolment_id}: {self.ratings}"


#: what a participant rates after a class (1 very poor … 5 very good)
FEEDBACK_ITEMS = (
    ("material", _("Materi relevan dengan pekerjaan saya")),
    ("instructor", _("Pengajar menguasai materi dan jelas menyampaikannya")),
    ("method", _("Metode belajar (praktik, diskusi, e-learning) membantu saya")),
    ("organisation", _("Penyelenggaraan (jadwal, tempat atau platform) baik")),
    ("usefulness", _("Saya akan memakai yang saya pelajari dalam pekerjaan")),
)


class Attendance(models.Model):
    class Method(models.TextChoices):
        SCAN = "scan", _("Pindai kode sesi")
        INSTRUCTOR = "instructor", _("Dicatat pengajar")

    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendance")
    session = models.ForeignKey(ClassSession, on_delete=models.CASCADE, related_name="attendance")
    method = models.CharField(_("cara"), max_length=12, choices=Method.choices)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(_("waktu"), default=timezone.now)

    class Meta:
        verbose_name = _("kehadiran")
        verbose_name_plural = _("kehadiran")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "session"], name="competency_attendance_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment_id} @ {self.session_id}"


class Certificate(TimeStampedModel):
    """The e-certificate (STTPP / e-sertifikat) of a completed class: numbered from the kernel's
    register, a PDF signed through ``documents`` with a QR code to ``/verifikasi/``. What it
    states is kept as it was printed (name, programme, JP, dates, competencies)."""

    enrolment = models.OneToOneField(
        Enrolment, verbose_name=_("peserta"), on_delete=models.PROTECT, related_name="certificate"
    )
    employee = models.ForeignKey(
        "organization.Employee",
        verbose_name=_("pegawai"),
        on_delete=models.PROTECT,
        related_name="competency_certificates",
    )
    number = models.CharField(_("nomor"), max_length=80, unique=True)
    #: the Open Badges credential's id (``/verifikasi/lencana/<id>/``)
    credential_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    issued_on = models.DateField(_("tanggal terbit"))
    holder_name = models.CharField(_("nama"), max_length=150)
    holder_nip = models.CharField(_("NIP"), max_length=18)
    programme_title = models.CharField(_("program"), max_length=200)
    jp = models.DecimalField(_("JP"), **JP)
    period = models.CharField(_("waktu pelaksanaan"), max_length=100)
    competencies = models.TextField(_("kompetensi"), blank=True)
    document = models.ForeignKey(
        "documents.IssuedDocument",
        verbose_name=_("dokumen"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True)
    revoke_reason = models.CharField(_("alasan pencabutan"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("sertifikat")
        verbose_name_plural = _("sertifikat")
        ordering = ["-issued_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.number} · {self.holder_name}"

    @property
    def is_downloadable(self) -> bool:
        """Signed and not revoked: the holder may download and share it."""
        return (
            self.revoked_at is None
            and self.document_id is not None
            and self.document.status == "signed"
        )


# --- Evidence of learning elsewhere -----------------------------------------------------------


class JpConversion(models.Model):
    """How a form of non-classroom learning is counted in JP (Peraturan LAN 10/2018's table,
    as configured by the competency admin)."""

    class Unit(models.TextChoices):
        MINUTE = "minute", _("menit")
        DAY = "day", _("hari")
        ACTIVITY = "activity", _("kegiatan")
        MONTH = "month", _("bulan")

    form = models.CharField(_("bentuk"), max_length=20, choices=Mode.choices, unique=True)
    unit = models.CharField(_("satuan"), max_length=10, choices=Unit.choices)
    jp_per_unit = models.DecimalField(
        _("JP per satuan"),
        **JP,
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_("Untuk satuan menit: JP per menit dihitung dari 'menit per JP'."),
        default=Decimal("1"),
    )
    minutes_per_jp = models.PositiveSmallIntegerField(_("menit per JP"), default=45)
    max_jp_per_item = models.DecimalField(
        _("JP paling banyak per bukti"), **JP, null=True, blank=True
    )
    legal_basis = models.CharField(_("dasar"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("konversi JP")
        verbose_name_plural = _("konversi JP")
        ordering = ["form"]

    def __str__(self) -> str:
        return self.get_form_display()


class EvidenceStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Menunggu validasi")
    IN_REVIEW = "in_review", _("Sedang diperiksa")
    VALIDATED = "validated", _("Divalidasi")
    REJECTED = "rejected", _("Ditolak")


class Evidence(TimeStampedModel):
    """Evidence of learning done elsewhere (a webinar certificate, a coaching log, a course of
    another institution), validated by the supervisor or the competency admin into JP."""

    employee = models.ForeignKey(
        "organization.Employee",
        verbose_name=_("pegawai"),
        on_delete=models.PROTECT,
        related_name="learning_evidence",
    )
    title = models.CharField(_("nama kegiatan"), max_length=200)
    form = models.CharField(_("bentuk"), max_length=20, choices=Mode.choices)
    provider = models.CharField(_("penyelenggara"), max_length=200)
    started_on = models.DateField(_("mulai"))
    ended_on = models.DateField(_("selesai"))
    quantity = models.DecimalField(
        _("lama"), max_digits=8, decimal_places=2, validators=[MinValueValidator(Decimal("0.01"))]
    )
    file = models.FileField(_("berkas bukti"), upload_to="competency/evidence/")
    file_name = models.CharField(_("nama berkas"), max_length=200)
    content_type = models.CharField(max_length=100)
    file_digest = models.CharField(max_length=64, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=EvidenceStatus.choices, default="submitted"
    )
    approver = models.ForeignKey(
        "organization.Employee",
        verbose_name=_("atasan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    claimed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    claimed_at = models.DateTimeField(null=True, blank=True)
    jp_credited = models.DecimalField(_("JP diakui"), **JP, null=True, blank=True)
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("diajukan"), default=timezone.now)
    due_date = models.DateField(_("batas validasi"))
    last_escalated_on = models.DateField(null=True, blank=True)
    submit_key = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("bukti pembelajaran")
        verbose_name_plural = _("bukti pembelajaran")
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            # The same certificate twice: refused while the first is not rejected.
            models.UniqueConstraint(
                fields=["employee", "file_digest"],
                condition=~Q(status="rejected"),
                name="competency_evidence_file_once",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__gte=models.F("started_on")), name="competency_evidence_dates"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "due_date"]),
            models.Index(fields=["approver", "status"]),
            models.Index(fields=["employee", "-submitted_at"]),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def badge(self) -> str:
        """The badge colour of the state."""
        return {"validated": "success", "rejected": "secondary"}.get(self.status, "warning")


class EvidenceEvent(WorkflowEvent):
    evidence = models.ForeignKey(Evidence, on_delete=models.CASCADE, related_name="events")

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("riwayat bukti")
        verbose_name_plural = _("riwayat bukti")


# --- Needs analysis (AKPK): individual development plans ---------------------------------------


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Konsep")
    SUBMITTED = "submitted", _("Menunggu persetujuan atasan")
    RETURNED = "returned", _("Dikembalikan untuk diperbaiki")
    APPROVED = "approved", _("Disetujui")


class DevelopmentPlan(TimeStampedModel):
    """A civil servant's development plan for a year (rencana pengembangan individu): the
    programmes chosen to close their gaps, approved by the direct supervisor. Approved plans of
    an OPD make its needs analysis (AKPK) for the budget cycle."""

    employee = models.ForeignKey(
        "organization.Employee",
        verbose_name=_("pegawai"),
        on_delete=models.PROTECT,
        related_name="development_plans",
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    status = models.CharField(
        _("status"), max_length=20, choices=PlanStatus.choices, default="draft"
    )
    approver = models.ForeignKey(
        "organization.Employee",
        verbose_name=_("atasan"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("diajukan"), null=True, blank=True)
    decided_at = models.DateTimeField(_("diputuskan"), null=True, blank=True)

    class Meta:
        verbose_name = _("rencana pengembangan individu")
        verbose_name_plural = _("rencana pengembangan individu")
        ordering = ["-year", "employee__full_name"]
        constraints = [
            models.UniqueConstraint(fields=["employee", "year"], name="competency_one_plan_a_year"),
        ]
        indexes = [models.Index(fields=["approver", "status"])]

    def __str__(self) -> str:
        return f"{self.employee} · {self.year}"

    @property
    def badge(self) -> str:
        """The badge colour of the state."""
        return {"approved": "success", "returned": "danger", "submitted": "warning"}.get(
            self.status, "secondary"
        )


class PlanItem(models.Model):
    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="items")
    programme = models.ForeignKey(
        Programme, verbose_name=_("program"), on_delete=models.PROTECT, related_name="+"
    )
    competency = models.ForeignKey(
        Competency,
        verbose_name=_("kesenjangan yang ditutup"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    quarter = models.PositiveSmallIntegerField(
        _("triwulan"), choices=[(q, f"TW {q}") for q in range(1, 5)]
    )
    jp = models.DecimalField(_("JP"), **JP)
    cost = models.DecimalField(_("biaya (Rp)"), max_digits=12, decimal_places=0, default=0)

    class Meta:
        verbose_name = _("butir rencana")
        verbose_name_plural = _("butir rencana")
        ordering = ["quarter", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "programme"], name="competency_plan_item_once"),
        ]

    def __str__(self) -> str:
        return f"{self.plan} · {self.programme}"


class PlanEvent(WorkflowEvent):
    plan = models.ForeignKey(DevelopmentPlan, on_delete=models.CASCADE, related_name="events")

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("riwayat rencana")
        verbose_name_plural = _("riwayat rencana")


# --- The JP ledger ------------------------------------------------------------------------------


class JpRule(models.Model):
    """The yearly JP target per employment type, from a year on (configurable: PP 17/2020 for
    PNS; PPPK as the agency applies UU 20/2023 and PP 49/2018)."""

    employment_type = models.CharField(
        _("jenis kepegawaian"), max_length=4, choices=[("pns", "PNS"), ("pppk", "PPPK")]
    )
    from_year = models.PositiveSmallIntegerField(_("berlaku mulai tahun"))
    min_jp = models.DecimalField(_("JP minimal per tahun"), **JP)
    max_jp = models.DecimalField(
        _("JP paling banyak per tahun"),
        **JP,
        null=True,
        blank=True,
        help_text=_("Kosongkan bila tidak dibatasi."),
    )
    legal_basis = models.CharField(_("dasar hukum"), max_length=300)

    class Meta:
        verbose_name = _("aturan JP")
        verbose_name_plural = _("aturan JP")
        ordering = ["employment_type", "-from_year"]
        constraints = [
            models.UniqueConstraint(
                fields=["employment_type", "from_year"], name="competency_jp_rule_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_employment_type_display()} {self.from_year}: {self.min_jp} JP"


class LedgerEntry(models.Model):
    """One credit of JP to a person, with its source. ``source_key`` names the thing credited
    (``enrolment:12``, ``evidence:7``…): the database refuses crediting it twice."""

    class Source(models.TextChoices):
        CLASS = "class", _("Kelas pelatihan")
        ELEARNING = "elearning", _("E-learning")
        EVIDENCE = "evidence", _("Bukti pembelajaran")
        ADJUSTMENT = "adjustment", _("Penyesuaian admin")

    employee = models.ForeignKey(
        "organization.Employee",
        verbose_name=_("pegawai"),
        on_delete=models.PROTECT,
        related_name="jp_entries",
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    on = models.DateField(_("tanggal"))
    jp = models.DecimalField(_("JP"), **JP)
    source = models.CharField(_("sumber"), max_length=12, choices=Source.choices)
    source_key = models.CharField(_("kunci sumber"), max_length=80, unique=True)
    title = models.CharField(_("kegiatan"), max_length=200)
    form = models.CharField(_("bentuk"), max_length=20, choices=Mode.choices)
    programme = models.ForeignKey(
        Programme, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("dicatat"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("catatan JP")
        verbose_name_plural = _("buku JP")
        ordering = ["-on", "-pk"]
        indexes = [models.Index(fields=["employee", "year", "on"])]
        constraints = [
            models.CheckConstraint(condition=~Q(jp=0), name="competency_ledger_jp_nonzero"),
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.on}: {self.jp} JP ({self.title})"


class JpTotal(models.Model):
    """Each person's JP per year and month, kept in step with the ledger by the service that
    writes it (same transaction): compliance pages read this, never the ledger."""

    employee = models.ForeignKey(
        "organization.Employee", on_delete=models.CASCADE, related_name="+"
    )
    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField()
    jp = models.DecimalField(**JP, default=ZERO)

    class Meta:
        verbose_name = _("jumlah JP bulanan")
        verbose_name_plural = _("jumlah JP bulanan")
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "year", "month"], name="competency_jp_total_unique"
            ),
        ]
        indexes = [models.Index(fields=["year", "employee"])]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.year}-{self.month:02d}: {self.jp}"


class JpYearTotal(models.Model):
    """Each person's JP of a year, kept with the ledger in the same transaction: the compliance
    counts join it to the people (one row each) instead of summing months per person."""

    employee = models.ForeignKey(
        "organization.Employee", on_delete=models.CASCADE, related_name="jp_year_totals"
    )
    year = models.PositiveSmallIntegerField()
    jp = models.DecimalField(**JP, default=ZERO)

    class Meta:
        verbose_name = _("jumlah JP tahunan")
        verbose_name_plural = _("jumlah JP tahunan")
        constraints = [
            models.UniqueConstraint(fields=["employee", "year"], name="competency_jp_year_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.employee_id} {self.year}: {self.jp}"


class ComplianceMonth(models.Model):
    """Per OPD and month of a year: how many people were on pace (JP done by the month's end at
    least the target's share of the year gone) and how many had reached the target — rebuilt
    by a periodic task (``services.compliance_months_refresh``) for the leaders' heat map."""

    opd = models.ForeignKey("organization.Opd", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField()
    month = models.PositiveSmallIntegerField()
    people = models.PositiveIntegerField(default=0)
    on_pace = models.PositiveIntegerField(default=0)
    reached = models.PositiveIntegerField(default=0)
    refreshed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("kepatuhan JP bulanan")
        verbose_name_plural = _("kepatuhan JP bulanan")
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "year", "month"], name="competency_compliance_month_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.opd_id} {self.year}-{self.month:02d}: {self.on_pace}/{self.people}"

    @property
    def on_pace_percent(self) -> int:
        return int(self.on_pace * 100 / self.people) if self.people else 0
