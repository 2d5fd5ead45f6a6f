"""Reads of the satisfaction survey: the IKM per OPD and per service for a period, the
follow-up actions, an invitation by its token."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, Sum
from django.utils import timezone

from balaikota.catalogue import selectors as catalogue_selectors
from balaikota.organization import selectors as organization_selectors

from .ikm import ELEMENT_CODES, IkmResult, ikm_from_totals
from .models import ImprovementAction, SatisfactionSurvey, SurveyInvitation

PERIODS = ("tahun", "s1", "s2")  # the year, or one of its halves (semester)


@dataclass(frozen=True)
class Period:
    year: int
    part: str = "tahun"

    @property
    def bounds(self) -> tuple[dt.datetime, dt.datetime]:
        """[start, end) in the platform's time zone."""
        start_month, end_month = {"tahun": (1, 13), "s1": (1, 7), "s2": (7, 13)}[self.part]
        zone = timezone.get_current_timezone()
        start = dt.datetime(self.year, start_month, 1, tzinfo=zone)
        end = (
            dt.datetime(self.year + 1, 1, 1, tzinfo=zone)
            if end_month == 13
            else dt.datetime(self.year, end_month, 1, tzinfo=zone)
        )
        return start, end

    @property
    def label(self) -> str:
        return {
            "tahun": str(self.year),
            "s1": f"Semester I {self.year}",
            "s2": f"Semester II {self.year}",
        }[self.part]


def current_period() -> Period:
    return Period(timezone.localdate().year)


@dataclass(frozen=True)
class IkmRow:
    key: str  # OPD code or service slug
    name: str
    opd_name: str
    result: IkmResult


def _sums():
    return {code: Sum(code) for code in ELEMENT_CODES}


def _rows(group: str, period: Period, extra: Q | None = None) -> dict:
    start, end = period.bounds
    answers = (
        SatisfactionSurvey.objects.filter(
            extra or Q(), submitted_at__gte=start, submitted_at__lt=end
        )
        .values(group)
        .annotate(respondents=Count("pk"), **_sums())
    )
    return {row[group]: row for row in answers}


def _served(group: str, period: Period, extra: Q | None = None) -> dict:
    """People served in the period: one invitation per completed application."""
    start, end = period.bounds
    served = (
        SurveyInvitation.objects.filter(extra or Q(), created_at__gte=start, created_at__lt=end)
        .values(group)
        .annotate(n=Count("pk"))
    )
    return {row[group]: row["n"] for row in served}


def _result(row: dict | None, population: int | None) -> IkmResult:
    if row is None:
        return ikm_from_totals([0] * 9, 0, population=population)
    return ikm_from_totals(
        [row[code] for code in ELEMENT_CODES], row["respondents"], population=population
    )


def ikm_by_opd(period: Period) -> list[IkmRow]:
    """Every OPD with answers or people served in the period, best IKM first."""
    answers = _rows("opd_id", period)
    served = _served("service__opd_id", period)
    opds = organization_selectors.opds_active().filter(pk__in=set(answers) | set(served))
    rows = [
        IkmRow(opd.code, opd.name, opd.name, _result(answers.get(opd.pk), served.get(opd.pk)))
        for opd in opds
    ]
    return sorted(rows, key=lambda r: (r.result.ikm is None, -(r.result.ikm or 0), r.name))


def ikm_by_service(period: Period, *, opd=None) -> list[IkmRow]:
    scope = Q(opd=opd) if opd is not None else Q()
    answers = _rows("service_id", period, scope)
    served = _served("service_id", period, Q(service__opd=opd) if opd is not None else Q())
    services = catalogue_selectors.public_services_by_pks(set(answers) | set(served))
    rows = [
        IkmRow(s.slug, s.name, s.opd.name, _result(answers.get(s.pk), served.get(s.pk)))
        for s in services
    ]
    return sorted(rows, key=lambda r: (r.result.ikm is None, -(r.result.ikm or 0), r.name))


def ikm_total(period: Period, *, opd=None, service=None) -> IkmResult:
    scope = Q()
    served_scope = Q()
    if opd is not None:
        scope &= Q(opd=opd)
        served_scope &= Q(service__opd=opd)
    if service is not None:
        scope &= Q(service=service)
        served_scope &= Q(service=service)
    start, end = period.bounds
    row = SatisfactionSurvey.objects.filter(
        scope, submitted_at__gte=start, submitted_at__lt=end
    ).aggregate(respondents=Count("pk"), **_sums())
    population = SurveyInvitation.objects.filter(
        served_scope, created_at__gte=start, created_at__lt=end
    ).count()
    return _result(row if row["respondents"] else None, population)


def improvement_actions(*, year: int, opd=None) -> list[ImprovementAction]:
    actions = ImprovementAction.objects.filter(year=year).select_related("opd", "service")
    if opd is not None:
        actions = actions.filter(opd=opd)
    return list(actions)


def survey_years() -> list[int]:
    """Years that have answers, newest first (and the current year)."""
    years = {d.year for d in SatisfactionSurvey.objects.dates("submitted_at", "year", order="DESC")}
    years.add(timezone.localdate().year)
    return sorted(years, reverse=True)
