"""The competency admin authors in the back office; every save goes through the services."""

import pytest

from balaikota.accounts.models import Role
from balaikota.elearning.models import Course, Lesson, Module, Question

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client, staff_with_role):
    admin = staff_with_role(Role.COMPETENCY_ADMIN)
    admin.is_staff = True  # the back-office flag (given with the role by accounts on main)
    admin.save(update_fields=["is_staff"])
    client.force_login(admin)
    return client


def _inline(prefix, rows, *, initial=0):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for n, row in enumerate(rows):
        data.update({f"{prefix}-{n}-{key}": value for key, value in row.items()})
    return data


def test_a_course_its_lessons_and_a_question_are_authored(desk):
    answer = desk.post(
        "/admin/elearning/course/add/",
        {
            "title": "Tanda Tangan Elektronik",
            "summary": "Menandatangani naskah dinas secara elektronik.",
            "description": "<p>Isi<script>alert(1)</script></p>",
            "is_published": "on",
            **_inline("modules", []),
            **_inline("quizzes", []),
        },
    )
    assert answer.status_code == 302, answer.text[:2000]
    course = Course.objects.get()
    assert course.description == "<p>Isi</p>"
    module = Module.objects.create(course=course, title="Dasar", order=1)
    answer = desk.post(
        f"/admin/elearning/module/{module.pk}/change/",
        {
            "course": course.pk,
            "title": "Dasar",
            "order": 1,
            **_inline(
                "lessons",
                [
                    {
                        "title": "Apa itu TTE",
                        "order": 1,
                        "kind": "text",
                        "body": '<p onclick="x">Hai</p>',
                        "minutes": 5,
                        "is_required": "on",
                    },
                    {
                        "title": "Video",
                        "order": 2,
                        "kind": "video",
                        "video_url": "https://youtu.be/dQw4w9WgXcQ",
                        "minutes": 5,
                    },
                ],
            ),
        },
    )
    assert answer.status_code == 302, answer.text[:3000]
    text, video = Lesson.objects.order_by("order")
    assert (
        text.body == "<p>Hai</p>"
        and video.video_url == "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
    )
    refused = desk.post(
        "/admin/elearning/question/add/",
        {
            "course": course.pk,
            "kind": "single",
            "text": "Siapa yang menandatangani?",
            "is_active": "on",
            **_inline(
                "options",
                [
                    {"text": "A", "is_correct": "on", "order": 0},
                    {"text": "B", "is_correct": "on", "order": 1},
                ],
            ),
        },
    )
    assert refused.status_code == 200 and "tepat satu jawaban benar" in refused.text
    assert not Question.objects.exists()


def test_a_learner_has_no_back_office(client, staff_with_role):
    client.force_login(staff_with_role(Role.CIVIL_SERVANT))
    assert client.get("/admin/elearning/course/").status_code == 302
