"""Navigation entry of the notifications app: every signed-in person has an inbox."""

from django.utils.translation import gettext_lazy as _

from balaikota.core.navigation import NavItem, register

register(NavItem("notifications", _("Notifikasi"), "notifications:list", order=85))
