"""REST API of the e-office for the civil servants' mobile app: the inbox and work queue, one
letter, paraf and return. Mounted under ``api/v1/surat/``; the same services and rules as the
web pages (the kernel's parity tests hold them together)."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from balaikota.core.api import AllowedActionsField, CappedPagination, ErrorSerializer
from balaikota.core.errors import Forbidden

from . import selectors, services
from .workflows import LETTER_WORKFLOW


class LetterRowSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    kind = serializers.CharField(source="kind.name")
    subject = serializers.SerializerMethodField()
    number = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    security_class = serializers.CharField()
    urgency = serializers.CharField()
    opd = serializers.CharField(source="opd.name")
    updated_at = serializers.DateTimeField()

    def get_subject(self, letter) -> str:
        return letter.subject


class DeliveryRowSerializer(serializers.Serializer):
    letter = LetterRowSerializer()
    role = serializers.CharField()
    delivered_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True)


class RouteRowSerializer(serializers.Serializer):
    order = serializers.IntegerField()
    name = serializers.CharField()
    position = serializers.CharField()
    initialled_at = serializers.DateTimeField(allow_null=True)
    comment = serializers.CharField()
    is_current = serializers.BooleanField()


class ReceiptSerializer(serializers.Serializer):
    name = serializers.CharField(source="recipient.full_name")
    role = serializers.CharField()
    delivered_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True)


class LetterSerializer(LetterRowSerializer):
    classification = serializers.CharField(source="classification.code")
    body = serializers.CharField()
    drafter = serializers.CharField(source="drafter.full_name")
    signer = serializers.CharField(source="signer.full_name", allow_null=True, default=None)
    dated = serializers.DateField(allow_null=True)
    version = serializers.IntegerField()
    allowed_actions = AllowedActionsField(LETTER_WORKFLOW)
    route = serializers.SerializerMethodField()
    recipients = serializers.SerializerMethodField()
    receipts = serializers.SerializerMethodField()

    def get_route(self, letter) -> list[dict]:
        return RouteRowSerializer(selectors.route_rows(letter), many=True).data

    def get_recipients(self, letter) -> dict:
        return selectors.recipient_lines(letter)

    def get_receipts(self, letter) -> list[dict] | None:
        user = self.context["request"].user
        if not user.has_perm("eoffice.view_receipts", letter):
            return None
        return ReceiptSerializer(selectors.receipts(letter), many=True).data


class InitialSerializer(serializers.Serializer):
    comment = serializers.CharField(max_length=1000, required=False, allow_blank=True)


class ReturnSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class Pagination(CappedPagination):
    page_size = 20
    page_query_param = "halaman"


def _require_inbox(request) -> None:
    if not request.user.has_perm("eoffice.view_inbox"):
        raise Forbidden()


class InboxView(APIView):
    @extend_schema(
        tags=["Naskah dinas"],
        summary="Kotak masuk dan antrean kerja: diterima, perlu paraf, perlu tanda tangan",
        parameters=[
            OpenApiParameter("tampil", str, enum=["diterima", "paraf", "tanda-tangan"]),
            OpenApiParameter("halaman", int),
        ],
        responses={200: DeliveryRowSerializer(many=True), 403: ErrorSerializer},
    )
    def get(self, request):
        _require_inbox(request)
        view = request.query_params.get("tampil", "diterima")
        paginator = Pagination()
        if view == "paraf":
            rows = selectors.to_initial(request.user)
            serializer = LetterRowSerializer
        elif view == "tanda-tangan":
            rows = selectors.to_sign(request.user)
            serializer = LetterRowSerializer
        else:
            rows = selectors.received(request.user)
            serializer = DeliveryRowSerializer
        page = paginator.paginate_queryset(rows, request, view=self)
        return paginator.get_paginated_response(serializer(page, many=True).data)


class LetterView(APIView):
    @extend_schema(
        tags=["Naskah dinas"],
        summary="Baca satu naskah (tanda terima baca dicatat)",
        responses={200: LetterSerializer, 404: ErrorSerializer},
    )
    def get(self, request, pk: int):
        letter = selectors.letter_for(request.user, pk)
        services.letter_open(letter=letter, user=request.user, request=request)
        return Response(LetterSerializer(letter, context={"request": request}).data)


class InitialView(APIView):
    @extend_schema(
        tags=["Naskah dinas"],
        summary="Paraf naskah (pemaraf yang gilirannya)",
        request=InitialSerializer,
        responses={200: LetterSerializer, 403: ErrorSerializer, 409: ErrorSerializer},
    )
    def post(self, request, pk: int):
        letter = selectors.letter_for(request.user, pk)
        payload = InitialSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        letter = services.letter_initial(
            letter=letter, user=request.user, comment=payload.validated_data.get("comment", "")
        )
        letter = selectors.letter_for(request.user, pk)
        return Response(LetterSerializer(letter, context={"request": request}).data)


class ReturnView(APIView):
    @extend_schema(
        tags=["Naskah dinas"],
        summary="Kembalikan naskah kepada konseptor dengan alasan",
        request=ReturnSerializer,
        responses={
            200: LetterSerializer,
            400: ErrorSerializer,
            403: ErrorSerializer,
            409: ErrorSerializer,
        },
    )
    def post(self, request, pk: int):
        letter = selectors.letter_for(request.user, pk)
        payload = ReturnSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.letter_return(
            letter=letter, user=request.user, reason=payload.validated_data.get("reason", "")
        )
        letter = selectors.letter_for(request.user, pk)
        return Response(LetterSerializer(letter, context={"request": request}).data)


urlpatterns = [
    path("kotak-masuk/", InboxView.as_view(), name="api-eoffice-inbox"),
    path("<int:pk>/", LetterView.as_view(), name="api-eoffice-letter"),
    path("<int:pk>/paraf/", InitialView.as_view(), name="api-eoffice-initial"),
    path("<int:pk>/kembalikan/", ReturnView.as_view(), name="api-eoffice-return"),
]


# ── Archive and retention ──


class BundleView(APIView):
    @extend_schema(
        tags=["Naskah dinas"],
        summary="Unduh bundel pertukaran naskah (ZIP: manifest.json balaikota-naskah/1, PDF, "
        "lampiran, teks setiap versi)",
        responses={
            (200, "application/zip"): bytes,
            403: ErrorSerializer,
            404: ErrorSerializer,
        },
    )
    def get(self, request, pk: int):
        from django.http import HttpResponse

        from . import archive

        letter = selectors.letter_for(request.user, pk)
        name, data = archive.bundle_export(letter=letter, user=request.user, request=request)
        response = HttpResponse(data, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        response["Cache-Control"] = "private, no-store"
        return response


urlpatterns += [path("<int:pk>/bundel/", BundleView.as_view(), name="api-eoffice-bundle")]
