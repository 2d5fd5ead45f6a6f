"""Working-day calendar: Monday–Friday minus Indonesian national holidays and admin-entered days.

National holidays come from the ``holidays`` package (Indonesia); cuti bersama and local days off
come from ``ExtraHoliday`` rows. Later apps count service deadlines with these functions.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays
from django.core.cache import cache

from .models import ExtraHoliday

_CACHE_KEY = "core:extra-holidays:v1"


@lru_cache(maxsize=64)
def _national(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("ID", years=year).keys())


def _extra() -> frozenset[dt.date]:
    days = cache.get(_CACHE_KEY)
    if days is None:
        days = frozenset(ExtraHoliday.objects.values_list("date", flat=True))
        cache.set(_CACHE_KEY, days, 3600)
    return days


def forget_extra_holidays() -> None:
    """Call after ExtraHoliday rows change (the admin does)."""
    cache.delete(_CACHE_KEY)


def holiday_name(day: dt.date) -> str | None:
    name = holidays.country_holidays("ID", years=day.year).get(day)
    if name:
        return name
    extra = ExtraHoliday.objects.filter(date=day).first()
    return extra.name if extra else None


def is_working_day(day: dt.date, *, _extra_days: frozenset[dt.date] | None = None) -> bool:
    extra = _extra() if _extra_days is None else _extra_days
    return day.weekday() < 5 and day not in _national(day.year) and day not in extra


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date ``days`` working days after ``start`` (before it, if negative).

    ``start`` itself is never counted: an application filed on Friday with a 1-day service time
    is due on Monday (or the next working day after it).
    """
    if isinstance(start, dt.datetime):
        raise TypeError("add_working_days takes a date; convert with timezone.localdate()")
    extra = _extra()
    step = 1 if days >= 0 else -1
    remaining = abs(days)
    day = start
    while remaining:
        day += dt.timedelta(days=step)
        if is_working_day(day, _extra_days=extra):
            remaining -= 1
    return day


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end`` (negative if end < start).

    The inverse of add_working_days: working_days_between(d, add_working_days(d, n)) == n.
    """
    if end < start:
        return -working_days_between(end, start)
    extra = _extra()
    count = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        if is_working_day(day, _extra_days=extra):
            count += 1
    return count
