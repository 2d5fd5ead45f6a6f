from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CivilRegistryConfig(AppConfig):
    name = "balaikota.civil_registry"
    label = "civil_registry"
    verbose_name = _("Administrasi kependudukan")

    def ready(self) -> None:
        # Rules, Celery tasks and the navigation entries register themselves on import.
        from . import integrations, navigation, permissions, services, tasks  # noqa: F401

        def may_download(user, document) -> bool:
            """Staff who may see the application may download what it issued."""
            from .models import Application

            if not str(document.source_id).isdigit():
                return False
            application = Application.objects.filter(pk=int(document.source_id)).first()
            return application is not None and user.has_perm(
                "civil_registry.view_application", application
            )

        integrations.register_document_source(
            on_signed=lambda document: services.application_issue(document=document),
            on_signing_failed=lambda document, reason: services.application_signing_failed(
                document=document, reason=reason
            ),
            may_download=may_download,
            render_for_signer=lambda document, signer, url: services.application_document_render(
                document=document, signer=signer, verification_url=url
            ),
        )
