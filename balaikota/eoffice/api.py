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
from balaikota.core.errors import Forbidden, NotFound

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
    #: "plt"/"plh" when the signer acts for the signer's post, else empty
    signer_acting = serializers.CharField()
    #: the name of the person the reader would act for (a delegation): "atas nama …"
    on_behalf_of = serializers.SerializerMethodField()

    def get_subject(self, letter) -> str:
        return letter.subject

    def get_on_behalf_of(self, letter) -> str | None:
        request = self.context.get("request")
        user = getattr(request, "user", None)
        waiting_for = letter.current_verifier_id
        if user is None or not waiting_for or waiting_for == user.pk:
            return None
        if letter.status != "in_review" or waiting_for not in selectors.delegators_of(user):
            return None
        return letter.current_verifier.full_name


class DeliveryRowSerializer(serializers.Serializer):
    letter = LetterRowSerializer()
    role = serializers.CharField()
    #: whose delivery it is when not the reader's own (a delegation): "atas nama …"
    on_behalf_of = serializers.SerializerMethodField()

    def get_on_behalf_of(self, delivery) -> str | None:
        user = getattr(self.context.get("request"), "user", None)
        if user is None or delivery.recipient_id == user.pk:
            return None
        return delivery.recipient.full_name

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


class CapacitySerializer(serializers.Serializer):
    code = serializers.CharField(help_text='"", "plt", "plh", "an" or "ub"')
    label = serializers.CharField()
    lines = serializers.ListField(child=serializers.CharField())


class HistoryRowSerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    actor = serializers.CharField()
    label = serializers.CharField()
    reason = serializers.CharField()
    on_behalf = serializers.CharField()


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
    capacity = serializers.SerializerMethodField()
    history = serializers.SerializerMethodField()

    def get_capacity(self, letter) -> dict:
        return CapacitySerializer(selectors.signing_capacity(letter)).data

    def get_history(self, letter) -> list[dict]:
        return HistoryRowSerializer(selectors.history(letter), many=True).data

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
            OpenApiParameter(
                "tampil",
                str,
                enum=["diterima", "paraf", "tanda-tangan", "atas-nama", "atas-nama-diterima"],
            ),
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
        elif view == "atas-nama":  # waiting for the paraf of colleagues the reader acts for
            rows = selectors.delegated_to_initial(request.user)
            serializer = LetterRowSerializer
        elif view == "atas-nama-diterima":  # delivered to them
            rows = selectors.delegated_received(request.user)
            serializer = DeliveryRowSerializer
        else:
            rows = selectors.received(request.user)
            serializer = DeliveryRowSerializer
        page = paginator.paginate_queryset(rows, request, view=self)
        data = serializer(page, many=True, context={"request": request}).data
        return paginator.get_paginated_response(data)


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


def _after_step(request, letter) -> Response:
    """The letter after the reader's step. A delegate's step may end what they may see of it
    (the next paraf is not their delegator's): the letter as the step left it, then."""
    try:
        letter = selectors.letter_for(request.user, letter.pk)
    except NotFound:
        letter = selectors.letter_for(letter.drafter, letter.pk)
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
        return _after_step(request, letter)


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
        letter = services.letter_return(
            letter=letter, user=request.user, reason=payload.validated_data.get("reason", "")
        )
        return _after_step(request, letter)


urlpatterns = [
    path("kotak-masuk/", InboxView.as_view(), name="api-eoffice-inbox"),
    path("<int:pk>/", LetterView.as_view(), name="api-eoffice-letter"),
    path("<int:pk>/paraf/", InitialView.as_view(), name="api-eoffice-initial"),
    path("<int:pk>/kembalikan/", ReturnView.as_view(), name="api-eoffice-return"),
]
