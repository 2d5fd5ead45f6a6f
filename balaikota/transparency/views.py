"""The public transparency page and its open data (CSV, JSON): no sign-in."""

import csv
import json

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from balaikota.core.web import conditional_get

from . import selectors
from .api import report_data

FIELDS = [
    "key",
    "name",
    "opd",
    "promised_days",
    "received",
    "completed",
    "median_working_days",
    "p90_working_days",
    "on_time_percent",
    "online_percent",
    "complaints_received",
    "complaints_answered_in_time_percent",
    "ikm",
    "ikm_grade",
    "ikm_respondents",
]


def _opd_code(request) -> str:
    code = request.GET.get("opd", "")
    return code if code.replace("-", "").isalnum() and len(code) <= 30 else ""


@require_GET
@cache_control(public=True, max_age=300)
@conditional_get
def index(request):
    report = selectors.report_kept(opd_code=_opd_code(request))
    return render(request, "transparency/index.html", {"report": report})


@require_GET
@cache_control(public=True, max_age=300)
@conditional_get
def data_csv(request):
    report = selectors.report_kept(opd_code=_opd_code(request))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kinerja-layanan.csv"'
    writer = csv.DictWriter(response, fieldnames=["level", *FIELDS])
    writer.writeheader()
    writer.writerow({"level": "kota", **report.city.as_dict()})
    for figures in report.opds:
        writer.writerow({"level": "opd", **figures.as_dict()})
    for figures in report.services:
        writer.writerow({"level": "layanan", **figures.as_dict()})
    return response


@require_GET
@cache_control(public=True, max_age=300)
@conditional_get
def data_json(request):
    # The API's serializer: the open data and /api/v1/statistik/ cannot disagree.
    body = report_data(selectors.report_kept(opd_code=_opd_code(request)))
    return HttpResponse(
        json.dumps(body, ensure_ascii=False, indent=1), content_type="application/json"
    )
