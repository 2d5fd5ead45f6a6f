from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "balaikota.documents"
    label = "documents"
    verbose_name = _("Dokumen dan tanda tangan elektronik")

    def ready(self) -> None:
        from . import navigation, permissions  # noqa: F401  (registrations)
