"""The public-service catalogue: each service with its standard (PermenPAN-RB 15/2014).

A standard has 14 components: six on delivering the service to the public (penyampaian
pelayanan) and eight on managing it inside the agency (pengelolaan pelayanan).
"""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from balaikota.core.models import TimeStampedModel


class PublicService(TimeStampedModel):
    opd = models.ForeignKey(
        "organization.Opd",
        verbose_name=_("OPD penyelenggara"),
        on_delete=models.PROTECT,
        related_name="public_services",
    )
    name = models.CharField(_("nama layanan"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    summary = models.TextField(_("ringkasan"), blank=True)
    is_online = models.BooleanField(_("dapat diajukan daring"), default=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    # Penyampaian pelayanan (service delivery), components 1–6.
    requirements = models.TextField(_("persyaratan"))
    procedure = models.TextField(_("sistem, mekanisme dan prosedur"))
    service_time_days = models.PositiveSmallIntegerField(
        _("jangka waktu penyelesaian (hari kerja)"), validators=[MinValueValidator(1)]
    )
    service_time_note = models.CharField(_("keterangan jangka waktu"), max_length=250, blank=True)
    fee = models.DecimalField(
        _("biaya/tarif (Rp)"),
        max_digits=12,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    fee_note = models.CharField(_("keterangan biaya"), max_length=250, blank=True)
    product = models.TextField(_("produk pelayanan"))
    complaint_handling = models.TextField(_("penanganan pengaduan, saran dan masukan"))

    # Pengelolaan pelayanan (service management), components 7–14.
    legal_basis = models.TextField(_("dasar hukum"))
    facilities = models.TextField(_("sarana, prasarana dan/atau fasilitas"))
    staff_competence = models.TextField(_("kompetensi pelaksana"))
    internal_supervision = models.TextField(_("pengawasan internal"))
    staff_count = models.PositiveIntegerField(_("jumlah pelaksana"), null=True, blank=True)
    service_guarantee = models.TextField(_("jaminan pelayanan"))
    security_guarantee = models.TextField(_("jaminan keamanan dan keselamatan pelayanan"))
    performance_evaluation = models.TextField(_("evaluasi kinerja pelaksana"))

    # The decree (SK) that sets the standard.
    decree_number = models.CharField(_("nomor SK standar pelayanan"), max_length=150, blank=True)
    decree_date = models.DateField(_("tanggal SK"), null=True, blank=True)
    effective_date = models.DateField(_("tanggal berlaku"), null=True, blank=True)

    class Meta:
        verbose_name = _("layanan publik")
        verbose_name_plural = _("layanan publik")
        ordering = ["name"]
        indexes = [models.Index(fields=["is_active", "name"], name="catalogue_active_name_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(fee__gte=0), name="catalogue_fee_not_negative"),
            models.CheckConstraint(
                condition=Q(service_time_days__gte=1), name="catalogue_time_at_least_one_day"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalogue:detail", kwargs={"slug": self.slug})

    @property
    def is_free(self) -> bool:
        return self.fee == 0


class ServiceRequirement(models.Model):
    """One requirement of a service as a row, with what may stand in for it."""

    service = models.ForeignKey(
        PublicService,
        verbose_name=_("layanan"),
        on_delete=models.CASCADE,
        related_name="requirement_items",
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    name = models.CharField(_("persyaratan"), max_length=250)
    description = models.TextField(_("keterangan"), blank=True)
    is_mandatory = models.BooleanField(_("wajib"), default=True)
    substitutes = models.TextField(
        _("pengganti yang diterima"),
        blank=True,
        help_text=_("Misalnya: SPTJM kebenaran data kelahiran (F-2.03)."),
    )

    class Meta:
        verbose_name = _("persyaratan layanan")
        verbose_name_plural = _("persyaratan layanan")
        ordering = ["service", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "name"], name="catalogue_requirement_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return self.name
