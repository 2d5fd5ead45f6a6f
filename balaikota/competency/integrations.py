"""The one place competency development calls the apps beside it: organisation (who supervises
whom) and notifications."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from balaikota.notifications import services as notification_services
from balaikota.organization import selectors as organization_selectors

TOPIC = "competency"


def employee_for_user(user):
    return organization_selectors.employee_for_user(user)


def direct_supervisor(employee):
    return organization_selectors.direct_supervisor(employee)


def employee_by_pk(pk):
    return organization_selectors.employee_by_pk(pk)


def opd_by_code(code: str):
    return organization_selectors.opd_by_code(code)


def notify(user, *, title: str, body: str = "", url: str = "", key: str = "") -> None:
    if user is None:
        return
    notification_services.notify(
        recipient=user, topic=TOPIC, title=title, body=body, url=url, dedupe_key=key
    )


def event_notify(kind: str, obj, step) -> None:
    """The person hears of each decision on their request; the approver of each new request."""
    action = step.action.name
    text = _(step.action.public_text) if step.action.public_text else ""
    if step.action.public_reason and step.event.reason:
        text = f"{text} {_('Alasan')}: {step.event.reason}"
    key = f"{kind}:{obj.pk}:{step.event.pk}"
    if kind == "enrolment":
        title_for = obj.training_class.programme.title
        url = reverse("competency:class", args=[obj.training_class_id])
        if action == "request":
            if obj.approver_id:
                notify(
                    obj.approver.user,
                    title=_("Persetujuan pelatihan: %(name)s") % {"name": obj.employee.full_name},
                    body=_("%(name)s mengajukan %(programme)s.")
                    % {"name": obj.employee.full_name, "programme": title_for},
                    url=reverse("competency:approvals"),
                    key=key,
                )
            return
        notify(obj.employee.user, title=title_for, body=text, url=url, key=key)
    elif kind == "evidence":
        url = reverse("competency:evidence", args=[obj.pk])
        if action == "submit":
            if obj.approver_id:
                notify(
                    obj.approver.user,
                    title=_("Bukti pembelajaran menunggu validasi: %(name)s")
                    % {"name": obj.employee.full_name},
                    body=obj.title,
                    url=reverse("competency:evidence_queue"),
                    key=key,
                )
            return
        notify(obj.employee.user, title=obj.title, body=text, url=url, key=key)
    elif kind == "assessment":
        notify(
            obj.employee.user,
            title=_("Penilaian %(competency)s") % {"competency": obj.competency.name},
            body=text,
            url=reverse("competency:profile"),
            key=key,
        )
