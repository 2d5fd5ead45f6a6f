"""A civil servant on a 360-px phone opens a course, takes the pre-test, reads the lessons, plays
the SCORM module, passes the post-test and sees the result with the learning gain; the competency
admin reads the results.

Set BALAIKOTA_SCREENSHOTS=<folder> to keep a PNG of every page visited."""

from __future__ import annotations

import re

import pytest

from balaikota.accounts.models import Role
from balaikota.elearning import services
from balaikota.elearning.data.courses import COURSES
from balaikota.elearning.demo import demo_scorm_zip, elearning_demo_seed
from balaikota.elearning.models import CourseCompletion, Lesson, ScormTrack
from balaikota.testing.browser import assert_accessible, assert_fits_the_phone, shot, signed_in

from .factories import make_course

pytestmark = pytest.mark.browser
DEMO_TITLES = [course["title"] for course in COURSES]


def _answer_all(phone, *, correct: bool) -> None:
    for fieldset in phone.locator("main form fieldset").all():
        label = fieldset.locator("label", has_text="Benar" if correct else "Salah")
        label.click()
        fieldset.get_by_text("Tersimpan").wait_for(timeout=30_000)  # saved as it was chosen


def test_a_civil_servant_learns_and_sees_the_learning_gain(browser, live_server, staff_with_role):
    learner = staff_with_role(Role.CIVIL_SERVANT)
    admin = staff_with_role(Role.COMPETENCY_ADMIN)
    course = make_course(title="Keamanan Informasi untuk ASN", lessons=2, questions=4)
    services.scorm_package_upload(user=admin, course=course, upload=demo_scorm_zip())

    with signed_in(browser, live_server, learner) as phone:
        phone.goto("/belajar/")
        assert_fits_the_phone(phone)
        shot(phone, "elearning-list")
        assert_accessible(phone)
        phone.get_by_role("link", name="Keamanan Informasi untuk ASN").click()
        phone.get_by_role("heading", level=1, name="Keamanan Informasi untuk ASN").wait_for()
        assert_fits_the_phone(phone)
        shot(phone, "elearning-course")
        assert_accessible(phone)

        phone.get_by_role("button", name="Mulai Pre-test").click()
        phone.get_by_text("Sisa waktu").wait_for()
        _answer_all(phone, correct=False)
        phone.reload()  # mid-attempt: the answers given are still there
        assert phone.locator("main form input:checked").count() == 4
        assert re.fullmatch(r"\d+:\d\d", phone.locator("#sisa-waktu").inner_text())
        assert_fits_the_phone(phone)
        shot(phone, "elearning-attempt")
        assert_accessible(phone)
        phone.get_by_role("button", name="Kirim jawaban").click()
        phone.get_by_role("heading", level=1, name=re.compile("^Hasil Pre-test")).wait_for()
        shot(phone, "elearning-pre-result")

        phone.get_by_role("link", name="Mulai belajar").first.click()
        phone.get_by_role("link", name="Mulai belajar").click()
        phone.get_by_role("heading", level=1, name="Materi 1").wait_for()
        assert_fits_the_phone(phone)
        shot(phone, "elearning-lesson")
        assert_accessible(phone)
        phone.get_by_role("button", name="Tandai selesai & lanjut").click()
        phone.get_by_role("heading", level=1, name="Materi 2").wait_for()
        phone.get_by_role("button", name="Tandai selesai").click()
        phone.get_by_role("heading", level=1, name="Keamanan Informasi untuk ASN").wait_for()

        phone.get_by_role("link", name="Buka modul interaktif").click()
        module = phone.frame_locator("iframe.scorm-frame")
        for choice in ("Phishing", "Aman", "Phishing"):
            module.get_by_role("button", name=choice).click()
        module.get_by_text("Selesai: 3 dari 3 benar").wait_for()
        assert_fits_the_phone(phone)
        shot(phone, "elearning-scorm")
        phone.get_by_role("link", name="Kembali ke kursus").click()
        phone.get_by_text("Status: lulus").wait_for()

        phone.get_by_role("button", name="Mulai Post-test").click()
        _answer_all(phone, correct=True)
        phone.get_by_role("button", name="Kirim jawaban").click()
        phone.get_by_role("heading", level=2, name="Peningkatan belajar").wait_for()
        assert "+100,00 poin" in phone.locator("main").inner_text()
        phone.get_by_text("Selamat, kursus ini selesai.").wait_for()
        assert_fits_the_phone(phone)
        shot(phone, "elearning-result")
        assert_accessible(phone)
        phone.get_by_role("link", name="Kembali ke kursus").click()
        phone.get_by_role("heading", level=2, name="Kursus selesai").wait_for()
        shot(phone, "elearning-course-completed")

        # The demo's real lessons (lists, a table) fit the phone too.
        elearning_demo_seed()
        for lesson in Lesson.objects.filter(module__course__title__in=DEMO_TITLES):
            phone.goto(f"/belajar/materi/{lesson.pk}/")
            assert_fits_the_phone(phone)
            if lesson.title == "Menangani data warga sehari-hari":
                shot(phone, "elearning-lesson-table")

    track = ScormTrack.objects.get(user=learner)
    assert track.lesson_status == "passed" and track.score_raw == 100
    completion = CourseCompletion.objects.get(user=learner, course=course)
    assert completion.pre_test_score == 0 and completion.post_test_score == 100

    with signed_in(browser, live_server, admin) as desk:
        desk.goto("/belajar/hasil/")
        assert_fits_the_phone(desk)
        shot(desk, "elearning-reports")
        desk.get_by_role("link", name="Keamanan Informasi untuk ASN").click()
        desk.get_by_text(learner.full_name).wait_for()
        assert_fits_the_phone(desk)
        shot(desk, "elearning-report-course")
        assert_accessible(desk)
        desk.goto(f"/belajar/kursus/{course.pk}/scorm/unggah/")
        assert_fits_the_phone(desk)
        shot(desk, "elearning-scorm-upload")
        assert_accessible(desk)
