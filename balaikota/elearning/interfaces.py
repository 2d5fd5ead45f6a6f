"""What other apps may use of e-learning: course completions as they happen, the published
courses, a course's address and a person's progress. ``elearning`` never imports its callers."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class CourseCompletion:
    completion_id: int  # the CourseCompletion row's pk: stable, unique
    user_id: int
    course_id: int
    course_title: str
    completed_at: datetime.datetime  # aware
    pre_test_score: Decimal | None  # 0–100, None when the course has no pre-test
    post_test_score: Decimal | None  # 0–100
    passed: bool


@dataclass(frozen=True)
class CourseProgress:
    percent: int
    completed: bool
    passed: bool
    post_test_score: Decimal | None


_listeners: list[Callable[[CourseCompletion], None]] = []


def register_completion_listener(callback: Callable[[CourseCompletion], None]) -> None:
    """Call ``callback`` once per completion, inside the transaction that writes the
    CourseCompletion row (a listener's writes commit or roll back with it). Register from an
    AppConfig.ready(); registering the same callback twice keeps one."""
    if callback not in _listeners:
        _listeners.append(callback)


def completion_listeners() -> tuple[Callable[[CourseCompletion], None], ...]:
    return tuple(_listeners)


def course_options() -> list[tuple[int, str]]:
    """Published courses as (id, title), by title."""
    from . import selectors

    return selectors.course_options()


def course_url(course_id: int) -> str:
    """The course's page for a learner."""
    from django.urls import reverse

    return reverse("elearning:course", args=[course_id])


def progress_for(user, course_ids: Iterable[int]) -> dict[int, CourseProgress]:
    """The person's progress in each course (two queries); unknown ids are left out."""
    from . import selectors

    return selectors.progress_for(user, course_ids)


@dataclass(frozen=True)
class CourseLearning:
    """A course's learning results (Kirkpatrick's second level), for other apps' reports."""

    people: int  # who took the post-test
    passed: int
    completed: int
    mean_pre: Decimal | None
    mean_post: Decimal | None
    mean_gain: Decimal | None


def course_learning(course_id: int) -> CourseLearning | None:
    from . import selectors

    course = selectors.course_by_pk(course_id)
    if course is None:
        return None
    report = selectors.report_for_course(course)
    return CourseLearning(
        people=report.people,
        passed=report.passed,
        completed=report.completed,
        mean_pre=report.mean_pre,
        mean_post=report.mean_post,
        mean_gain=report.mean_gain,
    )
