"""Working-day calendar: Monday–Friday minus Indonesian national holidays and admin-entered days.

National holidays come from the ``holidays`` package (Indonesia, category "public" unless
``settings.BALAIKOTA_HOLIDAY_CATEGORIES`` says otherwise; the package's "government" category
lists cuti bersama). Cuti bersama and local days off come from ``ExtraHoliday`` rows. Later apps
count service deadlines with these functions.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import ExtraHoliday

_CACHE_KEY = "core:extra-holidays:v1"
_CACHE_SECONDS = 3600


def _categories() -> tuple[str, ...]:
    return tuple(getattr(settings, "BALAIKOTA_HOLIDAY_CATEGORIES", ("public",)))


@lru_cache(maxsize=64)
def _national_calendar(year: int, categories: tuple[str, ...]) -> holidays.HolidayBase:
    return holidays.country_holidays("ID", years=year, categories=categories)


def _national(year: int) -> frozenset[dt.date]:
    return frozenset(_national_calendar(year, _categories()).keys())


def _extra() -> frozenset[dt.date]:
    days = cache.get(_CACHE_KEY)
    if days is None:
        days = frozenset(ExtraHoliday.objects.values_list("date", flat=True))
        cache.set(_CACHE_KEY, days, _CACHE_SECONDS)
    return days


def forget_extra_holidays() -> None:
    """Drop the cached ExtraHoliday dates, now and again when the current transaction commits.

    The second delete matters: a request reading the calendar between the change and the commit
    would otherwise cache the old rows for an hour.
    """
    cache.delete(_CACHE_KEY)
    transaction.on_commit(lambda: cache.delete(_CACHE_KEY))


@receiver(post_save, sender=ExtraHoliday, dispatch_uid="core.working_days.saved")
@receiver(post_delete, sender=ExtraHoliday, dispatch_uid="core.working_days.deleted")
def _extra_holiday_changed(sender, **kwargs) -> None:
    # Rows change through the admin, fixtures, the shell and bulk deletes; all send these signals.
    forget_extra_holidays()


def holiday_name(day: dt.date) -> str | None:
    """The holiday's name, or None for a working day or a plain weekend."""
    name = _national_calendar(day.year, _categories()).get(day)
    if name:
        return name
    if day not in _extra():
        return None
    extra = ExtraHoliday.objects.filter(date=day).first()
    return extra.name if extra else None


def is_working_day(day: dt.date, *, _extra_days: frozenset[dt.date] | None = None) -> bool:
    if isinstance(day, dt.datetime):
        raise TypeError("is_working_day takes a date; convert with timezone.localdate()")
    extra = _extra() if _extra_days is None else _extra_days
    return day.weekday() < 5 and day not in _national(day.year) and day not in extra


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date ``days`` working days after ``start`` (before it, if negative).

    ``start`` itself is never counted: an application filed on Friday with a 1-day service time
    is due on Monday (or the next working day after it). With ``days`` = 0 the answer is
    ``start``, working day or not.
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
    """Working days after ``start`` up to and including ``end``; negative if ``end`` < ``start``
    (antisymmetric: working_days_between(a, b) == -working_days_between(b, a)).

    So ``working_days_between(today, due)`` is the working days left (the due day counts) and,
    once past, ``working_days_between(due, today)`` the working days overdue. The inverse of
    add_working_days going forward: working_days_between(d, add_working_days(d, n)) == n for
    n >= 0 (going back the same holds only when ``d`` itself is a working day).
    """
    if isinstance(start, dt.datetime) or isinstance(end, dt.datetime):
        raise TypeError("working_days_between takes dates; convert with timezone.localdate()")
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
