from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransparencyConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "balaikota.transparency"
    verbose_name = _("Transparansi kinerja layanan")

    def ready(self) -> None:
        from . import navigation  # noqa: F401  (registrations)
