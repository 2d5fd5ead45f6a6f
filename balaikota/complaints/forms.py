"""The complaint form, the OPD's answer/forward/reject forms, and the complainant's follow-up."""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import integrations, selectors


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


class ComplaintForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("Kategori"),
        queryset=selectors.categories_active(),
        empty_label=_("Pilih kategori"),
        error_messages={"required": _("Pilih kategori pengaduan.")},
    )
    service = forms.ModelChoiceField(
        label=_("Layanan yang diadukan"),
        queryset=integrations.services_for_choice(),
        to_field_name="slug",
        required=False,
        empty_label=_("Tidak tahu / bukan layanan tertentu"),
    )
    opd = forms.ModelChoiceField(
        label=_("OPD yang dituju"),
        queryset=integrations.opds_active(),
        to_field_name="code",
        required=False,
        empty_label=_("Pilih bila layanan tidak dipilih"),
        help_text=_("Bila layanan dipilih, pengaduan otomatis ke OPD penyelenggaranya."),
    )
    title = forms.CharField(label=_("Judul"), max_length=150)
    body = forms.CharField(
        label=_("Apa yang terjadi?"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Kapan, di mana, apa yang terjadi, dan apa yang Anda harapkan."),
    )
    incident_place = forms.CharField(label=_("Tempat kejadian"), max_length=200, required=False)
    incident_date = forms.DateField(
        label=_("Tanggal kejadian"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    attachments = MultipleFileField(
        label=_("Lampiran (foto atau PDF, paling besar 5 MB)"), required=False
    )
    is_public = forms.BooleanField(
        label=_("Tampilkan isi pengaduan untuk publik (tanpa nama Anda)"),
        required=False,
        initial=True,
    )
    is_anonymous = forms.BooleanField(label=_("Rahasiakan identitas saya dari OPD"), required=False)
    contact_name = forms.CharField(label=_("Nama (tidak wajib)"), max_length=120, required=False)
    contact_email = forms.EmailField(
        label=_("E-mail untuk kabar jawaban (tidak wajib)"), required=False
    )
    contact_phone = forms.CharField(
        label=_("Nomor ponsel (tidak wajib)"), max_length=20, required=False
    )
    # Left empty by people; bots fill every field.
    website = forms.CharField(label=_("Jangan diisi"), required=False)
    submit_key = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)

    def __init__(self, *args, signed_in: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if signed_in:
            for name in ("contact_name", "contact_email", "contact_phone"):
                del self.fields[name]


class AnswerForm(forms.Form):
    body = forms.CharField(
        label=_("Jawaban untuk publik"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Jawaban tampil di halaman pengaduan. Jangan menulis data pribadi."),
    )


class ForwardForm(forms.Form):
    opd = forms.ModelChoiceField(
        label=_("Teruskan ke"), queryset=integrations.opds_active(), to_field_name="code"
    )
    reason = forms.CharField(label=_("Alasan (dibaca pelapor)"), max_length=500)


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan dan ke mana sebaiknya mengadu (dibaca pelapor)"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FollowUpForm(forms.Form):
    body = forms.CharField(
        label=_("Tanggapan Anda"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
