"""E-learning data: courses of modules and lessons, a question bank with quizzes drawn from it,
attempts with their append-only answers, SCORM 1.2 packages and what each learner did."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

PERCENT = [MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))]


class Course(models.Model):
    title = models.CharField(_("judul"), max_length=200, unique=True)
    summary = models.CharField(_("ringkasan"), max_length=300)
    description = models.TextField(
        _("uraian"), blank=True, help_text=_("Teks kaya; dibersihkan saat disimpan.")
    )
    is_published = models.BooleanField(_("terbit"), default=False)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("kursus")
        verbose_name_plural = _("kursus")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("elearning:course", args=[self.pk])


class Module(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="modules")
    title = models.CharField(_("judul"), max_length=200)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        ordering = ["course", "order", "pk"]
        verbose_name = _("modul")
        verbose_name_plural = _("modul")

    def __str__(self) -> str:
        return self.title


class Lesson(models.Model):
    class Kind(models.TextChoices):
        TEXT = "text", _("Bacaan")
        FILE = "file", _("Berkas")
        VIDEO = "video", _("Video")

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="lessons")
    title = models.CharField(_("judul"), max_length=200)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices, default=Kind.TEXT)
    body = models.TextField(
        _("isi"), blank=True, help_text=_("Teks kaya; dibersihkan saat disimpan.")
    )
    file = models.CharField(_("berkas tersimpan"), max_length=200, blank=True, editable=False)
    file_name = models.CharField(_("nama berkas"), max_length=200, blank=True, editable=False)
    file_type = models.CharField(_("jenis berkas"), max_length=50, blank=True, editable=False)
    video_url = models.URLField(_("tautan video"), blank=True, help_text=_("YouTube atau Vimeo."))
    is_required = models.BooleanField(_("wajib"), default=True)
    minutes = models.PositiveSmallIntegerField(_("perkiraan menit"), default=10)

    class Meta:
        ordering = ["module__order", "module_id", "order", "pk"]
        verbose_name = _("materi")
        verbose_name_plural = _("materi")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("elearning:lesson", args=[self.pk])


class LessonDone(models.Model):
    """A lesson a learner marked done: kept on the server, so progress follows them anywhere."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    lesson = models.ForeignKey(Lesson, on_delete=models.CASCADE, related_name="done_marks")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    done_at = models.DateTimeField(_("selesai"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson"], name="elearning_lesson_done_once")
        ]
        indexes = [models.Index(fields=["user", "course"])]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.lesson_id}"


class CourseVisit(models.Model):
    """Where a learner left off in a course (the "continue" button)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="+")
    last_lesson = models.ForeignKey(Lesson, on_delete=models.SET_NULL, null=True, related_name="+")
    visited_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="elearning_one_visit_row")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.course_id}"


class Question(models.Model):
    """A question of a course's bank; its quizzes draw from it."""

    class Kind(models.TextChoices):
        SINGLE = "single", _("Pilihan tunggal")
        MULTIPLE = "multiple", _("Pilihan ganda (lebih dari satu jawaban)")
        TRUE_FALSE = "true_false", _("Benar/salah")

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="questions")
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices, default=Kind.SINGLE)
    text = models.TextField(_("pertanyaan"))
    explanation = models.TextField(_("pembahasan"), blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["course", "pk"]
        verbose_name = _("soal")
        verbose_name_plural = _("bank soal")

    def __str__(self) -> str:
        return self.text[:80]


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    text = models.CharField(_("pilihan"), max_length=300)
    is_correct = models.BooleanField(_("benar"), default=False)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        ordering = ["question", "order", "pk"]
        verbose_name = _("pilihan jawaban")
        verbose_name_plural = _("pilihan jawaban")

    def __str__(self) -> str:
        return self.text


class Quiz(models.Model):
    class Kind(models.TextChoices):
        PRE_TEST = "pre", _("Pre-test")
        POST_TEST = "post", _("Post-test")
        QUIZ = "quiz", _("Kuis")

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="quizzes")
    kind = models.CharField(_("jenis"), max_length=5, choices=Kind.choices, default=Kind.QUIZ)
    title = models.CharField(_("judul"), max_length=200)
    question_count = models.PositiveSmallIntegerField(
        _("jumlah soal diambil"), default=10, validators=[MinValueValidator(1)]
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("batas waktu (menit)"),
        default=15,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("kesempatan"), default=3, validators=[MinValueValidator(1)]
    )
    pass_mark = models.DecimalField(
        _("nilai lulus"), max_digits=5, decimal_places=2, default=Decimal(70), validators=PERCENT
    )
    shuffle_options = models.BooleanField(_("acak pilihan jawaban"), default=True)

    class Meta:
        ordering = ["course", "kind", "pk"]
        verbose_name = _("kuis")
        verbose_name_plural = _("kuis")
        constraints = [
            # One pre-test and one post-test per course: the learning gain compares the two.
            models.UniqueConstraint(
                fields=["course", "kind"],
                condition=Q(kind__in=["pre", "post"]),
                name="elearning_one_pre_and_post_test",
            ),
            models.CheckConstraint(
                condition=Q(pass_mark__gte=0) & Q(pass_mark__lte=100),
                name="elearning_pass_mark_percent",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Attempt(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Sedang dikerjakan")
        SUBMITTED = "submitted", _("Dikirim")
        EXPIRED = "expired", _("Ditutup karena waktu habis")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    quiz = models.ForeignKey(Quiz, on_delete=models.PROTECT, related_name="attempts")
    number = models.PositiveSmallIntegerField(_("percobaan ke"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    started_at = models.DateTimeField(_("mulai"))
    deadline = models.DateTimeField(_("batas waktu"))
    closed_at = models.DateTimeField(_("ditutup"), null=True, blank=True)
    #: The questions drawn, in the order shown; and each question's options in the order shown.
    question_ids = models.JSONField(default=list)
    option_order = models.JSONField(default=dict)
    correct_count = models.PositiveSmallIntegerField(null=True, blank=True)
    score = models.DecimalField(_("nilai"), max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(_("lulus"), null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("percobaan kuis")
        verbose_name_plural = _("percobaan kuis")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "quiz", "number"], name="elearning_attempt_number"
            ),
            models.UniqueConstraint(
                fields=["user", "quiz"],
                condition=Q(status="open"),
                name="elearning_one_open_attempt",
            ),
            models.CheckConstraint(
                condition=Q(status="open") | Q(closed_at__isnull=False, score__isnull=False),
                name="elearning_closed_attempt_scored",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quiz} #{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("elearning:attempt", args=[self.pk])

    @property
    def closed_by_time(self) -> bool:
        """The server closed it when its time was up (the result page says so)."""
        return self.status == self.Status.EXPIRED

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN


class Answer(models.Model):
    """One answer as given: append-only. A change of mind is a new row; the last one counts."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    option_ids = models.JSONField(default=list)  # sorted
    answered_at = models.DateTimeField()

    class Meta:
        ordering = ["attempt", "pk"]
        indexes = [models.Index(fields=["attempt", "question"])]

    def __str__(self) -> str:
        return f"{self.attempt_id}: {self.question_id} → {self.option_ids}"


class ScormPackage(models.Model):
    """A checked SCORM 1.2 package, unpacked privately under ``folder`` and played from our origin."""

    course = models.OneToOneField(Course, on_delete=models.CASCADE, related_name="scorm_package")
    title = models.CharField(_("judul"), max_length=200)
    folder = models.CharField(max_length=100, unique=True, editable=False)
    launch_path = models.CharField(max_length=300, editable=False)
    file_count = models.PositiveIntegerField(default=0, editable=False)
    total_size = models.PositiveBigIntegerField(default=0, editable=False)
    sha256 = models.CharField(max_length=64, editable=False)
    uploaded_at = models.DateTimeField(_("diunggah"))

    class Meta:
        verbose_name = _("paket SCORM")
        verbose_name_plural = _("paket SCORM")

    def __str__(self) -> str:
        return self.title


class ScormTrack(models.Model):
    """What the SCORM runtime reported for one learner (cmi.core.*), resumed next time."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    package = models.ForeignKey(ScormPackage, on_delete=models.CASCADE, related_name="tracks")
    lesson_status = models.CharField(max_length=20, default="not attempted")
    score_raw = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    lesson_location = models.CharField(max_length=255, blank=True)
    suspend_data = models.TextField(blank=True)
    updated_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "package"], name="elearning_one_track")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.lesson_status}"

    @property
    def status_label(self) -> str:
        from .scorm import STATUS_LABELS

        return str(STATUS_LABELS.get(self.lesson_status, self.lesson_status))


class CourseCompletion(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="completions")
    completed_at = models.DateTimeField(_("selesai"))
    pre_test_score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    post_test_score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(default=True)

    class Meta:
        verbose_name = _("kursus selesai")
        verbose_name_plural = _("kursus selesai")
        constraints = [
            models.UniqueConstraint(fields=["user", "course"], name="elearning_completed_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.course_id}"
