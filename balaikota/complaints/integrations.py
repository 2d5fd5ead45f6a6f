"""The one place complaints call the apps beside them: accounts, the catalogue, organisation,
notifications."""

from __future__ import annotations

from django.utils.translation import gettext as _

from balaikota.accounts import selectors as account_selectors
from balaikota.catalogue import selectors as catalogue_selectors
from balaikota.notifications import services as notification_services
from balaikota.organization import selectors as organization_selectors

TOPIC_CITIZEN = "complaints.status"
TOPIC_OPD = "complaints.queue"
# Actions the OPD's public-service managers hear about.
OPD_ACTIONS = {"submit", "forward", "respond", "reopen"}


def stems(*texts: str) -> str:
    return catalogue_selectors.search_index_text(*texts)


def query_stems(text: str) -> list[str]:
    return catalogue_selectors.search_query_stems(text)


def service_by_slug(slug: str):
    return catalogue_selectors.public_service_by_slug(slug)


def services_for_choice():
    return catalogue_selectors.public_services_active()


def opds_active():
    return organization_selectors.opds_active()


def opd_managers(opd_id: int):
    return account_selectors.users_with_role("service_manager", opd_id=opd_id)


def complaint_event_notify(complaint, step) -> None:
    url = complaint.get_absolute_url()
    text = _(step.action.public_text) if step.action.public_text else ""
    if complaint.complainant_id and step.action.name not in {"respond", "reopen", "close"}:
        body = text
        if step.action.public_reason and step.event.reason:
            body = f"{body} {step.event.reason}"
        notification_services.notify(
            recipient=complaint.complainant,
            topic=TOPIC_CITIZEN,
            title=_("Pengaduan %(number)s: %(status)s")
            % {"number": complaint.tracking_number, "status": complaint.get_status_display()},
            body=body,
            url=url,
            dedupe_key=f"complaint:{complaint.pk}:{step.event.pk}",
        )
    if step.action.name in OPD_ACTIONS:
        for manager in opd_managers(complaint.opd_id):
            notification_services.notify(
                recipient=manager,
                topic=TOPIC_OPD,
                title=_("Pengaduan %(number)s: %(title)s")
                % {"number": complaint.tracking_number, "title": complaint.title},
                body=text,
                url=f"{url}tangani/",
                dedupe_key=f"complaint:{complaint.pk}:{step.event.pk}",
            )
