"""Official letters (naskah dinas): their kinds and archive codes as data, the letter with its
route of initials (paraf), every saved version, its recipients and their read receipts.

A letter is drafted in an OPD, initialled by the verifiers of its route in order, signed by the
holder of its signer position (numbered on signing), then delivered to the inboxes of its
internal addressees; tembusan recipients are informed.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balaikota.core.models import TimeStampedModel, WorkflowEvent


class LetterKind(models.Model):
    """A kind of naskah dinas (Permendagri 1/2023) and the fields its template needs."""

    class Group(models.TextChoices):
        DIRECTIVE = "arahan", _("Naskah dinas arahan")
        CORRESPONDENCE = "korespondensi", _("Naskah dinas korespondensi")
        SPECIAL = "khusus", _("Naskah dinas khusus")

    class Layout(models.TextChoices):
        MEMO = "memo", _("Nota (Yth./Dari/Hal di kepala naskah)")
        LETTER = "surat", _("Surat (Nomor/Sifat/Lampiran/Hal, lalu Yth.)")
        DOCUMENT = "naskah", _("Naskah berjudul (judul dan nomor di tengah)")

    code = models.SlugField(_("kode"), max_length=40, unique=True)
    name = models.CharField(_("nama"), max_length=80)
    group = models.CharField(_("golongan"), max_length=20, choices=Group.choices)
    layout = models.CharField(_("tata letak"), max_length=10, choices=Layout.choices)
    uses_addressees = models.BooleanField(_("memakai tujuan (Yth.)"), default=True)
    uses_external = models.BooleanField(_("boleh ditujukan ke luar Pemkot"), default=False)
    uses_copies = models.BooleanField(_("memakai tembusan"), default=True)
    uses_attributes = models.BooleanField(_("memakai sifat dan lampiran"), default=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("jenis naskah dinas")
        verbose_name_plural = _("jenis naskah dinas")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Classification(models.Model):
    """An archive classification code (Permendagri 83/2022) with its retention (JRA)."""

    class Disposition(models.TextChoices):
        DESTROY = "musnah", _("Musnah")
        PERMANENT = "permanen", _("Permanen")
        REVIEW = "dinilai_kembali", _("Dinilai kembali")

    code = models.CharField(_("kode"), max_length=20, unique=True)
    name = models.CharField(_("nama"), max_length=200)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("induk"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    active_years = models.PositiveSmallIntegerField(_("retensi aktif (tahun)"), default=2)
    inactive_years = models.PositiveSmallIntegerField(_("retensi inaktif (tahun)"), default=3)
    final_disposition = models.CharField(
        _("keterangan akhir"), max_length=20, choices=Disposition.choices
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("klasifikasi arsip")
        verbose_name_plural = _("klasifikasi arsip")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class OpdLetterSetting(models.Model):
    """How an OPD numbers its letters and names itself in the number."""

    DEFAULT_FORMAT = "{classification}/{seq}/{unit}/{year}"

    opd = models.OneToOneField(
        "organization.Opd",
        verbose_name=_("OPD"),
        on_delete=models.CASCADE,
        related_name="letter_setting",
    )
    number_format = models.CharField(
        _("format nomor"),
        max_length=100,
        default=DEFAULT_FORMAT,
        help_text=_("Misalnya {classification}/{seq}/{unit}/{year} → 000.1/12/DISKOMINFO/2026."),
    )
    unit_code = models.CharField(_("kode unit dalam nomor"), max_length=30)
    letterhead_address = models.CharField(_("alamat pada kop"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("pengaturan naskah OPD")
        verbose_name_plural = _("pengaturan naskah OPD")

    def __str__(self) -> str:
        return f"{self.opd_id}: {self.number_format}"

    def clean(self) -> None:
        from . import integrations  # the numbering's own check, before the first signature

        integrations.number_format_validate(self.number_format)


class Status(models.TextChoices):
    DRAFT = "draft", _("Konsep")
    IN_REVIEW = "in_review", _("Menunggu paraf")
    RETURNED = "returned", _("Dikembalikan")
    READY = "ready", _("Siap ditandatangani")
    SIGNING = "signing", _("Sedang ditandatangani")
    SIGNED = "signed", _("Ditandatangani")
    SENT = "sent", _("Terkirim")
    CANCELLED = "cancelled", _("Dibatalkan")


EDITABLE_STATES = (Status.DRAFT, Status.RETURNED)


class SecurityClass(models.TextChoices):
    ORDINARY = "biasa", _("Biasa")
    LIMITED = "terbatas", _("Terbatas")
    SECRET = "rahasia", _("Rahasia")
    TOP_SECRET = "sangat_rahasia", _("Sangat Rahasia")


CONFIDENTIAL = (SecurityClass.SECRET, SecurityClass.TOP_SECRET)


class Urgency(models.TextChoices):
    ORDINARY = "biasa", _("Biasa")
    URGENT = "segera", _("Segera")
    VERY_URGENT = "sangat_segera", _("Sangat Segera")


class Letter(TimeStampedModel):
    opd = models.ForeignKey(
        "organization.Opd", verbose_name=_("OPD"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.ForeignKey(LetterKind, verbose_name=_("jenis naskah"), on_delete=models.PROTECT)
    classification = models.ForeignKey(
        Classification, verbose_name=_("klasifikasi"), on_delete=models.PROTECT
    )
    subject = models.CharField(_("hal"), max_length=250)
    body = models.TextField(_("isi"))  # sanitised HTML (core.richtext) on every write
    security_class = models.CharField(
        _("sifat"), max_length=20, choices=SecurityClass.choices, default=SecurityClass.ORDINARY
    )
    urgency = models.CharField(
        _("kesegeraan"), max_length=20, choices=Urgency.choices, default=Urgency.ORDINARY
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    drafter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("konseptor"),
        on_delete=models.PROTECT,
        related_name="drafted_letters",
    )
    signer_position = models.ForeignKey(
        "organization.Position",
        verbose_name=_("jabatan penandatangan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    #: the holder of ``signer_position`` when the letter went to review (who signs it)
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penandatangan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    #: whose paraf the letter waits for (denormalised from the route for the work queue)
    current_verifier = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("menunggu paraf"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("versi"), default=1)
    number = models.CharField(_("nomor"), max_length=100, blank=True)
    #: the number reserved on signing (a cancelled one stays in the register with its reason)
    issued_number = models.ForeignKey(
        "documents.IssuedNumber",
        verbose_name=_("nomor register"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    dated = models.DateField(_("tanggal naskah"), null=True, blank=True)
    document = models.ForeignKey(
        "documents.IssuedDocument",
        verbose_name=_("dokumen"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    signed_at = models.DateTimeField(_("waktu tanda tangan"), null=True, blank=True)
    sent_at = models.DateTimeField(_("waktu kirim"), null=True, blank=True)
    submit_key = models.CharField(max_length=64, blank=True)
    #: stems of the number, subject and body (catalogue search analysis), space-padded; written
    #: by the services on every change of those (``services.letter_search_index``). PostgreSQL
    #: keeps a generated tsvector of it with a GIN index (migration), SQLite searches it by LIKE.
    search_text = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("naskah dinas")
        verbose_name_plural = _("naskah dinas")
        indexes = [
            models.Index(fields=["current_verifier", "status"], name="eoffice_verifier_idx"),
            models.Index(fields=["signer", "status"], name="eoffice_signer_idx"),
            models.Index(fields=["drafter", "-updated_at"], name="eoffice_drafter_idx"),
            # Search, newest first: the signer's letters, the records clerk's OPD, and every
            # letter (walked backwards with a filter when the words are common).
            models.Index(fields=["signer", "-created_at"], name="eoffice_signer_created_idx"),
            models.Index(fields=["-created_at"], name="eoffice_created_idx"),
            models.Index(fields=["opd", "-created_at"], name="eoffice_opd_created_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=Status.values), name="eoffice_status"),
            models.UniqueConstraint(
                fields=["drafter", "submit_key"],
                condition=~Q(submit_key=""),
                name="eoffice_one_letter_per_submit_key",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind_id}: {self.subject[:80]}"

    def get_absolute_url(self) -> str:
        return reverse("eoffice:detail", kwargs={"pk": self.pk})

    @property
    def is_confidential(self) -> bool:
        return self.security_class in CONFIDENTIAL

    # What the pages show of the state (the rules that act on it are the workflow's).
    @property
    def is_urgent(self) -> bool:
        return self.urgency != Urgency.ORDINARY

    @property
    def badge(self) -> str:
        """The badge classes of the state."""
        return {
            Status.SENT: "text-bg-success",
            Status.RETURNED: "text-bg-warning",
            Status.CANCELLED: "text-bg-secondary",
        }.get(self.status, "text-bg-light border")

    @property
    def has_signed_pdf(self) -> bool:
        return self.document_id is not None and self.document.status == "signed"


class RouteStep(models.Model):
    """One verifier of the letter's paraf chain, in order."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="route")
    order = models.PositiveSmallIntegerField(_("urutan"))
    verifier = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("pemaraf"), on_delete=models.PROTECT
    )
    initialled_at = models.DateTimeField(_("waktu paraf"), null=True, blank=True)
    comment = models.CharField(_("catatan"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("pemaraf")
        verbose_name_plural = _("pemaraf")
        ordering = ["letter", "order"]
        constraints = [
            models.UniqueConstraint(fields=["letter", "order"], name="eoffice_route_order"),
            models.UniqueConstraint(fields=["letter", "verifier"], name="eoffice_route_once"),
        ]

    def __str__(self) -> str:
        return f"{self.letter_id}#{self.order} {self.verifier_id}"


class Recipient(models.Model):
    """An addressee (Yth.) or a tembusan: a person, a position, a whole unit, or outside."""

    class Role(models.TextChoices):
        TO = "to", _("Kepada")
        COPY = "cc", _("Tembusan")

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="recipients")
    role = models.CharField(max_length=2, choices=Role.choices)
    order = models.PositiveSmallIntegerField(default=0)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    position = models.ForeignKey(
        "organization.Position", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    unit = models.ForeignKey(
        "organization.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("nama"), max_length=150, blank=True)
    agency = models.CharField(_("instansi"), max_length=150, blank=True)
    address = models.CharField(_("alamat"), max_length=250, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("tujuan naskah")
        verbose_name_plural = _("tujuan naskah")
        ordering = ["letter", "role", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(user__isnull=False, position__isnull=True, unit__isnull=True)
                    | Q(user__isnull=True, position__isnull=False, unit__isnull=True)
                    | Q(user__isnull=True, position__isnull=True, unit__isnull=False)
                    | (Q(user__isnull=True, position__isnull=True, unit__isnull=True) & ~Q(name=""))
                ),
                name="eoffice_recipient_one_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.letter_id} {self.role} {self.user_id or self.position_id or self.unit_id or self.name}"

    @property
    def is_external(self) -> bool:
        return not (self.user_id or self.position_id or self.unit_id)


class LetterVersion(models.Model):
    """One saved state of the letter's text, kept whole for the differences view."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("versi"))
    subject = models.CharField(_("hal"), max_length=250)
    body = models.TextField(_("isi"))
    details = models.JSONField(_("rincian"), default=dict)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    saved_at = models.DateTimeField(_("waktu simpan"), default=timezone.now)

    class Meta:
        verbose_name = _("versi naskah")
        verbose_name_plural = _("versi naskah")
        ordering = ["letter", "number"]
        constraints = [
            models.UniqueConstraint(fields=["letter", "number"], name="eoffice_version_once"),
        ]

    def __str__(self) -> str:
        return f"{self.letter_id} v{self.number}"


class LetterAttachment(models.Model):
    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="eoffice/%Y/%m/")
    content_type = models.CharField(max_length=50)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    original_name = models.CharField(max_length=150)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("lampiran naskah")
        verbose_name_plural = _("lampiran naskah")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name


class Delivery(models.Model):
    """The letter in one person's inbox, with the read receipt the drafter sees."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="deliveries")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="letter_deliveries"
    )
    role = models.CharField(max_length=2, choices=Recipient.Role.choices)
    delivered_at = models.DateTimeField(_("waktu terima"), default=timezone.now)
    read_at = models.DateTimeField(_("waktu dibaca"), null=True, blank=True)

    class Meta:
        verbose_name = _("penerimaan naskah")
        verbose_name_plural = _("penerimaan naskah")
        ordering = ["letter", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["letter", "recipient"], name="eoffice_delivery_once"),
        ]
        indexes = [
            models.Index(fields=["recipient", "read_at", "-delivered_at"], name="eoffice_inbox_idx")
        ]

    def __str__(self) -> str:
        return f"{self.letter_id} → {self.recipient_id}"


class LetterEvent(WorkflowEvent):
    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="events")

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("riwayat naskah")
        verbose_name_plural = _("riwayat naskah")


# ── Collaboration ──


class CommentStatus(models.TextChoices):
    POSTED = "posted", _("Terkirim")
    DELETED = "deleted", _("Dihapus")


class LetterComment(models.Model):
    """One message of the conversation on a letter: plain text with @NIP mentions. Never part
    of the signed document; kept after signing; deleting hides the text (the row stays)."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penulis"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    text = models.TextField(_("komentar"))
    mentions = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("disebut"), blank=True, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CommentStatus.choices, default=CommentStatus.POSTED
    )
    created_at = models.DateTimeField(_("waktu"), default=timezone.now)
    edited_at = models.DateTimeField(_("waktu diubah"), null=True, blank=True)
    submit_key = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("komentar naskah")
        verbose_name_plural = _("komentar naskah")
        ordering = ["letter", "created_at", "pk"]
        indexes = [models.Index(fields=["letter", "created_at"], name="eoffice_comment_letter_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=CommentStatus.values), name="eoffice_comment_status"
            ),
            models.UniqueConstraint(
                fields=["author", "submit_key"],
                condition=~Q(submit_key=""),
                name="eoffice_one_comment_per_submit_key",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.letter_id}: {self.text[:60]}"

    @property
    def is_deleted(self) -> bool:
        return self.status == CommentStatus.DELETED


class LetterCommentEvent(WorkflowEvent):
    """Posting, editing (the reason keeps the text before the edit) and deleting a comment."""

    comment = models.ForeignKey(LetterComment, on_delete=models.CASCADE, related_name="events")

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("riwayat komentar")
        verbose_name_plural = _("riwayat komentar")
