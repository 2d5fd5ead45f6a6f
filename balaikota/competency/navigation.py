"""Navigation of competency development: the learner's page for civil servants, compliance for
the competency admin and leaders, and decisions waiting on the home page."""

import rules
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from balaikota.core.navigation import ActionItem, NavItem, register, register_action_source

register(
    NavItem(
        "competency",
        gettext_lazy("Kompetensi & JP"),
        "competency:home",
        perm="competency.browse",
        order=40,
    )
)
register(
    NavItem(
        "competency_compliance",
        gettext_lazy("Kepatuhan 20 JP"),
        "competency:compliance",
        perm="competency.view_compliance",
        order=41,
    )
)


def _decisions(user) -> list[ActionItem]:
    if not rules.has_perm("competency.browse", user):  # the rule itself: no query
        return []
    if not user.has_role("civil_servant") and not user.has_role("competency_admin"):
        return []
    from .selectors import approvals_count_cached

    count = approvals_count_cached(user)
    if not count:
        return []
    return [
        ActionItem(
            title=_("%(count)s persetujuan pengembangan kompetensi menunggu Anda")
            % {"count": count},
            detail=_("Pendaftaran pelatihan, penilaian mandiri, atau bukti pembelajaran tim Anda."),
            url=reverse("competency:approvals"),
            label=_("Buka persetujuan"),
        )
    ]


register_action_source(_decisions)
