"""The public performance figures: exact medians over months, the refresh, the page and its
open data."""

import csv
import datetime as dt
import io
from collections import Counter
from decimal import Decimal

import pytest
from django.utils import timezone

from balaikota.catalogue.tests.factories import PublicServiceFactory
from balaikota.civil_registry import selectors as civil_registry_selectors
from balaikota.civil_registry.selectors import MonthStats
from balaikota.complaints.tests.factories import filed
from balaikota.transparency import selectors, services
from balaikota.transparency.models import ServiceMonthStat


def test_percentiles_use_the_nearest_rank():
    histogram = Counter({1: 5, 2: 3, 10: 2})  # ten applications
    assert selectors.percentile(histogram, 0.5) == 1
    assert selectors.percentile(histogram, 0.9) == 10
    assert selectors.percentile(Counter(), 0.5) is None
    assert selectors.percentile(Counter({3: 1}), 0.9) == 3


def test_the_window_starts_eleven_months_back():
    assert services.window_start(dt.date(2026, 12, 4)) == dt.date(2026, 1, 1)
    assert services.window_start(dt.date(2026, 3, 31)) == dt.date(2025, 4, 1)


@pytest.fixture
def service(opd):
    return PublicServiceFactory(opd=opd, service_time_days=3, name="Akta Kelahiran")


@pytest.fixture
def applications(monkeypatch, service):
    today = timezone.localdate()
    this_month = today.replace(day=1)
    last_month = (this_month - dt.timedelta(days=1)).replace(day=1)
    stats = [
        MonthStats(service.pk, this_month, 10, 8, 6, 5, [1, 1, 2, 2, 3, 7]),
        MonthStats(service.pk, last_month, 4, 4, 4, 4, [1, 1, 1, 2]),
    ]
    monkeypatch.setattr(civil_registry_selectors, "application_month_stats", lambda since: stats)
    return stats


@pytest.mark.django_db
def test_the_refresh_writes_a_row_per_service_month_and_the_report_merges_them(
    applications, service, alice
):
    filed(user=alice, service=service)
    assert services.statistics_refresh() == 2
    assert services.statistics_refresh() == 2  # again: replaced, not added
    assert ServiceMonthStat.objects.count() == 2
    report = selectors.report()
    [figures] = report.services
    assert (figures.received, figures.completed) == (14, 10)
    # the ten processing times 1,1,1,1,1,2,2,2,3,7: median 1, 90th percentile 3
    assert (figures.median_days, figures.p90_days) == (1, 3)
    assert figures.on_time_share == Decimal("90.0")
    assert figures.online_share == Decimal("85.7")  # 12 of 14
    assert figures.complaints_received == 1 and figures.promised_days == 3
    assert report.city.received == 14 and report.opds[0].key == service.opd.code
    assert sum(r for _m, r, _c in report.months) == 14 and len(report.months) == 12


@pytest.mark.django_db
def test_the_page_and_its_open_data(client, applications, service, django_assert_max_num_queries):
    services.statistics_refresh()
    with django_assert_max_num_queries(12):
        response = client.get("/transparansi/")
    assert response.status_code == 200 and response["Cache-Control"].startswith("public")
    assert "Akta Kelahiran" in response.text and "90.0%" in response.text.replace(",", ".")
    assert "<svg" in response.text and "<table" in response.text
    rows = list(csv.DictReader(io.StringIO(client.get("/transparansi/data.csv").content.decode())))
    assert [r["level"] for r in rows] == ["kota", "opd", "layanan"]
    assert rows[2]["median_working_days"] == "1" and rows[2]["p90_working_days"] == "3"
    data = client.get("/transparansi/data.json").json()
    assert data["services"][0]["received"] == 14 and len(data["months"]) == 12
    filtered = client.get("/transparansi/", {"opd": service.opd.code})
    assert filtered.status_code == 200
    assert client.get("/transparansi/", {"opd": "'; DROP TABLE x; --"}).status_code == 200


@pytest.mark.django_db
def test_the_api_gives_the_open_data_s_numbers(client, applications, service):
    services.statistics_refresh()
    api = client.get("/api/v1/statistik/")
    assert api.status_code == 200 and api["Cache-Control"].startswith("public")
    assert api.json() == client.get("/transparansi/data.json").json()
    [figures] = api.json()["services"]
    assert (figures["received"], figures["completed"]) == (14, 10)
    assert (figures["median_working_days"], figures["p90_working_days"]) == (1, 3)
    assert (figures["on_time_percent"], figures["online_percent"]) == ("90.0", "85.7")
    assert figures["promised_days"] == 3 and figures["complaints_received"] == 0
    by_opd = client.get("/api/v1/statistik/", {"opd": service.opd.code}).json()
    assert by_opd["services"][0]["received"] == 14
    assert client.get("/api/v1/statistik/", {"opd": "tidak-ada"}).json()["services"] == []


@pytest.mark.django_db
@pytest.mark.parametrize("opd", ["'; DROP TABLE x; --", "a" * 31, "ab\x00c"])
def test_a_bad_opd_parameter_is_a_400_in_the_kernel_s_error_body(client, opd):
    response = client.get("/api/v1/statistik/", {"opd": opd}, HTTP_ACCEPT_LANGUAGE="id")
    assert response.status_code == 400
    assert response.json()["code"] and response.json()["detail"]


@pytest.mark.django_db
def test_the_report_is_kept_until_the_next_refresh(
    client, applications, service, django_assert_max_num_queries, monkeypatch
):
    services.statistics_refresh()
    assert client.get("/api/v1/statistik/").json()["city"]["received"] == 14
    with django_assert_max_num_queries(0):  # kept: no statistics, no IKM arithmetic
        assert client.get("/api/v1/statistik/").json()["city"]["received"] == 14
    this_month = timezone.localdate().replace(day=1)
    more = [MonthStats(service.pk, this_month, 30, 30, 0, 0, [])]
    monkeypatch.setattr(civil_registry_selectors, "application_month_stats", lambda since: more)
    services.statistics_refresh()
    assert client.get("/api/v1/statistik/").json()["city"]["received"] == 30
