"""The satisfaction index of a service's OPD, linked from the service's page."""

from django.urls import reverse
from django.utils.translation import gettext_lazy

from balaikota.core.navigation import ServiceLink, register_service_link


def _satisfaction_index(public_service) -> ServiceLink:
    url = reverse("satisfaction:opd", args=[public_service.opd.code])
    return ServiceLink(gettext_lazy("Kepuasan masyarakat (IKM)"), url, order=20)


register_service_link(_satisfaction_index)
