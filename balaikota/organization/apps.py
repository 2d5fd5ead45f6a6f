from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationConfig(AppConfig):
    name = "balaikota.organization"
    label = "organization"
    verbose_name = _("Organisasi")

    def ready(self) -> None:
        from . import audit, navigation, permissions  # noqa: F401  (registrations)
