"""Navigation entries of civil registration (imported from CivilRegistryConfig.ready())."""

from django.utils.translation import gettext_lazy as _

from balaikota.accounts.interfaces import Role
from balaikota.core.navigation import NavItem, register

register(
    NavItem(
        "civil_registry",
        _("Permohonan kependudukan"),
        "civil_registry:home",
        roles=frozenset({Role.CITIZEN}),
        order=30,
    )
)
register(
    NavItem(
        "civil_registry_queue",
        _("Antrean kerja"),
        "civil_registry:queue",
        roles=frozenset({Role.SERVICE_OFFICER, Role.VERIFIER}),
        order=31,
    )
)
register(
    NavItem(
        "civil_registry_signing",
        _("Tanda tangan"),
        "civil_registry:sign_list",
        roles=frozenset({Role.SIGNING_OFFICIAL}),
        order=32,
    )
)
register(
    NavItem(
        "civil_registry_appointments",
        _("Jadwal kunjungan"),
        "civil_registry:appointments",
        roles=frozenset({Role.CITIZEN}),
        order=33,
    )
)
