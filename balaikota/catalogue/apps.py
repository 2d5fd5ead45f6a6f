from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CatalogueConfig(AppConfig):
    name = "balaikota.catalogue"
    label = "catalogue"
    verbose_name = _("Katalog layanan publik")

    def ready(self) -> None:
        from . import navigation, permissions  # noqa: F401  (registrations)
