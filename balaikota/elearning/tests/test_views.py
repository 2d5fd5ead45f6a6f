"""The e-learning pages: what a learner sees and does, refusals as clear 4xx pages (never a
500), the admin's results, and query counts that do not grow with the rows."""

from __future__ import annotations

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from balaikota.accounts.models import Role
from balaikota.elearning import services
from balaikota.elearning.models import Answer, Attempt, Lesson, ScormPackage

from .factories import correct_answers, finish_lessons, make_course, post_test, pre_test, scorm_zip

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(staff_with_role):
    return staff_with_role(Role.CIVIL_SERVANT)


@pytest.fixture
def course(db):
    return make_course()


@pytest.fixture
def signed_in(client, learner):
    client.force_login(learner)
    return client


def test_the_course_list_shows_progress_in_a_fixed_number_of_queries(
    signed_in, learner, course, django_assert_max_num_queries
):
    services.lesson_mark_done(
        user=learner, lesson=Lesson.objects.filter(module__course=course).first()
    )
    signed_in.get("/belajar/")  # warm the session and the menu
    with django_assert_max_num_queries(6) as one:
        page = signed_in.get("/belajar/")
    assert page.status_code == 200 and course.title in page.text and "33% selesai" in page.text
    for n in range(4):
        make_course(title=f"Kursus lain {n}")
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert signed_in.get("/belajar/").status_code == 200


def test_the_course_page_in_a_fixed_number_of_queries(
    signed_in, learner, course, django_assert_max_num_queries
):
    signed_in.get(f"/belajar/kursus/{course.pk}/")
    with django_assert_max_num_queries(16):
        page = signed_in.get(f"/belajar/kursus/{course.pk}/")
    assert "Mulai dengan pre-test" in page.text and "Mulai Pre-test" in page.text


def test_citizens_and_strangers_find_nothing(client, alice, course):
    assert client.get("/belajar/").status_code == 302  # sign in first
    client.force_login(alice)
    assert client.get("/belajar/").status_code == 404
    assert client.get(f"/belajar/kursus/{course.pk}/").status_code == 404


def test_an_unpublished_course_is_not_there(signed_in):
    hidden = make_course(title="Draf", published=False)
    assert signed_in.get(f"/belajar/kursus/{hidden.pk}/").status_code == 404


def test_a_learner_reads_lessons_and_continues_where_they_left_off(signed_in, learner, course):
    first, second = Lesson.objects.filter(module__course=course)
    page = signed_in.get(f"/belajar/materi/{first.pk}/")
    assert page.status_code == 200 and "Isi 1" in page.text
    done = signed_in.post(f"/belajar/materi/{first.pk}/selesai/")
    assert done.status_code == 302 and done["Location"] == f"/belajar/materi/{second.pk}/"
    signed_in.get(done["Location"])
    outline = signed_in.get(f"/belajar/kursus/{course.pk}/")
    assert "Lanjutkan belajar" in outline.text and second.title in outline.text


def test_a_quiz_is_taken_on_one_page_and_survives_a_reload(signed_in, learner, course):
    started = signed_in.post(f"/belajar/kuis/{pre_test(course).pk}/mulai/")
    attempt = Attempt.objects.get(user=learner)
    assert started["Location"] == f"/belajar/percobaan/{attempt.pk}/"
    first = attempt.question_ids[0]
    good = correct_answers(attempt)
    saved = signed_in.post(
        f"/belajar/percobaan/{attempt.pk}/jawab/", {"question": first, f"q{first}": good[first]}
    )
    assert saved.status_code == 200 and "Tersimpan" in saved.text
    reload = signed_in.get(started["Location"])
    assert f'value="{good[first][0]}" id="o{good[first][0]}" checked' in reload.text
    assert "Sisa waktu" in reload.text
    form = {f"q{q}": options for q, options in good.items()}
    sent = signed_in.post(f"/belajar/percobaan/{attempt.pk}/kirim/", form)
    assert sent.status_code == 302
    result = signed_in.get(sent["Location"])
    assert "100,00" in result.text and "Pembahasan" in result.text
    assert "jawaban benar" not in result.text  # a pre-test's key would give the post-test away
    again = signed_in.post(f"/belajar/percobaan/{attempt.pk}/kirim/", form)
    assert again.status_code == 409 and "sudah dikirim dan dinilai" in again.text


def test_a_late_submit_is_a_clear_409(signed_in, learner, course):
    with time_machine.travel("2026-12-07 09:00 +0700", tick=False):
        attempt = services.attempt_start(user=learner, quiz=pre_test(course))
    with time_machine.travel("2026-12-07 09:30 +0700", tick=False):
        late = signed_in.post(f"/belajar/percobaan/{attempt.pk}/kirim/", {})
    assert late.status_code == 409 and "Waktu pengerjaan sudah habis" in late.text


@pytest.mark.parametrize(
    "data",
    [{"question": "abc"}, {"question": "999999", "q999999": "1"}, {}],
    ids=["not-a-number", "not-drawn", "nothing"],
)
def test_a_bad_answer_is_a_400_not_a_500(signed_in, learner, course, data):
    attempt = services.attempt_start(user=learner, quiz=pre_test(course))
    answer = signed_in.post(f"/belajar/percobaan/{attempt.pk}/jawab/", data)
    assert answer.status_code == 400
    assert not Answer.objects.exists()


def test_the_post_test_before_the_lessons_is_a_clear_409(signed_in, learner, course):
    services.attempt_submit(
        user=learner, attempt=services.attempt_start(user=learner, quiz=pre_test(course))
    )
    refused = signed_in.post(f"/belajar/kuis/{post_test(course).pk}/mulai/")
    assert refused.status_code == 409 and "Selesaikan semua materi wajib" in refused.text


def test_someone_elses_attempt_is_a_404(client, learner, course, staff_with_role, other_opd):
    attempt = services.attempt_start(user=learner, quiz=pre_test(course))
    client.force_login(staff_with_role(Role.CIVIL_SERVANT, in_opd=other_opd))
    assert client.get(f"/belajar/percobaan/{attempt.pk}/").status_code == 404
    assert client.post(f"/belajar/percobaan/{attempt.pk}/kirim/").status_code == 404


def test_the_result_shows_the_learning_gain(signed_in, learner, course):
    pre = services.attempt_start(user=learner, quiz=pre_test(course))
    services.attempt_submit(user=learner, attempt=pre, answers=correct_answers(pre, right=1))
    finish_lessons(learner, course)
    post = services.attempt_start(user=learner, quiz=post_test(course))
    services.attempt_submit(user=learner, attempt=post, answers=correct_answers(post))
    page = signed_in.get(f"/belajar/percobaan/{post.pk}/")
    assert "Peningkatan belajar" in page.text and "+75,00" in page.text
    assert "Selamat, kursus ini selesai." in page.text
    assert "jawaban benar" in page.text  # passed: the key is shown


def test_the_admin_reads_everyones_results(
    client, learner, course, staff_with_role, django_assert_max_num_queries
):
    pre = services.attempt_start(user=learner, quiz=pre_test(course))
    services.attempt_submit(user=learner, attempt=pre, answers=correct_answers(pre, right=2))
    admin = staff_with_role(Role.COMPETENCY_ADMIN)
    client.force_login(admin)
    client.get("/belajar/hasil/")
    with django_assert_max_num_queries(8):
        page = client.get("/belajar/hasil/")
    assert page.status_code == 200 and course.title in page.text
    detail = client.get(f"/belajar/hasil/{course.pk}/")
    assert detail.status_code == 200 and learner.full_name in detail.text
    assert client.get(f"/belajar/percobaan/{pre.pk}/").status_code == 200


def test_a_learner_does_not_read_the_results(signed_in, course):
    assert signed_in.get("/belajar/hasil/").status_code == 404
    assert signed_in.get(f"/belajar/hasil/{course.pk}/").status_code == 404


def test_the_admin_uploads_a_package_and_a_bad_one_is_refused_on_the_form(
    client, course, staff_with_role
):
    client.force_login(staff_with_role(Role.COMPETENCY_ADMIN))
    url = f"/belajar/kursus/{course.pk}/scorm/unggah/"
    assert client.get(url).status_code == 200
    bad = client.post(
        url, {"package": SimpleUploadedFile("paket.zip", scorm_zip(href="../x.html"))}
    )
    assert bad.status_code == 400 and "keluar dari paket" in bad.text
    good = client.post(url, {"package": SimpleUploadedFile("paket.zip", scorm_zip())})
    assert good.status_code == 302 and ScormPackage.objects.filter(course=course).exists()


def test_a_learner_cannot_upload_packages(signed_in, course):
    assert signed_in.get(f"/belajar/kursus/{course.pk}/scorm/unggah/").status_code == 404


def test_the_menu_offers_belajar_to_civil_servants(signed_in):
    assert 'href="/belajar/"' in signed_in.get("/").text


def test_the_pages_speak_english_when_asked(signed_in, learner, course, settings):
    signed_in.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    listing = signed_in.get("/belajar/")
    assert "Online courses for the City of Semarang" in listing.text and "0% done" in listing.text
    page = signed_in.get(f"/belajar/kursus/{course.pk}/")
    assert "Start with the pre-test" in page.text and "Start the Pre-test" in page.text
    assert "Mulai" not in page.text and "Selesaikan" not in page.text
    attempt = services.attempt_start(user=learner, quiz=pre_test(course))
    page = signed_in.get(f"/belajar/percobaan/{attempt.pk}/")
    assert "Time left" in page.text and "Sisa waktu" not in page.text and "Kirim" not in page.text


def test_an_open_attempt_waits_on_the_home_page(
    signed_in, learner, course, django_capture_on_commit_callbacks
):
    assert "belum dikirim" not in signed_in.get("/").text  # kept: nothing open
    with django_capture_on_commit_callbacks(execute=True):
        attempt = services.attempt_start(user=learner, quiz=pre_test(course))
    home = signed_in.get("/")
    assert "belum dikirim" in home.text and attempt.get_absolute_url() in home.text
    with django_capture_on_commit_callbacks(execute=True):
        services.attempt_submit(user=learner, attempt=attempt)
    assert "belum dikirim" not in signed_in.get("/").text


def test_a_file_lesson_is_served_privately(signed_in, course):
    import io

    from PIL import Image

    picture = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(picture, "PNG")
    lesson = services.lesson_save(
        lesson=Lesson(module=course.modules.first(), title="Poster", kind=Lesson.Kind.FILE),
        upload=picture.getvalue(),
        original_name="poster.png",
    )
    assert lesson.file.startswith("private/elearning/lessons/")
    page = signed_in.get(f"/belajar/materi/{lesson.pk}/")
    assert "Buka berkas" in page.text
    served = signed_in.get(f"/belajar/materi/{lesson.pk}/berkas/")
    assert served.status_code == 200 and served["Content-Type"] == "image/png"
    assert served["Cache-Control"] == "private, no-store"
