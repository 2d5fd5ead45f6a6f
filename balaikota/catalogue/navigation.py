"""Navigation entry of the public-service catalogue."""

from django.utils.translation import gettext_lazy as _

from balaikota.core.navigation import NavItem, register

# roles empty: every signed-in person (the registry shows nothing to anonymous visitors yet).
register(NavItem("public_services", _("Layanan publik"), "catalogue:list", order=20))
