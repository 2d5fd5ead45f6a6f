"""REST API of complaints for the mobile app: file one, follow its status, find similar ones.

Mounted under ``api/v1/pengaduan/``. The same services and rules as the web pages."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from balaikota.core.api import ErrorSerializer
from balaikota.core.errors import NotFound

from . import integrations, selectors, services
from .views import FILING, FILING_ANONYMOUS, SIMILAR


class ComplaintCreateSerializer(serializers.Serializer):
    category = serializers.SlugRelatedField(
        slug_field="slug", queryset=selectors.categories_active()
    )
    service = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=integrations.services_for_choice(),
        required=False,
        allow_null=True,
    )
    opd = serializers.SlugRelatedField(
        slug_field="code", queryset=integrations.opds_active(), required=False, allow_null=True
    )
    title = serializers.CharField(max_length=150)
    body = serializers.CharField(max_length=4000)
    incident_place = serializers.CharField(max_length=200, required=False, allow_blank=True)
    incident_date = serializers.DateField(required=False, allow_null=True)
    is_anonymous = serializers.BooleanField(required=False, default=False)
    is_public = serializers.BooleanField(required=False, default=True)
    contact_name = serializers.CharField(max_length=120, required=False, allow_blank=True)
    contact_email = serializers.EmailField(required=False, allow_blank=True)
    contact_phone = serializers.CharField(max_length=20, required=False, allow_blank=True)
    attachments = serializers.ListField(
        child=serializers.FileField(), required=False, max_length=services.MAX_ATTACHMENTS
    )
    submit_key = serializers.CharField(max_length=64, required=False, allow_blank=True)


class FiledSerializer(serializers.Serializer):
    tracking_number = serializers.CharField()
    access_key = serializers.CharField(help_text="Hanya untuk pelapor tanpa akun; sekali saja.")
    url = serializers.CharField()
    due_date = serializers.DateField()


class MessageSerializer(serializers.Serializer):
    author = serializers.CharField()
    is_opd = serializers.BooleanField()
    body = serializers.CharField()
    at = serializers.DateTimeField()


class PublicComplaintSerializer(serializers.Serializer):
    tracking_number = serializers.CharField(source="complaint.tracking_number")
    title = serializers.CharField()
    body = serializers.CharField()
    status = serializers.CharField(source="complaint.status")
    status_label = serializers.CharField(source="complaint.get_status_display")
    opd = serializers.CharField(source="complaint.opd.name")
    category = serializers.CharField(source="complaint.category.name")
    submitted_at = serializers.DateTimeField(source="complaint.submitted_at")
    due_date = serializers.DateField(source="complaint.due_date")
    messages = MessageSerializer(many=True)


class SimilarSerializer(serializers.Serializer):
    tracking_number = serializers.CharField()
    title = serializers.CharField()
    status = serializers.CharField()
    url = serializers.CharField(source="get_absolute_url")


class ComplaintCreateView(APIView):
    permission_classes = [AllowAny]
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(
        tags=["Pengaduan"],
        summary="Kirim pengaduan atau saran (dengan atau tanpa akun)",
        request=ComplaintCreateSerializer,
        responses={
            201: FiledSerializer,
            200: FiledSerializer,
            400: ErrorSerializer,
            429: ErrorSerializer,
        },
    )
    def post(self, request):
        signed_in = request.user.is_authenticated
        (FILING if signed_in else FILING_ANONYMOUS).check(request)
        payload = ComplaintCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        if signed_in:
            for name in ("contact_name", "contact_email", "contact_phone"):
                data.pop(name, None)
        filed = services.complaint_submit(
            user=request.user, attachments=data.pop("attachments", []), **data
        )
        complaint = filed.complaint
        body = {
            "tracking_number": complaint.tracking_number,
            "access_key": filed.access_key,
            "url": request.build_absolute_uri(complaint.get_absolute_url()),
            "due_date": complaint.due_date,
        }
        return Response(FiledSerializer(body).data, status=201 if filed.created else 200)


class ComplaintDetailView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        tags=["Pengaduan"],
        summary="Status dan jawaban satu pengaduan",
        responses={200: PublicComplaintSerializer, 404: ErrorSerializer},
    )
    def get(self, request, number: str):
        complaint = selectors.complaint_by_number(number)
        key = request.headers.get("X-Complaint-Key", "")
        if complaint is None or not (
            request.user.has_perm("complaints.view_complaint", complaint)
            or services.access_key_matches(complaint, key)
        ):
            raise NotFound()
        return Response(PublicComplaintSerializer(selectors.public_view(complaint)).data)


class SimilarView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        tags=["Pengaduan"],
        summary="Pengaduan publik serupa (sebelum mengirim yang baru)",
        responses={200: SimilarSerializer(many=True), 429: ErrorSerializer},
    )
    def get(self, request):
        SIMILAR.check(request)
        text = request.query_params.get("q", "")[:1000]
        return Response(SimilarSerializer(selectors.similar_complaints(text), many=True).data)


urlpatterns = [
    path("", ComplaintCreateView.as_view(), name="api-complaint-create"),
    path("mirip/", SimilarView.as_view(), name="api-complaint-similar"),
    path("<str:number>/", ComplaintDetailView.as_view(), name="api-complaint-detail"),
]
