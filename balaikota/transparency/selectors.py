"""Reads of the public figures: per service, per OPD and per month, for the last 12 months."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.cache import cache
from django.utils import timezone

from balaikota.satisfaction import selectors as satisfaction_selectors

from .models import ServiceMonthStat
from .services import MONTHS, REPORT_VERSION_KEY, window_start


def percentile(histogram: Counter, share: float) -> int | None:
    """The smallest value with at least ``share`` of the items at or below it (nearest rank)."""
    total = sum(histogram.values())
    if not total:
        return None
    rank = max(1, -(-int(total * share * 1000) // 1000))  # ceil without float drift
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if seen >= rank:
            return value
    return None


def _share(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class Figures:
    key: str
    name: str
    opd_name: str = ""
    promised_days: int | None = None
    received: int = 0
    received_online: int = 0
    completed: int = 0
    completed_on_time: int = 0
    complaints_received: int = 0
    complaints_in_time: int = 0
    histogram: Counter = field(default_factory=Counter)
    ikm: Decimal | None = None
    ikm_grade: str = ""
    respondents: int = 0

    def add(self, row: ServiceMonthStat) -> None:
        self.received += row.received
        self.received_online += row.received_online
        self.completed += row.completed
        self.completed_on_time += row.completed_on_time
        self.complaints_received += row.complaints_received
        self.complaints_in_time += row.complaints_in_time
        self.histogram.update({int(k): v for k, v in row.working_days.items()})

    @property
    def median_days(self) -> int | None:
        return percentile(self.histogram, 0.5)

    @property
    def p90_days(self) -> int | None:
        return percentile(self.histogram, 0.9)

    @property
    def on_time_share(self) -> Decimal | None:
        return _share(self.completed_on_time, self.completed)

    @property
    def online_share(self) -> Decimal | None:
        return _share(self.received_online, self.received)

    @property
    def complaints_in_time_share(self) -> Decimal | None:
        return _share(self.complaints_in_time, self.complaints_received)

    def as_dict(self) -> dict:
        def text(value):
            return None if value is None else str(value)

        return {
            "key": self.key,
            "name": self.name,
            "opd": self.opd_name,
            "promised_days": self.promised_days,
            "received": self.received,
            "completed": self.completed,
            "median_working_days": self.median_days,
            "p90_working_days": self.p90_days,
            "on_time_percent": text(self.on_time_share),
            "online_percent": text(self.online_share),
            "complaints_received": self.complaints_received,
            "complaints_answered_in_time_percent": text(self.complaints_in_time_share),
            "ikm": text(self.ikm),
            "ikm_grade": self.ikm_grade,
            "ikm_respondents": self.respondents,
        }


@dataclass
class Report:
    since: dt.date
    until: dt.date
    city: Figures
    opds: list[Figures]
    services: list[Figures]
    months: list[tuple[dt.date, int, int]]  # (month, received, completed)
    refreshed_at: dt.datetime | None

    @property
    def chart_max(self) -> int:
        return max([1, *(max(r, c) for _m, r, c in self.months)])

    @property
    def bars(self) -> list[dict]:
        """The monthly chart's geometry (viewBox 0 0 ``10 × months`` 100): drawn as SVG on the
        server, so there is no script to load and the table below holds the same numbers."""
        top = self.chart_max
        bars = []
        for index, (month, received, completed) in enumerate(self.months):
            h_received = round(received * 90 / top, 2)
            h_completed = round(completed * 90 / top, 2)
            bars.append(
                {
                    "month": month,
                    "received": received,
                    "completed": completed,
                    "x_received": index * 10 + 1,
                    "x_completed": index * 10 + 5,
                    "y_received": round(100 - h_received, 2),
                    "y_completed": round(100 - h_completed, 2),
                    "h_received": h_received,
                    "h_completed": h_completed,
                }
            )
        return bars

    @property
    def chart_width(self) -> int:
        return len(self.months) * 10


REPORT_KEPT_SECONDS = 300  # as long as the page's own Cache-Control


def report_kept(*, opd_code: str = "") -> Report:
    """``report`` kept in the shared cache for 5 minutes and replaced after every refresh: the
    IKM's exact arithmetic over every service costs ~20 ms, the same for every visitor. New
    survey answers show within 5 minutes, as the page's HTTP caching already allows."""
    version = cache.get(REPORT_VERSION_KEY, "0")
    key = f"transparency:report:{version}:{timezone.localdate().isoformat()}:{opd_code}"
    kept = cache.get(key)
    if kept is None:
        kept = report(opd_code=opd_code)
        cache.set(key, kept, REPORT_KEPT_SECONDS)
    return kept


def report(*, opd_code: str = "", today: dt.date | None = None) -> Report:
    today = today or timezone.localdate()
    since = window_start(today, MONTHS)
    rows = ServiceMonthStat.objects.filter(month__gte=since).select_related("opd", "service")
    if opd_code:
        rows = rows.filter(opd__code=opd_code)
    city = Figures("kota", "Kota Semarang")
    opds: dict[int, Figures] = {}
    services: dict[int, Figures] = {}
    months: dict[dt.date, list[int]] = {}
    refreshed = None
    for row in rows:
        city.add(row)
        opd = opds.setdefault(row.opd_id, Figures(row.opd.code, row.opd.name))
        opd.add(row)
        if row.service_id:
            service = services.setdefault(
                row.service_id,
                Figures(
                    row.service.slug,
                    row.service.name,
                    row.opd.name,
                    promised_days=row.service.service_time_days,
                ),
            )
            service.add(row)
        bucket = months.setdefault(row.month, [0, 0])
        bucket[0] += row.received
        bucket[1] += row.completed
        refreshed = max(refreshed, row.refreshed_at) if refreshed else row.refreshed_at
    period = satisfaction_selectors.Period(today.year)
    for ikm_row in satisfaction_selectors.ikm_by_service(period):
        target = next((s for s in services.values() if s.key == ikm_row.key), None)
        if target is not None:
            target.ikm, target.ikm_grade = ikm_row.result.ikm, ikm_row.result.grade
            target.respondents = ikm_row.result.respondents
    for ikm_row in satisfaction_selectors.ikm_by_opd(period):
        target = next((o for o in opds.values() if o.key == ikm_row.key), None)
        if target is not None:
            target.ikm, target.ikm_grade = ikm_row.result.ikm, ikm_row.result.grade
            target.respondents = ikm_row.result.respondents
    city_ikm = satisfaction_selectors.ikm_total(period)
    city.ikm, city.ikm_grade, city.respondents = city_ikm.ikm, city_ikm.grade, city_ikm.respondents
    series = []
    month = since
    while month <= today:
        received, completed = months.get(month, [0, 0])
        series.append((month, received, completed))
        month = (month + dt.timedelta(days=32)).replace(day=1)
    return Report(
        since=since,
        until=today,
        city=city,
        opds=sorted(opds.values(), key=lambda f: (-f.received, f.name)),
        services=sorted(services.values(), key=lambda f: (-f.received, f.name)),
        months=series,
        refreshed_at=refreshed,
    )
