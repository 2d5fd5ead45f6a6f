"""Read-only REST API of the public-service catalogue for the mobile app (no sign-in).

Mounted by the project URLconf: ``path("api/v1/layanan/", include("balaikota.catalogue.api"))``.
"""

from django.utils.decorators import method_decorator
from django.views.decorators.cache import cache_control
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from balaikota.core.api import KeptPublicReads, PublicDataCache, PublicReadThrottle
from balaikota.core.web import conditional_get

from . import selectors
from .forms import MAX_QUERY_LENGTH
from .models import (
    LifeEvent,
    PublicService,
    ServiceLocation,
    ServiceRequirement,
    ServiceStandardVersion,
)
from .search import VOCABULARY_VERSION_KEY, catalogue_version

app_name = "catalogue-api"

# The same for everyone: kept 5 minutes, and dropped on any catalogue write (its search index
# version changes with every reindex and synonym edit).
CACHED = PublicDataCache(
    catalogue_version, prefix="catalogue-api", version_key=VOCABULARY_VERSION_KEY
)


class OpdSerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True)
    name = serializers.CharField(read_only=True)
    short_name = serializers.CharField(read_only=True)


class LifeEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = LifeEvent
        fields = ["slug", "name", "description"]


class ServiceLocationSerializer(serializers.ModelSerializer):
    opd = serializers.CharField(source="opd.code", default=None, read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    map_url = serializers.CharField(read_only=True)

    class Meta:
        model = ServiceLocation
        fields = [
            "slug",
            "name",
            "kind",
            "kind_label",
            "opd",
            "address",
            "opening_hours",
            "phone",
            "latitude",
            "longitude",
            "map_url",
            "note",
        ]


class ServiceSearchParams(serializers.Serializer):
    """The list's query parameters; anything else is ignored, anything wrong is a 400."""

    q = serializers.CharField(
        required=False, allow_blank=True, max_length=MAX_QUERY_LENGTH, trim_whitespace=True
    )
    opd = serializers.SlugField(required=False, allow_blank=True, max_length=30)
    life_event = serializers.SlugField(required=False, allow_blank=True, max_length=60)


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
            "online_url",
            "service_time_days",
            "fee",
            "is_free",
            "url",
            "web_url",
        ]


class StandardVersionSerializer(serializers.ModelSerializer):
    """A decree the standard was published under; the newest is the one in force."""

    in_force = serializers.SerializerMethodField()
    web_url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = ServiceStandardVersion
        fields = ["number", "decree_number", "decree_date", "effective_date", "in_force", "web_url"]

    def get_in_force(self, version) -> bool:
        newest = max(v.number for v in version.service.standard_versions.all())
        return version.number == newest


class PublicServiceDetailSerializer(PublicServiceListSerializer):
    """All 14 components of the service standard (PermenPAN-RB 15/2014)."""

    standard_versions = StandardVersionSerializer(many=True, read_only=True)

    requirement_items = ServiceRequirementSerializer(many=True, read_only=True)
    life_events = LifeEventSerializer(many=True, read_only=True)
    locations = ServiceLocationSerializer(many=True, read_only=True)

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
            "standard_versions",
            "life_events",
            "locations",
        ]


@extend_schema_view(
    list=extend_schema(
        summary="Daftar layanan publik yang aktif, atau hasil pencarian",
        description=(
            "Tanpa `q`: semua layanan menurut nama. Dengan `q`: pencarian bahasa Indonesia "
            "(imbuhan, sinonim dan nama lama, salah ketik), hasil terbaik lebih dulu."
        ),
        parameters=[
            OpenApiParameter(
                "q", OpenApiTypes.STR, description="Kata yang dicari (paling banyak 100 huruf)."
            ),
            OpenApiParameter("opd", OpenApiTypes.STR, description="Kode OPD penyelenggara."),
            OpenApiParameter(
                "life_event", OpenApiTypes.STR, description="Slug peristiwa kehidupan."
            ),
        ],
    ),
    retrieve=extend_schema(summary="Standar pelayanan lengkap satu layanan"),
)
@extend_schema(tags=["Layanan publik"])
@method_decorator(cache_control(public=True, max_age=300), name="dispatch")
@method_decorator(conditional_get, name="dispatch")
class PublicServiceViewSet(KeptPublicReads, viewsets.ReadOnlyModelViewSet):
    """The public catalogue: the same for everyone, so responses may be cached by proxies.
    A kept answer is served before DRF's request handling (``KeptPublicReads``)."""

    kept_answers = CACHED

    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [PublicReadThrottle]  # public data: no session, so no per-user response
    lookup_field = "slug"
    lookup_value_regex = "[-a-zA-Z0-9_]+"

    def get_queryset(self):
        if self.action == "retrieve":
            return selectors.public_services_with_standard()
        params = ServiceSearchParams(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        return selectors.public_services_search(
            data.get("q", ""), opd_code=data.get("opd", ""), life_event=data.get("life_event", "")
        ).services

    def get_serializer_class(self):
        if self.action == "retrieve":
            return PublicServiceDetailSerializer
        return PublicServiceListSerializer

    @CACHED
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @CACHED
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)


@extend_schema(tags=["Layanan publik"])
@method_decorator(cache_control(public=True, max_age=300), name="dispatch")
@method_decorator(conditional_get, name="dispatch")
class LifeEventViewSet(viewsets.ReadOnlyModelViewSet):
    """Life events (a child is born, moving house…) that have services."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [PublicReadThrottle]
    serializer_class = LifeEventSerializer
    pagination_class = None
    lookup_field = "slug"

    def get_queryset(self):
        return selectors.life_events_having_services()


@extend_schema(tags=["Layanan publik"])
@method_decorator(cache_control(public=True, max_age=300), name="dispatch")
@method_decorator(conditional_get, name="dispatch")
class ServiceOpdViewSet(viewsets.GenericViewSet):
    """The OPDs that run at least one active service."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [PublicReadThrottle]
    serializer_class = OpdSerializer
    pagination_class = None

    def list(self, request):
        rows = [{"code": c, "name": n, "short_name": s} for c, n, s in selectors.service_opd_rows()]
        return Response(self.get_serializer(rows, many=True).data)


@extend_schema(tags=["Layanan publik"])
@method_decorator(cache_control(public=True, max_age=300), name="dispatch")
@method_decorator(conditional_get, name="dispatch")
class ServiceLocationViewSet(viewsets.ReadOnlyModelViewSet):
    """Where services are given: offices, kecamatan, the public service mall."""

    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [PublicReadThrottle]
    serializer_class = ServiceLocationSerializer
    pagination_class = None
    lookup_field = "slug"

    def get_queryset(self):
        return selectors.service_locations_all()


router = SimpleRouter()
router.register("peristiwa", LifeEventViewSet, basename="lifeevent")
router.register("opd", ServiceOpdViewSet, basename="opd")
router.register("lokasi", ServiceLocationViewSet, basename="location")
router.register("", PublicServiceViewSet, basename="publicservice")
urlpatterns = router.urls
