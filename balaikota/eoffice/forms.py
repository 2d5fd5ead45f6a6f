"""The letter form (its fields follow the kind), and the paraf / return / bulk-signing forms."""

from __future__ import annotations

import re

from django import forms
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from . import integrations, selectors
from .models import SecurityClass, Status, Urgency
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
    submit_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, kind, opd_id: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind = kind
        self.fields["to_units"].queryset = integrations.units_of_opd(opd_id)
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
            route_nips=parse_nips(route_text) if route_text.strip() else None,
            to_positions=list(data.get("to_positions") or []),
            to_units=list(data.get("to_units") or []),
            to_nips=parse_nips(data.get("to_nips", "")),
            copy_positions=list(data.get("copy_positions") or []),
            copy_nips=parse_nips(data.get("copy_nips", "")),
            external=parse_external(data.get("external", "")),
            attachments=list(data.get("attachments") or []),
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
