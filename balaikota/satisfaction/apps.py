from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SatisfactionConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "balaikota.satisfaction"
    verbose_name = _("Survei kepuasan masyarakat")

    def ready(self) -> None:
        from . import navigation, permissions  # noqa: F401  (registrations)
