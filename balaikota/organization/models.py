"""Administrative areas, OPDs and their units, positions, ranks, and the civil servants in them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from balaikota.core.identity import validate_nip
from balaikota.core.models import TimeStampedModel

# --- Administrative areas (idn-area-data 4.0.1, ODbL) ----------------------------------------


class Province(models.Model):
    code = models.CharField(_("kode"), max_length=2, primary_key=True)
    name = models.CharField(_("nama"), max_length=100)

    class Meta:
        verbose_name = _("provinsi")
        verbose_name_plural = _("provinsi")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Regency(models.Model):
    code = models.CharField(_("kode"), max_length=5, primary_key=True)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="regencies")
    name = models.CharField(_("nama"), max_length=100)

    class Meta:
        verbose_name = _("kabupaten/kota")
        verbose_name_plural = _("kabupaten/kota")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class District(models.Model):
    code = models.CharField(_("kode"), max_length=8, primary_key=True)
    regency = models.ForeignKey(Regency, on_delete=models.PROTECT, related_name="districts")
    name = models.CharField(_("nama"), max_length=100)

    class Meta:
        verbose_name = _("kecamatan")
        verbose_name_plural = _("kecamatan")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Village(models.Model):
    code = models.CharField(_("kode"), max_length=13, primary_key=True)
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="villages")
    name = models.CharField(_("nama"), max_length=100)

    class Meta:
        verbose_name = _("kelurahan/desa")
        verbose_name_plural = _("kelurahan/desa")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


# --- Agencies and their structure --------------------------------------------------------------


class Opd(TimeStampedModel):
    """Organisasi Perangkat Daerah: one agency of the city government."""

    class Kind(models.TextChoices):
        SECRETARIAT = "sekretariat", _("Sekretariat")
        INSPECTORATE = "inspektorat", _("Inspektorat")
        DINAS = "dinas", _("Dinas")
        BADAN = "badan", _("Badan")
        KECAMATAN = "kecamatan", _("Kecamatan")
        KELURAHAN = "kelurahan", _("Kelurahan")
        HOSPITAL = "rsud", _("Rumah sakit daerah")
        OTHER = "lainnya", _("Lainnya")

    code = models.SlugField(_("kode"), max_length=30, unique=True)
    name = models.CharField(_("nama"), max_length=200, unique=True)
    short_name = models.CharField(_("singkatan"), max_length=40)
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    regency = models.ForeignKey(
        Regency, verbose_name=_("kabupaten/kota"), on_delete=models.PROTECT, related_name="opds"
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("kecamatan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opds",
        help_text=_("Untuk kantor kecamatan: kecamatan yang dilayaninya."),
    )
    address = models.CharField(_("alamat"), max_length=250, blank=True)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("OPD")
        verbose_name_plural = _("OPD")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Unit(TimeStampedModel):
    """An organisational unit inside an OPD; the OPD itself is the root unit."""

    opd = models.ForeignKey(
        Opd, verbose_name=_("OPD"), on_delete=models.CASCADE, related_name="units"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("unit induk"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    name = models.CharField(_("nama"), max_length=200)
    code = models.CharField(_("kode"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        ordering = ["opd__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["opd", "parent", "name"], name="organization_unit_unique_name"
            ),
            models.UniqueConstraint(
                fields=["opd"],
                condition=models.Q(parent__isnull=True),
                name="organization_unit_one_root_per_opd",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.parent_id and self.parent.opd_id != self.opd_id:
            raise ValidationError({"parent": _("Unit induk harus berada di OPD yang sama.")})
        node, seen = self.parent, {self.pk}
        while node is not None:
            if node.pk in seen:
                raise ValidationError({"parent": _("Hierarki unit tidak boleh melingkar.")})
            seen.add(node.pk)
            node = node.parent


class Rank(models.Model):
    """Golongan/ruang for PNS (I/a–IV/e) and grades for PPPK (I–XVII)."""

    class Scheme(models.TextChoices):
        PNS = "pns", _("PNS (golongan/ruang)")
        PPPK = "pppk", _("PPPK (golongan)")

    code = models.CharField(_("kode"), max_length=10)
    scheme = models.CharField(_("skema"), max_length=4, choices=Scheme.choices)
    title = models.CharField(_("pangkat"), max_length=60, blank=True)
    order = models.PositiveSmallIntegerField(_("urutan"))

    class Meta:
        verbose_name = _("golongan")
        verbose_name_plural = _("golongan")
        ordering = ["scheme", "order"]
        constraints = [
            models.UniqueConstraint(
                fields=["scheme", "code"], name="organization_rank_unique_code"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.code})" if self.title else self.code


class Position(TimeStampedModel):
    """A jabatan in a unit. A structural position with ``is_head`` leads its unit."""

    class Kind(models.TextChoices):
        STRUCTURAL = "struktural", _("Struktural")
        FUNCTIONAL = "fungsional", _("Fungsional")
        EXECUTOR = "pelaksana", _("Pelaksana")

    class Echelon(models.TextChoices):
        IIA = "II.a", "II.a"
        IIB = "II.b", "II.b"
        IIIA = "III.a", "III.a"
        IIIB = "III.b", "III.b"
        IVA = "IV.a", "IV.a"
        IVB = "IV.b", "IV.b"

    unit = models.ForeignKey(
        Unit, verbose_name=_("unit kerja"), on_delete=models.CASCADE, related_name="positions"
    )
    name = models.CharField(_("nama jabatan"), max_length=200)
    kind = models.CharField(_("jenis jabatan"), max_length=12, choices=Kind.choices)
    echelon = models.CharField(_("eselon"), max_length=5, choices=Echelon.choices, blank=True)
    is_head = models.BooleanField(_("kepala unit"), default=False)

    class Meta:
        verbose_name = _("jabatan")
        verbose_name_plural = _("jabatan")
        ordering = ["unit__name", "-is_head", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit"],
                condition=models.Q(is_head=True),
                name="organization_one_head_per_unit",
            ),
            models.CheckConstraint(
                condition=models.Q(echelon="") | models.Q(kind="struktural"),
                name="organization_echelon_only_structural",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Employee(TimeStampedModel):
    """A civil servant (PNS or PPPK) with a position in a unit."""

    class EmploymentType(models.TextChoices):
        PNS = "pns", _("PNS")
        PPPK = "pppk", _("PPPK")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("akun"),
        on_delete=models.PROTECT,
        related_name="employee",
    )
    nip = models.CharField(_("NIP"), max_length=18, unique=True, validators=[validate_nip])
    full_name = models.CharField(_("nama lengkap"), max_length=150)
    employment_type = models.CharField(
        _("jenis kepegawaian"), max_length=4, choices=EmploymentType.choices
    )
    rank = models.ForeignKey(
        Rank, verbose_name=_("golongan"), on_delete=models.PROTECT, null=True, blank=True
    )
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit kerja"), on_delete=models.PROTECT, related_name="employees"
    )
    position = models.ForeignKey(
        Position, verbose_name=_("jabatan"), on_delete=models.PROTECT, related_name="holders"
    )
    supervisor_override = models.ForeignKey(
        "self",
        verbose_name=_("atasan langsung (penetapan khusus)"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Kosongkan agar atasan langsung diturunkan dari hierarki unit."),
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("pegawai ASN")
        verbose_name_plural = _("pegawai ASN")
        ordering = ["full_name"]
        indexes = [models.Index(fields=["unit", "is_active"])]

    def __str__(self) -> str:
        return f"{self.full_name} ({self.nip})"

    def clean(self) -> None:
        if self.position_id and self.unit_id and self.position.unit_id != self.unit_id:
            raise ValidationError({"position": _("Jabatan harus berada di unit kerja pegawai.")})
        if self.rank_id and self.employment_type and self.rank.scheme != self.employment_type:
            raise ValidationError({"rank": _("Golongan tidak sesuai dengan jenis kepegawaian.")})
        if self.supervisor_override_id and self.supervisor_override_id == self.pk:
            raise ValidationError(
                {"supervisor_override": _("Pegawai tidak dapat menjadi atasannya sendiri.")}
            )
