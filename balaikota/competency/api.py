"""REST API of competency development for the civil servants' mobile app (session or token):
the catalogue, enrolments and their approval, evidence and its validation, the JP ledger — the
same services and rules as the web pages.

Mounted under ``api/v1/kompetensi/``."""

from __future__ import annotations

from decimal import Decimal

from django.urls import path
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from balaikota.core.api import AllowedActionsField, ErrorSerializer
from balaikota.core.errors import Forbidden, NotFound

from . import selectors, services
from .models import Enrolment, Evidence, Mode, TrainingClass
from .workflows import ENROLMENT_WORKFLOW, EVIDENCE_WORKFLOW

app_name = "competency-api"
TAGS = ["Kompetensi ASN"]


class ProgrammeSerializer(serializers.Serializer):
    code = serializers.CharField()
    title = serializers.CharField()
    summary = serializers.CharField()
    mode = serializers.CharField()
    mode_label = serializers.CharField(source="get_mode_display")
    jp = serializers.DecimalField(max_digits=7, decimal_places=2)
    has_open_class = serializers.BooleanField()


class EnrolmentSerializer(serializers.ModelSerializer):
    programme = serializers.CharField(source="training_class.programme.title")
    training_class = serializers.IntegerField(source="training_class_id")
    class_name = serializers.CharField(source="training_class.name")
    starts_on = serializers.DateField(source="training_class.starts_on")
    status_label = serializers.CharField(source="get_status_display")
    employee = serializers.CharField(source="employee.full_name")
    allowed_actions = AllowedActionsField(ENROLMENT_WORKFLOW)

    class Meta:
        model = Enrolment
        fields = [
            "id",
            "training_class",
            "programme",
            "class_name",
            "starts_on",
            "employee",
            "status",
            "status_label",
            "completed_on",
            "allowed_actions",
        ]
        read_only_fields = fields


class EnrolRequestSerializer(serializers.Serializer):
    motivation = serializers.CharField(max_length=500, required=False, allow_blank=True)
    submit_key = serializers.CharField(max_length=64, required=False, allow_blank=True)


class DecisionReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class EvidenceSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display")
    form_label = serializers.CharField(source="get_form_display")
    employee = serializers.CharField(source="employee.full_name")
    allowed_actions = AllowedActionsField(EVIDENCE_WORKFLOW)

    class Meta:
        model = Evidence
        fields = [
            "id",
            "employee",
            "title",
            "form",
            "form_label",
            "provider",
            "started_on",
            "ended_on",
            "quantity",
            "status",
            "status_label",
            "jp_credited",
            "due_date",
            "allowed_actions",
        ]
        read_only_fields = fields


class EvidenceCreateSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    form = serializers.ChoiceField(choices=Mode.choices)
    provider = serializers.CharField(max_length=200)
    started_on = serializers.DateField()
    ended_on = serializers.DateField()
    quantity = serializers.DecimalField(max_digits=8, decimal_places=2, min_value=Decimal("0.01"))
    file = serializers.FileField()
    submit_key = serializers.CharField(max_length=64, required=False, allow_blank=True)


class EvidenceValidateSerializer(serializers.Serializer):
    quantity = serializers.DecimalField(
        max_digits=8, decimal_places=2, min_value=Decimal("0.01"), required=False, allow_null=True
    )
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True)


class LedgerEntrySerializer(serializers.Serializer):
    on = serializers.DateField()
    jp = serializers.DecimalField(max_digits=7, decimal_places=2)
    source = serializers.CharField()
    source_label = serializers.CharField(source="get_source_display")
    title = serializers.CharField()
    form = serializers.CharField()


class LedgerSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    total = serializers.DecimalField(max_digits=9, decimal_places=2)
    target = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True)
    expected = serializers.DecimalField(max_digits=9, decimal_places=2)
    standing = serializers.CharField()
    standing_label = serializers.CharField()
    entries = LedgerEntrySerializer(many=True)


def _me(request):
    employee = selectors.employee_for(request.user)
    if employee is None:
        raise Forbidden(code="not_employee")
    return employee


def _enrolment(request, pk) -> Enrolment:
    enrolment = (
        Enrolment.objects.select_related("training_class__programme", "employee")
        .filter(pk=pk)
        .first()
    )
    if enrolment is None or not request.user.has_perm("competency.view_enrolment", enrolment):
        raise NotFound()
    return enrolment


def _evidence(request, pk) -> Evidence:
    evidence = selectors.evidence_by_pk(pk)
    if evidence is None or not request.user.has_perm("competency.view_evidence", evidence):
        raise NotFound()
    return evidence


class ProgrammeListView(APIView):
    @extend_schema(
        tags=TAGS, summary="Katalog program", responses={200: ProgrammeSerializer(many=True)}
    )
    def get(self, request):
        if not request.user.has_perm("competency.browse"):
            raise Forbidden()
        rows = selectors.programmes_published()[:200]
        return Response(ProgrammeSerializer(rows, many=True).data)


class EnrolmentListView(APIView):
    @extend_schema(
        tags=TAGS, summary="Pendaftaran kelas saya", responses={200: EnrolmentSerializer(many=True)}
    )
    def get(self, request):
        rows = selectors.enrolments_of(_me(request)).select_related("employee")[:100]
        return Response(EnrolmentSerializer(rows, many=True, context={"request": request}).data)


class EnrolView(APIView):
    parser_classes = [JSONParser, FormParser]

    @extend_schema(
        tags=TAGS,
        summary="Mendaftar ke kelas (menunggu persetujuan atasan)",
        request=EnrolRequestSerializer,
        responses={
            201: EnrolmentSerializer,
            403: ErrorSerializer,
            404: ErrorSerializer,
            409: ErrorSerializer,
        },
    )
    def post(self, request, pk: int):
        training_class = TrainingClass.objects.filter(pk=pk).first()
        if training_class is None:
            raise NotFound()
        data = EnrolRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        enrolment = services.enrolment_request(
            user=request.user,
            training_class=training_class,
            motivation=data.validated_data.get("motivation", ""),
            submit_key=data.validated_data.get("submit_key", ""),
        )
        body = EnrolmentSerializer(enrolment, context={"request": request}).data
        return Response(body, status=201)


class EnrolmentActionView(APIView):
    parser_classes = [JSONParser, FormParser]
    action_name = ""

    @extend_schema(
        tags=TAGS,
        request=DecisionReasonSerializer,
        responses={
            200: EnrolmentSerializer,
            400: ErrorSerializer,
            403: ErrorSerializer,
            404: ErrorSerializer,
            409: ErrorSerializer,
        },
    )
    def post(self, request, pk: int):
        enrolment = _enrolment(request, pk)
        data = DecisionReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        reason = data.validated_data.get("reason", "")
        if self.action_name == "approve":
            enrolment = services.enrolment_approve(
                enrolment=enrolment, actor=request.user, note=reason
            )
        elif self.action_name == "reject":
            enrolment = services.enrolment_reject(
                enrolment=enrolment, actor=request.user, reason=reason
            )
        else:
            enrolment = services.enrolment_withdraw(
                enrolment=enrolment, actor=request.user, reason=reason
            )
        enrolment.refresh_from_db()
        return Response(EnrolmentSerializer(enrolment, context={"request": request}).data)


class EvidenceListView(APIView):
    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        tags=TAGS, summary="Bukti pembelajaran saya", responses={200: EvidenceSerializer(many=True)}
    )
    def get(self, request):
        rows = selectors.evidence_of(_me(request)).select_related("employee")[:100]
        return Response(EvidenceSerializer(rows, many=True, context={"request": request}).data)

    @extend_schema(
        tags=TAGS,
        summary="Ajukan bukti pembelajaran (multipart)",
        request=EvidenceCreateSerializer,
        responses={201: EvidenceSerializer, 400: ErrorSerializer, 409: ErrorSerializer},
    )
    def post(self, request):
        data = EvidenceCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        evidence = services.evidence_submit(
            user=request.user,
            title=values["title"],
            form=values["form"],
            provider=values["provider"],
            started_on=values["started_on"],
            ended_on=values["ended_on"],
            quantity=values["quantity"],
            upload=values["file"],
            submit_key=values.get("submit_key", ""),
        )
        return Response(EvidenceSerializer(evidence, context={"request": request}).data, status=201)


class EvidenceActionView(APIView):
    parser_classes = [JSONParser, FormParser]
    action_name = ""

    @extend_schema(
        tags=TAGS,
        request=EvidenceValidateSerializer,
        responses={
            200: EvidenceSerializer,
            400: ErrorSerializer,
            403: ErrorSerializer,
            404: ErrorSerializer,
            409: ErrorSerializer,
        },
    )
    def post(self, request, pk: int):
        evidence = _evidence(request, pk)
        if self.action_name == "validate":
            data = EvidenceValidateSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            evidence = services.evidence_validate(
                evidence=evidence,
                actor=request.user,
                quantity=data.validated_data.get("quantity"),
                note=data.validated_data.get("note", ""),
            )
        else:
            data = DecisionReasonSerializer(data=request.data)
            data.is_valid(raise_exception=True)
            evidence = services.evidence_reject(
                evidence=evidence, actor=request.user, reason=data.validated_data.get("reason", "")
            )
        evidence.refresh_from_db()
        return Response(EvidenceSerializer(evidence, context={"request": request}).data)


class LedgerView(APIView):
    @extend_schema(tags=TAGS, summary="Buku JP saya per tahun", responses={200: LedgerSerializer})
    def get(self, request):
        employee = _me(request)
        try:
            year = int(request.query_params.get("tahun", timezone.localdate().year))
        except ValueError:
            year = timezone.localdate().year
        year = min(max(year, 2000), timezone.localdate().year + 1)
        return Response(LedgerSerializer(selectors.ledger_year(employee, year)).data)


urlpatterns = [
    path("program/", ProgrammeListView.as_view(), name="programmes"),
    path("pendaftaran/", EnrolmentListView.as_view(), name="enrolments"),
    path("kelas/<int:pk>/daftar/", EnrolView.as_view(), name="enrol"),
    path(
        "pendaftaran/<int:pk>/setujui/",
        EnrolmentActionView.as_view(action_name="approve"),
        name="enrolment-approve",
    ),
    path(
        "pendaftaran/<int:pk>/tolak/",
        EnrolmentActionView.as_view(action_name="reject"),
        name="enrolment-reject",
    ),
    path(
        "pendaftaran/<int:pk>/keluar/",
        EnrolmentActionView.as_view(action_name="withdraw"),
        name="enrolment-withdraw",
    ),
    path("bukti/", EvidenceListView.as_view(), name="evidence"),
    path(
        "bukti/<int:pk>/validasi/",
        EvidenceActionView.as_view(action_name="validate"),
        name="evidence-validate",
    ),
    path(
        "bukti/<int:pk>/tolak/",
        EvidenceActionView.as_view(action_name="reject"),
        name="evidence-reject",
    ),
    path("jp/", LedgerView.as_view(), name="ledger"),
]
