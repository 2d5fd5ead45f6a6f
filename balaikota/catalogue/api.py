"""Read-only REST API of the public-service catalogue for the mobile app (no sign-in).

Mounted by the project URLconf: ``path("api/v1/layanan/", include("balaikota.catalogue.api"))``.
"""

from django.utils.decorators import method_decorator
from django.views.decorators.cache import cache_control
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.routers import SimpleRouter

from . import selectors
from .models import PublicService, ServiceRequirement

app_name = "catalogue-api"


class OpdSerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    short_name = serializers.CharField(read_only=True)


class ServiceRequirementSerializer(serializers.ModelSerializer):
    class Meta:
        model = ServiceRequirement
        fields = ["order", "name", "description", "is_mandatory", "substitutes"]


class PublicServiceListSerializer(serializers.ModelSerializer):
    opd = OpdSerializer(read_only=True)
    is_free = serializers.BooleanField(read_only=True)
    url = serializers.HyperlinkedIdentityField(
        view_name="catalogue-api:publicservice-detail", lookup_field="slug"
    )
    web_url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = PublicService
        fields = [
            "slug",
            "name",
            "summary",
            "opd",
            "is_online",
            "service_time_days",
            "fee",
            "is_free",
            "url",
            "web_url",
        ]


class PublicServiceDetailSerializer(PublicServiceListSerializer):
    """All 14 components of the service standard (PermenPAN-RB 15/2014)."""

    requirement_items = ServiceRequirementSerializer(many=True, read_only=True)

    class Meta(PublicServiceListSerializer.Meta):
        fields = [
            *PublicServiceListSerializer.Meta.fields,
            "requirements",
            "requirement_items",
            "procedure",
            "service_time_note",
            "fee_note",
            "product",
            "complaint_handling",
            "legal_basis",
            "facilities",
            "staff_competence",
            "internal_supervision",
            "staff_count",
            "service_guarantee",
            "security_guarantee",
            "performance_evaluation",
            "decree_number",
            "decree_date",
            "effective_date",
        ]


@extend_schema_view(
    list=extend_schema(
        summary="Daftar layanan publik yang aktif",
        parameters=[
            OpenApiParameter("q", OpenApiTypes.STR, description="Cari pada nama dan ringkasan."),
            OpenApiParameter("opd", OpenApiTypes.STR, description="Kode OPD penyelenggara."),
        ],
    ),
    retrieve=extend_schema(summary="Standar pelayanan lengkap satu layanan"),
)
@extend_schema(tags=["Layanan publik"])
@method_decorator(cache_control(public=True, max_age=300), name="dispatch")
class PublicServiceViewSet(viewsets.ReadOnlyModelViewSet):
    """The public catalogue: the same for everyone, so responses may be cached by proxies."""

    permission_classes = [AllowAny]
    authentication_classes: list = []  # public data: no session, so no per-user response
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"

    def get_queryset(self):
        if self.action == "retrieve":
            return selectors.public_services_active().prefetch_related("requirement_items")
        params = self.request.query_params
        return selectors.public_services_active(
            search=params.get("q", "")[:100], opd_code=params.get("opd", "")[:30]
        )

    def get_serializer_class(self):
        if self.action == "retrieve":
            return PublicServiceDetailSerializer
        return PublicServiceListSerializer


router = SimpleRouter()
router.register("", PublicServiceViewSet, basename="publicservice")
urlpatterns = router.urls
