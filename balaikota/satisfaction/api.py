"""REST API of the satisfaction survey for the mobile app: answer an invitation, read the IKM.

Mounted by the project URLconf under ``api/v1/``: ``survei/<token>/`` and ``ikm/``.
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
from balaikota.core.ratelimit import RateLimit
from balaikota.core.web import conditional_get

from . import selectors, services
from .ikm import ELEMENT_CODES
from .models import SatisfactionSurvey
from .questionnaire import QUESTIONS

ANSWERING = RateLimit("satisfaction.answer", limit=30, window=60)


class QuestionSerializer(serializers.Serializer):
    code = serializers.CharField()
    question = serializers.CharField()
    answers = serializers.ListField(child=serializers.CharField())


class InvitationSerializer(serializers.Serializer):
    service = serializers.CharField(source="service.name")
    service_slug = serializers.CharField(source="service.slug")
    expires_at = serializers.DateTimeField()
    questions = serializers.SerializerMethodField()

    def get_questions(self, invitation) -> list[dict]:
        return [
            {
                "code": code,
                "question": str(QUESTIONS[code][0]),
                "answers": [str(a) for a in QUESTIONS[code][1]],
            }
            for code in ELEMENT_CODES
        ]


class AnswerSerializer(serializers.Serializer):
    u1 = serializers.IntegerField(min_value=1, max_value=4)
    u2 = serializers.IntegerField(min_value=1, max_value=4)
    u3 = serializers.IntegerField(min_value=1, max_value=4)
    u4 = serializers.IntegerField(min_value=1, max_value=4)
    u5 = serializers.IntegerField(min_value=1, max_value=4)
    u6 = serializers.IntegerField(min_value=1, max_value=4)
    u7 = serializers.IntegerField(min_value=1, max_value=4)
    u8 = serializers.IntegerField(min_value=1, max_value=4)
    u9 = serializers.IntegerField(min_value=1, max_value=4)
    gender = serializers.ChoiceField(
        choices=SatisfactionSurvey.Gender.choices, required=False, allow_blank=True
    )
    age = serializers.IntegerField(min_value=10, max_value=110, required=False, allow_null=True)
    education = serializers.ChoiceField(
        choices=SatisfactionSurvey.Education.choices, required=False, allow_blank=True
    )
    occupation = serializers.ChoiceField(
        choices=SatisfactionSurvey.Occupation.choices, required=False, allow_blank=True
    )
    suggestion = serializers.CharField(required=False, allow_blank=True, max_length=1000)


class SurveyView(APIView):
    """An invitation's questions (GET) and its one answer (POST)."""

    permission_classes = [AllowAny]
    authentication_classes: list = []  # the token in the address is the credential

    @extend_schema(
        tags=["Survei kepuasan"],
        summary="Pertanyaan survei untuk satu undangan",
        responses={200: InvitationSerializer, 404: ErrorSerializer, 409: ErrorSerializer},
    )
    def get(self, request, token: str):
        invitation = services.invitation_open(token)
        return Response(InvitationSerializer(invitation).data)

    @extend_schema(
        tags=["Survei kepuasan"],
        summary="Kirim jawaban survei (sekali per undangan)",
        request=AnswerSerializer,
        responses={
            201: None,
            400: ErrorSerializer,
            404: ErrorSerializer,
            409: ErrorSerializer,
            429: ErrorSerializer,
        },
    )
    def post(self, request, token: str):
        ANSWERING.check(request)
        services.invitation_open(token)  # an unknown or used link first: 404/409
        payload = AnswerSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        answers = {code: data.pop(code) for code in ELEMENT_CODES}
        services.survey_answer(token=token, answers=answers, **data)
        return Response({"detail": "ok"}, status=201)


class ElementSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    nrr = serializers.DecimalField(max_digits=6, decimal_places=4)
    converted = serializers.DecimalField(max_digits=6, decimal_places=2)
    grade = serializers.CharField()


class IkmSerializer(serializers.Serializer):
    ikm = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)
    grade = serializers.CharField()
    quality = serializers.CharField()
    respondents = serializers.IntegerField()
    served = serializers.IntegerField(source="population", allow_null=True)
    required = serializers.IntegerField()
    is_reliable = serializers.BooleanField()
    elements = ElementSerializer(many=True)


class IkmRowSerializer(serializers.Serializer):
    code = serializers.CharField(source="key")
    name = serializers.CharField()
    result = IkmSerializer()


class IkmReportSerializer(serializers.Serializer):
    period = serializers.CharField()
    city = IkmSerializer()
    opds = IkmRowSerializer(many=True)


@method_decorator(cache_control(public=True, max_age=300), name="dispatch")
@method_decorator(conditional_get, name="dispatch")
class IkmView(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []
    throttle_classes = [PublicReadThrottle]

    @extend_schema(
        tags=["Survei kepuasan"],
        summary="IKM kota dan per OPD untuk satu periode",
        parameters=[
            OpenApiParameter("tahun", OpenApiTypes.INT, description="Tahun survei."),
            OpenApiParameter(
                "bagian", OpenApiTypes.STR, enum=list(selectors.PERIODS), description="Periode."
            ),
        ],
        responses={200: IkmReportSerializer, 400: ErrorSerializer},
    )
    def get(self, request):
        params = PeriodParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        period = selectors.Period(
            params.validated_data.get("tahun") or selectors.current_period().year,
            params.validated_data.get("bagian") or "tahun",
        )
        report = {
            "period": period.label,
            "city": selectors.ikm_total(period),
            "opds": selectors.ikm_by_opd(period),
        }
        return Response(IkmReportSerializer(report).data)


class PeriodParams(serializers.Serializer):
    tahun = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
    bagian = serializers.ChoiceField(choices=selectors.PERIODS, required=False)


urlpatterns = [
    path("survei/<str:token>/", SurveyView.as_view(), name="api-survey"),
    path("ikm/", IkmView.as_view(), name="api-ikm"),
]
