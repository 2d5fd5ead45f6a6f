from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompetencyConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "balaikota.competency"
    verbose_name = _("Pengembangan kompetensi ASN")

    def ready(self) -> None:
        from . import integrations, navigation, permissions, services  # noqa: F401

        # Certificates are documents: documents calls back when one is signed, and lets the
        # competency admin download any (the holder downloads their own as its owner).
        integrations.register_document_source(
            on_signed=services.certificate_signed,
            may_download=lambda user, document: user.has_perm("competency.manage"),
        )
        # A passed e-learning course completes its programme's class (or credits its JP).
        integrations.on_course_completed(services.elearning_completion_credit)
