from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ElearningConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "balaikota.elearning"
    verbose_name = _("E-learning")

    def ready(self) -> None:
        from . import navigation, permissions  # noqa: F401  (registrations)
