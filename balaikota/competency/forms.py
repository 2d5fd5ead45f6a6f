"""HTML input of competency development (the API's serializers feed the same services)."""

from __future__ import annotations

import uuid
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from balaikota.core.uploads import EXTENSIONS

from .data.dictionary import READINESS_SCALE
from .models import JpConversion, Mode

SUBMIT_KEY = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)


def fresh_key() -> str:
    return uuid.uuid4().hex


class ReadinessForm(forms.Form):
    """One radio group per statement, grouped by digital area in the template."""

    submit_key = SUBMIT_KEY

    def __init__(self, *args, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.groups = []
        choices = [(value, _(label)) for value, label in READINESS_SCALE]
        for area, questions in groups:
            names = []
            for question in questions:
                name = f"q{question.pk}"
                self.fields[name] = forms.TypedChoiceField(
                    label=question.text,
                    choices=choices,
                    coerce=int,
                    widget=forms.RadioSelect,
                    error_messages={"required": _("Pilih salah satu jawaban.")},
                )
                names.append(name)
            self.groups.append((area, names))

    def answers(self) -> dict[int, int]:
        return {
            int(name[1:]): value
            for name, value in self.cleaned_data.items()
            if name.startswith("q")
        }

    def grouped_fields(self):
        return [(area, [self[name] for name in names]) for area, names in self.groups]


class EnrolForm(forms.Form):
    motivation = forms.CharField(
        label=_("Mengapa Anda ingin mengikuti kelas ini? (tidak wajib)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    submit_key = SUBMIT_KEY


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Tuliskan alasannya.")},
    )


class EvidenceForm(forms.Form):
    title = forms.CharField(label=_("Nama kegiatan"), max_length=200)
    form = forms.ChoiceField(label=_("Bentuk"), choices=())
    provider = forms.CharField(
        label=_("Penyelenggara"),
        max_length=200,
        help_text=_("Misalnya: Corpu ASN, LAN RI, Diskominfo Kota Semarang."),
    )
    started_on = forms.DateField(label=_("Mulai"), widget=forms.DateInput(attrs={"type": "date"}))
    ended_on = forms.DateField(label=_("Selesai"), widget=forms.DateInput(attrs={"type": "date"}))
    quantity = forms.DecimalField(
        label=_("Lama"),
        min_value=Decimal("0.01"),
        max_digits=8,
        decimal_places=2,
        help_text=_("Dalam satuan bentuk kegiatannya: menit, hari, kegiatan, atau bulan."),
    )
    file = forms.FileField(
        label=_("Berkas bukti (sertifikat, catatan coaching)"),
        help_text=_("PDF, JPEG, atau PNG, paling besar 5 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ",".join(f".{e}" for exts in EXTENSIONS.values() for e in exts)}
        ),
    )
    submit_key = SUBMIT_KEY

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        conversions = {c.form: c for c in JpConversion.objects.all()}
        self.fields["form"].choices = [("", _("— pilih —"))] + [
            (value, f"{label} ({conversions[value].get_unit_display()})")
            for value, label in Mode.choices
            if value in conversions
        ]


class EvidenceValidateForm(forms.Form):
    quantity = forms.DecimalField(
        label=_("Lama yang diakui"),
        min_value=Decimal("0.01"),
        max_digits=8,
        decimal_places=2,
        required=False,
    )
    note = forms.CharField(label=_("Catatan (tidak wajib)"), max_length=2000, required=False)


class AssessmentValidateForm(forms.Form):
    level = forms.TypedChoiceField(
        label=_("Level yang divalidasi"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
    )


class AttendanceCodeForm(forms.Form):
    code = forms.CharField(label=_("Kode presensi"), max_length=32)


class PlanItemForm(forms.Form):
    programme = forms.ModelChoiceField(
        label=_("Program"), queryset=None, empty_label=_("— pilih program —")
    )
    quarter = forms.TypedChoiceField(
        label=_("Triwulan"),
        choices=[(q, _("Triwulan %(q)s") % {"q": q}) for q in range(1, 5)],
        coerce=int,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import Programme

        self.fields["programme"].queryset = Programme.objects.filter(is_published=True).order_by(
            "title"
        )


class AssessmentResultForm(forms.Form):
    """An assessment result the competency admin enters (assessment centre, uji kompetensi)."""

    nip = forms.RegexField(
        label=_("NIP pegawai"),
        regex=r"^\d{18}$",
        max_length=18,
        error_messages={"invalid": _("NIP terdiri dari 18 angka.")},
    )
    competency = forms.ModelChoiceField(label=_("Kompetensi"), queryset=None)
    level = forms.TypedChoiceField(
        label=_("Level"), choices=[(n, str(n)) for n in range(1, 6)], coerce=int
    )
    assessed_on = forms.DateField(
        label=_("Tanggal asesmen"), widget=forms.DateInput(attrs={"type": "date"})
    )
    note = forms.CharField(
        label=_("Keterangan (lembaga asesor, nomor laporan)"), max_length=500, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import Competency

        self.fields["competency"].queryset = Competency.objects.filter(is_active=True)


class StandardsForm(forms.Form):
    """The required level of every competency for one position (blank: none required)."""

    def __init__(self, *args, competencies, current: dict[int, int], **kwargs):
        super().__init__(*args, **kwargs)
        self.competencies = list(competencies)
        for competency in self.competencies:
            self.fields[f"c{competency.pk}"] = forms.TypedChoiceField(
                label=competency.name,
                choices=[("", _("tidak dipersyaratkan"))] + [(n, str(n)) for n in range(1, 6)],
                coerce=int,
                empty_value=None,
                required=False,
                initial=current.get(competency.pk),
            )

    def levels(self) -> dict:
        return {c: self.cleaned_data.get(f"c{c.pk}") for c in self.competencies}


class StandardsImportForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas XLSX standar kompetensi"),
        help_text=_("Kolom: kode_opd, jabatan, kode_kompetensi, level. Paling besar 2 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )


class FeedbackForm(forms.Form):
    comment = forms.CharField(
        label=_("Saran untuk penyelenggara (tidak wajib)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from .models import FEEDBACK_ITEMS

        scale = [
            (5, _("Sangat baik")),
            (4, _("Baik")),
            (3, _("Cukup")),
            (2, _("Kurang")),
            (1, _("Sangat kurang")),
        ]
        for key, label in FEEDBACK_ITEMS:
            self.fields[key] = forms.TypedChoiceField(
                label=label,
                choices=scale,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Pilih salah satu.")},
            )
        self.order_fields([key for key, _label in FEEDBACK_ITEMS] + ["comment"])

    def ratings(self) -> dict[str, int]:
        from .models import FEEDBACK_ITEMS

        return {key: self.cleaned_data[key] for key, _label in FEEDBACK_ITEMS}
