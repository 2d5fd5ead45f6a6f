from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CivilRegistryConfig(AppConfig):
    name = "balaikota.civil_registry"
    label = "civil_registry"
    verbose_name = _("Administrasi kependudukan")
