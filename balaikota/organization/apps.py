from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganizationConfig(AppConfig):
    name = "balaikota.organization"
    label = "organization"
    verbose_name = _("Organisasi")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from . import audit, navigation, permissions  # noqa: F401  (registrations)
        from .models import Employee, Opd, Position, Rank, Unit
        from .selectors import org_changed

        def changed(**kwargs) -> None:
            org_changed()

        for model in (Employee, Opd, Position, Rank, Unit):
            # weak=False: ``changed`` is local to ready(); a weak reference would let it go
            uid = f"org-card-{model.__name__}"
            post_save.connect(changed, sender=model, weak=False, dispatch_uid=uid)
            post_delete.connect(changed, sender=model, weak=False, dispatch_uid=f"{uid}-deleted")
