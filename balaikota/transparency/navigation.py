"""The live performance figures of a service's OPD, linked from the service's page."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy

from balaikota.core.navigation import ServiceLink, register_service_link


def _performance(public_service) -> ServiceLink:
    url = reverse("transparency:index") + "?" + urlencode({"opd": public_service.opd.code})
    return ServiceLink(gettext_lazy("Kinerja pelayanan"), url, order=30)


register_service_link(_performance)
