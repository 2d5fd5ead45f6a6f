"""The periodic refresh of the public figures (Celery beat, hourly; ``refresh_statistics``)."""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from balaikota.catalogue import selectors as catalogue_selectors
from balaikota.civil_registry import selectors as civil_registry_selectors
from balaikota.complaints import selectors as complaint_selectors

from .models import ServiceMonthStat

MONTHS = 12


def window_start(today: dt.date, months: int = MONTHS) -> dt.date:
    """The first day of the month ``months - 1`` months before ``today``'s."""
    year, month = today.year, today.month - (months - 1)
    while month <= 0:
        month += 12
        year -= 1
    return dt.date(year, month, 1)


REPORT_VERSION_KEY = "transparency:report-version"


def report_version_replace() -> None:
    cache.set(REPORT_VERSION_KEY, uuid.uuid4().hex, None)


def statistics_refresh(*, months: int = MONTHS, today: dt.date | None = None) -> int:
    """Recompute the last ``months`` months from the applications and complaints; one
    transaction swaps the rows, so the page shows the old or the new figures, never half.
    Returns the rows written."""
    today = today or timezone.localdate()
    since = window_start(today, months)
    applications = civil_registry_selectors.application_month_stats(since=since)
    complaints = complaint_selectors.complaint_month_stats(since=since)
    service_ids = {a.public_service_id for a in applications} | {
        c["service_id"] for c in complaints if c["service_id"]
    }
    opd_of = dict(
        catalogue_selectors.public_services_by_pks(service_ids).values_list("pk", "opd_id")
    )
    rows: dict[tuple, ServiceMonthStat] = {}
    now = timezone.now()

    def row(opd_id, service_id, month) -> ServiceMonthStat:
        key = (service_id, opd_id if service_id is None else None, month)
        if key not in rows:
            rows[key] = ServiceMonthStat(
                opd_id=opd_id, service_id=service_id, month=month, refreshed_at=now
            )
        return rows[key]

    for stats in applications:
        opd_id = opd_of.get(stats.public_service_id)
        if opd_id is None:
            continue
        target = row(opd_id, stats.public_service_id, stats.month)
        target.received += stats.received
        target.received_online += stats.received_online
        target.completed += stats.completed
        target.completed_on_time += stats.completed_on_time
        histogram = Counter({int(k): v for k, v in target.working_days.items()})
        histogram.update(stats.working_days or [])
        target.working_days = {str(k): v for k, v in sorted(histogram.items())}
    for entry in complaints:
        service_id = entry["service_id"] if entry["service_id"] in opd_of else None
        opd_id = opd_of.get(service_id, entry["opd_id"]) if service_id else entry["opd_id"]
        target = row(opd_id, service_id, entry["month"])
        target.complaints_received += entry["received"]
        target.complaints_in_time += entry["in_time"]
    with transaction.atomic():
        ServiceMonthStat.objects.filter(month__gte=since).delete()
        ServiceMonthStat.objects.bulk_create(rows.values(), batch_size=1000)
        # Kept reports (selectors.report_kept) give way to the new rows: now, and again once
        # they are committed, so no process keeps a report read in between.
        report_version_replace()
        transaction.on_commit(report_version_replace)
    return len(rows)
