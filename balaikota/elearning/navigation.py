"""Navigation of e-learning: "Belajar" for civil servants, the results for the competency admin,
and an unfinished quiz attempt on the learner's home page."""

import rules
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from balaikota.core.navigation import ActionItem, NavItem, register, register_action_source

register(
    NavItem(
        "elearning", gettext_lazy("Belajar"), "elearning:list", perm="elearning.learn", order=30
    )
)
register(
    NavItem(
        "elearning_reports",
        gettext_lazy("Hasil belajar"),
        "elearning:reports",
        perm="elearning.view_reports",
        order=31,
    )
)


def _open_attempts(user) -> list[ActionItem]:
    if not rules.has_perm("elearning.learn", user):  # the rule itself: no query
        return []
    from .selectors import open_attempts_of

    return [
        ActionItem(
            title=_("%(quiz)s belum dikirim") % {"quiz": attempt.quiz_title},
            detail=_("Kirim sebelum %(time)s.")
            % {"time": timezone.localtime(attempt.deadline).strftime("%H.%M")},
            url=attempt.get_absolute_url(),
            label=_("Lanjutkan"),
            urgent=True,
        )
        for attempt in open_attempts_of(user)
    ]


register_action_source(_open_attempts)
