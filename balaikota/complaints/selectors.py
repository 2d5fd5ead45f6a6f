"""Reads of complaints: the public view (personal data hidden), similar complaints, the OPD's
queue, and the export for SP4N-LAPOR!."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from balaikota.accounts.interfaces import Role

from . import integrations
from .masking import mask_personal_data
from .models import OPEN_STATES, Complaint, ComplaintCategory, ComplaintMessage, Status

SIMILAR_WITHIN_DAYS = 365
LAPOR_FORMAT = "balaikota.pengaduan.v1"


def categories_active() -> QuerySet[ComplaintCategory]:
    return ComplaintCategory.objects.filter(is_active=True).order_by("order", "name")


def complaint_by_number(number: str) -> Complaint | None:
    if not number or len(number) > 20:
        return None
    return (
        Complaint.objects.select_related("opd", "service", "category", "complainant")
        .filter(tracking_number=number.strip().upper())
        .first()
    )


def public_complaints(*, opd_code: str = "", status: str = "") -> QuerySet[Complaint]:
    rows = Complaint.objects.filter(is_public=True).select_related("opd", "service", "category")
    if opd_code:
        rows = rows.filter(opd__code=opd_code)
    if status:
        rows = rows.filter(status=status)
    return rows.order_by("-submitted_at", "-pk").defer("body", "search_stems")


@dataclass(frozen=True)
class PublicMessage:
    author: str  # "Pelapor" or the OPD's name
    is_opd: bool
    body: str
    at: dt.datetime


@dataclass(frozen=True)
class PublicComplaint:
    """What anyone may read: no name, no contact, personal numbers masked."""

    complaint: Complaint
    title: str
    body: str
    messages: list[PublicMessage]
    history: list


def public_view(complaint: Complaint) -> PublicComplaint:
    messages = [
        PublicMessage(
            author=complaint.opd.name if m.author_kind == ComplaintMessage.Author.OPD else "",
            is_opd=m.author_kind == ComplaintMessage.Author.OPD,
            body=mask_personal_data(m.body),
            at=m.created_at,
        )
        for m in complaint.messages.all()
    ]
    history = [
        {"at": e.at, "status": Status(e.to_status).label, "text": e.public_text}
        for e in complaint.events.order_by("at", "pk")
        if e.public_text
    ]
    return PublicComplaint(
        complaint=complaint,
        title=mask_personal_data(complaint.title),
        body=mask_personal_data(complaint.body),
        messages=messages,
        history=history,
    )


def similar_complaints(
    text: str, *, service=None, opd=None, limit: int = 5, exclude_pk: int | None = None
) -> list[Complaint]:
    """Public complaints of the last year that share the most words (stems) with ``text``:
    shown while a citizen types, so the same problem is not reported twice."""
    stems = [s for s in integrations.query_stems(text) if len(s) > 2][:12]
    if len(stems) < 2:
        return []
    since = timezone.now() - dt.timedelta(days=SIMILAR_WITHIN_DAYS)
    rows = Complaint.objects.filter(is_public=True, submitted_at__gte=since)
    if service is not None:
        rows = rows.filter(service=service)
    elif opd is not None:
        rows = rows.filter(opd=opd)
    if exclude_pk:
        rows = rows.exclude(pk=exclude_pk)
    rows = rows.filter(reduce(or_, (Q(search_stems__contains=f" {s} ") for s in stems)))
    candidates = list(
        rows.select_related("opd").only(
            "tracking_number", "title", "status", "submitted_at", "search_stems", "opd__name"
        )[:200]
    )
    wanted = set(stems)
    scored = []
    for complaint in candidates:
        held = set(complaint.search_stems.split())
        shared = len(wanted & held)
        if shared >= max(2, math.ceil(len(wanted) * 0.4)):
            scored.append(
                (-shared / len(wanted | held), -complaint.submitted_at.timestamp(), complaint)
            )
    scored.sort(key=lambda item: item[:2])
    return [complaint for _s, _t, complaint in scored[:limit]]


# --- The OPD --------------------------------------------------------------------------------


def managed_opd_ids(user) -> frozenset | None:
    """OPD ids whose complaints ``user`` handles; None: every OPD (a city-wide grant)."""
    scopes = user.role_scope_map().get(Role.SERVICE_MANAGER, frozenset())
    if None in scopes:
        return None
    return frozenset(scopes)


def queue_for(user, *, view: str = "menunggu") -> QuerySet[Complaint]:
    """The complaints of the OPDs ``user`` manages: waiting, theirs, overdue, or all."""
    scope = managed_opd_ids(user)
    rows = Complaint.objects.select_related("opd", "category", "service", "claimed_by")
    if scope is not None:
        rows = rows.filter(opd_id__in=scope)
    today = timezone.localdate()
    if view == "menunggu":
        rows = rows.filter(status__in=[Status.SUBMITTED, Status.REOPENED])
    elif view == "saya":
        rows = rows.filter(status=Status.IN_PROGRESS, claimed_by=user)
    elif view == "terlambat":
        rows = rows.filter(status__in=OPEN_STATES, due_date__lt=today)
    elif view == "dijawab":
        rows = rows.filter(status=Status.ANSWERED)
    return rows.defer("body", "search_stems")


def queue_counts(user) -> dict[str, int]:
    scope = managed_opd_ids(user)
    rows = Complaint.objects.filter(status__in=OPEN_STATES)
    if scope is not None:
        rows = rows.filter(opd_id__in=scope)
    today = timezone.localdate()
    counts = rows.aggregate(
        menunggu=Count("pk", filter=Q(status__in=[Status.SUBMITTED, Status.REOPENED])),
        saya=Count("pk", filter=Q(status=Status.IN_PROGRESS, claimed_by=user)),
        terlambat=Count("pk", filter=Q(due_date__lt=today)),
    )
    return counts


# --- SP4N-LAPOR! ----------------------------------------------------------------------------


def lapor_record(complaint: Complaint) -> dict:
    """One complaint in the documented export format (docs/complaints.md): what the national
    channel needs to take it over, with the complainant's contact only when not hidden."""
    contact = None
    if not complaint.is_anonymous:
        user = complaint.complainant
        contact = {
            "name": (user.full_name if user else complaint.contact_name) or None,
            "email": (user.email if user else complaint.contact_email) or None,
            "phone": (getattr(user, "phone", "") if user else complaint.contact_phone) or None,
        }
    return {
        "format": LAPOR_FORMAT,
        "tracking_number": complaint.tracking_number,
        "submitted_at": complaint.submitted_at.isoformat(),
        "channel": "balaikota-digital",
        "agency": {"code": complaint.opd.code, "name": complaint.opd.name},
        "service": (
            {"slug": complaint.service.slug, "name": complaint.service.name}
            if complaint.service_id
            else None
        ),
        "category": {"slug": complaint.category.slug, "name": complaint.category.name},
        "kind": "aspirasi" if complaint.category.is_suggestion else "pengaduan",
        "title": complaint.title,
        "body": complaint.body,
        "incident": {
            "place": complaint.incident_place or None,
            "date": complaint.incident_date.isoformat() if complaint.incident_date else None,
        },
        "anonymous": complaint.is_anonymous,
        "public": complaint.is_public,
        "complainant": contact,
        "status": complaint.status,
        "due_date": complaint.due_date.isoformat(),
        "answered_at": complaint.answered_at.isoformat() if complaint.answered_at else None,
        "messages": [
            {"from": m.author_kind, "at": m.created_at.isoformat(), "body": m.body}
            for m in complaint.messages.all()
        ],
        "attachments": [
            {
                "name": a.original_name,
                "content_type": a.content_type,
                "size": a.size,
                "sha256": a.sha256,
            }
            for a in complaint.attachments.all()
        ],
    }


def lapor_export(*, opd_ids=None, since: dt.date | None = None) -> list[dict]:
    rows = Complaint.objects.select_related("opd", "service", "category", "complainant")
    if opd_ids is not None:
        rows = rows.filter(opd_id__in=opd_ids)
    if since is not None:
        rows = rows.filter(submitted_at__date__gte=since)
    rows = rows.prefetch_related("messages", "attachments").order_by("submitted_at", "pk")
    return [lapor_record(c) for c in rows[:5000]]


# --- Public statistics ------------------------------------------------------------------------


def complaint_month_stats(*, since: dt.date) -> list[dict]:
    """Per service (None: not about one service) and OPD and month: complaints received, and
    those answered by their deadline."""
    zone = timezone.get_current_timezone()
    start = dt.datetime.combine(since, dt.time.min, tzinfo=zone)
    stats: dict[tuple, dict] = {}
    rows = Complaint.objects.filter(submitted_at__gte=start).values_list(
        "service_id", "opd_id", "submitted_at", "answered_at", "due_date"
    )
    for service_id, opd_id, submitted_at, answered_at, due_date in rows.iterator(chunk_size=5000):
        month = timezone.localtime(submitted_at, zone).date().replace(day=1)
        key = (service_id, opd_id, month)
        entry = stats.setdefault(
            key,
            {
                "service_id": service_id,
                "opd_id": opd_id,
                "month": month,
                "received": 0,
                "in_time": 0,
            },
        )
        entry["received"] += 1
        if answered_at is not None and timezone.localtime(answered_at, zone).date() <= due_date:
            entry["in_time"] += 1
    return list(stats.values())
