"""The satisfaction survey (SKM, PermenPAN-RB 14/2017): invitations, answers, follow-up actions.

A citizen whose application is completed is invited once (``SurveyInvitation``, a random token
in a link); their answer (``SatisfactionSurvey``) rates the nine elements 1–4 and is tied to the
invitation, so one completed application gives at most one answer. OPDs publish what they do
about weak elements (``ImprovementAction``).
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .ikm import ELEMENT_CODES, ELEMENTS

ANSWER_CHOICES = [
    (1, _("Tidak sesuai / tidak baik")),
    (2, _("Kurang sesuai / kurang baik")),
    (3, _("Sesuai / baik")),
    (4, _("Sangat sesuai / sangat baik")),
]


class SurveyInvitation(models.Model):
    token = models.CharField(max_length=64, unique=True)
    service = models.ForeignKey(
        "catalogue.PublicService", on_delete=models.PROTECT, related_name="survey_invitations"
    )
    source_app = models.CharField(max_length=40)
    source_id = models.PositiveBigIntegerField()
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="survey_invitations",
    )
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    expires_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("undangan survei")
        verbose_name_plural = _("undangan survei")
        constraints = [
            models.UniqueConstraint(
                fields=["source_app", "source_id"], name="satisfaction_one_invitation_per_source"
            ),
        ]
        indexes = [models.Index(fields=["service", "created_at"], name="satisfaction_inv_svc_idx")]

    def __str__(self) -> str:
        return f"{self.source_app}:{self.source_id}"


def _answer_field(label):
    return models.PositiveSmallIntegerField(
        label, choices=ANSWER_CHOICES, validators=[MinValueValidator(1), MaxValueValidator(4)]
    )


class SatisfactionSurvey(models.Model):
    """One respondent's answer: the nine elements and, optionally, who they are (for the
    report's respondent profile; never who by name)."""

    class Gender(models.TextChoices):
        MALE = "l", _("Laki-laki")
        FEMALE = "p", _("Perempuan")

    class Education(models.TextChoices):
        SD = "sd", _("SD atau di bawahnya")
        SMP = "smp", _("SMP")
        SMA = "sma", _("SMA/SMK")
        DIPLOMA = "diploma", _("D1–D4")
        S1 = "s1", _("S1")
        S2 = "s2", _("S2 atau di atasnya")

    class Occupation(models.TextChoices):
        ASN = "asn", _("PNS/PPPK/TNI/Polri")
        PRIVATE = "swasta", _("Pegawai swasta")
        SELF = "wirausaha", _("Wirausaha")
        STUDENT = "pelajar", _("Pelajar/mahasiswa")
        OTHER = "lainnya", _("Lainnya")

    service = models.ForeignKey(
        "catalogue.PublicService",
        verbose_name=_("layanan"),
        on_delete=models.PROTECT,
        related_name="satisfaction_surveys",
    )
    opd = models.ForeignKey(
        "organization.Opd",
        verbose_name=_("OPD"),
        on_delete=models.PROTECT,
        related_name="satisfaction_surveys",
    )
    invitation = models.OneToOneField(
        SurveyInvitation, on_delete=models.PROTECT, related_name="answer"
    )
    submitted_at = models.DateTimeField(_("waktu pengisian"), default=timezone.now)
    u1 = _answer_field(ELEMENTS[0][1])
    u2 = _answer_field(ELEMENTS[1][1])
    u3 = _answer_field(ELEMENTS[2][1])
    u4 = _answer_field(ELEMENTS[3][1])
    u5 = _answer_field(ELEMENTS[4][1])
    u6 = _answer_field(ELEMENTS[5][1])
    u7 = _answer_field(ELEMENTS[6][1])
    u8 = _answer_field(ELEMENTS[7][1])
    u9 = _answer_field(ELEMENTS[8][1])
    gender = models.CharField(_("jenis kelamin"), max_length=1, choices=Gender.choices, blank=True)
    age = models.PositiveSmallIntegerField(
        _("usia"), null=True, blank=True, validators=[MinValueValidator(10), MaxValueValidator(110)]
    )
    education = models.CharField(
        _("pendidikan"), max_length=10, choices=Education.choices, blank=True
    )
    occupation = models.CharField(
        _("pekerjaan"), max_length=10, choices=Occupation.choices, blank=True
    )
    suggestion = models.TextField(_("saran"), blank=True, max_length=1000)

    class Meta:
        verbose_name = _("jawaban survei kepuasan")
        verbose_name_plural = _("jawaban survei kepuasan")
        indexes = [
            models.Index(fields=["service", "submitted_at"], name="satisfaction_svc_time_idx"),
            models.Index(fields=["opd", "submitted_at"], name="satisfaction_opd_time_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(**{f"{code}__gte": 1}) & Q(**{f"{code}__lte": 4}),
                name=f"satisfaction_{code}_1_to_4",
            )
            for code in ELEMENT_CODES
        ]

    def __str__(self) -> str:
        return f"{self.service} {self.submitted_at:%Y-%m-%d}"

    @property
    def answers(self) -> list[int]:
        return [getattr(self, code) for code in ELEMENT_CODES]


class ImprovementAction(models.Model):
    """What an OPD does about a weak element (rencana tindak lanjut), published with the IKM."""

    class Status(models.TextChoices):
        PLANNED = "direncanakan", _("Direncanakan")
        IN_PROGRESS = "berjalan", _("Sedang berjalan")
        DONE = "selesai", _("Selesai")

    opd = models.ForeignKey(
        "organization.Opd",
        verbose_name=_("OPD"),
        on_delete=models.PROTECT,
        related_name="improvement_actions",
    )
    service = models.ForeignKey(
        "catalogue.PublicService",
        verbose_name=_("layanan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="improvement_actions",
    )
    element = models.CharField(_("unsur"), max_length=2, choices=ELEMENTS)
    year = models.PositiveSmallIntegerField(_("tahun survei"))
    action = models.TextField(_("tindak lanjut"), max_length=2000)
    target_date = models.DateField(_("target selesai"))
    status = models.CharField(
        _("status"), max_length=15, choices=Status.choices, default=Status.PLANNED
    )
    result = models.TextField(_("hasil"), blank=True, max_length=2000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("tindak lanjut hasil survei")
        verbose_name_plural = _("tindak lanjut hasil survei")
        ordering = ["-year", "opd", "element", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(element__in=list(ELEMENT_CODES)), name="satisfaction_action_element"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.opd} {self.year} {self.element}"
