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
from balaikota.core.errors import Forbidden, InvalidInput, NotFound

from . import permissions, selectors, services
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
        if permissions.initials_for(user, letter) is None:
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
    #: who read it for the recipient (their delegate while they were away), else null
    read_by = serializers.CharField(source="read_by.full_name", allow_null=True, default=None)


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


# ── Incoming letters and dispositions ──

from rest_framework.parsers import FormParser, JSONParser, MultiPartParser  # noqa: E402

from . import dispositions  # noqa: E402
from .workflows import DISPOSITION_WORKFLOW, INCOMING_WORKFLOW  # noqa: E402


class IncomingRowSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    agenda_number = serializers.CharField()
    subject = serializers.SerializerMethodField()
    sender = serializers.CharField(source="sender_line")
    sender_number = serializers.CharField()
    received_on = serializers.DateField()
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_display")
    security_class = serializers.CharField()
    urgency = serializers.CharField()

    def get_subject(self, incoming) -> str:
        return incoming.subject


class DispositionRowSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    incoming = IncomingRowSerializer()
    author = serializers.CharField(source="author.full_name")
    instructions = serializers.ListField(child=serializers.CharField())
    note = serializers.CharField()
    deadline = serializers.DateField(allow_null=True)
    is_overdue = serializers.BooleanField()
    created_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True)
    #: whose disposition it is when not the reader's own (a delegation): "atas nama …"
    on_behalf_of = serializers.SerializerMethodField()

    def get_on_behalf_of(self, disposition) -> str | None:
        user = getattr(self.context.get("request"), "user", None)
        if user is None or disposition.recipient_id == user.pk:
            return None
        return disposition.recipient.full_name


class ToDisposeRowSerializer(IncomingRowSerializer):
    #: the person away in whose name the reader would dispose it (a delegation): "atas nama …"
    on_behalf_of = serializers.SerializerMethodField()

    def get_on_behalf_of(self, incoming) -> str | None:
        user = getattr(self.context.get("request"), "user", None)
        if user is None or incoming.addressee_id == user.pk:
            return None
        return incoming.addressee.full_name


class TreeNodeSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="disposition.pk")
    parent = serializers.IntegerField(source="disposition.parent_id", allow_null=True)
    depth = serializers.IntegerField()
    author = serializers.CharField(source="disposition.author.full_name")
    recipient = serializers.CharField(source="disposition.recipient.full_name")
    instructions = serializers.ListField(source="disposition.instructions")
    note = serializers.CharField(source="disposition.note")
    deadline = serializers.DateField(source="disposition.deadline", allow_null=True)
    status = serializers.CharField(source="disposition.status")
    created_at = serializers.DateTimeField(source="disposition.created_at")
    read_at = serializers.DateTimeField(source="disposition.read_at", allow_null=True)
    read_by = serializers.CharField(
        source="disposition.read_by.full_name", allow_null=True, default=None
    )
    closed_at = serializers.DateTimeField(source="disposition.closed_at", allow_null=True)
    closed_by = serializers.CharField(
        source="disposition.closed_by.full_name", allow_null=True, default=None
    )
    report = serializers.CharField(source="disposition.report")
    allowed_actions = serializers.SerializerMethodField()

    def get_allowed_actions(self, row) -> list[str]:
        user = self.context["request"].user
        return DISPOSITION_WORKFLOW.allowed_actions(user, row.disposition)


class InstructionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField()


class IncomingSerializer(IncomingRowSerializer):
    sender_date = serializers.DateField()
    classification = serializers.CharField(source="classification.code")
    addressee = serializers.CharField(source="addressee.full_name")
    allowed_actions = AllowedActionsField(INCOMING_WORKFLOW)
    tree = serializers.SerializerMethodField()
    instructions = serializers.SerializerMethodField()

    def get_tree(self, incoming) -> list[dict]:
        rows = selectors.disposition_tree(incoming)
        return TreeNodeSerializer(rows, many=True, context=self.context).data

    def get_instructions(self, incoming) -> list[dict]:
        return InstructionSerializer(selectors.instructions_active(), many=True).data


class DisposeSerializer(serializers.Serializer):
    parent = serializers.IntegerField(required=False, allow_null=True)
    recipients = serializers.ListField(
        child=serializers.CharField(max_length=18), max_length=20, help_text="NIP penerima"
    )
    instructions = serializers.ListField(child=serializers.IntegerField(), max_length=20)
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    deadline = serializers.DateField(required=False, allow_null=True)
    submit_key = serializers.CharField(max_length=64, required=False, allow_blank=True)


class CloseSerializer(serializers.Serializer):
    report = serializers.CharField(max_length=4000, required=False, allow_blank=True)
    report_file = serializers.FileField(required=False, allow_null=True)


class DispositionQueueView(APIView):
    @extend_schema(
        tags=["Surat masuk dan disposisi"],
        summary="Disposisi saya yang perlu ditindaklanjuti (atau yang terlambat)",
        parameters=[
            OpenApiParameter("tampil", str, enum=["tindak-lanjut", "terlambat", "atas-nama"]),
            OpenApiParameter("halaman", int),
        ],
        responses={200: DispositionRowSerializer(many=True), 403: ErrorSerializer},
    )
    def get(self, request):
        _require_inbox(request)
        view = request.query_params.get("tampil")
        if view == "terlambat":
            rows = selectors.overdue(request.user)
        elif view == "atas-nama":  # to the colleagues away the reader acts for
            rows = selectors.delegated_to_follow(request.user)
        else:
            rows = selectors.to_follow(request.user)
        paginator = Pagination()
        page = paginator.paginate_queryset(rows, request, view=self)
        data = DispositionRowSerializer(page, many=True, context={"request": request}).data
        return paginator.get_paginated_response(data)


class ToDisposeView(APIView):
    @extend_schema(
        tags=["Surat masuk dan disposisi"],
        summary="Surat masuk yang menunggu disposisi saya (atau rekan yang saya wakili)",
        parameters=[
            OpenApiParameter("tampil", str, enum=["saya", "atas-nama"]),
            OpenApiParameter("halaman", int),
        ],
        responses={200: ToDisposeRowSerializer(many=True), 403: ErrorSerializer},
    )
    def get(self, request):
        _require_inbox(request)
        paginator = Pagination()
        if request.query_params.get("tampil") == "atas-nama":
            rows = selectors.delegated_to_dispose(request.user)
        else:
            rows = selectors.to_dispose(request.user)
        page = paginator.paginate_queryset(rows, request, view=self)
        data = ToDisposeRowSerializer(page, many=True, context={"request": request}).data
        return paginator.get_paginated_response(data)


def _incoming_response(request, pk: int, status: int = 200) -> Response:
    incoming = selectors.incoming_for(request.user, pk)
    return Response(IncomingSerializer(incoming, context={"request": request}).data, status=status)


class IncomingView(APIView):
    @extend_schema(
        tags=["Surat masuk dan disposisi"],
        summary="Baca surat masuk dengan seluruh pohon disposisinya (tanda baca dicatat)",
        responses={200: IncomingSerializer, 404: ErrorSerializer},
    )
    def get(self, request, pk: int):
        incoming = selectors.incoming_for(request.user, pk)
        dispositions.incoming_open(incoming=incoming, user=request.user, request=request)
        return _incoming_response(request, pk)


class DisposeReceivedView(APIView):
    @extend_schema(
        tags=["Surat masuk dan disposisi"],
        summary="Disposisikan naskah dinas yang diterima (dicatat sebagai surat masuk)",
        request=None,
        responses={200: IncomingSerializer, 403: ErrorSerializer, 404: ErrorSerializer},
    )
    def post(self, request, pk: int):
        _require_inbox(request)
        letter = selectors.letter_for(request.user, pk)
        incoming = dispositions.incoming_from_letter(user=request.user, letter=letter)
        return _incoming_response(request, incoming.pk)


class DisposeView(APIView):
    @extend_schema(
        tags=["Surat masuk dan disposisi"],
        summary="Disposisikan surat masuk (sebagai tujuan surat, atau lebih lanjut dari "
        "disposisi saya: parent)",
        request=DisposeSerializer,
        responses={
            201: IncomingSerializer,
            400: ErrorSerializer,
            403: ErrorSerializer,
            404: ErrorSerializer,
            409: ErrorSerializer,
        },
    )
    def post(self, request, pk: int):
        incoming = selectors.incoming_for(request.user, pk)
        payload = DisposeSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        parent_pk = data.get("parent")
        parent = selectors.disposition_for(request.user, parent_pk) if parent_pk else None
        dispositions.disposition_create(
            user=request.user,
            incoming=incoming,
            parent=parent,
            data=dispositions.DispositionInput(
                recipient_nips=data["recipients"],
                instruction_ids=data["instructions"],
                note=data.get("note", ""),
                deadline=data.get("deadline"),
            ),
            submit_key=data.get("submit_key", ""),
        )
        return _incoming_response(request, pk, status=201)


class WithdrawView(APIView):
    @extend_schema(
        tags=["Surat masuk dan disposisi"],
        summary="Tarik disposisi yang belum dibaca penerimanya",
        request=None,
        responses={200: IncomingSerializer, 403: ErrorSerializer, 409: ErrorSerializer},
    )
    def post(self, request, pk: int):
        disposition = selectors.disposition_for(request.user, pk)
        dispositions.disposition_withdraw(user=request.user, disposition=disposition)
        return _incoming_response(request, disposition.incoming_id)


class CloseView(APIView):
    parser_classes = [JSONParser, MultiPartParser, FormParser]

    @extend_schema(
        tags=["Surat masuk dan disposisi"],
        summary="Selesaikan disposisi saya dengan laporan tindak lanjut (dan berkas)",
        request={"application/json": CloseSerializer, "multipart/form-data": CloseSerializer},
        responses={
            200: IncomingSerializer,
            400: ErrorSerializer,
            403: ErrorSerializer,
            409: ErrorSerializer,
        },
    )
    def post(self, request, pk: int):
        disposition = selectors.disposition_for(request.user, pk)
        payload = CloseSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        dispositions.disposition_close(
            user=request.user,
            disposition=disposition,
            report=payload.validated_data.get("report", ""),
            file=payload.validated_data.get("report_file"),
        )
        return _incoming_response(request, disposition.incoming_id)


urlpatterns += [
    path("disposisi/", DispositionQueueView.as_view(), name="api-eoffice-dispositions"),
    path("disposisi/<int:pk>/tarik/", WithdrawView.as_view(), name="api-eoffice-withdraw"),
    path("disposisi/<int:pk>/selesai/", CloseView.as_view(), name="api-eoffice-close"),
    path("masuk/perlu-disposisi/", ToDisposeView.as_view(), name="api-eoffice-to-dispose"),
    path(
        "<int:pk>/disposisikan/", DisposeReceivedView.as_view(), name="api-eoffice-dispose-received"
    ),
    path("masuk/<int:pk>/", IncomingView.as_view(), name="api-eoffice-incoming"),
    path("masuk/<int:pk>/disposisi/", DisposeView.as_view(), name="api-eoffice-dispose"),
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
