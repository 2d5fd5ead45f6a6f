"""REST API of civil registration for the mobile app: service types, the citizen's applications
(draft, upload, submit with Idempotency-Key, cancel, resubmit, history), public tracking with
tracking number + PIN, appointments, and the officer's queue and decisions.

Endpoints are thin: a serializer parses, a selector fetches what the user may see (404
otherwise), one service does the work — the same service the web page calls, so the two cannot
disagree (``tests/test_parity.py``). Refusals are ``core.errors`` domain errors, answered by
``core.api.exception_handler`` with the one error body documented in the schema.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import serializers, status
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework.viewsets import GenericViewSet

from balaikota.core.api import AllowedActionsField, CappedPagination
from balaikota.core.errors import DomainError, Forbidden, NotFound
from balaikota.core.ratelimit import client_ip

from . import selectors, services
from .models import (
    Application,
    ApplicationDocument,
    CorrectionRequest,
    DuplicateFlag,
    RequirementType,
    ServiceType,
    Status,
)
from .workflows import APPLICATION_QUEUE, APPLICATION_WORKFLOW, APPOINTMENT_WORKFLOW

# --- Serializers -----------------------------------------------------------------------------


class RequirementSerializer(serializers.ModelSerializer):
    class Meta:
        model = RequirementType
        fields = [
            "code",
            "name",
            "description",
            "is_mandatory",
            "substitutes",
            "content_types",
            "max_size",
        ]


class ServiceTypeSerializer(serializers.ModelSerializer):
    requirements = RequirementSerializer(many=True, read_only=True)
    fee = serializers.SerializerMethodField()

    class Meta:
        model = ServiceType
        fields = [
            "code",
            "name",
            "service_days",
            "needs_visit",
            "fee",
            "form_schema",
            "requirements",
        ]

    def get_fee(self, obj) -> str:
        return _("Gratis (UU 24/2013 pasal 79A)")


class DocumentSerializer(serializers.ModelSerializer):
    requirement = serializers.CharField(source="requirement.code", read_only=True)

    class Meta:
        model = ApplicationDocument
        fields = [
            "id",
            "requirement",
            "original_name",
            "content_type",
            "size",
            "sha256",
            "uploaded_at",
            "state",
            "correction_reason",
        ]


class CorrectionSerializer(serializers.ModelSerializer):
    requirement = serializers.CharField(
        source="requirement.code", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = CorrectionRequest
        fields = ["requirement", "field_name", "reason", "requested_at"]


class ApplicationSerializer(serializers.ModelSerializer):
    service_type = serializers.CharField(source="service_type.code", read_only=True)
    service_name = serializers.CharField(source="service_type.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    office = serializers.CharField(source="office.name", read_only=True, default="")
    documents = serializers.SerializerMethodField()
    corrections = serializers.SerializerMethodField()
    allowed_actions = AllowedActionsField(
        APPLICATION_WORKFLOW,
        help_text="Tindakan yang boleh Anda lakukan sekarang (sama dengan tombol di situs).",
    )
    document_status = serializers.CharField(
        source="document.status", read_only=True, default="", allow_null=True
    )

    class Meta:
        model = Application
        fields = [
            "id",
            "tracking_number",
            "service_type",
            "service_name",
            "status",
            "status_label",
            "applicant_nik",
            "applicant_name",
            "data",
            "version",
            "office",
            "submitted_at",
            "due_date",
            "registration_number",
            "decision_reason",
            "created_at",
            "updated_at",
            "documents",
            "corrections",
            "allowed_actions",
            "document_status",
        ]
        read_only_fields = fields

    @extend_schema_field(DocumentSerializer(many=True))
    def get_documents(self, obj):
        return DocumentSerializer(selectors.application_documents(obj), many=True).data

    @extend_schema_field(CorrectionSerializer(many=True))
    def get_corrections(self, obj):
        return CorrectionSerializer(selectors.corrections_open(obj), many=True).data


class ApplicationListSerializer(serializers.ModelSerializer):
    service_type = serializers.CharField(source="service_type.code", read_only=True)
    service_name = serializers.CharField(source="service_type.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Application
        fields = [
            "id",
            "tracking_number",
            "service_type",
            "service_name",
            "status",
            "status_label",
            "submitted_at",
            "due_date",
            "created_at",
        ]
        read_only_fields = fields


class DraftCreateSerializer(serializers.Serializer):
    service_type = serializers.CharField(max_length=50)
    data = serializers.DictField(required=False, default=dict)
    applicant_nik = serializers.CharField(max_length=16, required=False, allow_blank=True)


class DraftUpdateSerializer(serializers.Serializer):
    data = serializers.DictField()
    version = serializers.IntegerField(min_value=1, max_value=2**31 - 1)


class UploadSerializer(serializers.Serializer):
    requirement = serializers.CharField(max_length=50)
    file = serializers.FileField(allow_empty_file=True)


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class RequiredReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class CorrectionItemSerializer(serializers.Serializer):
    requirement = serializers.CharField(max_length=50, required=False, allow_blank=True)
    field = serializers.CharField(max_length=50, required=False, allow_blank=True)
    reason = serializers.CharField(max_length=500)


class CorrectionRequestSerializer(serializers.Serializer):
    items = CorrectionItemSerializer(many=True, allow_empty=False)
    note = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")


class DuplicateDecisionSerializer(serializers.Serializer):
    flag = serializers.IntegerField(min_value=1, max_value=2**62)
    decision = serializers.ChoiceField(choices=DuplicateFlag.Decision.choices[1:])


class SignSerializer(serializers.Serializer):
    passphrase = serializers.CharField(max_length=200, required=False, allow_blank=True)


class EventSerializer(serializers.Serializer):
    """One step of the public history (no staff names, no internal notes)."""

    at = serializers.DateTimeField()
    kind = serializers.CharField()
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    to_status_label = serializers.CharField()
    reason = serializers.CharField(
        source="text", help_text="Keterangan untuk pemohon (sama dengan `text`)."
    )
    text = serializers.CharField()
    office = serializers.CharField()


class TrackingResponseSerializer(serializers.Serializer):
    """The one public view of an application (the same as the /lacak/ page)."""

    tracking_number = serializers.CharField()
    service_name = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    submitted_at = serializers.DateTimeField(allow_null=True)
    due_date = serializers.DateField(allow_null=True)
    office = serializers.CharField()
    masked_name = serializers.CharField()
    masked_nik = serializers.CharField()
    history = EventSerializer(many=True)


class ReleaseSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class CheckInSerializer(serializers.Serializer):
    code = serializers.RegexField(r"^\s*[Aa][Pp]-[0-9A-Za-z]{8}\s*$", max_length=20)


class SubmitResponseSerializer(serializers.Serializer):
    application = ApplicationSerializer()
    pin = serializers.CharField(allow_null=True)


class TrackingRequestSerializer(serializers.Serializer):
    tracking_number = serializers.CharField(max_length=20)
    pin = serializers.CharField(max_length=12)


class PinForgotSerializer(serializers.Serializer):
    tracking_number = serializers.CharField(max_length=20)


class PinSerializer(serializers.Serializer):
    pin = serializers.CharField(help_text="The new 6-digit tracking PIN, returned once.")


class QueueItemSerializer(serializers.ModelSerializer):
    service_type = serializers.CharField(source="service_type.code", read_only=True)
    service_name = serializers.CharField(source="service_type.name", read_only=True)
    office = serializers.CharField(source="office.short_name", read_only=True, default="")
    district = serializers.CharField(source="district.name", read_only=True, default="")
    claimed_by = serializers.CharField(source="claimed_by.full_name", read_only=True, default="")
    overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = Application
        fields = [
            "id",
            "tracking_number",
            "service_type",
            "service_name",
            "status",
            "applicant_name",
            "submitted_at",
            "due_date",
            "office",
            "district",
            "claimed_by",
            "overdue",
        ]
        read_only_fields = fields


# --- Views -----------------------------------------------------------------------------------


class ServiceTypeViewSet(GenericViewSet):
    """Service types citizens can apply for, with their form fields and requirements."""

    permission_classes = [AllowAny]
    serializer_class = ServiceTypeSerializer
    pagination_class = None
    lookup_field = "code"
    lookup_value_regex = "[a-z0-9-]{1,50}"

    def get_queryset(self):
        return selectors.service_types_active()

    def list(self, request):
        return Response(self.get_serializer(self.get_queryset(), many=True).data)

    def retrieve(self, request, code=None):
        service_type = selectors.service_type_by_code(code)
        if service_type is None:
            raise NotFound(_("Layanan tidak ditemukan atau sedang tidak dibuka."))
        return Response(self.get_serializer(service_type).data)


class ApplicationViewSet(GenericViewSet):
    """The signed-in citizen's applications (and those an officer files for them)."""

    permission_classes = [IsAuthenticated]
    serializer_class = ApplicationSerializer
    parser_classes = [JSONParser, FormParser, MultiPartParser]
    lookup_value_regex = "[0-9]{1,18}"

    def get_queryset(self):
        return selectors.applications_for_citizen(self.request.user)

    def _application(self, pk) -> Application:
        application = selectors.application_for_user(
            self.request.user, pk, request=self.request, purpose="API"
        )
        if application is None or not self.request.user.has_perm(
            "civil_registry.change_application", application
        ):
            raise NotFound(_("Permohonan tidak ditemukan."))
        return application

    def _detail(self, application, http=status.HTTP_200_OK, *, fresh: bool = True) -> Response:
        if fresh:  # after a write the service may have changed the row under us
            application.refresh_from_db()
        context = self.get_serializer_context()
        return Response(ApplicationSerializer(application, context=context).data, status=http)

    @extend_schema(responses=ApplicationListSerializer(many=True))
    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(ApplicationListSerializer(page, many=True).data)

    @extend_schema(
        request=DraftCreateSerializer,
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                description="Kunci unik per draf; pengiriman ulang dengan kunci yang sama "
                "(dalam 24 jam) mengembalikan draf yang sama, bukan draf kedua.",
            )
        ],
        responses={201: ApplicationSerializer},
    )
    def create(self, request):
        form = DraftCreateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        application = services.application_draft_create(
            user=request.user,
            service_type=form.validated_data["service_type"],
            data=form.validated_data["data"],
            applicant_nik=form.validated_data.get("applicant_nik", ""),
            idempotency_key=request.headers.get("Idempotency-Key", ""),
        )
        return self._detail(application, status.HTTP_201_CREATED)

    def retrieve(self, request, pk=None):
        return self._detail(self._application(pk), fresh=False)  # a plain read: already loaded

    @extend_schema(request=DraftUpdateSerializer, responses=ApplicationSerializer)
    def partial_update(self, request, pk=None):
        application = self._application(pk)
        form = DraftUpdateSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        services.application_draft_update(
            application=application,
            user=request.user,
            data=form.validated_data["data"],
            version=form.validated_data["version"],
        )
        return self._detail(application)

    @extend_schema(
        request={"multipart/form-data": UploadSerializer}, responses={201: DocumentSerializer}
    )
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def documents(self, request, pk=None):
        application = self._application(pk)
        form = UploadSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        upload = form.validated_data["file"]
        document = services.application_document_upload(
            application=application,
            user=request.user,
            requirement_code=form.validated_data["requirement"],
            upload=upload,
            original_name=upload.name,
        )
        return Response(DocumentSerializer(document).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=None,
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                OpenApiTypes.STR,
                OpenApiParameter.HEADER,
                description="Kunci unik per pengajuan; pengiriman ulang dengan kunci yang sama "
                "(dalam 24 jam) mengembalikan jawaban pertama — permohonan dan PIN yang sama — "
                "dengan header Idempotent-Replayed: true.",
            )
        ],
        responses={201: SubmitResponseSerializer, 200: SubmitResponseSerializer},
    )
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        application = self._application(pk)
        result = services.application_submit(
            application=application,
            user=request.user,
            idempotency_key=request.headers.get("Idempotency-Key", ""),
        )
        body = {
            "application": ApplicationSerializer(
                result.application, context=self.get_serializer_context()
            ).data,
            "pin": result.pin,
        }
        # A retry with the key answers as the first answer did (201, the same PIN).
        replayed = not result.created and result.pin is not None
        response = Response(
            body,
            status=status.HTTP_201_CREATED if result.created or replayed else status.HTTP_200_OK,
        )
        if not result.created:
            response["Idempotent-Replayed"] = "true"
        return response

    @extend_schema(request=ReasonSerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        application = self._application(pk)
        form = ReasonSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        services.application_cancel(
            application=application, user=request.user, reason=form.validated_data["reason"]
        )
        return self._detail(application)

    @extend_schema(request=None, responses=PinSerializer)
    @action(detail=True, methods=["post"])
    def pin(self, request, pk=None):
        """A new tracking PIN for a submitted application (returned once; the old one stops)."""
        application = self._application(pk)
        pin = services.application_pin_reset(
            application=application, user=request.user, client=client_ip(request)
        )
        return Response({"pin": pin})

    @extend_schema(request=None, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def resubmit(self, request, pk=None):
        application = self._application(pk)
        services.application_resubmit(application=application, user=request.user)
        return self._detail(application)

    @extend_schema(responses=EventSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def history(self, request, pk=None):
        """The application's public history: what the applicant is told at each step."""
        application = self._application(pk)
        return Response(EventSerializer(selectors.public_history(application), many=True).data)


class TrackingView(APIView):
    """Public status by tracking number + 6-digit PIN (rate limited; locked after 5 wrong PINs).
    The answer is the same public view as the /lacak/ page: no staff names, no internal notes."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(request=TrackingRequestSerializer, responses=TrackingResponseSerializer)
    def post(self, request):
        selectors.TRACKING_LIMIT.check(request)
        form = TrackingRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        application = selectors.tracking_lookup(
            form.validated_data["tracking_number"],
            form.validated_data["pin"],
            client=client_ip(request),
        )
        if application is None:
            raise NotFound(_("Nomor lacak atau PIN tidak cocok."))
        view = selectors.public_application_view(application)
        return Response(TrackingResponseSerializer(view).data)


class PinForgotView(APIView):
    """Lost PIN: a link to make a new one goes to the applicant's verified e-mail. Always 202
    with the same message, whether or not the number exists (rate limited per address)."""

    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema(
        request=PinForgotSerializer,
        responses={
            202: inline_serializer("PinForgotResponse", {"detail": serializers.CharField()})
        },
    )
    def post(self, request):
        form = PinForgotSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        services.pin_reset_request(
            tracking_number=form.validated_data["tracking_number"], request=request
        )
        return Response({"detail": _(services.PIN_RESET_SENT)}, status=status.HTTP_202_ACCEPTED)


class OfficerApplicationViewSet(GenericViewSet):
    """The officer's queue and decisions (office-scoped; 404 for other offices' applications)."""

    permission_classes = [IsAuthenticated]
    serializer_class = QueueItemSerializer
    pagination_class = CappedPagination
    lookup_value_regex = "[0-9]{1,18}"

    def _application(self, pk) -> Application:
        application = selectors.application_for_user(
            self.request.user, pk, request=self.request, purpose="Pemrosesan permohonan (API)"
        )
        if application is None or application.citizen_id == self.request.user.pk:
            raise NotFound(_("Permohonan tidak ditemukan."))
        return application

    def _detail(self, application) -> Response:
        application.refresh_from_db()
        context = self.get_serializer_context()
        return Response(ApplicationSerializer(application, context=context).data)

    @extend_schema(
        parameters=[
            OpenApiParameter("service", OpenApiTypes.STR),
            OpenApiParameter("status", OpenApiTypes.STR, enum=Status.values),
            OpenApiParameter("due_before", OpenApiTypes.DATE),
            OpenApiParameter("district", OpenApiTypes.STR),
            OpenApiParameter("mine", OpenApiTypes.BOOL),
        ],
        responses=QueueItemSerializer(many=True),
    )
    def list(self, request):
        """The same queue as the web page, due first, counted up to 1,000 rows."""
        if not request.user.has_perm("civil_registry.view_queue"):
            raise NotFound()
        filters = QueueFilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        queue = APPLICATION_QUEUE.ordered(
            selectors.officer_queue(request.user, **filters.validated_data)
        )
        page = self.paginate_queryset(queue)
        return self.get_paginated_response(QueueItemSerializer(page, many=True).data)

    @extend_schema(responses=ApplicationSerializer)
    def retrieve(self, request, pk=None):
        application = self._application(pk)
        return Response(
            ApplicationSerializer(application, context=self.get_serializer_context()).data
        )

    @extend_schema(request=None, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def claim(self, request, pk=None):
        application = services.application_claim(
            application=self._application(pk), officer=request.user
        )
        return self._detail(application)

    @extend_schema(request=None, responses={200: ApplicationSerializer, 204: None})
    @action(detail=False, methods=["post"], url_path="claim-next")
    def claim_next(self, request):
        application = services.application_claim_next(
            officer=request.user, service_type=str(request.data.get("service", "") or "")[:50]
        )
        if application is None:
            return Response(status=status.HTTP_204_NO_CONTENT)
        return self._detail(application)

    @extend_schema(request=ReleaseSerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def release(self, request, pk=None):
        form = ReleaseSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        application = services.application_release(
            application=self._application(pk),
            officer=request.user,
            reason=form.validated_data["reason"],
        )
        return self._detail(application)

    @extend_schema(request=CorrectionRequestSerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"], url_path="request-correction")
    def request_correction(self, request, pk=None):
        application = self._application(pk)
        form = CorrectionRequestSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        services.application_request_correction(
            application=application,
            officer=request.user,
            items=form.validated_data["items"],
            note=form.validated_data["note"],
        )
        return self._detail(application)

    @extend_schema(request=RequiredReasonSerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        application = self._application(pk)
        form = RequiredReasonSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        services.application_reject(
            application=application, officer=request.user, reason=form.validated_data["reason"]
        )
        return self._detail(application)

    @extend_schema(request=ReasonSerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def approve(self, request, pk=None):
        application = self._application(pk)
        form = ReasonSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        services.application_approve(
            application=application, officer=request.user, note=form.validated_data["reason"]
        )
        return self._detail(application)

    @extend_schema(request=ReasonSerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def forward(self, request, pk=None):
        """Checked: to the office's verifier (a service type with two levels of review)."""
        application = self._application(pk)
        form = ReasonSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        services.application_forward(
            application=application, officer=request.user, note=form.validated_data["reason"]
        )
        return self._detail(application)

    @extend_schema(request=ReasonSerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        """The verifier approves what an officer forwarded (not their own review)."""
        application = self._application(pk)
        form = ReasonSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        services.application_verify(
            application=application, verifier=request.user, note=form.validated_data["reason"]
        )
        return self._detail(application)

    @extend_schema(request=RequiredReasonSerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"], url_path="return-to-officer")
    def return_to_officer(self, request, pk=None):
        """The verifier sends the review back to its officer, with the reason."""
        application = self._application(pk)
        form = RequiredReasonSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        services.application_return_to_officer(
            application=application, verifier=request.user, reason=form.validated_data["reason"]
        )
        return self._detail(application)

    @extend_schema(request=None, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"], url_path="retry-document")
    def retry_document(self, request, pk=None):
        application = services.application_document_retry(
            application=self._application(pk), officer=request.user
        )
        return self._detail(application)

    @extend_schema(request=DuplicateDecisionSerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"], url_path="decide-duplicate")
    def decide_duplicate(self, request, pk=None):
        application = self._application(pk)
        form = DuplicateDecisionSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        flag = next(
            (
                f
                for f in selectors.duplicate_flags(application)
                if f.pk == form.validated_data["flag"]
            ),
            None,
        )
        if flag is None:
            raise NotFound(_("Peringatan duplikat tidak ditemukan."))
        services.duplicate_decide(
            flag=flag, officer=request.user, decision=form.validated_data["decision"]
        )
        return self._detail(application)

    @extend_schema(request=SignSerializer, responses=ApplicationSerializer)
    @action(detail=True, methods=["post"])
    def sign(self, request, pk=None):
        application = self._application(pk)
        form = SignSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        if not request.user.has_perm("civil_registry.sign_application", application):
            raise Forbidden(_("Anda tidak berwenang menandatangani dokumen ini."))
        services.application_sign(
            application=application,
            signer=request.user,
            passphrase=form.validated_data.get("passphrase") or None,
        )
        return self._detail(application)


class LocationSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    address = serializers.CharField()


class SlotSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    location = serializers.CharField(source="location.code")
    service_type = serializers.CharField(source="service_type.code")
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    remaining = serializers.IntegerField()


class SlotQuerySerializer(serializers.Serializer):
    location = serializers.CharField(max_length=40)
    service_type = serializers.CharField(max_length=50)
    date_from = serializers.DateField()
    date_to = serializers.DateField()

    def validate(self, attrs):
        if attrs["date_to"] < attrs["date_from"]:
            raise serializers.ValidationError(_("Tanggal akhir harus setelah tanggal awal."))
        if (attrs["date_to"] - attrs["date_from"]).days > 62:
            raise serializers.ValidationError(_("Rentang tanggal paling lama 62 hari."))
        return attrs


class AppointmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    state = serializers.CharField()
    slot = SlotSerializer()
    location_name = serializers.CharField(source="slot.location.name")
    application = serializers.IntegerField(source="application_id", allow_null=True)
    allowed_actions = AllowedActionsField(APPOINTMENT_WORKFLOW)


class BookSerializer(serializers.Serializer):
    slot = serializers.IntegerField(min_value=1, max_value=2**62)
    application = serializers.IntegerField(
        min_value=1, max_value=2**62, required=False, allow_null=True
    )


class RescheduleSerializer(serializers.Serializer):
    slot = serializers.IntegerField(min_value=1, max_value=2**62)


class NikSerializer(serializers.Serializer):
    nik = serializers.CharField(max_length=16, min_length=16)


class ResidentPrefillSerializer(serializers.Serializer):
    nik = serializers.CharField()
    full_name = serializers.CharField()
    sex = serializers.CharField()
    birth_place = serializers.CharField()
    birth_date = serializers.DateField()
    address = serializers.CharField()
    village_name = serializers.CharField()
    kk_number = serializers.CharField()


class LocationViewSet(GenericViewSet):
    """Counters where a visit can be booked (antrean online)."""

    permission_classes = [AllowAny]
    serializer_class = LocationSerializer
    pagination_class = None

    def list(self, request):
        return Response(LocationSerializer(selectors.service_locations_active(), many=True).data)

    @extend_schema(parameters=[SlotQuerySerializer], responses=SlotSerializer(many=True))
    @action(detail=False, methods=["get"])
    def slots(self, request):
        query = SlotQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        location = (
            selectors.service_locations_active()
            .filter(code=query.validated_data["location"])
            .first()
        )
        service_type = selectors.service_type_by_code(query.validated_data["service_type"])
        if location is None or service_type is None:
            raise NotFound(_("Lokasi atau layanan tidak ditemukan."))
        slots = selectors.appointment_slots_available(
            location=location,
            service_type=service_type,
            date_from=query.validated_data["date_from"],
            date_to=query.validated_data["date_to"],
        )[:200]
        return Response(SlotSerializer(slots, many=True).data)


class AppointmentViewSet(GenericViewSet):
    """The citizen's bookings: book, reschedule, cancel. The QR code encodes ``code``."""

    permission_classes = [IsAuthenticated]
    serializer_class = AppointmentSerializer
    lookup_value_regex = "[0-9]{1,18}"

    def _appointment(self, pk):
        appointment = selectors.appointment_for_citizen(self.request.user, pk)
        if appointment is None:
            raise NotFound(_("Janji temu tidak ditemukan."))
        return appointment

    def _slot(self, pk):
        slot = selectors.appointment_slot_by_id(pk)
        if slot is None:
            raise NotFound(_("Jadwal tidak ditemukan."))
        return slot

    def _body(self, appointment, http=status.HTTP_200_OK) -> Response:
        context = self.get_serializer_context()
        return Response(AppointmentSerializer(appointment, context=context).data, status=http)

    def list(self, request):
        page = self.paginate_queryset(selectors.appointments_for_citizen(request.user))
        context = self.get_serializer_context()
        return self.get_paginated_response(
            AppointmentSerializer(page, many=True, context=context).data
        )

    @extend_schema(
        request=BookSerializer,
        responses={201: AppointmentSerializer, 200: AppointmentSerializer},
        description="Pemesanan ulang slot yang sama (ketuk dua kali) mengembalikan pemesanan "
        "yang sudah ada (200).",
    )
    def create(self, request):
        form = BookSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        slot = self._slot(form.validated_data["slot"])
        application = None
        if form.validated_data.get("application"):
            application = (
                selectors.applications_for_citizen(request.user)
                .filter(pk=form.validated_data["application"])
                .first()
            )
            if application is None:
                raise NotFound(_("Permohonan tidak ditemukan."))
        try:
            appointment = services.appointment_book(
                citizen=request.user, slot=slot, application=application
            )
        except DomainError as exc:
            existing = selectors.appointment_booked_in(request.user, slot)
            if exc.code == "already_booked" and existing is not None:
                return self._body(existing)  # a double tap: the first booking
            raise
        return self._body(appointment, status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=AppointmentSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        appointment = services.appointment_cancel(
            appointment=self._appointment(pk), user=request.user
        )
        return self._body(appointment)

    @extend_schema(request=RescheduleSerializer, responses=AppointmentSerializer)
    @action(detail=True, methods=["post"])
    def reschedule(self, request, pk=None):
        appointment = self._appointment(pk)
        form = RescheduleSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        appointment = services.appointment_reschedule(
            appointment=appointment,
            user=request.user,
            new_slot=self._slot(form.validated_data["slot"]),
        )
        return self._body(appointment)


class OfficerAppointmentViewSet(GenericViewSet):
    """The counter: check a booked visitor in by the code on their QR code."""

    permission_classes = [IsAuthenticated]
    serializer_class = AppointmentSerializer

    @extend_schema(request=CheckInSerializer, responses=AppointmentSerializer)
    @action(detail=False, methods=["post"], url_path="check-in")
    def check_in(self, request):
        form = CheckInSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        appointment = services.appointment_check_in(
            code=form.validated_data["code"], officer=request.user
        )
        context = self.get_serializer_context()
        return Response(AppointmentSerializer(appointment, context=context).data)


class RegisterLookupView(APIView):
    """Prefill from the population register: your own record and your family members' (POST,
    so the NIK stays out of URLs and access logs)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=NikSerializer, responses=ResidentPrefillSerializer)
    def post(self, request):
        form = NikSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        record = selectors.resident_lookup(
            user=request.user, nik=form.validated_data["nik"], request=request
        )
        if record is None:
            raise NotFound(_("Data penduduk tidak ditemukan."))
        return Response(ResidentPrefillSerializer(record).data)


class NikCheckSerializer(serializers.Serializer):
    nik = serializers.CharField()
    found = serializers.BooleanField()
    masked_name = serializers.CharField(help_text="e.g. S*** W*****; empty when not found")


class NikCheckView(APIView):
    """Whether the population register knows a NIK typed into a form (a parent's), with the
    name masked — as the web form shows it while typing. Limited to 30 a minute per person."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=NikSerializer, responses=NikCheckSerializer)
    def post(self, request):
        form = NikSerializer(data=request.data)
        form.is_valid(raise_exception=True)
        check = selectors.nik_check(
            user=request.user, nik=form.validated_data["nik"], request=request
        )
        return Response(NikCheckSerializer(check).data)


class PersonalDataView(APIView):
    """Everything civil registration holds about you and its processing history (UU PDP)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=OpenApiTypes.OBJECT)
    def get(self, request):
        return Response(selectors.personal_data_export(request.user))


class QueueFilterSerializer(serializers.Serializer):
    service = serializers.CharField(max_length=50, required=False, allow_blank=True)
    status = serializers.ChoiceField(choices=Status.choices, required=False, allow_blank=True)
    due_before = serializers.DateField(required=False, allow_null=True)
    district = serializers.CharField(max_length=13, required=False, allow_blank=True)
    mine = serializers.BooleanField(required=False, default=False)
