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
from balaikota.core.errors import Forbidden, InvalidInput

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


# ── Collaboration ──


class CommentSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    author = serializers.CharField()
    created_at = serializers.DateTimeField()
    edited_at = serializers.DateTimeField(allow_null=True)
    text = serializers.CharField(help_text="Teks dengan @NIP; kosong bila dihapus.")
    html = serializers.CharField(help_text="Teks aman untuk ditampilkan: @NIP menjadi @nama.")
    is_deleted = serializers.BooleanField()
    may_edit = serializers.BooleanField()
    may_delete = serializers.BooleanField()


class CommentInputSerializer(serializers.Serializer):
    text = serializers.CharField(max_length=2000, allow_blank=True, trim_whitespace=False)
    submit_key = serializers.CharField(max_length=64, required=False, allow_blank=True)


def _comments_response(request, letter, status=200):
    # The conversation is part of what one reads of the letter: a Rahasia letter's is logged.
    services.letter_open(letter=letter, user=request.user, request=request)
    rows = selectors.comment_rows(letter, request.user)
    return Response(CommentSerializer(rows, many=True).data, status=status)


class CommentsView(APIView):
    @extend_schema(
        tags=["Naskah dinas"],
        summary="Percakapan pada naskah",
        responses={200: CommentSerializer(many=True), 404: ErrorSerializer},
    )
    def get(self, request, pk: int):
        return _comments_response(request, selectors.letter_for(request.user, pk))

    @extend_schema(
        tags=["Naskah dinas"],
        summary="Kirim komentar (sebut rekan dengan @NIP); submit_key yang sama = satu komentar",
        request=CommentInputSerializer,
        responses={
            201: CommentSerializer(many=True),
            400: ErrorSerializer,
            404: ErrorSerializer,
        },
    )
    def post(self, request, pk: int):
        letter = selectors.letter_for(request.user, pk)
        payload = CommentInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.comment_create(
            letter=letter,
            author=request.user,
            text=payload.validated_data["text"],
            submit_key=payload.validated_data.get("submit_key")
            or request.headers.get("Idempotency-Key", ""),
        )
        return _comments_response(request, letter, status=201)


class CommentView(APIView):
    @extend_schema(
        tags=["Naskah dinas"],
        summary="Ubah komentar sendiri (dalam 15 menit)",
        request=CommentInputSerializer,
        responses={
            200: CommentSerializer(many=True),
            400: ErrorSerializer,
            403: ErrorSerializer,
            404: ErrorSerializer,
            409: ErrorSerializer,
        },
    )
    def patch(self, request, pk: int, comment_pk: int):
        comment = selectors.comment_for(request.user, pk, comment_pk)
        payload = CommentInputSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.comment_update(
            comment=comment, user=request.user, text=payload.validated_data["text"]
        )
        return _comments_response(request, comment.letter)

    @extend_schema(
        tags=["Naskah dinas"],
        summary="Hapus komentar sendiri (tampil sebagai “komentar dihapus”)",
        request=None,
        responses={200: CommentSerializer(many=True), 403: ErrorSerializer, 404: ErrorSerializer},
    )
    def delete(self, request, pk: int, comment_pk: int):
        comment = selectors.comment_for(request.user, pk, comment_pk)
        services.comment_delete(comment=comment, user=request.user)
        return _comments_response(request, comment.letter)


class SearchRowSerializer(serializers.Serializer):
    source = serializers.CharField()
    id = serializers.IntegerField(source="pk")
    number = serializers.CharField()
    date = serializers.DateField()
    subject = serializers.CharField()
    subject_html = serializers.CharField()
    kind = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    opd = serializers.CharField()
    url = serializers.CharField()


class SearchPageSerializer(serializers.Serializer):
    page = serializers.IntegerField(source="number")
    has_next = serializers.BooleanField()
    results = SearchRowSerializer(source="rows", many=True)


class SearchView(APIView):
    @extend_schema(
        tags=["Naskah dinas"],
        summary="Cari naskah yang boleh dibuka: nomor, hal, isi, konseptor, tanggal, "
        "klasifikasi, jenis, status, sifat",
        parameters=[
            OpenApiParameter("q", str),
            OpenApiParameter("jenis", str),
            OpenApiParameter("klasifikasi", str),
            OpenApiParameter("status", str),
            OpenApiParameter("sifat", str),
            OpenApiParameter("opd", str),
            OpenApiParameter("pengirim", str),
            OpenApiParameter("dari", str, description="YYYY-MM-DD"),
            OpenApiParameter("sampai", str, description="YYYY-MM-DD"),
            OpenApiParameter("halaman", int),
        ],
        responses={200: SearchPageSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
    )
    def get(self, request):
        from .forms import SearchForm

        _require_inbox(request)
        form = SearchForm(request.query_params)
        if not form.is_valid():
            raise InvalidInput(errors={name: list(errors) for name, errors in form.errors.items()})
        page = selectors.LetterSearch(request.user, form.to_filters()).page(
            request.query_params.get("halaman")
        )
        return Response(SearchPageSerializer(page).data)


urlpatterns += [
    path("cari/", SearchView.as_view(), name="api-eoffice-search"),
    path("<int:pk>/komentar/", CommentsView.as_view(), name="api-eoffice-comments"),
    path(
        "<int:pk>/komentar/<int:comment_pk>/",
        CommentView.as_view(),
        name="api-eoffice-comment",
    ),
]
