"""Reads of e-learning: the course list with a person's progress, a course's outline, an attempt
as its owner sees it, the learning gain and the admin's reports."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, IntegerField, Max, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from .interfaces import CourseProgress
from .models import (
    Answer,
    Attempt,
    Course,
    CourseCompletion,
    CourseVisit,
    Lesson,
    LessonDone,
    Option,
    Question,
    Quiz,
    ScormPackage,
    ScormTrack,
)
from .scorm import DONE_STATUSES

CENT = Decimal("0.01")


def course_options() -> list[tuple[int, str]]:
    return list(
        Course.objects.filter(is_published=True).order_by("title").values_list("pk", "title")
    )


def course_by_pk(pk: int) -> Course | None:
    return Course.objects.filter(pk=pk).first()


def lesson_by_pk(pk: int) -> Lesson | None:
    return Lesson.objects.select_related("module__course").filter(pk=pk).first()


def quiz_by_pk(pk: int) -> Quiz | None:
    return Quiz.objects.select_related("course").filter(pk=pk).first()


def attempt_by_pk(pk: int) -> Attempt | None:
    return Attempt.objects.select_related("quiz__course").filter(pk=pk).first()


def package_by_pk(pk: int) -> ScormPackage | None:
    return ScormPackage.objects.select_related("course").filter(pk=pk).first()


def _with_progress(courses, user):
    """Annotate each course with what progress needs about ``user``: one query."""
    course = OuterRef("pk")
    post_attempts = Attempt.objects.filter(
        user=user, quiz__course=course, quiz__kind=Quiz.Kind.POST_TEST
    )
    return courses.annotate(
        required_count=Coalesce(
            Subquery(
                Lesson.objects.filter(module__course=course, is_required=True)
                .order_by()
                .values("module__course")
                .annotate(n=Count("pk"))
                .values("n")[:1]
            ),
            Value(0),
            output_field=IntegerField(),
        ),
        done_count=Coalesce(
            Subquery(
                LessonDone.objects.filter(user=user, course=course, lesson__is_required=True)
                .order_by()
                .values("course")
                .annotate(n=Count("pk"))
                .values("n")[:1]
            ),
            Value(0),
            output_field=IntegerField(),
        ),
        has_post_test=Exists(Quiz.objects.filter(course=course, kind=Quiz.Kind.POST_TEST)),
        post_test_passed=Exists(post_attempts.filter(passed=True)),
        post_test_best=Subquery(
            post_attempts.exclude(score=None)
            .order_by()
            .values("quiz__course")
            .annotate(best=Max("score"))
            .values("best")[:1]
        ),
        has_scorm=Exists(ScormPackage.objects.filter(course=course)),
        scorm_done=Exists(
            ScormTrack.objects.filter(
                user=user, package__course=course, lesson_status__in=DONE_STATUSES
            )
        ),
        is_completed=Exists(CourseCompletion.objects.filter(user=user, course=course)),
    )


def progress_of(course) -> CourseProgress:
    """The progress of an annotated course (``_with_progress``)."""
    steps = course.required_count + int(course.has_post_test) + int(course.has_scorm)
    done = (
        course.done_count
        + int(course.has_post_test and course.post_test_passed)
        + int(course.has_scorm and course.scorm_done)
    )
    percent = 100 if course.is_completed else (done * 100 // steps if steps else 0)
    passed = course.post_test_passed if course.has_post_test else course.is_completed
    return CourseProgress(
        percent=min(percent, 100),
        completed=course.is_completed,
        passed=bool(passed),
        post_test_score=course.post_test_best,
    )


def progress_for(user, course_ids: Iterable[int]) -> dict[int, CourseProgress]:
    courses = _with_progress(Course.objects.filter(pk__in=list(course_ids)), user)
    return {course.pk: progress_of(course) for course in courses}


@dataclass(frozen=True)
class CourseRow:
    course: Course
    progress: CourseProgress


def courses_for_learner(user, *, include_unpublished: bool = False) -> list[CourseRow]:
    """The course list ("Belajar"): one query whatever the number of courses."""
    courses = (
        Course.objects.all() if include_unpublished else Course.objects.filter(is_published=True)
    )
    return [CourseRow(c, progress_of(c)) for c in _with_progress(courses.order_by("title"), user)]


@dataclass
class ModuleView:
    module: object
    lessons: list


@dataclass
class QuizView:
    quiz: Quiz
    attempts: list[Attempt]
    open_attempt: Attempt | None
    attempts_left: int
    best: Decimal | None
    passed: bool


@dataclass
class Outline:
    course: Course
    progress: CourseProgress
    modules: list[ModuleView]
    done_ids: set[int]
    continue_lesson: Lesson | None
    quizzes: list[QuizView]
    pre_test: QuizView | None
    post_test: QuizView | None
    package: ScormPackage | None
    track: ScormTrack | None
    completion: CourseCompletion | None
    gain: LearningGain
    lessons_left: int = 0


@dataclass(frozen=True)
class LearningGain:
    pre: Decimal | None
    post: Decimal | None

    @property
    def gain(self) -> Decimal | None:
        if self.pre is None or self.post is None:
            return None
        return self.post - self.pre


def learning_gain(attempts: Iterable[Attempt]) -> LearningGain:
    """Pre-test: the first closed pre-test attempt (what the person knew before); post-test: the
    best closed post-test attempt. Gain = post − pre, in points of 100."""
    pre = post = None
    first_pre_number = None
    for attempt in attempts:
        if attempt.score is None or attempt.is_open:
            continue
        if attempt.quiz.kind == Quiz.Kind.PRE_TEST and (
            first_pre_number is None or attempt.number < first_pre_number
        ):
            pre, first_pre_number = attempt.score, attempt.number
        elif attempt.quiz.kind == Quiz.Kind.POST_TEST and (post is None or attempt.score > post):
            post = attempt.score
    return LearningGain(pre, post)


def course_outline(course: Course, user) -> Outline:
    """Everything the course page shows a learner, in a fixed number of queries."""
    lessons = list(Lesson.objects.filter(module__course=course).select_related("module"))
    modules: dict[int, ModuleView] = {}
    for lesson in lessons:
        modules.setdefault(lesson.module_id, ModuleView(lesson.module, [])).lessons.append(lesson)
    done_ids = set(
        LessonDone.objects.filter(user=user, course=course).values_list("lesson_id", flat=True)
    )
    visit = CourseVisit.objects.filter(user=user, course=course).first()
    continue_lesson = None
    by_pk = {lesson.pk: lesson for lesson in lessons}
    if visit and visit.last_lesson_id in by_pk and visit.last_lesson_id not in done_ids:
        continue_lesson = by_pk[visit.last_lesson_id]
    if continue_lesson is None:
        continue_lesson = next((lesson for lesson in lessons if lesson.pk not in done_ids), None)
    quizzes = list(course.quizzes.all())
    attempts = list(Attempt.objects.filter(user=user, quiz__course=course).select_related("quiz"))
    views = []
    for quiz in quizzes:
        mine = sorted((a for a in attempts if a.quiz_id == quiz.pk), key=lambda a: a.number)
        closed = [a for a in mine if not a.is_open and a.score is not None]
        views.append(
            QuizView(
                quiz=quiz,
                attempts=mine,
                open_attempt=next((a for a in mine if a.is_open), None),
                attempts_left=max(quiz.max_attempts - len(mine), 0),
                best=max((a.score for a in closed), default=None),
                passed=any(a.passed for a in closed),
            )
        )
    package = ScormPackage.objects.filter(course=course).first()
    track = ScormTrack.objects.filter(user=user, package=package).first() if package else None
    progress = progress_for(user, [course.pk])[course.pk]
    required_left = sum(1 for lesson in lessons if lesson.is_required and lesson.pk not in done_ids)
    return Outline(
        course=course,
        progress=progress,
        modules=list(modules.values()),
        done_ids=done_ids,
        continue_lesson=continue_lesson,
        quizzes=views,
        pre_test=next((v for v in views if v.quiz.kind == Quiz.Kind.PRE_TEST), None),
        post_test=next((v for v in views if v.quiz.kind == Quiz.Kind.POST_TEST), None),
        package=package,
        track=track,
        completion=CourseCompletion.objects.filter(user=user, course=course).first(),
        gain=learning_gain(attempts),
        lessons_left=required_left,
    )


def lesson_neighbours(lesson: Lesson) -> tuple[Lesson | None, Lesson | None]:
    lessons = list(
        Lesson.objects.filter(module__course_id=lesson.module.course_id).only(
            "pk", "title", "module", "order"
        )
    )
    index = next(i for i, item in enumerate(lessons) if item.pk == lesson.pk)
    before = lessons[index - 1] if index > 0 else None
    after = lessons[index + 1] if index + 1 < len(lessons) else None
    return before, after


def lesson_is_done(user, lesson: Lesson) -> bool:
    return LessonDone.objects.filter(user=user, lesson=lesson).exists()


@dataclass
class ShownQuestion:
    question: Question
    options: list
    chosen: list[int]
    correct_ids: list[int]

    @property
    def is_correct(self) -> bool:
        return sorted(self.chosen) == sorted(self.correct_ids)


def last_answers(attempt: Attempt) -> dict[int, list[int]]:
    """Question id → the options of the last answer given (the append-only log read back)."""
    latest: dict[int, list[int]] = {}
    for question_id, option_ids in (
        Answer.objects.filter(attempt=attempt)
        .order_by("pk")
        .values_list("question_id", "option_ids")
    ):
        latest[question_id] = list(option_ids)
    return latest


def attempt_questions(attempt: Attempt) -> list[ShownQuestion]:
    """The drawn questions in the attempt's order, each with its options in the order drawn and
    the last answer given: three queries."""
    questions = Question.objects.in_bulk(attempt.question_ids)
    options_by_question = defaultdict(dict)
    for option in Option.objects.filter(question_id__in=attempt.question_ids):
        options_by_question[option.question_id][option.pk] = option
    chosen = last_answers(attempt)
    shown = []
    for question_id in attempt.question_ids:
        question = questions.get(question_id)
        if question is None:
            continue
        available = options_by_question[question_id]
        order = attempt.option_order.get(str(question_id)) or list(available)
        options = [available[pk] for pk in order if pk in available]
        shown.append(
            ShownQuestion(
                question=question,
                options=options,
                chosen=chosen.get(question_id, []),
                correct_ids=[o.pk for o in options if o.is_correct],
            )
        )
    return shown


def answer_key_shown(attempt: Attempt) -> bool:
    """Whether the result shows the right answers: never for a pre-test (its bank is the
    post-test's), for a post-test once passed or when no attempt is left, always for a quiz."""
    if attempt.is_open:
        return False
    quiz = attempt.quiz
    if quiz.kind == Quiz.Kind.PRE_TEST:
        return False
    if quiz.kind == Quiz.Kind.POST_TEST:
        mine = Attempt.objects.filter(user_id=attempt.user_id, quiz=quiz)
        return mine.filter(passed=True).exists() or mine.count() >= quiz.max_attempts
    return True


def seconds_left(attempt: Attempt, *, now=None) -> int:
    now = now or timezone.now()
    return max(int((attempt.deadline - now).total_seconds()), 0) if attempt.is_open else 0


@dataclass(frozen=True)
class PersonResult:
    user_id: int
    name: str
    pre: Decimal | None
    post: Decimal | None
    passed: bool
    completed: bool

    @property
    def gain(self) -> Decimal | None:
        return None if self.pre is None or self.post is None else self.post - self.pre


@dataclass(frozen=True)
class CourseReport:
    course: Course
    attempts: int
    people: int
    passed: int
    completed: int
    mean_pre: Decimal | None
    mean_post: Decimal | None
    mean_gain: Decimal | None
    rows: tuple[PersonResult, ...] = ()

    @property
    def pass_rate(self) -> int | None:
        return None if not self.people else round(self.passed * 100 / self.people)


def _mean(values: list[Decimal]) -> Decimal | None:
    if not values:
        return None
    return (sum(values, Decimal(0)) / len(values)).quantize(CENT, rounding=ROUND_HALF_UP)


def _course_report(
    course: Course, attempts: list[Attempt], completed_ids: set[int], *, with_rows: bool
) -> CourseReport:
    by_user: dict[int, list[Attempt]] = defaultdict(list)
    for attempt in attempts:
        by_user[attempt.user_id].append(attempt)
    rows = []
    for user_id, own in by_user.items():
        gain = learning_gain(own)
        post_passed = any(a.passed for a in own if a.quiz.kind == Quiz.Kind.POST_TEST)
        user = own[0].user if with_rows else None
        rows.append(
            PersonResult(
                user_id=user_id,
                name=(user.full_name or user.username) if user else "",
                pre=gain.pre,
                post=gain.post,
                passed=post_passed,
                completed=user_id in completed_ids,
            )
        )
    takers = [r for r in rows if r.post is not None]
    return CourseReport(
        course=course,
        attempts=len(attempts),
        people=len(takers),
        passed=sum(1 for r in takers if r.passed),
        completed=len(completed_ids),
        mean_pre=_mean([r.pre for r in rows if r.pre is not None]),
        mean_post=_mean([r.post for r in takers]),
        mean_gain=_mean([r.gain for r in rows if r.gain is not None]),
        rows=tuple(sorted(rows, key=lambda r: r.name)) if with_rows else (),
    )


def _closed_attempts(courses: Iterable[int], *, with_users: bool):
    rows = Attempt.objects.filter(quiz__course_id__in=list(courses)).exclude(
        status=Attempt.Status.OPEN
    )
    rows = rows.select_related("quiz", "user") if with_users else rows.select_related("quiz")
    return rows.only(
        "user_id",
        "quiz__kind",
        "quiz__course_id",
        "number",
        "score",
        "passed",
        "status",
        *(("user__full_name", "user__username") if with_users else ()),
    )


def reports_by_course() -> list[CourseReport]:
    """Per course: attempts, people who took the post-test, pass rate, mean pre, post and gain
    (three queries in all)."""
    courses = list(Course.objects.order_by("title"))
    attempts: dict[int, list[Attempt]] = defaultdict(list)
    for attempt in _closed_attempts([c.pk for c in courses], with_users=False):
        attempts[attempt.quiz.course_id].append(attempt)
    completed: dict[int, set[int]] = defaultdict(set)
    for course_id, user_id in CourseCompletion.objects.values_list("course_id", "user_id"):
        completed[course_id].add(user_id)
    return [_course_report(c, attempts[c.pk], completed[c.pk], with_rows=False) for c in courses]


def report_for_course(course: Course) -> CourseReport:
    """One course with a row per person: pre, post, gain, passed, completed."""
    attempts = list(_closed_attempts([course.pk], with_users=True))
    completed = set(
        CourseCompletion.objects.filter(course=course).values_list("user_id", flat=True)
    )
    return _course_report(course, attempts, completed, with_rows=True)


def scorm_resume_data(track: ScormTrack | None) -> dict:
    """What the runtime is given before LMSInitialize (cmi.core.* and suspend_data)."""
    if track is None:
        return {}
    data: dict = {
        "core": {"lesson_status": track.lesson_status, "lesson_location": track.lesson_location},
        "suspend_data": track.suspend_data,
    }
    if track.score_raw is not None:
        data["core"]["score"] = {"raw": str(track.score_raw)}
    return data


def open_attempts_key(user_id: int) -> str:
    return f"elearning:open-attempts:{user_id}"


@dataclass(frozen=True)
class OpenAttempt:
    pk: int
    quiz_title: str
    deadline: datetime.datetime

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("elearning:attempt", args=[self.pk])


def open_attempts_of(user) -> list[OpenAttempt]:
    """The person's attempts still running, for the home page: kept in the shared cache (the
    home page of a warm session costs no query of ours), forgotten whenever one starts or closes."""
    from django.core.cache import cache

    key = open_attempts_key(user.pk)
    kept = cache.get(key)
    if kept is None:
        kept = [
            OpenAttempt(pk, title, deadline)
            for pk, title, deadline in Attempt.objects.filter(
                user=user, status=Attempt.Status.OPEN, deadline__gt=timezone.now()
            )
            .order_by("deadline")
            .values_list("pk", "quiz__title", "deadline")[:3]
        ]
        cache.set(key, kept, 600)
    now = timezone.now()
    return [attempt for attempt in kept if attempt.deadline > now]
