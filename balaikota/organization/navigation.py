"""Navigation entries offered by the organisation app."""

from django.utils.translation import gettext_lazy as _

from balaikota.accounts.interfaces import Role
from balaikota.core.navigation import NavItem, register

register(
    NavItem(
        "employees_import",
        _("Impor ASN"),
        "organization:employees_import",
        roles=frozenset({Role.PLATFORM_ADMIN, Role.COMPETENCY_ADMIN}),
        order=80,
    )
)
