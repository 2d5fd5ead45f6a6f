"""Attempts (deadline, answers, scoring, double and late submits), progress, completion and its
listeners, authoring checks."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.db import connection, transaction
from django.utils import timezone

from balaikota.accounts.models import Role
from balaikota.core.errors import Conflict, InvalidInput, NotFound
from balaikota.elearning import interfaces, selectors, services
from balaikota.elearning.models import (
    Answer,
    Attempt,
    CourseCompletion,
    CourseVisit,
    Lesson,
    Option,
    Question,
    Quiz,
)
from balaikota.testing.concurrency import run_together

from .factories import correct_answers, finish_lessons, make_course, post_test, pre_test

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(staff_with_role):
    return staff_with_role(Role.CIVIL_SERVANT)


@pytest.fixture
def course(db):
    return make_course()


def test_an_attempt_keeps_its_deadline_and_the_questions_it_drew(learner, course):
    quiz = pre_test(course)
    with time_machine.travel("2026-12-07 09:00 +0700", tick=False):
        attempt = services.attempt_start(user=learner, quiz=quiz)
        assert attempt.deadline == timezone.now() + timedelta(minutes=10)
        # Starting again (another tab, a reload) resumes the same attempt, same order.
        again = services.attempt_start(user=learner, quiz=quiz)
    assert again.pk == attempt.pk and again.question_ids == attempt.question_ids
    assert len(attempt.question_ids) == 4 and len(set(attempt.question_ids)) == 4
    assert set(attempt.question_ids) == set(course.questions.values_list("pk", flat=True))
    for question_id in attempt.question_ids:
        own = set(Option.objects.filter(question_id=question_id).values_list("pk", flat=True))
        assert set(attempt.option_order[str(question_id)]) == own


def test_a_quiz_draws_its_number_of_questions_from_the_bank(learner):
    course = make_course(questions=12, question_count=5)
    attempt = services.attempt_start(user=learner, quiz=pre_test(course))
    assert len(attempt.question_ids) == 5
    shown = selectors.attempt_questions(attempt)
    assert [s.question.pk for s in shown] == attempt.question_ids


def test_answers_are_appended_and_the_last_one_counts(learner, course):
    attempt = services.attempt_start(user=learner, quiz=pre_test(course))
    first = attempt.question_ids[0]
    wrong = Option.objects.filter(question_id=first, is_correct=False).first()
    right = Option.objects.get(question_id=first, is_correct=True)
    services.attempt_answer(user=learner, attempt=attempt, question_id=first, option_ids=[wrong.pk])
    services.attempt_answer(user=learner, attempt=attempt, question_id=first, option_ids=[right.pk])
    services.attempt_answer(user=learner, attempt=attempt, question_id=first, option_ids=[right.pk])
    rows = list(Answer.objects.filter(attempt=attempt).values_list("option_ids", flat=True))
    assert rows == [[wrong.pk], [right.pk]]  # the same answer again is no new row
    done = services.attempt_submit(user=learner, attempt=attempt)
    assert done.correct_count == 1 and done.score == Decimal("25.00")


def test_an_answer_from_outside_the_attempt_is_refused(learner, course):
    attempt = services.attempt_start(user=learner, quiz=pre_test(course))
    first = attempt.question_ids[0]
    other = Option.objects.exclude(question_id=first).first()
    with pytest.raises(InvalidInput) as refused:
        services.attempt_answer(
            user=learner, attempt=attempt, question_id=first, option_ids=[other.pk]
        )
    assert refused.value.code == "bad_option"
    with pytest.raises(InvalidInput):
        services.attempt_answer(user=learner, attempt=attempt, question_id="x", option_ids=["1"])
    two = list(Option.objects.filter(question_id=first).values_list("pk", flat=True)[:2])
    with pytest.raises(InvalidInput) as refused:
        services.attempt_answer(user=learner, attempt=attempt, question_id=first, option_ids=two)
    assert refused.value.code == "one_answer"


def test_scoring_is_exact_and_the_pass_mark_is_compared_unrounded(learner):
    course = make_course(questions=3, question_count=3)
    Quiz.objects.filter(course=course).update(pass_mark=Decimal("66.67"))
    finish_lessons(learner, course)
    services.attempt_submit(
        user=learner, attempt=services.attempt_start(user=learner, quiz=pre_test(course))
    )
    attempt = services.attempt_start(user=learner, quiz=post_test(course))
    done = services.attempt_submit(
        user=learner, attempt=attempt, answers=correct_answers(attempt, right=2)
    )
    # 2/3 = 66.666…: shown as 66.67, but below a pass mark of 66.67.
    assert done.score == Decimal("66.67") and done.passed is False


def test_multiple_choice_is_all_or_nothing(learner):
    course = make_course(questions=0, pre=False)
    question = services.question_create(
        course=course,
        kind=Question.Kind.MULTIPLE,
        text="Mana saja faktor autentikasi?",
        options=[("Kata sandi", True), ("Kode OTP", True), ("Nama lengkap", False)],
    )
    Quiz.objects.create(course=course, kind=Quiz.Kind.QUIZ, title="Kuis", question_count=1)
    quiz = course.quizzes.get(kind=Quiz.Kind.QUIZ)
    a, b, c = question.options.order_by("order")
    first = services.attempt_start(user=learner, quiz=quiz)
    assert (
        services.attempt_submit(user=learner, attempt=first, answers={question.pk: [a.pk]}).score
        == 0
    )
    second = services.attempt_start(user=learner, quiz=quiz)
    done = services.attempt_submit(
        user=learner, attempt=second, answers={question.pk: [b.pk, a.pk]}
    )
    assert done.score == 100
    third = services.attempt_start(user=learner, quiz=quiz)
    done = services.attempt_submit(
        user=learner, attempt=third, answers={question.pk: [a.pk, b.pk, c.pk]}
    )
    assert done.score == 0
    # Unticking every box clears the answer: a row of its own, counted as not answered.
    Quiz.objects.filter(pk=quiz.pk).update(max_attempts=4)
    quiz.refresh_from_db()
    fourth = services.attempt_start(user=learner, quiz=quiz)
    services.attempt_answer(
        user=learner, attempt=fourth, question_id=question.pk, option_ids=[a.pk, b.pk]
    )
    services.attempt_answer(user=learner, attempt=fourth, question_id=question.pk, option_ids=[])
    assert selectors.last_answers(fourth) == {question.pk: []}
    assert services.attempt_submit(user=learner, attempt=fourth).score == 0


def test_a_second_submit_is_refused_and_the_first_result_stands(learner, course):
    attempt = services.attempt_start(user=learner, quiz=pre_test(course))
    done = services.attempt_submit(user=learner, attempt=attempt, answers=correct_answers(attempt))
    with pytest.raises(Conflict) as refused:
        services.attempt_submit(
            user=learner, attempt=attempt, answers=correct_answers(attempt, right=0)
        )
    assert refused.value.code == "attempt_closed" and refused.value.status == 409
    attempt.refresh_from_db()
    assert attempt.score == done.score == 100
    with pytest.raises(Conflict):
        services.attempt_answer(
            user=learner, attempt=attempt, question_id=attempt.question_ids[0], option_ids=[1]
        )


def test_a_submit_after_the_deadline_is_refused_and_what_was_given_in_time_is_scored(
    learner, course
):
    with time_machine.travel("2026-12-07 09:00 +0700", tick=False):
        attempt = services.attempt_start(user=learner, quiz=pre_test(course))
        good = correct_answers(attempt)
        first = attempt.question_ids[0]
        services.attempt_answer(
            user=learner, attempt=attempt, question_id=first, option_ids=good[first]
        )
    with (
        time_machine.travel("2026-12-07 09:11 +0700", tick=False),
        pytest.raises(Conflict) as refused,
    ):
        services.attempt_submit(user=learner, attempt=attempt, answers=good)
    assert refused.value.code == "time_over"
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.EXPIRED and attempt.correct_count == 1
    assert attempt.closed_at == attempt.deadline
    assert Answer.objects.filter(attempt=attempt).count() == 1  # the late answers were not kept


def test_a_submit_just_inside_the_grace_counts(learner, course):
    with time_machine.travel("2026-12-07 09:00 +0700", tick=False):
        attempt = services.attempt_start(user=learner, quiz=pre_test(course))
    with time_machine.travel("2026-12-07 09:10:05 +0700", tick=False):
        done = services.attempt_submit(
            user=learner, attempt=attempt, answers=correct_answers(attempt)
        )
    assert done.status == Attempt.Status.SUBMITTED and done.score == 100


def test_the_server_closes_attempts_past_their_time(learner, course):
    with time_machine.travel("2026-12-07 09:00 +0700", tick=False):
        attempt = services.attempt_start(user=learner, quiz=pre_test(course))
    with time_machine.travel("2026-12-07 09:05 +0700", tick=False):
        assert services.attempts_close_expired() == 0
    with time_machine.travel("2026-12-07 09:30 +0700", tick=False):
        from balaikota.elearning.tasks import close_expired_attempts

        assert close_expired_attempts() == 1
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.EXPIRED and attempt.score == 0


def test_reading_an_attempt_past_its_time_closes_it(learner, course):
    with time_machine.travel("2026-12-07 09:00 +0700", tick=False):
        attempt = services.attempt_start(user=learner, quiz=pre_test(course))
    with time_machine.travel("2026-12-07 10:00 +0700", tick=False):
        read = services.attempt_close_if_expired(attempt=selectors.attempt_by_pk(attempt.pk))
    assert read.status == Attempt.Status.EXPIRED


def test_attempts_are_limited(learner, course):
    quiz = pre_test(course)  # one attempt
    services.attempt_submit(user=learner, attempt=services.attempt_start(user=learner, quiz=quiz))
    with pytest.raises(Conflict) as refused:
        services.attempt_start(user=learner, quiz=quiz)
    assert refused.value.code == "attempts_exhausted"


def test_the_post_test_opens_after_the_pre_test_and_the_lessons(learner, course):
    with pytest.raises(Conflict) as refused:
        services.attempt_start(user=learner, quiz=post_test(course))
    assert refused.value.code == "pre_test_first"
    services.attempt_submit(
        user=learner, attempt=services.attempt_start(user=learner, quiz=pre_test(course))
    )
    with pytest.raises(Conflict) as refused:
        services.attempt_start(user=learner, quiz=post_test(course))
    assert refused.value.code == "lessons_first"
    finish_lessons(learner, course)
    assert services.attempt_start(user=learner, quiz=post_test(course)).is_open


def test_someone_elses_attempt_is_not_there(learner, course, staff_with_role, other_opd):
    attempt = services.attempt_start(user=learner, quiz=pre_test(course))
    other = staff_with_role(Role.CIVIL_SERVANT, in_opd=other_opd)
    with pytest.raises(NotFound):
        services.attempt_submit(user=other, attempt=attempt)


def test_an_unpublished_course_is_not_there_for_learners(learner):
    course = make_course(published=False)
    with pytest.raises(NotFound):
        services.attempt_start(user=learner, quiz=pre_test(course))
    with pytest.raises(NotFound):
        services.lesson_mark_done(
            user=learner, lesson=Lesson.objects.filter(module__course=course).first()
        )


def _complete(learner, course, *, post_right=None):
    services.attempt_submit(
        user=learner,
        attempt=(pre := services.attempt_start(user=learner, quiz=pre_test(course))),
        answers=correct_answers(pre, right=1),
    )
    finish_lessons(learner, course)
    attempt = services.attempt_start(user=learner, quiz=post_test(course))
    return services.attempt_submit(
        user=learner, attempt=attempt, answers=correct_answers(attempt, right=post_right)
    )


def test_progress_follows_lessons_and_the_post_test(learner, course, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        assert interfaces.progress_for(learner, [course.pk])[course.pk].percent == 0
    services.lesson_mark_done(
        user=learner, lesson=Lesson.objects.filter(module__course=course).first()
    )
    assert interfaces.progress_for(learner, [course.pk])[course.pk].percent == 33  # 1 of 3 steps
    _complete(learner, course, post_right=2)  # 50: not passed
    progress = interfaces.progress_for(learner, [course.pk])[course.pk]
    assert (progress.percent, progress.completed, progress.passed) == (66, False, False)
    assert progress.post_test_score == Decimal("50.00")


def test_a_course_is_completed_once_with_its_learning_gain(learner, course):
    calls = []

    def listener(event):
        calls.append((event, connection.in_atomic_block))

    interfaces.register_completion_listener(listener)
    try:
        _complete(learner, course)
        finish_lessons(learner, course)  # nothing new
    finally:
        interfaces._listeners.remove(listener)
    completion = CourseCompletion.objects.get(user=learner, course=course)
    assert len(calls) == 1
    event, inside = calls[0]
    assert inside
    assert event.completion_id == completion.pk and event.course_title == course.title
    assert (event.pre_test_score, event.post_test_score, event.passed) == (
        Decimal("25.00"),
        Decimal("100.00"),
        True,
    )
    assert event.completed_at.tzinfo is not None
    progress = interfaces.progress_for(learner, [course.pk])[course.pk]
    assert progress == interfaces.CourseProgress(100, True, True, Decimal("100.00"))
    gain = selectors.course_outline(course, learner).gain
    assert gain.gain == Decimal("75.00")


def test_a_listener_that_fails_takes_the_completion_with_it(learner, course):
    def broken(event):
        raise RuntimeError("listener down")

    interfaces.register_completion_listener(broken)
    try:
        with pytest.raises(RuntimeError):
            _complete(learner, course)
    finally:
        interfaces._listeners.remove(broken)
    assert not CourseCompletion.objects.exists()
    assert not Attempt.objects.filter(quiz__kind=Quiz.Kind.POST_TEST, status="submitted").exists()


def test_the_report_gives_pass_rate_and_mean_gain(learner, course, staff_with_role, other_opd):
    _complete(learner, course)
    second = staff_with_role(Role.CIVIL_SERVANT, in_opd=other_opd)
    _complete(second, course, post_right=2)
    (report,) = selectors.reports_by_course()
    assert (report.people, report.passed, report.pass_rate, report.completed) == (2, 1, 50, 1)
    assert report.mean_pre == Decimal("25.00") and report.mean_post == Decimal("75.00")
    assert report.mean_gain == Decimal("50.00")
    rows = selectors.report_for_course(course).rows
    assert sorted(r.gain for r in rows) == [Decimal("25.00"), Decimal("75.00")]


def test_the_last_lesson_visited_is_where_the_learner_continues(learner, course):
    first, second = Lesson.objects.filter(module__course=course)
    services.lesson_visit(user=learner, lesson=second)
    assert selectors.course_outline(course, learner).continue_lesson == second
    assert CourseVisit.objects.get(user=learner).last_lesson == second
    services.lesson_mark_done(user=learner, lesson=second)
    assert selectors.course_outline(course, learner).continue_lesson == first


def test_lesson_text_is_sanitised_and_kinds_need_their_content(course):
    module = course.modules.first()
    lesson = services.lesson_save(
        lesson=Lesson(
            module=module, title="X", body='<p onclick="x()">Hai<script>alert(1)</script></p>'
        )
    )
    assert lesson.body == "<p>Hai</p>"
    with pytest.raises(InvalidInput) as refused:
        services.lesson_save(lesson=Lesson(module=module, title="V", kind=Lesson.Kind.VIDEO))
    assert refused.value.code == "video_missing"
    with pytest.raises(InvalidInput) as refused:
        services.lesson_save(
            lesson=Lesson(
                module=module, title="V", kind=Lesson.Kind.VIDEO, video_url="https://evil.example/v"
            )
        )
    assert refused.value.code == "video_url"
    with pytest.raises(InvalidInput):
        services.lesson_save(
            lesson=Lesson(module=module, title="F", kind=Lesson.Kind.FILE),
            upload=b"<html><script>alert(1)</script></html>",
            original_name="materi.pdf",
        )


@pytest.mark.parametrize(
    ("given", "canonical"),
    [
        (
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=4",
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        ),
        ("https://youtu.be/dQw4w9WgXcQ", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"),
        (
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
            "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        ),
        ("https://vimeo.com/76979871", "https://vimeo.com/76979871"),
    ],
)
def test_video_links_are_youtube_or_vimeo(given, canonical):
    assert services.video_link(given) == canonical


@pytest.mark.parametrize(
    ("kind", "options", "code"),
    [
        ("single", [("A", True)], "too_few_options"),
        ("single", [("A", True), ("B", True)], "one_correct"),
        ("true_false", [("Benar", True), ("Salah", False), ("Ragu", False)], "true_false"),
        ("multiple", [("A", False), ("B", False)], "no_correct"),
    ],
)
def test_questions_need_sensible_options(kind, options, code):
    with pytest.raises(InvalidInput) as refused:
        services.question_check(kind=kind, options=options)
    assert refused.value.code == code


def test_the_interface_lists_published_courses(course):
    make_course(title="Belum terbit", published=False)
    assert interfaces.course_options() == [(course.pk, course.title)]
    assert interfaces.course_url(course.pk) == f"/belajar/kursus/{course.pk}/"


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
@pytest.mark.django_db(transaction=True)
def test_two_tabs_submitting_at_once_give_one_result(opd):
    from balaikota.testing.factories import EmployeeFactory, unit_in_opd

    learner = EmployeeFactory(position__unit=unit_in_opd(opd)).user
    course = make_course()
    attempt = services.attempt_start(user=learner, quiz=pre_test(course))
    answers = correct_answers(attempt)

    def submit():
        return services.attempt_submit(user=learner, attempt=attempt, answers=answers)

    results = run_together([submit, submit])
    done = [r for r in results if isinstance(r, Attempt)]
    refused = [r for r in results if isinstance(r, Conflict)]
    assert len(done) == 1 and len(refused) == 1 and refused[0].code == "attempt_closed"
    assert Answer.objects.filter(attempt=attempt).count() == len(answers)
    with transaction.atomic():
        assert Attempt.objects.get(pk=attempt.pk).score == 100


def test_a_refused_start_still_closes_the_attempt_whose_time_is_over(learner, course):
    with time_machine.travel("2026-12-07 09:00 +0700", tick=False):
        attempt = services.attempt_start(user=learner, quiz=pre_test(course))  # the only one
    with time_machine.travel("2026-12-07 10:00 +0700", tick=False), pytest.raises(Conflict):
        services.attempt_start(user=learner, quiz=pre_test(course))
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.EXPIRED
