from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EofficeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "balaikota.eoffice"
    label = "eoffice"
    verbose_name = _("Naskah dinas elektronik")

    def ready(self) -> None:
        # Rules, the navigation entries and the outbox handlers register themselves on import.
        from . import integrations, navigation, permissions, selectors, services  # noqa: F401

        integrations.register_document_source(
            on_signed=lambda document: services.letter_signed(document=document),
            on_signing_failed=lambda document, reason: services.letter_signing_failed(
                document=document, reason=reason
            ),
            may_download=selectors.may_download_document,
        )
        # ── Archive and retention ── the berita acara pemusnahan is documents' too
        from . import archive

        archive.register_document_source()
