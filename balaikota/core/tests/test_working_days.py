"""Service deadlines in working days: weekends, 2026 national holidays, cuti bersama rows."""

from __future__ import annotations

import datetime as dt

import holidays
import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from balaikota.core.models import ExtraHoliday
from balaikota.core.working_days import (
    _CACHE_KEY,
    add_working_days,
    forget_extra_holidays,
    holiday_name,
    is_working_day,
    working_days_between,
)

D = dt.date

# What the holidays package says about Indonesia in 2026 (category "public"), and the cuti
# bersama around Nyepi and Idul Fitri that admins enter as ExtraHoliday rows (SKB 3 Menteri).
NYEPI = D(2026, 3, 19)  # Thursday
IDUL_FITRI = (D(2026, 3, 21), D(2026, 3, 22))  # Saturday and Sunday
CUTI_BERSAMA_LEBARAN = [D(2026, 3, 18), D(2026, 3, 20), D(2026, 3, 23), D(2026, 3, 24)]


def add_cuti_bersama(days):
    for day in days:
        ExtraHoliday.objects.create(date=day, name=f"Cuti bersama {day:%d %B}")


def test_the_holidays_package_still_knows_what_these_tests_assume():
    national = holidays.country_holidays("ID", years=2026)
    assert "Eid al-Fitr" in national[IDUL_FITRI[0]]
    assert "Eid al-Fitr" in national[IDUL_FITRI[1]]
    assert NYEPI in national
    for fixed in (D(2026, 1, 1), D(2026, 5, 1), D(2026, 6, 1), D(2026, 8, 17), D(2026, 12, 25)):
        assert fixed in national
    # Cuti bersama are not public holidays: without ExtraHoliday rows they are working days.
    assert not set(CUTI_BERSAMA_LEBARAN) & set(national)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "day",
    [D(2026, 1, 1), D(2026, 1, 16), NYEPI, D(2026, 4, 3), D(2026, 5, 14), D(2026, 8, 17)],
)
def test_national_holidays_on_weekdays_are_not_working_days(day):
    assert day.weekday() < 5
    assert not is_working_day(day)
    assert holiday_name(day)


@pytest.mark.django_db
def test_a_plain_weekday_is_a_working_day_and_a_weekend_is_not():
    assert is_working_day(D(2026, 1, 14))
    assert not is_working_day(D(2026, 1, 17))
    assert holiday_name(D(2026, 1, 17)) is None


@pytest.mark.django_db
def test_friday_plus_one_working_day_is_monday():
    assert add_working_days(D(2026, 1, 9), 1) == D(2026, 1, 12)


@pytest.mark.django_db
def test_a_deadline_skips_a_holiday_friday_and_the_weekend():
    # Thursday 15 January; Friday 16 January is Isra Mi'raj.
    assert add_working_days(D(2026, 1, 15), 1) == D(2026, 1, 19)
    assert working_days_between(D(2026, 1, 15), D(2026, 1, 19)) == 1


@pytest.mark.django_db
def test_a_deadline_across_nyepi_and_idul_fitri_without_cuti_bersama():
    # Filed Tuesday 17 March, 3 working days: Wed 18, Fri 20 (Thu 19 Nyepi; 21–22 Lebaran on
    # the weekend), Mon 23.
    assert add_working_days(D(2026, 3, 17), 3) == D(2026, 3, 23)


@pytest.mark.django_db
def test_cuti_bersama_rows_push_the_deadline_past_the_lebaran_week():
    add_cuti_bersama(CUTI_BERSAMA_LEBARAN)
    assert add_working_days(D(2026, 3, 17), 3) == D(2026, 3, 27)
    assert working_days_between(D(2026, 3, 17), D(2026, 3, 27)) == 3
    assert holiday_name(D(2026, 3, 20)) == "Cuti bersama 20 March"
    assert "Eid al-Fitr" in holiday_name(IDUL_FITRI[0])


@pytest.mark.django_db
def test_going_back_skips_the_same_days():
    assert add_working_days(D(2026, 1, 19), -1) == D(2026, 1, 15)
    add_cuti_bersama(CUTI_BERSAMA_LEBARAN)
    assert add_working_days(D(2026, 3, 25), -1) == D(2026, 3, 17)
    assert add_working_days(D(2026, 3, 25), -2) == D(2026, 3, 16)


@pytest.mark.django_db
def test_zero_days_is_the_start_itself():
    assert add_working_days(D(2026, 3, 21), 0) == D(2026, 3, 21)
    assert working_days_between(D(2026, 3, 21), D(2026, 3, 21)) == 0


@pytest.mark.django_db
def test_days_left_and_days_overdue():
    due = D(2026, 1, 21)  # Wednesday
    assert working_days_between(D(2026, 1, 17), due) == 3  # Saturday: Mon, Tue, Wed left
    assert working_days_between(due, D(2026, 1, 24)) == 2  # Saturday after: Thu, Fri overdue
    assert working_days_between(D(2026, 1, 24), due) == -2


def test_datetimes_are_refused_because_they_hide_the_time_zone():
    moment = dt.datetime(2026, 1, 9, 23, 0, tzinfo=dt.UTC)
    with pytest.raises(TypeError):
        add_working_days(moment, 1)
    with pytest.raises(TypeError):
        is_working_day(moment)
    with pytest.raises(TypeError):
        working_days_between(moment, D(2026, 1, 12))


# --- the cached ExtraHoliday dates ------------------------------------------------------------


@pytest.mark.django_db
def test_adding_or_removing_a_row_is_seen_at_once(django_assert_num_queries):
    day = D(2026, 12, 24)
    assert is_working_day(day)  # caches the (empty) set of extra days
    with django_assert_num_queries(0):
        assert is_working_day(day)
    holiday = ExtraHoliday.objects.create(date=day, name="Cuti bersama Natal")
    assert not is_working_day(day)
    holiday.delete()
    assert is_working_day(day)


@pytest.mark.django_db
def test_a_queryset_delete_is_seen_at_once():
    add_cuti_bersama([D(2026, 12, 24)])
    assert not is_working_day(D(2026, 12, 24))
    ExtraHoliday.objects.all().delete()
    assert is_working_day(D(2026, 12, 24))


@pytest.mark.django_db
def test_bulk_create_sends_no_signal_so_the_caller_forgets_the_cache():
    day = D(2026, 12, 24)
    assert is_working_day(day)
    ExtraHoliday.objects.bulk_create([ExtraHoliday(date=day, name="Cuti bersama Natal")])
    assert is_working_day(day)  # stale: the cached set predates the rows
    forget_extra_holidays()
    assert not is_working_day(day)


@pytest.mark.django_db
def test_the_cache_is_forgotten_again_when_the_transaction_commits(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        ExtraHoliday.objects.create(date=D(2026, 12, 24), name="Cuti bersama Natal")
    # A request that read the calendar before the commit put the old set back in the cache.
    cache.set(_CACHE_KEY, frozenset())
    for callback in callbacks:
        callback()
    assert cache.get(_CACHE_KEY) is None
    assert not is_working_day(D(2026, 12, 24))


# --- properties ---------------------------------------------------------------------------------

dates = st.dates(min_value=D(2024, 1, 1), max_value=D(2027, 12, 31))
suppress = settings(
    suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=150, deadline=None
)


@pytest.fixture
def lebaran_cuti_bersama(db):
    add_cuti_bersama(CUTI_BERSAMA_LEBARAN)


@suppress
@given(start=dates, n=st.integers(0, 40))
def test_counting_the_days_back_gives_n(lebaran_cuti_bersama, start, n):
    due = add_working_days(start, n)
    assert working_days_between(start, due) == n
    if n:
        assert due > start
        assert is_working_day(due)
        # … and the day before the deadline still needed one more working day.
        assert working_days_between(start, due - dt.timedelta(days=1)) == n - 1


@suppress
@given(start=dates, n=st.integers(1, 40))
def test_going_back_lands_on_a_working_day(lebaran_cuti_bersama, start, n):
    earlier = add_working_days(start, -n)
    assert earlier < start
    assert is_working_day(earlier)
    assert working_days_between(earlier, start) == n - 1 + is_working_day(start)


@suppress
@given(a=dates, b=dates)
def test_between_is_antisymmetric(lebaran_cuti_bersama, a, b):
    assert working_days_between(a, b) == -working_days_between(b, a)
