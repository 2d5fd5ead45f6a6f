"""Official letters (naskah dinas): their kinds and archive codes as data, the letter with its
route of initials (paraf), every saved version, its recipients and their read receipts.

A letter is drafted in an OPD, initialled by the verifiers of its route in order, signed by the
holder of its signer position (numbered on signing), then delivered to the inboxes of its
internal addressees; tembusan recipients are informed.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
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
    #: signing "a.n."/"u.b." another post, as configured (None: in the signer's own name)
    mandate = models.ForeignKey(
        "SigningMandate",
        verbose_name=_("tanda tangan atas nama"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    #: "plt"/"plh" when ``signer`` acts for ``signer_position`` (set on submit, again on signing)
    signer_acting = models.CharField(_("penandatangan sebagai"), max_length=3, blank=True)
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
            # The "sent" tab (selectors.sent): a person's sent letters newest first, and their
            # count, from the index alone (bench/eoffice_bench.py: 1.7 s → ms for the Sekda).
            models.Index(
                fields=["signer", "-sent_at"],
                condition=Q(status="sent"),
                name="eoffice_sent_signer_idx",
            ),
            models.Index(
                fields=["drafter", "-sent_at"],
                include=["signer"],
                condition=Q(status="sent"),
                name="eoffice_sent_drafter_idx",
            ),
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
        # a destroyed letter's document keeps its status, its files are gone (archive)
        return (
            self.document_id is not None
            and self.document.status == "signed"
            and bool(self.document.signed_file)
        )


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
    #: who read it when not the recipient: their delegate while they were away
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibaca oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("penerimaan naskah")
        verbose_name_plural = _("penerimaan naskah")
        ordering = ["letter", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["letter", "recipient"], name="eoffice_delivery_once"),
        ]
        indexes = [
            # In the inbox's own order (unread first, then the latest read; newest delivered
            # first within): a page is read from the index, not sorted out of every delivery
            # (52,000 for the Sekda in bench/eoffice_bench.py). PostgreSQL puts NULLs first in a
            # descending index, which is the order selectors.received asks for.
            models.Index(
                fields=["recipient", "-read_at", "-delivered_at", "-id"],
                name="eoffice_inbox_order_idx",
            )
        ]

    def __str__(self) -> str:
        return f"{self.letter_id} → {self.recipient_id}"


class LetterEvent(WorkflowEvent):
    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="events")
    #: the person in whose name ``actor`` acted (a delegation), None when in their own
    on_behalf_of = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("atas nama"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("riwayat naskah")
        verbose_name_plural = _("riwayat naskah")


class Dispatch(TimeStampedModel):
    """A signed letter on its way to one outside addressee — a row of the OPD's outgoing
    register (buku agenda surat keluar): by e-mail with the signed PDF attached, or by courier
    (the signed PDF printed and handed over, with who took it)."""

    class Method(models.TextChoices):
        EMAIL = "email", _("E-mail")
        COURIER = "kurir", _("Kurir")

    class State(models.TextChoices):
        QUEUED = "antre", _("Dalam antrean e-mail")
        SENT = "terkirim", _("Terkirim lewat e-mail")
        FAILED = "gagal", _("Gagal dikirim")
        WAITING = "menunggu_kurir", _("Menunggu kurir")
        HANDED = "diserahkan", _("Diserahkan ke kurir")

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="dispatches")
    recipient = models.ForeignKey(
        Recipient, verbose_name=_("tujuan"), on_delete=models.PROTECT, related_name="+"
    )
    method = models.CharField(_("cara kirim"), max_length=10, choices=Method.choices)
    status = models.CharField(_("status"), max_length=20, choices=State.choices)
    attempts = models.PositiveSmallIntegerField(_("jumlah percobaan"), default=0)
    error = models.CharField(_("galat terakhir"), max_length=500, blank=True)
    sent_at = models.DateTimeField(_("waktu kirim"), null=True, blank=True)
    courier = models.CharField(_("nama kurir"), max_length=150, blank=True)
    handed_note = models.CharField(_("catatan serah terima"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("pengiriman keluar")
        verbose_name_plural = _("pengiriman keluar")
        ordering = ["letter", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["letter", "recipient"], name="eoffice_dispatch_once"),
            models.CheckConstraint(
                condition=Q(
                    status__in=["antre", "terkirim", "gagal", "menunggu_kurir", "diserahkan"]
                ),
                name="eoffice_dispatch_status",
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"], name="eoffice_dispatch_idx")]

    def __str__(self) -> str:
        return f"{self.letter_id} → {self.recipient_id} ({self.method})"

    @property
    def is_done(self) -> bool:
        return self.status in (self.State.SENT, self.State.HANDED)

    @property
    def needs_printing(self) -> bool:
        """A courier copy not yet handed over: the clerk prints the signed PDF."""
        return self.status == self.State.WAITING

    @property
    def badge(self) -> str:
        if self.is_done:
            return "text-bg-success"
        if self.status == self.State.FAILED:
            return "text-bg-danger"
        return "text-bg-warning"


class DispatchEvent(WorkflowEvent):
    dispatch = models.ForeignKey(Dispatch, on_delete=models.CASCADE, related_name="events")

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("riwayat pengiriman")
        verbose_name_plural = _("riwayat pengiriman")


# ── Incoming letters and dispositions ──


class DispositionInstruction(models.Model):
    """One instruction a head may tick on a disposition ("Tanggapan dan saran"…): data."""

    name = models.CharField(_("petunjuk"), max_length=80, unique=True)
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("petunjuk disposisi")
        verbose_name_plural = _("petunjuk disposisi")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class IncomingStatus(models.TextChoices):
    REGISTERED = "registered", _("Menunggu disposisi")
    IN_PROGRESS = "in_progress", _("Dalam tindak lanjut")
    DONE = "done", _("Selesai")


class IncomingLetter(TimeStampedModel):
    """An external letter the records clerk (TU) registered, with its agenda number from the
    OPD's incoming register, addressed to a position (its holder disposes it)."""

    opd = models.ForeignKey(
        "organization.Opd", verbose_name=_("OPD"), on_delete=models.PROTECT, related_name="+"
    )
    agenda_number = models.CharField(_("nomor agenda"), max_length=100)
    issued_number = models.ForeignKey(
        "documents.IssuedNumber",
        verbose_name=_("nomor register"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    sender_name = models.CharField(_("nama pengirim"), max_length=150)
    sender_agency = models.CharField(_("instansi pengirim"), max_length=150, blank=True)
    sender_number = models.CharField(_("nomor surat"), max_length=100)
    sender_date = models.DateField(_("tanggal surat"))
    received_on = models.DateField(_("tanggal diterima"))
    #: sender and number, normalised: the same letter is registered once per OPD
    duplicate_key = models.CharField(max_length=300)
    subject = models.CharField(_("hal"), max_length=250)
    classification = models.ForeignKey(
        Classification, verbose_name=_("klasifikasi"), on_delete=models.PROTECT
    )
    security_class = models.CharField(
        _("sifat"), max_length=20, choices=SecurityClass.choices, default=SecurityClass.ORDINARY
    )
    urgency = models.CharField(
        _("kesegeraan"), max_length=20, choices=Urgency.choices, default=Urgency.ORDINARY
    )
    addressee_position = models.ForeignKey(
        "organization.Position",
        verbose_name=_("ditujukan kepada"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    #: the holder of ``addressee_position`` at registration: who disposes it
    addressee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pendisposisi"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=IncomingStatus.choices,
        default=IncomingStatus.REGISTERED,
    )
    scan = models.FileField(_("pindaian"), upload_to="eoffice/masuk/%Y/%m/")
    scan_content_type = models.CharField(max_length=50)
    scan_size = models.PositiveIntegerField()
    scan_sha256 = models.CharField(max_length=64)
    scan_name = models.CharField(max_length=150)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dicatat oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    submit_key = models.CharField(max_length=64, blank=True)
    #: the letter received on the platform this entry was made from (to dispose it), if any
    source_letter = models.ForeignKey(
        Letter,
        verbose_name=_("naskah asal"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="incoming_entries",
    )

    class Meta:
        verbose_name = _("surat masuk")
        verbose_name_plural = _("surat masuk")
        indexes = [
            models.Index(fields=["opd", "status", "-created_at"], name="eoffice_incoming_opd_idx"),
            models.Index(fields=["addressee", "status"], name="eoffice_incoming_addr_idx"),
            # newest first, as the register and the search page them (bench/eoffice_bench.py)
            models.Index(fields=["opd", "-created_at", "-id"], name="eoffice_incoming_opd_new_idx"),
            models.Index(
                fields=["addressee", "-created_at", "-id"], name="eoffice_incoming_addr_new_idx"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=IncomingStatus.values), name="eoffice_incoming_status"
            ),
            models.UniqueConstraint(
                fields=["opd", "duplicate_key"], name="eoffice_incoming_once_per_opd"
            ),
            models.UniqueConstraint(
                fields=["registered_by", "submit_key"],
                condition=~Q(submit_key=""),
                name="eoffice_incoming_one_per_submit_key",
            ),
            models.UniqueConstraint(
                fields=["source_letter", "addressee"],
                condition=Q(source_letter__isnull=False),
                name="eoffice_incoming_once_per_received_letter",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.agenda_number}: {self.subject[:80]}"

    def get_absolute_url(self) -> str:
        return reverse("eoffice:incoming_detail", kwargs={"pk": self.pk})

    @property
    def is_confidential(self) -> bool:
        return self.security_class in CONFIDENTIAL

    @property
    def is_urgent(self) -> bool:
        return self.urgency != Urgency.ORDINARY

    @property
    def is_done(self) -> bool:
        return self.status == IncomingStatus.DONE

    @property
    def sender_line(self) -> str:
        return ", ".join(p for p in (self.sender_name, self.sender_agency) if p)

    @property
    def badge(self) -> str:
        return {
            IncomingStatus.DONE: "text-bg-success",
            IncomingStatus.REGISTERED: "text-bg-warning",
        }.get(self.status, "text-bg-light border")


class DispositionStatus(models.TextChoices):
    OPEN = "open", _("Perlu ditindaklanjuti")
    CLOSED = "closed", _("Selesai")
    WITHDRAWN = "withdrawn", _("Ditarik")


class Disposition(models.Model):
    """One instruction from a person to someone below them about an incoming letter; the
    recipient may dispose further (``parent``), and closes theirs with a completion report."""

    incoming = models.ForeignKey(
        IncomingLetter, on_delete=models.CASCADE, related_name="dispositions"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pemberi disposisi"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penerima disposisi"),
        on_delete=models.PROTECT,
        related_name="dispositions_received",
    )
    #: the instructions' names as ticked (kept as written even if the list changes later)
    instructions = models.JSONField(_("petunjuk"), default=list)
    note = models.TextField(_("catatan"), blank=True)
    deadline = models.DateField(_("batas waktu"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=DispositionStatus.choices,
        default=DispositionStatus.OPEN,
    )
    created_at = models.DateTimeField(_("waktu disposisi"), default=timezone.now)
    read_at = models.DateTimeField(_("waktu dibaca"), null=True, blank=True)
    #: who read it when not the recipient: their delegate while they were away
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibaca oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("waktu selesai"), null=True, blank=True)
    #: who closed it when not the recipient: their delegate while they were away
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diselesaikan oleh"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(_("waktu ditarik"), null=True, blank=True)
    report = models.TextField(_("laporan tindak lanjut"), blank=True)
    report_file = models.FileField(upload_to="eoffice/disposisi/%Y/%m/", blank=True)
    report_content_type = models.CharField(max_length=50, blank=True)
    report_name = models.CharField(max_length=150, blank=True)
    #: when the recipient's supervisor was told it is overdue (once per disposition)
    escalated_at = models.DateTimeField(_("waktu dieskalasi"), null=True, blank=True)
    submit_key = models.CharField(max_length=64, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("disposisi")
        verbose_name_plural = _("disposisi")
        ordering = ["incoming", "created_at", "pk"]
        indexes = [
            models.Index(fields=["recipient", "status", "deadline"], name="eoffice_disp_queue_idx"),
            models.Index(fields=["status", "deadline"], name="eoffice_disp_overdue_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=DispositionStatus.values), name="eoffice_disp_status"
            ),
            models.CheckConstraint(
                condition=~Q(author=models.F("recipient")), name="eoffice_disp_not_to_self"
            ),
            models.UniqueConstraint(
                fields=["incoming", "recipient"],
                condition=Q(parent__isnull=True) & ~Q(status="withdrawn"),
                name="eoffice_disp_root_once",
            ),
            models.UniqueConstraint(
                fields=["parent", "recipient"],
                condition=Q(parent__isnull=False) & ~Q(status="withdrawn"),
                name="eoffice_disp_child_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.incoming_id}: {self.author_id} → {self.recipient_id}"

    @property
    def is_open(self) -> bool:
        return self.status == DispositionStatus.OPEN

    @property
    def is_closed(self) -> bool:
        return self.status == DispositionStatus.CLOSED

    @property
    def is_withdrawn(self) -> bool:
        return self.status == DispositionStatus.WITHDRAWN

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.deadline is not None and self.deadline < timezone.localdate()


class IncomingLetterEvent(WorkflowEvent):
    incoming = models.ForeignKey(IncomingLetter, on_delete=models.CASCADE, related_name="events")

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("riwayat surat masuk")
        verbose_name_plural = _("riwayat surat masuk")


class DispositionEvent(WorkflowEvent):
    disposition = models.ForeignKey(Disposition, on_delete=models.CASCADE, related_name="events")

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("riwayat disposisi")
        verbose_name_plural = _("riwayat disposisi")


# ── Archive and retention ──
# A letter on legal hold, a disposal proposal (usul musnah) with its items and events, and the
# tombstone a destroyed letter leaves. The retention itself is the classification's (JRA).


class LegalHold(models.Model):
    """A letter kept from disposal (an audit, a case in court) until the hold is lifted."""

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="legal_holds")
    reason = models.CharField(_("alasan penahanan"), max_length=500)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    placed_at = models.DateTimeField(_("ditahan sejak"), default=timezone.now)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    lifted_at = models.DateTimeField(_("dilepas"), null=True, blank=True)
    lift_reason = models.CharField(_("alasan pelepasan"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("penahanan arsip")
        verbose_name_plural = _("penahanan arsip")
        ordering = ["-placed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["letter"],
                condition=Q(lifted_at__isnull=True),
                name="eoffice_one_open_hold_per_letter",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.letter_id}: {self.reason[:60]}"


class DisposalStatus(models.TextChoices):
    DRAFT = "draft", _("Konsep")
    PROPOSED = "proposed", _("Diusulkan")
    RECORDS_APPROVED = "records_ok", _("Disetujui unit kearsipan")
    HEAD_APPROVED = "head_ok", _("Disetujui kepala OPD")
    EXECUTING = "executing", _("Sedang dimusnahkan")
    EXECUTED = "executed", _("Dimusnahkan")
    REJECTED = "rejected", _("Ditolak")


OPEN_DISPOSAL_STATES = (
    DisposalStatus.DRAFT,
    DisposalStatus.PROPOSED,
    DisposalStatus.RECORDS_APPROVED,
    DisposalStatus.HEAD_APPROVED,
    DisposalStatus.EXECUTING,
)


class DisposalProposal(TimeStampedModel):
    """An OPD's proposal to destroy letters whose retention has ended (usul musnah): approved by
    the records unit and the head of the OPD (two people), then executed with a berita acara."""

    opd = models.ForeignKey(
        "organization.Opd", verbose_name=_("OPD"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=DisposalStatus.choices, default=DisposalStatus.DRAFT
    )
    note = models.CharField(_("keterangan"), max_length=500, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pengusul"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    records_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    records_approved_at = models.DateTimeField(null=True, blank=True)
    head_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    head_approved_at = models.DateTimeField(null=True, blank=True)
    executed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    executed_at = models.DateTimeField(null=True, blank=True)
    #: the berita acara pemusnahan: its number and its signed document
    issued_number = models.ForeignKey(
        "documents.IssuedNumber", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    number = models.CharField(_("nomor berita acara"), max_length=100, blank=True)
    document = models.ForeignKey(
        "documents.IssuedDocument",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    submit_key = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("usul musnah arsip")
        verbose_name_plural = _("usul musnah arsip")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=DisposalStatus.values), name="eoffice_disposal_status"
            ),
            models.UniqueConstraint(
                fields=["proposed_by", "submit_key"],
                condition=~Q(submit_key=""),
                name="eoffice_one_disposal_per_submit_key",
            ),
            models.CheckConstraint(
                condition=Q(head_approved_by__isnull=True)
                | ~Q(head_approved_by=models.F("records_approved_by")),
                name="eoffice_disposal_two_people",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.opd_id} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("eoffice:disposal", kwargs={"pk": self.pk})

    @property
    def is_executed(self) -> bool:
        return self.status == DisposalStatus.EXECUTED

    @property
    def badge(self) -> str:
        return {
            DisposalStatus.EXECUTED: "text-bg-success",
            DisposalStatus.REJECTED: "text-bg-secondary",
        }.get(self.status, "text-bg-light border")


class DisposalItem(models.Model):
    """A letter in a proposal; one taken out (a legal hold) keeps its row with the reason."""

    proposal = models.ForeignKey(DisposalProposal, on_delete=models.CASCADE, related_name="items")
    letter = models.ForeignKey(Letter, on_delete=models.PROTECT, related_name="disposal_items")
    removed_at = models.DateTimeField(null=True, blank=True)
    removed_reason = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("arsip usul musnah")
        verbose_name_plural = _("arsip usul musnah")
        ordering = ["proposal", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "letter"], name="eoffice_disposal_once"),
        ]

    def __str__(self) -> str:
        return f"{self.proposal_id}: {self.letter_id}"


class DisposalEvent(WorkflowEvent):
    proposal = models.ForeignKey(DisposalProposal, on_delete=models.CASCADE, related_name="events")

    class Meta(WorkflowEvent.Meta):
        verbose_name = _("riwayat usul musnah")
        verbose_name_plural = _("riwayat usul musnah")


class LetterTombstone(models.Model):
    """What stays of a destroyed letter: its metadata and the berita acara that destroyed it."""

    letter = models.OneToOneField(Letter, on_delete=models.PROTECT, related_name="tombstone")
    proposal = models.ForeignKey(DisposalProposal, on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("nomor"), max_length=100, blank=True)
    dated = models.DateField(_("tanggal naskah"), null=True, blank=True)
    classification_code = models.CharField(_("klasifikasi"), max_length=20)
    retention_basis = models.CharField(_("dasar retensi"), max_length=200)
    record_number = models.CharField(_("nomor berita acara"), max_length=100)
    destroyed_at = models.DateTimeField(_("dimusnahkan"), default=timezone.now)

    class Meta:
        verbose_name = _("jejak arsip musnah")
        verbose_name_plural = _("jejak arsip musnah")

    def __str__(self) -> str:
        return f"{self.number} ({self.record_number})"


# ── Acting officials and delegation ──


class ActingAssignment(TimeStampedModel):
    """A Plt (the post is vacant or its holder long absent) or a Plh (the holder is away for a
    short time) appointed by a decree: for the period, the e-office routes the post's letters to
    this person and the signature block names them "Plt."/"Plh." of the post."""

    class Kind(models.TextChoices):
        PLT = "plt", _("Plt. (Pelaksana Tugas)")
        PLH = "plh", _("Plh. (Pelaksana Harian)")

    position = models.ForeignKey(
        "organization.Position",
        verbose_name=_("jabatan"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    acting = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pejabat pelaksana"),
        on_delete=models.PROTECT,
        related_name="acting_assignments",
    )
    kind = models.CharField(_("jenis"), max_length=3, choices=Kind.choices)
    starts_on = models.DateField(_("mulai"))
    ends_on = models.DateField(_("sampai"))
    decree_number = models.CharField(_("nomor surat penunjukan"), max_length=100)
    note = models.CharField(_("catatan"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    ended_at = models.DateTimeField(_("diakhiri"), null=True, blank=True)

    class Meta:
        verbose_name = _("penugasan Plt/Plh")
        verbose_name_plural = _("penugasan Plt/Plh")
        ordering = ["-starts_on", "pk"]
        indexes = [models.Index(fields=["position", "starts_on", "ends_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__lte=F("ends_on")), name="eoffice_acting_period"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.position_id}: {self.acting_id}"

    @property
    def prefix(self) -> str:
        """How the signature block prefixes the post: "Plt." or "Plh."."""
        return "Plt." if self.kind == self.Kind.PLT else "Plh."

    # What the pages show of the period (today's date decides it).
    @property
    def is_open(self) -> bool:
        """Not ended early and not over: may still be ended."""
        return self.ended_at is None and self.ends_on >= timezone.localdate()

    @property
    def is_in_force(self) -> bool:
        return self.is_open and self.starts_on <= timezone.localdate()

    @property
    def period_label(self) -> str:
        if self.is_in_force:
            return str(_("Berlaku"))
        if self.is_open:
            return str(_("Akan berlaku"))
        return str(_("Berakhir"))

    @property
    def badge(self) -> str:
        if self.is_in_force:
            return "text-bg-success"
        return "text-bg-light border" if self.is_open else "text-bg-secondary"


class SigningMandate(models.Model):
    """A post that may sign letters "a.n." (atas nama) another post — and "u.b." (untuk beliau)
    one level further: ``signer_position`` signs "a.n. principal, / intermediate, / u.b.".
    Empty ``kinds``: every kind of letter."""

    signer_position = models.ForeignKey(
        "organization.Position",
        verbose_name=_("jabatan yang menandatangani"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    principal_position = models.ForeignKey(
        "organization.Position",
        verbose_name=_("atas nama (a.n.) jabatan"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    intermediate_position = models.ForeignKey(
        "organization.Position",
        verbose_name=_("untuk beliau (u.b.) dari jabatan"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Isi untuk penandatanganan u.b.: a.n. pimpinan, jabatan ini, u.b."),
    )
    kinds = models.ManyToManyField(
        LetterKind, verbose_name=_("jenis naskah"), blank=True, related_name="+"
    )
    is_active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        verbose_name = _("kewenangan tanda tangan a.n./u.b.")
        verbose_name_plural = _("kewenangan tanda tangan a.n./u.b.")
        constraints = [
            models.CheckConstraint(
                condition=~Q(signer_position=F("principal_position")),
                name="eoffice_mandate_not_self",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.signer_position} a.n. {self.principal_position}"

    @property
    def is_ub(self) -> bool:
        return self.intermediate_position_id is not None


class Delegation(TimeStampedModel):
    """A civil servant away (leave, duty travel) lets a colleague see their work and initial or
    return letters in their name for the period. Never signing power."""

    class Reason(models.TextChoices):
        LEAVE = "cuti", _("Cuti")
        DUTY = "dinas_luar", _("Dinas luar")
        OTHER = "lainnya", _("Lainnya")

    delegator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pemberi delegasi"),
        on_delete=models.PROTECT,
        related_name="delegations_given",
    )
    delegate = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("penerima delegasi"),
        on_delete=models.PROTECT,
        related_name="delegations_received",
    )
    starts_on = models.DateField(_("mulai"))
    ends_on = models.DateField(_("sampai"))
    reason = models.CharField(_("alasan"), max_length=12, choices=Reason.choices)
    note = models.CharField(_("catatan"), max_length=300, blank=True)
    ended_at = models.DateTimeField(_("diakhiri"), null=True, blank=True)

    class Meta:
        verbose_name = _("delegasi kotak masuk")
        verbose_name_plural = _("delegasi kotak masuk")
        ordering = ["-starts_on", "pk"]
        indexes = [models.Index(fields=["delegate", "starts_on", "ends_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__lte=F("ends_on")), name="eoffice_delegation_period"
            ),
            models.CheckConstraint(
                condition=~Q(delegator=F("delegate")), name="eoffice_delegation_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.delegator_id} → {self.delegate_id}"

    # What the pages show of the period (today's date decides it).
    @property
    def is_open(self) -> bool:
        """Not ended early and not over: may still be ended."""
        return self.ended_at is None and self.ends_on >= timezone.localdate()

    @property
    def is_in_force(self) -> bool:
        return self.is_open and self.starts_on <= timezone.localdate()

    @property
    def period_label(self) -> str:
        if self.is_in_force:
            return str(_("Berlaku"))
        if self.is_open:
            return str(_("Akan berlaku"))
        return str(_("Berakhir"))

    @property
    def badge(self) -> str:
        if self.is_in_force:
            return "text-bg-success"
        return "text-bg-light border" if self.is_open else "text-bg-secondary"


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
