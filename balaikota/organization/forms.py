"""HTML input for the organisation app: the upload of a civil-servant file."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .imports import MAX_FILE_BYTES


class EmployeeImportForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas CSV atau XLSX"),
        help_text=format_lazy(
            _("Paling besar {mb} MB. Baris pertama berisi judul kolom."),
            mb=MAX_FILE_BYTES // (1024 * 1024),
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise forms.ValidationError(
                _("Berkas terlalu besar: paling banyak %(mb)d MB."),
                code="too_large",
                params={"mb": MAX_FILE_BYTES // (1024 * 1024)},
            )
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(
                _("Format berkas tidak didukung. Unggah berkas .csv atau .xlsx."),
                code="bad_format",
            )
        return upload


class EmployeeImportConfirmForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, max_length=2000)
