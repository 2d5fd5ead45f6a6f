"""The public-service catalogue: each service with its standard (PermenPAN-RB 15/2014).

A standard has 14 components: six on delivering the service to the public (penyampaian
pelayanan) and eight on managing it inside the agency (pengelolaan pelayanan).
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from balaikota.core.models import TimeStampedModel

# Paths beside the services' own under /layanan/ and /api/v1/layanan/.
RESERVED_SLUGS = frozenset({"opd", "peristiwa", "lokasi"})


def validate_service_slug(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(_("Slug ini dipakai oleh halaman lain; pilih slug lain."))


class LifeEvent(models.Model):
    """A moment in a citizen's life (a child is born, moving house…) and the services it needs."""

    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    name = models.CharField(_("nama"), max_length=100)
    description = models.CharField(_("keterangan"), max_length=250, blank=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("peristiwa kehidupan")
        verbose_name_plural = _("peristiwa kehidupan")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("catalogue:life_event", kwargs={"slug": self.slug})


class ServiceLocation(models.Model):
    """Where a citizen goes: an office, a kecamatan, the public service mall (MPP)."""

    class Kind(models.TextChoices):
        DINAS = "dinas", _("Kantor dinas/badan")
        KECAMATAN = "kecamatan", _("Kantor kecamatan")
        MPP = "mpp", _("Mal Pelayanan Publik")
        PUSKESMAS = "puskesmas", _("Puskesmas")
        OTHER = "lainnya", _("Lainnya")

    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    name = models.CharField(_("nama"), max_length=150)
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    opd = models.ForeignKey(
        "organization.Opd",
        verbose_name=_("OPD"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="service_locations",
    )
    address = models.TextField(_("alamat"))
    opening_hours = models.TextField(_("jam layanan"), help_text=_("Satu baris per hari/rentang."))
    phone = models.CharField(_("telepon"), max_length=40, blank=True)
    latitude = models.DecimalField(_("lintang"), max_digits=9, decimal_places=6)
    longitude = models.DecimalField(_("bujur"), max_digits=9, decimal_places=6)
    note = models.CharField(_("catatan"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("lokasi layanan")
        verbose_name_plural = _("lokasi layanan")
        ordering = ["kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__gte=-90, latitude__lte=90)
                & Q(longitude__gte=-180, longitude__lte=180),
                name="catalogue_location_coordinates",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def map_url(self) -> str:
        """A link to the place on OpenStreetMap: nothing is loaded from a third party until the
        citizen follows it."""
        return f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}#map=17/{self.latitude}/{self.longitude}"


class ServiceCharter(models.Model):
    """An OPD's maklumat pelayanan: its public promise to serve to the standard."""

    opd = models.OneToOneField(
        "organization.Opd",
        verbose_name=_("OPD"),
        on_delete=models.CASCADE,
        related_name="service_charter",
    )
    text = models.TextField(_("isi maklumat"))
    decree_number = models.CharField(_("nomor penetapan"), max_length=150, blank=True)
    decree_date = models.DateField(_("tanggal penetapan"), null=True, blank=True)

    class Meta:
        verbose_name = _("maklumat pelayanan")
        verbose_name_plural = _("maklumat pelayanan")

    def __str__(self) -> str:
        return str(self.opd)


class PublicService(TimeStampedModel):
    opd = models.ForeignKey(
        "organization.Opd",
        verbose_name=_("OPD penyelenggara"),
        on_delete=models.PROTECT,
        related_name="public_services",
    )
    name = models.CharField(_("nama layanan"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, validators=[validate_service_slug]
    )
    summary = models.TextField(_("ringkasan"), blank=True)
    is_online = models.BooleanField(_("dapat diajukan daring"), default=True)
    is_active = models.BooleanField(_("aktif"), default=True)
    online_url = models.URLField(
        _("alamat pengajuan daring di sistem lain"),
        blank=True,
        help_text=_("Misalnya OSS atau SIMBG, bila layanan diajukan di sana."),
    )
    is_demo_content = models.BooleanField(
        _("konten contoh"),
        default=False,
        help_text=_("Teks contoh dari data demo, belum dari SK OPD: halaman layanan menyebutnya."),
    )
    keywords = models.TextField(
        _("kata yang diketik warga"),
        blank=True,
        help_text=_("Satu per baris: nama lama, singkatan, sebutan sehari-hari (mis. akte lahir)."),
    )
    life_events = models.ManyToManyField(
        LifeEvent, verbose_name=_("peristiwa kehidupan"), blank=True, related_name="services"
    )
    locations = models.ManyToManyField(
        ServiceLocation, verbose_name=_("lokasi layanan"), blank=True, related_name="services"
    )

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

    # The search index (balaikota.catalogue.search): stems, space-separated and space-padded,
    # by field weight. Written by services.service_search_index only.
    search_name = models.TextField(editable=False, default="")
    search_terms = models.TextField(editable=False, default="")
    search_body = models.TextField(editable=False, default="")

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


class ServiceStandardVersion(models.Model):
    """One decree's version of a service's standard, kept whole after a newer decree replaces it.

    ``content`` is the standard as published: the 14 components' fields of ``PublicService``
    (``STANDARD_FIELDS``) and the requirement rows. The service's own fields are the version in
    force; older versions stay readable at /layanan/<slug>/versi/<number>/.
    """

    #: The service's fields a version keeps: the 14 components and their notes.
    STANDARD_FIELDS = (
        "requirements",
        "procedure",
        "service_time_days",
        "service_time_note",
        "fee",
        "fee_note",
        "product",
        "complaint_handling",
        "legal_basis",
        "facilities",
        "staff_competence",
        "internal_supervision",
        "staff_count",
        "service_guarantee",
        "security_guarantee",
        "performance_evaluation",
    )

    service = models.ForeignKey(
        PublicService,
        verbose_name=_("layanan"),
        on_delete=models.CASCADE,
        related_name="standard_versions",
    )
    number = models.PositiveSmallIntegerField(_("versi ke"))
    decree_number = models.CharField(_("nomor SK standar pelayanan"), max_length=150)
    decree_date = models.DateField(_("tanggal SK"), null=True, blank=True)
    effective_date = models.DateField(_("tanggal berlaku"))
    content = models.JSONField(_("isi standar"), editable=False)
    published_at = models.DateTimeField(_("diterbitkan"), auto_now_add=True)
    published_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("diterbitkan oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("versi standar pelayanan")
        verbose_name_plural = _("versi standar pelayanan")
        ordering = ["service", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["service", "number"], name="catalogue_standard_version_number"
            ),
            models.UniqueConstraint(
                fields=["service", "decree_number"], name="catalogue_standard_version_decree"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service} — {self.decree_number}"

    def get_absolute_url(self) -> str:
        return reverse(
            "catalogue:version", kwargs={"slug": self.service.slug, "number": self.number}
        )


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


class SearchSynonym(models.Model):
    """What citizens type (an old name, a spelling, a colloquial word) and the catalogue's words
    for it; applied to every search, edited by the platform admin."""

    term = models.CharField(
        _("yang diketik warga"),
        max_length=100,
        unique=True,
        help_text=_("Satu kata atau frasa, mis. akte, imb, kartu kuning."),
    )
    replacement = models.CharField(
        _("kata dalam katalog"),
        max_length=250,
        help_text=_("Kata-kata yang dicari sebagai gantinya, mis. persetujuan bangunan gedung."),
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("sinonim pencarian")
        verbose_name_plural = _("sinonim pencarian")
        ordering = ["term"]

    def __str__(self) -> str:
        return f"{self.term} → {self.replacement}"


class SearchTerm(models.Model):
    """A word of the active catalogue with its stem and how many services hold that stem: the
    vocabulary typing errors are corrected against, and the weights of the ranking."""

    word = models.CharField(max_length=100, unique=True)
    stem = models.CharField(max_length=100, db_index=True)
    service_count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("kosakata pencarian")
        verbose_name_plural = _("kosakata pencarian")

    def __str__(self) -> str:
        return self.word
