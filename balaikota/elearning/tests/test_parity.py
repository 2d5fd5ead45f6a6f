"""Web and API are one: each e-learning action through the page and through the API, on the
same kind of scene, gives the same outcome and the same status class (success on both, or the
same 4xx on both). Also what the API alone answers: my courses, a course's outline."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pytest
import time_machine
from django.test import Client
from rest_framework.test import APIClient

from balaikota.accounts.models import Role
from balaikota.elearning import services
from balaikota.elearning.models import Answer, Attempt, LessonDone

from .factories import correct_answers, finish_lessons, make_course, post_test, pre_test

pytestmark = pytest.mark.django_db
API = "/api/v1/belajar"


@dataclass
class Case:
    name: str
    scene: Callable  # (learner) -> dict of what the action needs
    web: Callable  # (client, scene) -> response
    api: Callable  # (client, scene) -> response
    outcome: Callable  # (learner, scene) -> comparable


def _lesson(learner):
    course = make_course(title=f"Kursus {learner.pk}")
    return {"course": course, "lesson": course.modules.first().lessons.first()}


def _started(learner, **kwargs):
    course = make_course(title=f"Kursus {learner.pk}")
    return {
        "course": course,
        "attempt": services.attempt_start(user=learner, quiz=pre_test(course)),
        **kwargs,
    }


def _submitted(learner):
    scene = _started(learner)
    services.attempt_submit(
        user=learner, attempt=scene["attempt"], answers=correct_answers(scene["attempt"])
    )
    return scene


def _late(learner):
    with time_machine.travel("2026-12-07 09:00 +0700", tick=False):
        return _started(learner)


def _post_too_early(learner):
    course = make_course(title=f"Kursus {learner.pk}")
    services.attempt_submit(
        user=learner, attempt=services.attempt_start(user=learner, quiz=pre_test(course))
    )
    return {"course": course, "quiz": post_test(course)}


def _first_answer(scene):
    attempt = scene["attempt"]
    question = attempt.question_ids[0]
    return question, correct_answers(attempt)[question]


def _state(learner, scene):
    attempt = Attempt.objects.get(pk=scene["attempt"].pk)
    return (attempt.status, attempt.score, Answer.objects.filter(attempt=attempt).count())


CASES = [
    Case(
        "lesson-done",
        _lesson,
        lambda c, s: c.post(f"/belajar/materi/{s['lesson'].pk}/selesai/"),
        lambda c, s: c.post(f"{API}/materi/{s['lesson'].pk}/selesai/"),
        lambda u, s: LessonDone.objects.filter(user=u, lesson=s["lesson"]).count(),
    ),
    Case(
        "quiz-start",
        lambda u: {"quiz": pre_test(make_course(title=f"Kursus {u.pk}"))},
        lambda c, s: c.post(f"/belajar/kuis/{s['quiz'].pk}/mulai/"),
        lambda c, s: c.post(f"{API}/kuis/{s['quiz'].pk}/mulai/"),
        lambda u, s: list(Attempt.objects.filter(user=u).values_list("number", "status")),
    ),
    Case(
        "quiz-start-exhausted",
        lambda u: {"quiz": _submitted(u)["attempt"].quiz},
        lambda c, s: c.post(f"/belajar/kuis/{s['quiz'].pk}/mulai/"),
        lambda c, s: c.post(f"{API}/kuis/{s['quiz'].pk}/mulai/"),
        lambda u, s: Attempt.objects.filter(user=u).count(),
    ),
    Case(
        "post-test-too-early",
        _post_too_early,
        lambda c, s: c.post(f"/belajar/kuis/{s['quiz'].pk}/mulai/"),
        lambda c, s: c.post(f"{API}/kuis/{s['quiz'].pk}/mulai/"),
        lambda u, s: Attempt.objects.filter(user=u, quiz=s["quiz"]).count(),
    ),
    Case(
        "answer",
        _started,
        lambda c, s: c.post(
            f"/belajar/percobaan/{s['attempt'].pk}/jawab/",
            {"question": _first_answer(s)[0], f"q{_first_answer(s)[0]}": _first_answer(s)[1]},
        ),
        lambda c, s: c.post(
            f"{API}/percobaan/{s['attempt'].pk}/jawab/",
            {"question": _first_answer(s)[0], "options": _first_answer(s)[1]},
            format="json",
        ),
        _state,
    ),
    Case(
        "answer-bad-option",
        _started,
        lambda c, s: c.post(
            f"/belajar/percobaan/{s['attempt'].pk}/jawab/",
            {"question": _first_answer(s)[0], f"q{_first_answer(s)[0]}": [0]},
        ),
        lambda c, s: c.post(
            f"{API}/percobaan/{s['attempt'].pk}/jawab/",
            {"question": _first_answer(s)[0], "options": [0]},
            format="json",
        ),
        _state,
    ),
    Case(
        "submit",
        _started,
        lambda c, s: c.post(
            f"/belajar/percobaan/{s['attempt'].pk}/kirim/",
            {f"q{q}": o for q, o in correct_answers(s["attempt"]).items()},
        ),
        lambda c, s: c.post(
            f"{API}/percobaan/{s['attempt'].pk}/kirim/",
            {"answers": {str(q): o for q, o in correct_answers(s["attempt"]).items()}},
            format="json",
        ),
        _state,
    ),
    Case(
        "submit-twice",
        _submitted,
        lambda c, s: c.post(f"/belajar/percobaan/{s['attempt'].pk}/kirim/", {}),
        lambda c, s: c.post(f"{API}/percobaan/{s['attempt'].pk}/kirim/", {}, format="json"),
        _state,
    ),
    Case(
        "submit-late",
        _late,
        lambda c, s: c.post(f"/belajar/percobaan/{s['attempt'].pk}/kirim/", {}),
        lambda c, s: c.post(f"{API}/percobaan/{s['attempt'].pk}/kirim/", {}, format="json"),
        _state,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_web_and_api_agree(case, staff_with_role, other_opd):
    results = []
    for channel, client in (("web", Client()), ("api", APIClient())):
        learner = staff_with_role(
            Role.CIVIL_SERVANT, in_opd=other_opd if channel == "api" else None
        )
        client.force_login(learner)
        scene = case.scene(learner)
        response = (case.web if channel == "web" else case.api)(client, scene)
        assert response.status_code < 500, f"{channel}: {response.status_code}"
        answer = "ok" if response.status_code < 400 else response.status_code  # a redirect is ok
        results.append((case.outcome(learner, scene), answer))
    web, api = results
    assert web == api


def test_my_courses_and_an_outline(staff_with_role):
    learner = staff_with_role(Role.CIVIL_SERVANT)
    course = make_course()
    finish_lessons(learner, course)
    client = APIClient()
    client.force_login(learner)
    (item,) = client.get(f"{API}/kursus/").json()
    assert item["title"] == course.title and item["progress"]["percent"] == 66
    outline = client.get(f"{API}/kursus/{course.pk}/").json()
    assert [q["kind"] for q in outline["quizzes"]] == ["post", "pre"]
    assert len(outline["done_lessons"]) == 2 and outline["learning_gain"]["gain"] is None
    started = client.post(f"{API}/kuis/{pre_test(course).pk}/mulai/").json()
    assert started["status"] == "open" and len(started["questions"]) == 4
    assert "is_correct" not in str(started)  # the key is never sent with the questions


def test_the_api_refuses_citizens_and_strangers(alice, staff_with_role, other_opd):
    course = make_course()
    owner = staff_with_role(Role.CIVIL_SERVANT)
    attempt = services.attempt_start(user=owner, quiz=pre_test(course))
    client = APIClient()
    client.force_login(alice)
    assert client.get(f"{API}/kursus/").status_code == 404
    client.force_login(staff_with_role(Role.CIVIL_SERVANT, in_opd=other_opd))
    refused = client.get(f"{API}/percobaan/{attempt.pk}/")
    assert refused.status_code == 404 and refused.json()["code"] == "not_found"
    assert APIClient().get(f"{API}/kursus/").status_code in (401, 403)
