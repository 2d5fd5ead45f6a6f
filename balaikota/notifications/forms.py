"""The person's notification preferences."""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import selectors
from .models import Channel


class PreferencesForm(forms.Form):
    email = forms.BooleanField(
        label=_("E-mail"),
        required=False,
        help_text=_("Dikirim ke alamat e-mail akun Anda."),
    )
    sms = forms.BooleanField(label=_("SMS"), required=False)
    whatsapp = forms.BooleanField(label=_("WhatsApp"), required=False)

    def __init__(self, *args, user, **kwargs):
        self.user = user
        kwargs.setdefault("initial", selectors.channel_choices(user))
        super().__init__(*args, **kwargs)
        if not selectors.channel_address(user, Channel.SMS):
            for name in ("sms", "whatsapp"):
                self.fields[name].disabled = True
                self.fields[name].initial = False
                self.fields[name].help_text = _(
                    "Tambahkan nomor ponsel di profil Anda untuk mengaktifkan saluran ini."
                )
        else:
            self.fields["sms"].help_text = _("Dikirim ke nomor ponsel di profil Anda.")
            self.fields["whatsapp"].help_text = _("Dikirim ke nomor ponsel di profil Anda.")
