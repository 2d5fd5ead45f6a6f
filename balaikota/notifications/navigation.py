"""Navigation entry of the notifications app: every signed-in person has an inbox."""

from django.utils.translation import gettext_lazy as _

from balaikota.core.navigation import NavItem, register


def _unread(user) -> int:
    from .selectors import unread_count_cached

    return unread_count_cached(user)


register(NavItem("notifications", _("Notifikasi"), "notifications:list", order=85, badge=_unread))
