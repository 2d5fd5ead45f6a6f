"""Navigation entry of the public-service catalogue."""

from django.utils.translation import gettext_lazy as _

from balaikota.core.navigation import NavItem, register

# Everyone, signed in or not: the catalogue is public.
register(NavItem("public_services", _("Layanan publik"), "catalogue:list", order=20, public=True))
