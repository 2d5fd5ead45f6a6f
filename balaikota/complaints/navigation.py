"""Navigation of complaints: the public page for everyone, the queue for the OPD's managers,
and waiting complaints on their home page."""

from urllib.parse import urlencode

import rules
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from balaikota.core.navigation import (
    ActionItem,
    NavItem,
    ServiceLink,
    register,
    register_action_source,
    register_service_link,
)

register(NavItem("complaints", gettext_lazy("Pengaduan"), "complaints:list", order=25, public=True))
register(
    NavItem(
        "complaints_queue",
        gettext_lazy("Antrean pengaduan"),
        "complaints:queue",
        perm="complaints.view_queue",
        order=26,
    )
)


def _manager_actions(user) -> list[ActionItem]:
    if not rules.has_perm("complaints.view_queue", user):  # the rule itself: no query
        return []
    from .selectors import queue_counts

    counts = queue_counts(user)
    if not counts["menunggu"] and not counts["terlambat"]:
        return []
    return [
        ActionItem(
            title=_("%(count)s pengaduan menunggu jawaban") % {"count": counts["menunggu"]},
            detail=_("%(late)s melewati batas jawaban.") % {"late": counts["terlambat"]}
            if counts["terlambat"]
            else _("Jawab sebelum batasnya."),
            url="/pengaduan/antrean/",
            label=_("Buka antrean"),
            urgent=bool(counts["terlambat"]),
        )
    ]


register_action_source(_manager_actions)


def _complain_about(public_service) -> ServiceLink:
    url = reverse("complaints:new") + "?" + urlencode({"layanan": public_service.slug})
    return ServiceLink(gettext_lazy("Adukan layanan ini"), url, order=10)


register_service_link(_complain_about)
