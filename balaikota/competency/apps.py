from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetencyConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "balaikota.competency"
    verbose_name = _("Pengembangan kompetensi ASN")

    def ready(self) -> None:
        from . import navigation, permissions  # noqa: F401  (registrations)
