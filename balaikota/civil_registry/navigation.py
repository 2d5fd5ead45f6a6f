"""Navigation entries of civil registration (imported from CivilRegistryConfig.ready()).

Each entry names the permission its page checks (``permissions.py``), so the menu shows a page
exactly to those who may open it."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from balaikota.core.navigation import (
    NavItem,
    register,
    register_action_source,
    register_online_application,
)

register(
    NavItem(
        "civil_registry",
        _("Permohonan kependudukan"),
        "civil_registry:home",
        perm="civil_registry.create_application",
        order=30,
    )
)
register(
    NavItem(
        "civil_registry_queue",
        _("Antrean kerja"),
        "civil_registry:queue",
        perm="civil_registry.view_queue",
        order=31,
    )
)
register(
    NavItem(
        "civil_registry_verification",
        _("Verifikasi"),
        "civil_registry:verification_list",
        perm="civil_registry.view_verification_list",
        order=31,
    )
)
register(
    NavItem(
        "civil_registry_signing",
        _("Tanda tangan"),
        "civil_registry:sign_list",
        perm="civil_registry.view_signing_list",
        order=32,
    )
)
register(
    NavItem(
        "civil_registry_appointments",
        _("Jadwal kunjungan"),
        "civil_registry:appointments",
        perm="civil_registry.book_appointment",
        order=33,
    )
)
register(
    NavItem(
        "civil_registry_counter",
        _("Kunjungan hari ini"),
        "civil_registry:appointments_counter",
        perm="civil_registry.check_in_appointment",
        order=34,
    )
)
register(
    NavItem(
        "civil_registry_track",
        _("Lacak permohonan"),
        "civil_registry_public:track",
        public_only=True,  # signed in, the citizen has their own list of applications
        order=40,
    )
)


def _online_application(public_service) -> str:
    from .selectors import service_type_code_for

    code = service_type_code_for(public_service)
    return reverse("civil_registry:apply", kwargs={"service_code": code}) if code else ""


register_online_application(_online_application)


def _citizen_actions(user):
    from .selectors import citizen_actions

    return citizen_actions(user)


register_action_source(_citizen_actions)
