"""Navigation entries offered by accounts and the back office."""

from django.utils.translation import gettext_lazy as _

from balaikota.core.navigation import NavItem, register

from .models import Role

register(NavItem("home", _("Beranda"), "home", order=0))
register(NavItem("profile", _("Profil"), "accounts:profile", order=90))
register(
    NavItem(
        "admin",
        _("Kantor belakang"),
        "admin:index",
        roles=frozenset({Role.PLATFORM_ADMIN}),
        order=95,
    )
)
