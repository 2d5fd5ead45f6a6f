"""Search and filter of the public catalogue."""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import selectors


class ServiceFilterForm(forms.Form):
    q = forms.CharField(label=_("Cari layanan"), max_length=100, required=False)
    opd = forms.ChoiceField(label=_("Penyelenggara"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opd"].choices = [
            ("", _("Semua penyelenggara")),
            *selectors.public_service_opds(),
        ]
