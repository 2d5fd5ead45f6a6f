"""REST API of e-learning (mounted under ``api/v1/belajar/``): my courses with progress, a
course's outline, mark a lesson done, start an attempt, answer, submit. The same services and
rules as the web pages."""

from __future__ import annotations

from django.urls import path
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from balaikota.core.api import ErrorSerializer
from balaikota.core.errors import NotFound

from . import selectors, services

TAGS = ["Belajar"]


class CourseProgressSerializer(serializers.Serializer):
    percent = serializers.IntegerField()
    completed = serializers.BooleanField()
    passed = serializers.BooleanField()
    post_test_score = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)


class CourseItemSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="course.pk")
    title = serializers.CharField(source="course.title")
    summary = serializers.CharField(source="course.summary")
    progress = CourseProgressSerializer()


class LessonItemSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    title = serializers.CharField()
    kind = serializers.CharField()
    is_required = serializers.BooleanField()
    minutes = serializers.IntegerField()


class CourseModuleSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="module.pk")
    title = serializers.CharField(source="module.title")
    lessons = LessonItemSerializer(many=True)


class QuizItemSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="quiz.pk")
    kind = serializers.CharField(source="quiz.kind")
    title = serializers.CharField(source="quiz.title")
    time_limit_minutes = serializers.IntegerField(source="quiz.time_limit_minutes")
    pass_mark = serializers.DecimalField(source="quiz.pass_mark", max_digits=5, decimal_places=2)
    attempts_left = serializers.IntegerField()
    best = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    passed = serializers.BooleanField()
    open_attempt = serializers.IntegerField(source="open_attempt.pk", allow_null=True, default=None)


class LearningGainSerializer(serializers.Serializer):
    pre = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    post = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    gain = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)


class CourseOutlineSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="course.pk")
    title = serializers.CharField(source="course.title")
    summary = serializers.CharField(source="course.summary")
    progress = CourseProgressSerializer()
    modules = CourseModuleSerializer(many=True)
    done_lessons = serializers.SerializerMethodField()
    continue_lesson = serializers.IntegerField(
        source="continue_lesson.pk", allow_null=True, default=None
    )
    quizzes = QuizItemSerializer(many=True)
    learning_gain = LearningGainSerializer(source="gain")
    completed_at = serializers.DateTimeField(
        source="completion.completed_at", allow_null=True, default=None
    )

    def get_done_lessons(self, outline) -> list[int]:
        return sorted(outline.done_ids)


class QuizOptionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    text = serializers.CharField()


class QuizQuestionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="question.pk")
    kind = serializers.CharField(source="question.kind")
    text = serializers.CharField(source="question.text")
    options = QuizOptionSerializer(many=True)
    chosen = serializers.ListField(child=serializers.IntegerField())


class AttemptSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="attempt.pk")
    quiz = serializers.IntegerField(source="attempt.quiz_id")
    number = serializers.IntegerField(source="attempt.number")
    status = serializers.CharField(source="attempt.status")
    started_at = serializers.DateTimeField(source="attempt.started_at")
    deadline = serializers.DateTimeField(source="attempt.deadline")
    seconds_left = serializers.IntegerField()
    questions = QuizQuestionSerializer(many=True)
    correct_count = serializers.IntegerField(source="attempt.correct_count", allow_null=True)
    score = serializers.DecimalField(
        source="attempt.score", max_digits=5, decimal_places=2, allow_null=True
    )
    passed = serializers.BooleanField(source="attempt.passed", allow_null=True)


def _attempt_body(attempt) -> dict:
    return AttemptSerializer(
        {
            "attempt": attempt,
            "seconds_left": selectors.seconds_left(attempt),
            "questions": selectors.attempt_questions(attempt),
        }
    ).data


class QuizAnswerSerializer(serializers.Serializer):
    question = serializers.IntegerField()
    options = serializers.ListField(child=serializers.IntegerField(), max_length=20)


class AttemptSubmitSerializer(serializers.Serializer):
    answers = serializers.DictField(
        child=serializers.ListField(child=serializers.IntegerField(), max_length=20),
        required=False,
        help_text="Jawaban yang belum terkirim: id soal → id pilihan.",
    )


def _attempt_or_404(request, pk: int):
    attempt = selectors.attempt_by_pk(pk)
    if attempt is None or not request.user.has_perm("elearning.view_attempt", attempt):
        raise NotFound()
    return services.attempt_close_if_expired(attempt=attempt)


class CoursesView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Kursus saya dan kemajuannya",
        responses={200: CourseItemSerializer(many=True)},
    )
    def get(self, request):
        if not request.user.has_perm("elearning.learn"):
            raise NotFound()
        rows = selectors.courses_for_learner(request.user)
        return Response(CourseItemSerializer(rows, many=True).data)


class CourseView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Susunan satu kursus",
        responses={200: CourseOutlineSerializer, 404: ErrorSerializer},
    )
    def get(self, request, pk: int):
        course = selectors.course_by_pk(pk)
        if course is None or not request.user.has_perm("elearning.open_course", course):
            raise NotFound()
        return Response(
            CourseOutlineSerializer(selectors.course_outline(course, request.user)).data
        )


class LessonDoneView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Tandai materi selesai",
        request=None,
        responses={200: CourseProgressSerializer, 404: ErrorSerializer},
    )
    def post(self, request, pk: int):
        lesson = selectors.lesson_by_pk(pk)
        if lesson is None or not request.user.has_perm(
            "elearning.open_course", lesson.module.course
        ):
            raise NotFound()
        services.lesson_mark_done(user=request.user, lesson=lesson)
        course_id = lesson.module.course_id
        return Response(
            CourseProgressSerializer(
                selectors.progress_for(request.user, [course_id])[course_id]
            ).data
        )


class QuizStartView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Mulai (atau lanjutkan) percobaan kuis",
        request=None,
        responses={201: AttemptSerializer, 404: ErrorSerializer, 409: ErrorSerializer},
    )
    def post(self, request, pk: int):
        quiz = selectors.quiz_by_pk(pk)
        if quiz is None or not request.user.has_perm("elearning.open_course", quiz.course):
            raise NotFound()
        attempt = services.attempt_start(user=request.user, quiz=quiz)
        return Response(_attempt_body(attempt), status=201)


class AttemptView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Satu percobaan: soal, jawaban terakhir, sisa waktu, nilai",
        responses={200: AttemptSerializer, 404: ErrorSerializer},
    )
    def get(self, request, pk: int):
        return Response(_attempt_body(_attempt_or_404(request, pk)))


class AnswerView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Jawab satu soal (baris baru; jawaban terakhir yang dihitung)",
        request=QuizAnswerSerializer,
        responses={200: None, 400: ErrorSerializer, 409: ErrorSerializer},
    )
    def post(self, request, pk: int):
        attempt = _attempt_or_404(request, pk)
        payload = QuizAnswerSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.attempt_answer(
            user=request.user,
            attempt=attempt,
            question_id=payload.validated_data["question"],
            option_ids=payload.validated_data["options"],
        )
        return Response({"saved": True})


class SubmitView(APIView):
    @extend_schema(
        tags=TAGS,
        summary="Kirim percobaan dan terima nilainya",
        request=AttemptSubmitSerializer,
        responses={200: AttemptSerializer, 400: ErrorSerializer, 409: ErrorSerializer},
    )
    def post(self, request, pk: int):
        attempt = _attempt_or_404(request, pk)
        payload = AttemptSubmitSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        attempt = services.attempt_submit(
            user=request.user, attempt=attempt, answers=payload.validated_data.get("answers")
        )
        return Response(_attempt_body(attempt))


urlpatterns = [
    path("kursus/", CoursesView.as_view(), name="api-elearning-courses"),
    path("kursus/<int:pk>/", CourseView.as_view(), name="api-elearning-course"),
    path("materi/<int:pk>/selesai/", LessonDoneView.as_view(), name="api-elearning-lesson-done"),
    path("kuis/<int:pk>/mulai/", QuizStartView.as_view(), name="api-elearning-quiz-start"),
    path("percobaan/<int:pk>/", AttemptView.as_view(), name="api-elearning-attempt"),
    path("percobaan/<int:pk>/jawab/", AnswerView.as_view(), name="api-elearning-answer"),
    path("percobaan/<int:pk>/kirim/", SubmitView.as_view(), name="api-elearning-submit"),
]
