"""Forms of the profile pages (apart from accounts.forms, which allauth imports while it
loads: importing that module first from a view would be circular)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class PhoneNumberForm(forms.Form):
    number = forms.CharField(
        label=_("Nomor ponsel"),
        max_length=20,
        help_text=_("Nomor Indonesia, misalnya 0812-3456-7890. Kami kirim kode ke nomor ini."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )
    channel = forms.ChoiceField(
        label=_("Kirim kode lewat"),
        choices=[("sms", _("SMS")), ("whatsapp", _("WhatsApp"))],
        initial="sms",
        widget=forms.RadioSelect,
    )


class PhoneCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Kode verifikasi"),
        max_length=12,
        help_text=_("6 angka dari pesan yang kami kirim."),
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9 ]*"}
        ),
    )
