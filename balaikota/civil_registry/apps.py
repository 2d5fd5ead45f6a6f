from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CivilRegistryConfig(AppConfig):
    name = "balaikota.civil_registry"
    label = "civil_registry"
    verbose_name = _("Administrasi kependudukan")

    def ready(self) -> None:
        # Rules, Celery tasks and the navigation entries register themselves on import.
        from . import navigation, permissions, tasks  # noqa: F401
