from balaikota.core.models import ExtraHoliday
from balaikota.core.pagination import CappedPaginator


def _holidays(n):
    import datetime as dt

    ExtraHoliday.objects.bulk_create(
        ExtraHoliday(date=dt.date(2030, 1, 1) + dt.timedelta(days=i), name=f"Libur {i}")
        for i in range(n)
    )
    return ExtraHoliday.objects.order_by("date")


def test_below_the_cap_the_count_is_exact(db):
    paginator = CappedPaginator(_holidays(7), 5, cap=10)
    assert paginator.count == 7
    assert not paginator.is_capped
    assert paginator.num_pages == 2


def test_above_the_cap_counting_stops_and_says_so(db):
    paginator = CappedPaginator(_holidays(25), 5, cap=10)
    assert paginator.count == 11
    assert paginator.is_capped
    assert [h.name for h in paginator.get_page(1)] == [f"Libur {i}" for i in range(5)]
