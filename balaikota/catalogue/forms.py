"""Search and filter of the public catalogue."""

from django import forms
from django.utils.translation import gettext_lazy as _

from . import selectors

MAX_QUERY_LENGTH = 100


class ServiceFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Cari layanan"),
        max_length=MAX_QUERY_LENGTH,
        required=False,
    )
    opd = forms.ChoiceField(label=_("Penyelenggara"), required=False)
    peristiwa = forms.ChoiceField(label=_("Peristiwa kehidupan"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opd"].choices = [
            ("", _("Semua penyelenggara")),
            *selectors.public_service_opds(),
        ]
        self.fields["peristiwa"].choices = [
            ("", _("Semua peristiwa")),
            *((event.slug, event.name) for event in selectors.life_events_with_services()),
        ]
