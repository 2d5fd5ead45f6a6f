"""Public verification forms: look a document up by number and code, or upload its PDF."""

from __future__ import annotations

import io
import logging

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import CODE_LENGTH, normalize_code

logger = logging.getLogger(__name__)

MAX_UPLOAD_BYTES = 10 * 1024 * 1024


class LookupForm(forms.Form):
    number = forms.CharField(
        label=_("Nomor dokumen"),
        max_length=100,
        help_text=_("Seperti tertulis pada dokumen, misalnya 3374-LU-28112026-0001."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    code = forms.CharField(
        label=_("Kode verifikasi"),
        max_length=30,
        help_text=_("12 huruf dan angka di bawah kode QR, misalnya ABCD-EFGH-JKMN."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
        ),
    )

    def clean_code(self) -> str:
        code = normalize_code(self.cleaned_data["code"])
        if len(code) != CODE_LENGTH:
            raise forms.ValidationError(
                _("Kode verifikasi terdiri dari 12 huruf dan angka."), code="code_length"
            )
        return code


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Berkas PDF"),
        help_text=_("Unggah berkas PDF dokumen yang ingin diperiksa (paling besar 10 MB)."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("Berkas terlalu besar: paling besar 10 MB."), code="too_large"
            )
        data = upload.read()
        if not data.startswith(b"%PDF-"):
            raise forms.ValidationError(
                _("Berkas ini bukan PDF. Unggah berkas PDF dokumen yang diterbitkan."),
                code="not_pdf",
            )
        try:
            from pypdf import PdfReader

            reader = PdfReader(io.BytesIO(data))
            if len(reader.pages) < 1:
                raise ValueError("no pages")
        except Exception as exc:  # pypdf raises many types for a broken file
            logger.info("uploaded file is not a readable PDF: %s", exc)
            raise forms.ValidationError(
                _("Berkas PDF ini rusak atau tidak dapat dibaca."), code="bad_pdf"
            ) from exc
        return data
