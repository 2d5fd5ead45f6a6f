from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "balaikota.complaints"
    verbose_name = _("Pengaduan masyarakat")

    def ready(self) -> None:
        from . import navigation, permissions  # noqa: F401  (registrations)
