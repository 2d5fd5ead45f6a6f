"""The letter form (its fields follow the kind), and the paraf / return / bulk-signing forms."""

from __future__ import annotations

import re

from django import forms
from django.db.models import F
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from . import integrations, selectors
from .models import ActingAssignment, Delegation, SecurityClass, Status, Urgency
from .services import LetterInput

_NIP_SPLIT = re.compile(r"[\s,;]+")


def parse_nips(text: str) -> list[str]:
    return [item for item in _NIP_SPLIT.split(text or "") if item]


def parse_external(text: str) -> list[dict]:
    """One addressee per line: name | agency | address | e-mail (the last three optional)."""
    rows = []
    for line in (text or "").splitlines():
        if not line.strip():
            continue
        parts = [p.strip() for p in line.split("|")] + ["", "", "", ""]
        rows.append({"name": parts[0], "agency": parts[1], "address": parts[2], "email": parts[3]})
    return rows


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        if not data:
            return []
        items = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in items]


class PositionChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return selectors.position_title(obj)


class SignerChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return selectors.position_title(obj)


class LetterForm(forms.Form):
    classification = forms.ModelChoiceField(
        label=_("Klasifikasi arsip"),
        queryset=selectors.classifications_active(),
        empty_label=_("Pilih kode klasifikasi"),
        error_messages={"required": _("Pilih kode klasifikasi arsip.")},
    )
    subject = forms.CharField(
        label=_("Hal"),
        max_length=250,
        error_messages={"required": _("Tulis hal (perihal) naskah.")},
    )
    body = forms.CharField(
        label=_("Isi naskah"),
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={"required": _("Tulis isi naskah.")},
        help_text=_(
            "Pisahkan paragraf dengan baris kosong. Tebal, miring, dan daftar boleh ditulis "
            "sebagai HTML sederhana."
        ),
    )
    security_class = forms.ChoiceField(
        label=_("Sifat"), choices=SecurityClass.choices, initial=SecurityClass.ORDINARY
    )
    urgency = forms.ChoiceField(
        label=_("Kesegeraan"), choices=Urgency.choices, initial=Urgency.ORDINARY
    )
    signer_position = SignerChoice(
        label=_("Penandatangan"),
        queryset=integrations.head_positions(),
        required=False,
        empty_label=_("Pilih jabatan penandatangan"),
    )
    mandate = forms.ModelChoiceField(
        label=_("Tanda tangan atas nama (a.n./u.b.)"),
        queryset=selectors.mandates_for(None),
        required=False,
        empty_label=_("Tidak: atas nama jabatan penandatangan sendiri"),
        help_text=_("Hanya kewenangan yang ditetapkan untuk jenis naskah ini yang tampil."),
    )
    route = forms.CharField(
        label=_("Pemaraf (NIP, berurutan)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "inputmode": "numeric"}),
        help_text=_(
            "Satu NIP per baris, pemaraf pertama di atas. Kosongkan untuk memakai atasan "
            "berjenjang Anda sampai penandatangan."
        ),
    )
    to_positions = PositionChoice(
        label=_("Kepada (jabatan)"),
        queryset=integrations.head_positions(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )
    to_units = forms.ModelMultipleChoiceField(
        label=_("Kepada seluruh pegawai unit"),
        queryset=integrations.units_of_opd(0),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )
    to_nips = forms.CharField(
        label=_("Kepada (NIP pegawai)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "inputmode": "numeric"}),
    )
    external = forms.CharField(
        label=_("Kepada di luar Pemkot"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Satu tujuan per baris: nama atau jabatan | instansi | alamat | e-mail."),
    )
    copy_positions = PositionChoice(
        label=_("Tembusan (jabatan)"),
        queryset=integrations.head_positions(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )
    copy_nips = forms.CharField(
        label=_("Tembusan (NIP pegawai)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "inputmode": "numeric"}),
    )
    attachments = MultipleFileField(
        label=_("Lampiran (PDF, JPG atau PNG; paling besar 10 MB per berkas)"),
        required=False,
    )
    remove_attachments = forms.TypedMultipleChoiceField(
        label=_("Lampiran tersimpan (centang untuk menghapus saat disimpan)"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    submit_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, kind, opd_id: int, attachments=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        if attachments:
            self.fields["remove_attachments"].choices = [
                (item.pk, item.original_name) for item in attachments
            ]
        else:
            del self.fields["remove_attachments"]
        self.fields["to_units"].queryset = integrations.units_of_opd(opd_id)
        self.fields["mandate"].queryset = selectors.mandates_for(kind)
        self.fields["mandate"].label_from_instance = selectors.mandate_label
        if not self.fields["mandate"].queryset.exists():
            del self.fields["mandate"]
        if not kind.uses_addressees:
            for name in ("to_positions", "to_units", "to_nips", "external"):
                del self.fields[name]
        elif not kind.uses_external:
            del self.fields["external"]
        if not kind.uses_copies:
            del self.fields["copy_positions"]
            del self.fields["copy_nips"]
        if not kind.uses_attributes:
            del self.fields["attachments"]

    def clean_body(self) -> str:
        body = self.cleaned_data["body"]
        if "<" not in body:  # plain text: paragraphs from blank lines
            paragraphs = [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]
            body = "".join("<p>" + escape(p).replace("\n", "<br>") + "</p>" for p in paragraphs)
        return body

    def to_input(self) -> LetterInput:
        data = self.cleaned_data
        route_text = data.get("route", "")
        return LetterInput(
            kind=self.kind,
            classification=data.get("classification"),
            subject=data.get("subject", ""),
            body=data.get("body", ""),
            security_class=data.get("security_class", SecurityClass.ORDINARY),
            urgency=data.get("urgency", Urgency.ORDINARY),
            signer_position=data.get("signer_position"),
            mandate=data.get("mandate"),
            route_nips=parse_nips(route_text) if route_text.strip() else None,
            to_positions=list(data.get("to_positions") or []),
            to_units=list(data.get("to_units") or []),
            to_nips=parse_nips(data.get("to_nips", "")),
            copy_positions=list(data.get("copy_positions") or []),
            copy_nips=parse_nips(data.get("copy_nips", "")),
            external=parse_external(data.get("external", "")),
            attachments=list(data.get("attachments") or []),
            remove_attachments=list(data.get("remove_attachments") or []),
        )


class InitialForm(forms.Form):
    comment = forms.CharField(
        label=_("Catatan paraf (tidak wajib)"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan dikembalikan"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Tulis apa yang perlu diperbaiki konseptor."),
    )


class CourierForm(forms.Form):
    courier = forms.CharField(
        label=_("Nama kurir atau jasa pengiriman"),
        max_length=150,
        help_text=_("Misalnya: Pak Slamet (caraka) atau Pos Indonesia, nomor resi 1234."),
    )
    note = forms.CharField(
        label=_("Catatan serah terima (tidak wajib)"), max_length=500, required=False
    )


# ── Incoming letters and dispositions ──


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _addressable_heads(opd_id: int):
    """The OPD's head posts an incoming letter may be addressed to: the head of the OPD first
    (the default), then the heads of its units by name — the same order on every database."""
    return (
        integrations.head_positions()
        .filter(unit__opd_id=opd_id)
        .order_by(F("unit__parent_id").asc(nulls_first=True), "unit__name", "name", "pk")
    )


class _IncomingReceived(forms.Form):
    """What every registration of an incoming letter asks: when it came, to whom (a head post
    of the clerk's OPD), and the one-time key of the form."""

    received_on = forms.DateField(
        label=_("Tanggal diterima"),
        widget=DateInput(),
        error_messages={
            "required": _("Isi tanggal surat diterima."),
            "invalid": _("Tanggal tidak sah."),
        },
    )
    addressee_position = SignerChoice(
        label=_("Ditujukan kepada"),
        queryset=integrations.head_positions().none(),
        empty_label=None,
        error_messages={"required": _("Pilih jabatan yang dituju.")},
    )
    submit_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, opd_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["addressee_position"].queryset = _addressable_heads(opd_id)


class IncomingForm(_IncomingReceived):
    field_order = [
        "sender_name",
        "sender_agency",
        "sender_number",
        "sender_date",
        "received_on",
        "subject",
        "classification",
        "security_class",
        "urgency",
        "addressee_position",
        "scan",
    ]

    sender_name = forms.CharField(
        label=_("Pengirim (nama atau jabatan)"),
        max_length=150,
        error_messages={"required": _("Tulis nama atau jabatan pengirim.")},
    )
    sender_agency = forms.CharField(label=_("Instansi pengirim"), max_length=150, required=False)
    sender_number = forms.CharField(
        label=_("Nomor surat"),
        max_length=100,
        error_messages={"required": _("Tulis nomor surat pengirim.")},
    )
    sender_date = forms.DateField(
        label=_("Tanggal surat"),
        widget=DateInput(),
        error_messages={"required": _("Isi tanggal surat."), "invalid": _("Tanggal tidak sah.")},
    )
    subject = forms.CharField(
        label=_("Hal"), max_length=250, error_messages={"required": _("Tulis hal (perihal) surat.")}
    )
    classification = forms.ModelChoiceField(
        label=_("Klasifikasi arsip"),
        queryset=selectors.classifications_active(),
        empty_label=_("Pilih kode klasifikasi"),
        error_messages={"required": _("Pilih kode klasifikasi arsip.")},
    )
    security_class = forms.ChoiceField(
        label=_("Sifat"), choices=SecurityClass.choices, initial=SecurityClass.ORDINARY
    )
    urgency = forms.ChoiceField(
        label=_("Kesegeraan"), choices=Urgency.choices, initial=Urgency.ORDINARY
    )
    scan = forms.FileField(
        label=_("Pindaian surat (PDF, JPG atau PNG; paling besar 15 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
        error_messages={"required": _("Unggah pindaian surat.")},
    )

    def to_input(self):
        from .dispositions import IncomingInput

        data = self.cleaned_data
        return IncomingInput(
            sender_name=data.get("sender_name", ""),
            sender_agency=data.get("sender_agency", ""),
            sender_number=data.get("sender_number", ""),
            sender_date=data.get("sender_date"),
            received_on=data.get("received_on"),
            subject=data.get("subject", ""),
            classification=data.get("classification"),
            addressee_position=data.get("addressee_position"),
            scan=data.get("scan"),
            security_class=data.get("security_class", SecurityClass.ORDINARY),
            urgency=data.get("urgency", Urgency.ORDINARY),
        )


class PersonChoice(forms.MultipleChoiceField):
    """The people below the disposer as boxes to tick; any NIP posted goes to the service,
    which alone says who is outside the hierarchy (with the person's name)."""

    widget = forms.CheckboxSelectMultiple

    def valid_value(self, value) -> bool:
        return True


class DispositionForm(forms.Form):
    recipients = PersonChoice(
        label=_("Kepada"),
        error_messages={"required": _("Pilih paling sedikit satu penerima disposisi.")},
    )
    instructions = forms.ModelMultipleChoiceField(
        label=_("Petunjuk"),
        queryset=selectors.instructions_active(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Pilih paling sedikit satu petunjuk disposisi.")},
    )
    note = forms.CharField(
        label=_("Catatan (tidak wajib)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    deadline = forms.DateField(
        label=_("Batas waktu (tidak wajib)"),
        required=False,
        widget=DateInput(),
        error_messages={"invalid": _("Tanggal tidak sah.")},
    )
    parent = forms.IntegerField(widget=forms.HiddenInput, required=False)
    submit_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["recipients"].choices = [
            (e.nip, f"{e.full_name} · {e.position.name}") for e in people
        ]

    def to_input(self):
        from .dispositions import DispositionInput

        data = self.cleaned_data
        return DispositionInput(
            recipient_nips=list(data.get("recipients") or []),
            instruction_ids=[i.pk for i in data.get("instructions") or []],
            note=data.get("note", ""),
            deadline=data.get("deadline"),
        )


class CloseForm(forms.Form):
    report = forms.CharField(
        label=_("Laporan tindak lanjut"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Tulis laporan tindak lanjut.")},
    )
    report_file = forms.FileField(
        label=_("Berkas laporan (tidak wajib; PDF, JPG atau PNG)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )


# ── Archive and retention ──


class RetentionFilterForm(forms.Form):
    tahun = forms.IntegerField(
        label=_("Tahun naskah"), required=False, min_value=1945, max_value=2100
    )
    klasifikasi = forms.ChoiceField(label=_("Klasifikasi"), required=False)
    tahap = forms.ChoiceField(
        label=_("Tahap"),
        required=False,
        choices=[
            ("semua", _("Inaktif dan jatuh tempo")),
            ("inaktif", _("Inaktif")),
            ("jatuh-tempo", _("Jatuh tempo keterangan akhir")),
        ],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["klasifikasi"].choices = [("", _("Semua klasifikasi"))] + [
            (c.code, str(c)) for c in selectors.classifications_active()
        ]


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )


# ── Acting officials and delegation ──


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ActingAssignmentForm(forms.Form):
    position = SignerChoice(
        label=_("Jabatan"),
        queryset=integrations.head_positions(),
        empty_label=_("Pilih jabatan"),
        error_messages={"required": _("Pilih jabatan.")},
    )
    kind = forms.ChoiceField(
        label=_("Jenis penugasan"),
        choices=ActingAssignment.Kind.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Plt bila jabatan kosong atau pemangkunya berhalangan lama; Plh bila pemangkunya "
            "berhalangan sementara (cuti, dinas luar)."
        ),
        error_messages={"required": _("Pilih Plt atau Plh.")},
    )
    acting_nip = forms.CharField(
        label=_("NIP pegawai yang ditunjuk"),
        max_length=18,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"required": _("Tulis NIP pegawai yang ditunjuk.")},
    )
    starts_on = forms.DateField(
        label=_("Mulai"),
        widget=DateInput(),
        error_messages={"required": _("Isi tanggal mulai."), "invalid": _("Tanggal tidak sah.")},
    )
    ends_on = forms.DateField(
        label=_("Sampai"),
        widget=DateInput(),
        error_messages={
            "required": _("Isi tanggal selesai."),
            "invalid": _("Tanggal tidak sah."),
        },
    )
    decree_number = forms.CharField(
        label=_("Nomor surat perintah penunjukan"),
        max_length=100,
        error_messages={"required": _("Tulis nomor surat perintah penunjukan Plt/Plh.")},
    )
    note = forms.CharField(label=_("Catatan (tidak wajib)"), max_length=500, required=False)

    def __init__(self, *args, opd_ids=None, **kwargs):
        super().__init__(*args, **kwargs)
        if opd_ids is not None:
            self.fields["position"].queryset = integrations.head_positions().filter(
                unit__opd_id__in=list(opd_ids)
            )


class DelegationForm(forms.Form):
    delegate_nip = forms.CharField(
        label=_("NIP rekan penerima delegasi"),
        max_length=18,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"required": _("Tulis NIP rekan yang menerima delegasi.")},
    )
    reason = forms.ChoiceField(
        label=_("Alasan"),
        choices=Delegation.Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Pilih alasan: cuti, dinas luar, atau lainnya.")},
    )
    starts_on = forms.DateField(
        label=_("Mulai"),
        widget=DateInput(),
        error_messages={"required": _("Isi tanggal mulai."), "invalid": _("Tanggal tidak sah.")},
    )
    ends_on = forms.DateField(
        label=_("Sampai"),
        widget=DateInput(),
        error_messages={
            "required": _("Isi tanggal selesai."),
            "invalid": _("Tanggal tidak sah."),
        },
    )
    note = forms.CharField(label=_("Catatan (tidak wajib)"), max_length=300, required=False)


# ── Collaboration ──


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Komentar"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 2000}),
        error_messages={
            "required": _("Tulis komentar Anda."),
            "max_length": _("Komentar paling panjang 2000 huruf."),
        },
        help_text=_(
            "Sebut rekan pada naskah ini dengan @ dan NIP-nya (ketik @ dan nama untuk mencari)."
        ),
    )
    submit_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)


class SearchForm(forms.Form):
    """GET: every field optional, a bookmarkable address."""

    q = forms.CharField(
        label=_("Kata kunci"),
        required=False,
        max_length=100,
        help_text=_("Nomor, hal, atau kata dalam isi naskah."),
        error_messages={"max_length": _("Kata kunci paling panjang 100 huruf.")},
    )
    jenis = forms.ModelChoiceField(
        label=_("Jenis naskah"),
        queryset=selectors.kinds_active(),
        required=False,
        to_field_name="code",
        empty_label=_("Semua jenis"),
    )
    klasifikasi = forms.ModelChoiceField(
        label=_("Klasifikasi"),
        queryset=selectors.classifications_active(),
        required=False,
        to_field_name="code",
        empty_label=_("Semua klasifikasi"),
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Semua status")), *Status.choices]
    )
    sifat = forms.ChoiceField(
        label=_("Sifat"),
        required=False,
        choices=[("", _("Semua sifat")), *SecurityClass.choices],
    )
    opd = forms.ModelChoiceField(
        label=_("OPD pengirim"),
        queryset=integrations.opds_active(),
        required=False,
        to_field_name="code",
        empty_label=_("Semua OPD"),
    )
    pengirim = forms.CharField(label=_("Konseptor (nama atau NIP)"), required=False, max_length=100)
    dari = forms.DateField(
        label=_("Dari tanggal"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Tulis tanggal yang benar.")},
    )
    sampai = forms.DateField(
        label=_("Sampai tanggal"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": _("Tulis tanggal yang benar.")},
    )

    def clean(self):
        data = super().clean()
        if data.get("dari") and data.get("sampai") and data["dari"] > data["sampai"]:
            self.add_error("sampai", _("Tanggal akhir tidak boleh sebelum tanggal awal."))
        return data

    def to_filters(self) -> selectors.SearchFilters:
        data = self.cleaned_data
        return selectors.SearchFilters(
            q=data.get("q", ""),
            kind=data.get("jenis"),
            classification=data.get("klasifikasi"),
            status=data.get("status", ""),
            security_class=data.get("sifat", ""),
            opd=data.get("opd"),
            sender=data.get("pengirim", ""),
            date_from=data.get("dari"),
            date_to=data.get("sampai"),
        )


class IncomingImportForm(_IncomingReceived):
    """Registering an incoming letter from an exchange bundle (SRIKANDI or another agency)."""

    field_order = ["bundle", "received_on", "addressee_position", "classification"]

    bundle = forms.FileField(
        label=_("Bundel naskah (ZIP)"),
        help_text=_(
            "Bundel ekspor naskah berformat balaikota-naskah/1 (manifest.json, PDF bertanda "
            "tangan, lampiran). Isinya diperiksa utuh sebelum dicatat."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".zip,application/zip"}),
        error_messages={"required": _("Unggah berkas bundel naskah (ZIP).")},
    )
    classification = forms.ModelChoiceField(
        label=_("Klasifikasi arsip (bila kode dari bundel tidak dipakai Pemkot)"),
        queryset=selectors.classifications_active(),
        required=False,
        empty_label=_("Pakai kode dari bundel"),
    )
