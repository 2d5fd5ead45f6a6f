from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "balaikota.core"
    label = "core"
    verbose_name = _("Inti")

    def ready(self) -> None:
        from . import checks, working_days  # noqa: F401  (deploy checks; holiday-cache signals)
