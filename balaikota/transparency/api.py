"""REST API of the live performance figures for the mobile app: the same report as the public
page and its open data (``/transparansi/data.json``), with the same numbers.

Mounted by the project URLconf: ``path("api/v1/statistik/", include("balaikota.transparency.api"))``.
"""

from django.urls import path
from django.utils.decorators import method_decorator
from django.views.decorators.cache import cache_control
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from balaikota.core.api import ErrorSerializer, PublicReadThrottle
from balaikota.core.web import conditional_get

from . import selectors

app_name = "transparency-api"


class FiguresSerializer(serializers.Serializer):
    """One service's, one OPD's or the city's figures over the period. Shares are percentages
    as decimal strings ("87.5"), empty (null) where there is nothing to divide by."""

    key = serializers.CharField()
    name = serializers.CharField()
    opd = serializers.CharField(source="opd_name")
    promised_days = serializers.IntegerField(allow_null=True)
    received = serializers.IntegerField()
    completed = serializers.IntegerField()
    median_working_days = serializers.IntegerField(source="median_days", allow_null=True)
    p90_working_days = serializers.IntegerField(source="p90_days", allow_null=True)
    on_time_percent = serializers.DecimalField(
        source="on_time_share", max_digits=5, decimal_places=1, allow_null=True
    )
    online_percent = serializers.DecimalField(
        source="online_share", max_digits=5, decimal_places=1, allow_null=True
    )
    complaints_received = serializers.IntegerField()
    complaints_answered_in_time_percent = serializers.DecimalField(
        source="complaints_in_time_share", max_digits=5, decimal_places=1, allow_null=True
    )
    ikm = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    ikm_grade = serializers.CharField(allow_blank=True)
    ikm_respondents = serializers.IntegerField(source="respondents")


class PeriodSerializer(serializers.Serializer):
    # "from" is a Python keyword: the fields are named in get_fields.
    def get_fields(self):
        return {"from": serializers.DateField(), "until": serializers.DateField()}


class MonthSerializer(serializers.Serializer):
    month = serializers.CharField(help_text="YYYY-MM")
    received = serializers.IntegerField()
    completed = serializers.IntegerField()


class ReportSerializer(serializers.Serializer):
    period = PeriodSerializer()
    refreshed_at = serializers.DateTimeField(allow_null=True)
    city = FiguresSerializer()
    opds = FiguresSerializer(many=True)
    services = FiguresSerializer(many=True)
    months = MonthSerializer(many=True)
    license = serializers.CharField()


class ReportParams(serializers.Serializer):
    opd = serializers.SlugField(required=False, allow_blank=True, max_length=30)


def report_data(report: selectors.Report) -> dict:
    """The report as the API and the open data give it."""
    return ReportSerializer(
        {
            "period": {"from": report.since, "until": report.until},
            "refreshed_at": report.refreshed_at,
            "city": report.city,
            "opds": report.opds,
            "services": report.services,
            "months": [
                {"month": m.strftime("%Y-%m"), "received": r, "completed": c}
                for m, r, c in report.months
            ],
            "license": "CC BY 4.0",
        }
    ).data


@method_decorator(cache_control(public=True, max_age=300), name="dispatch")
@method_decorator(conditional_get, name="dispatch")
class ReportView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [PublicReadThrottle]

    @extend_schema(
        tags=["Transparansi"],
        summary="Kinerja layanan: kota, per OPD dan per layanan, 12 bulan terakhir",
        description=(
            "Permohonan diterima dan selesai, median dan persentil ke-90 waktu proses (hari "
            "kerja) terhadap janji standar, persentase tepat waktu dan daring, pengaduan, IKM. "
            "Diperbarui berkala (`refreshed_at`); sama dengan /transparansi/data.json."
        ),
        parameters=[OpenApiParameter("opd", OpenApiTypes.STR, description="Kode OPD.")],
        responses={200: ReportSerializer, 400: ErrorSerializer},
    )
    def get(self, request):
        params = ReportParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        report = selectors.report_kept(opd_code=params.validated_data.get("opd", ""))
        return Response(report_data(report))


urlpatterns = [path("", ReportView.as_view(), name="report")]
