"""Courses for the tests: built through the services, like the admin builds them."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

from balaikota.elearning import services
from balaikota.elearning.models import Course, Lesson, Module, Question, Quiz

MANIFEST = """<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="uji" version="1.0" xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2">
  <metadata><schema>ADL SCORM</schema><schemaversion>1.2</schemaversion></metadata>
  <organizations default="org"><organization identifier="org"><title>{title}</title>
    <item identifier="i1" identifierref="r1"><title>{title}</title></item>
  </organization></organizations>
  <resources>
    <resource identifier="r1" type="webcontent" adlcp:scormtype="sco" href="{href}">
      <file href="{href}"/>
    </resource>
  </resources>
</manifest>
"""

SCO_PAGE = b"""<!doctype html><html lang="id"><head><meta charset="utf-8"><title>SCO</title></head>
<body><h1>Modul uji</h1><p>Isi modul.</p></body></html>"""


def scorm_zip(
    *,
    title: str = "Modul uji",
    href: str = "index.html",
    files: dict[str, bytes] | None = None,
    manifest: str | bytes | None = None,
) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if manifest is None:
            manifest = MANIFEST.format(title=title, href=href)
        if manifest != b"":
            archive.writestr("imsmanifest.xml", manifest)
        for name, data in (files if files is not None else {"index.html": SCO_PAGE}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def make_course(
    *,
    title: str = "Keamanan Siber Uji",
    lessons: int = 2,
    questions: int = 4,
    pre: bool = True,
    post: bool = True,
    published: bool = True,
    question_count: int = 4,
    max_attempts: int = 3,
) -> Course:
    course = services.course_save(
        course=Course(title=title, summary="Ringkasan kursus uji.", is_published=published)
    )
    module = Module.objects.create(course=course, title="Modul 1", order=1)
    for n in range(lessons):
        services.lesson_save(
            lesson=Lesson(
                module=module, title=f"Materi {n + 1}", order=n, body=f"<p>Isi {n + 1}</p>"
            )
        )
    for n in range(questions):
        services.question_create(
            course=course,
            kind=Question.Kind.SINGLE,
            text=f"Soal {n + 1}?",
            options=[
                (f"Benar {n + 1}", True),
                (f"Salah {n + 1}", False),
                (f"Keliru {n + 1}", False),
            ],
        )
    for kind, wanted in ((Quiz.Kind.PRE_TEST, pre), (Quiz.Kind.POST_TEST, post)):
        if wanted:
            Quiz.objects.create(
                course=course,
                kind=kind,
                title=f"{kind.label} {title}",
                question_count=question_count,
                time_limit_minutes=10,
                max_attempts=1 if kind == Quiz.Kind.PRE_TEST else max_attempts,
                pass_mark=Decimal(75),
            )
    return course


def correct_answers(attempt, *, right: int | None = None) -> dict[int, list[int]]:
    """Answers to the attempt's questions: the first ``right`` correct, the rest wrong."""
    from balaikota.elearning.models import Option

    answers = {}
    for n, question_id in enumerate(attempt.question_ids):
        good = right is None or n < right
        option = Option.objects.filter(question_id=question_id, is_correct=good).first()
        answers[question_id] = [option.pk]
    return answers


def finish_lessons(user, course) -> None:
    for lesson in Lesson.objects.filter(module__course=course):
        services.lesson_mark_done(user=user, lesson=lesson)


def pre_test(course) -> Quiz:
    return course.quizzes.get(kind=Quiz.Kind.PRE_TEST)


def post_test(course) -> Quiz:
    return course.quizzes.get(kind=Quiz.Kind.POST_TEST)
