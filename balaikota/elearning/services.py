"""Every write of e-learning: authoring checks, progress, quiz attempts (deadline on the server,
append-only answers, exact scoring), SCORM packages and their runtime data, and completion."""

from __future__ import annotations

import random
import re
import secrets
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from urllib.parse import parse_qs, urlparse

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balaikota.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from balaikota.core.richtext import sanitize
from balaikota.core.uploads import JPEG, PDF, PNG, check_upload, delete_quietly, store_private

from . import scorm, selectors
from .interfaces import CourseCompletion as CompletionEvent
from .interfaces import completion_listeners
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

LESSON_FILE_TYPES = (PDF, JPEG, PNG)
LESSON_FILE_MAX = 20 * 1024 * 1024
#: A submit or an answer that left the phone just before the deadline still counts.
GRACE = timedelta(seconds=10)
CENT = Decimal("0.01")
SCORM_FOLDER = "private/elearning/scorm"
_RANDOM = random.SystemRandom()


def _forget_open_attempts(user_id: int) -> None:
    from django.core.cache import cache

    transaction.on_commit(lambda: cache.delete(selectors.open_attempts_key(user_id)))


def _ensure(user, perm: str, obj=None, *, hide: bool = False) -> None:
    if not user.has_perm(perm, obj):
        raise NotFound() if hide else Forbidden()


# --- Authoring ------------------------------------------------------------------------------


_YOUTUBE_ID = re.compile(r"[A-Za-z0-9_-]{11}")
_VIMEO_ID = re.compile(r"\d{1,12}")


def video_link(url: str) -> str:
    """A YouTube or Vimeo address in its canonical form, or InvalidInput."""
    parsed = urlparse(url.strip())
    host = (parsed.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    video_id = ""
    if parsed.scheme == "https" and host in {"youtube.com", "youtube-nocookie.com"}:
        if parsed.path == "/watch":
            video_id = parse_qs(parsed.query).get("v", [""])[0]
        elif parsed.path.startswith(("/embed/", "/shorts/", "/live/")):
            video_id = parsed.path.split("/")[2]
        if _YOUTUBE_ID.fullmatch(video_id):
            return f"https://www.youtube.com/watch?v={video_id}"
    if parsed.scheme == "https" and host == "youtu.be":
        video_id = parsed.path.lstrip("/").split("/")[0]
        if _YOUTUBE_ID.fullmatch(video_id):
            return f"https://www.youtube.com/watch?v={video_id}"
    if parsed.scheme == "https" and host in {"vimeo.com", "player.vimeo.com"}:
        video_id = parsed.path.rstrip("/").split("/")[-1]
        if _VIMEO_ID.fullmatch(video_id):
            return f"https://vimeo.com/{video_id}"
    raise InvalidInput(
        errors={"video_url": [_("Tautan video harus alamat https YouTube atau Vimeo.")]},
        code="video_url",
    )


@transaction.atomic
def course_save(*, course: Course) -> Course:
    course.description = sanitize(course.description)
    course.save()
    return course


def lesson_check(*, lesson: Lesson, upload=None, original_name: str = ""):
    """What saving the lesson would refuse (InvalidInput), without keeping anything; returns
    the checked upload, if any."""
    checked = None
    if upload is not None:
        checked = check_upload(
            upload,
            accepted=LESSON_FILE_TYPES,
            max_size=LESSON_FILE_MAX,
            original_name=original_name,
        )
    if lesson.video_url:
        lesson.video_url = video_link(lesson.video_url)
    if lesson.kind == Lesson.Kind.FILE and not (lesson.file or checked):
        raise InvalidInput(
            errors={"upload": [_("Materi berkas perlu berkas PDF atau gambar.")]},
            code="file_missing",
        )
    if lesson.kind == Lesson.Kind.VIDEO and not lesson.video_url:
        raise InvalidInput(
            errors={"video_url": [_("Materi video perlu tautan video.")]}, code="video_missing"
        )
    if lesson.kind == Lesson.Kind.TEXT and not sanitize(lesson.body).strip():
        raise InvalidInput(errors={"body": [_("Materi bacaan perlu isi.")]}, code="body_missing")
    return checked


@transaction.atomic
def lesson_save(*, lesson: Lesson, upload=None, original_name: str = "") -> Lesson:
    """Save a lesson as authored: rich text sanitised, a file checked and kept privately, a
    video link checked; what its kind needs must be there."""
    checked = lesson_check(lesson=lesson, upload=upload, original_name=original_name)
    lesson.body = sanitize(lesson.body)
    if checked is not None:
        old_file = lesson.file
        lesson.file = store_private(
            checked.content, folder="elearning/lessons", content_type=checked.content_type
        )
        lesson.file_name = checked.original_name
        lesson.file_type = checked.content_type
        if old_file:
            transaction.on_commit(lambda: delete_quietly(old_file))
    lesson.save()
    return lesson


def question_check(*, kind: str, options: list[tuple[str, bool]]) -> None:
    """A question's options as authored: what each kind needs (the admin's inline calls this)."""
    correct = sum(1 for _text, is_correct in options if is_correct)
    if len(options) < 2:
        raise InvalidInput(
            _("Soal perlu paling sedikit dua pilihan jawaban."), code="too_few_options"
        )
    if kind == Question.Kind.TRUE_FALSE and len(options) != 2:
        raise InvalidInput(
            _("Soal benar/salah tepat dua pilihan: Benar dan Salah."), code="true_false"
        )
    if kind in (Question.Kind.SINGLE, Question.Kind.TRUE_FALSE) and correct != 1:
        raise InvalidInput(_("Soal ini perlu tepat satu jawaban benar."), code="one_correct")
    if kind == Question.Kind.MULTIPLE and correct < 1:
        raise InvalidInput(_("Tandai paling sedikit satu jawaban benar."), code="no_correct")


@transaction.atomic
def question_create(
    *, course: Course, kind: str, text: str, options: list[tuple[str, bool]], explanation: str = ""
) -> Question:
    question_check(kind=kind, options=options)
    question = Question.objects.create(course=course, kind=kind, text=text, explanation=explanation)
    Option.objects.bulk_create(
        Option(question=question, text=label, is_correct=is_correct, order=n)
        for n, (label, is_correct) in enumerate(options)
    )
    return question


# --- Progress -------------------------------------------------------------------------------


@transaction.atomic
def lesson_visit(*, user, lesson: Lesson) -> None:
    """Remember the lesson as where the person left off in its course."""
    _ensure(user, "elearning.open_course", lesson.module.course, hide=True)
    CourseVisit.objects.update_or_create(
        user=user,
        course_id=lesson.module.course_id,
        defaults={"last_lesson": lesson, "visited_at": timezone.now()},
    )


@transaction.atomic
def lesson_mark_done(*, user, lesson: Lesson) -> LessonDone:
    """Mark the lesson done (again: nothing changes) and see whether the course is completed."""
    course = lesson.module.course
    _ensure(user, "elearning.open_course", course, hide=True)
    _ensure(user, "elearning.learn")
    done, created = LessonDone.objects.get_or_create(
        user=user, lesson=lesson, defaults={"course": course, "done_at": timezone.now()}
    )
    if created:
        completion_check(user=user, course=course)
    return done


# --- Quizzes --------------------------------------------------------------------------------


def _lock_person(user) -> None:
    # One person's starts are taken one at a time (two tabs, a double tap).
    list(get_user_model().objects.select_for_update().filter(pk=user.pk).values_list("pk"))


def attempt_start(*, user, quiz: Quiz) -> Attempt:
    """Start an attempt, or return the one still open. The deadline is fixed now, on the
    server; the questions are drawn (and their options shuffled) once and kept in order."""
    _ensure(user, "elearning.open_course", quiz.course, hide=True)
    if not user.has_perm("elearning.learn"):
        raise Forbidden(code="not_a_learner")
    for stale in Attempt.objects.filter(user=user, quiz=quiz, status=Attempt.Status.OPEN):
        attempt_close_if_expired(attempt=stale)  # committed even if the start is refused
    with transaction.atomic():
        _lock_person(user)
        attempts = list(Attempt.objects.filter(user=user, quiz=quiz))
        now = timezone.now()
        for attempt in attempts:
            if attempt.is_open:
                return attempt
        if len(attempts) >= quiz.max_attempts:
            raise Conflict(
                _("Kesempatan mengerjakan %(title)s sudah habis (%(n)s kali).")
                % {"title": quiz.title, "n": quiz.max_attempts},
                code="attempts_exhausted",
            )
        _check_order(user=user, quiz=quiz)
        bank = list(
            Question.objects.filter(course=quiz.course, is_active=True).prefetch_related("options")
        )
        if not bank:
            raise Conflict(_("Kuis ini belum memiliki soal."), code="empty_bank")
        drawn = _RANDOM.sample(bank, min(quiz.question_count, len(bank)))
        option_order = {}
        for question in drawn:
            ids = [option.pk for option in question.options.all()]
            if quiz.shuffle_options and question.kind != Question.Kind.TRUE_FALSE:
                _RANDOM.shuffle(ids)
            option_order[str(question.pk)] = ids
        _forget_open_attempts(user.pk)
        return Attempt.objects.create(
            user=user,
            quiz=quiz,
            number=len(attempts) + 1,
            started_at=now,
            deadline=now + timedelta(minutes=quiz.time_limit_minutes),
            question_ids=[question.pk for question in drawn],
            option_order=option_order,
        )


def _check_order(*, user, quiz: Quiz) -> None:
    """A pre-test comes before the post-test; the post-test after the required lessons."""
    course = quiz.course
    if (
        quiz.kind == Quiz.Kind.PRE_TEST
        and Attempt.objects.filter(
            user=user, quiz__course=course, quiz__kind=Quiz.Kind.POST_TEST
        ).exists()
    ):
        raise Conflict(
            _("Pre-test tidak dapat dikerjakan setelah post-test."), code="pre_after_post"
        )
    if quiz.kind == Quiz.Kind.POST_TEST:
        pre = Quiz.objects.filter(course=course, kind=Quiz.Kind.PRE_TEST).first()
        if (
            pre
            and not Attempt.objects.filter(user=user, quiz=pre)
            .exclude(status=Attempt.Status.OPEN)
            .exists()
        ):
            raise Conflict(_("Kerjakan pre-test terlebih dahulu."), code="pre_test_first")
        left = Lesson.objects.filter(module__course=course, is_required=True).exclude(
            done_marks__user=user
        )
        if left.exists():
            raise Conflict(
                _("Selesaikan semua materi wajib sebelum mengerjakan post-test."),
                code="lessons_first",
            )


def _locked_open_attempt(*, user, attempt: Attempt, now) -> tuple[Attempt, bool]:
    """The attempt locked for a write by its owner, and whether its time is over (in which case
    it was closed now, with the answers given in time)."""
    _ensure(user, "elearning.view_attempt", attempt, hide=True)
    _ensure(user, "elearning.take_attempt", attempt)
    attempt = Attempt.objects.select_for_update().select_related("quiz__course").get(pk=attempt.pk)
    if attempt.status == Attempt.Status.EXPIRED:
        raise _refuse_late()
    if not attempt.is_open:
        raise Conflict(
            _("Percobaan ini sudah dikirim dan dinilai; jawaban tidak dapat diubah lagi."),
            code="attempt_closed",
        )
    if now > attempt.deadline + GRACE:
        _close(attempt, now=now, status=Attempt.Status.EXPIRED)
        return attempt, True
    return attempt, False


def _refuse_late() -> Conflict:
    return Conflict(
        _(
            "Waktu pengerjaan sudah habis. Jawaban yang tersimpan sebelum batas waktu sudah dinilai; "
            "lihat hasilnya di halaman percobaan."
        ),
        code="time_over",
    )


def _valid_choice(attempt: Attempt, question_id, option_ids) -> tuple[int, list[int]]:
    try:
        question_id = int(question_id)
        chosen = sorted({int(pk) for pk in option_ids})
    except (TypeError, ValueError):
        raise InvalidInput(_("Jawaban tidak dikenali."), code="bad_answer") from None
    if question_id not in attempt.question_ids:
        raise InvalidInput(_("Soal ini bukan bagian dari percobaan Anda."), code="not_drawn")
    allowed = set(attempt.option_order.get(str(question_id), []))
    if not set(chosen) <= allowed:
        raise InvalidInput(_("Pilih jawaban dari pilihan soal ini."), code="bad_option")
    return question_id, chosen


def _append_answers(attempt: Attempt, answers: dict, *, now) -> int:
    kinds = dict(Question.objects.filter(pk__in=attempt.question_ids).values_list("pk", "kind"))
    latest = selectors.last_answers(attempt)
    rows = []
    for raw_question, raw_options in answers.items():
        question_id, chosen = _valid_choice(attempt, raw_question, raw_options)
        # One option for single choice and true/false; any number (none: cleared) for multiple.
        if kinds.get(question_id) != Question.Kind.MULTIPLE and len(chosen) != 1:
            raise InvalidInput(_("Pilih satu jawaban untuk soal ini."), code="one_answer")
        if latest.get(question_id) != chosen:  # the same answer again is not a change of mind
            rows.append(
                Answer(attempt=attempt, question_id=question_id, option_ids=chosen, answered_at=now)
            )
    Answer.objects.bulk_create(rows)
    return len(rows)


def attempt_answer(*, user, attempt: Attempt, question_id, option_ids) -> Attempt:
    """Record one answer (a new row; the last one counts). After the deadline: refused (409)
    and the attempt closed with what was given in time."""
    now = timezone.now()
    with transaction.atomic():
        attempt, late = _locked_open_attempt(user=user, attempt=attempt, now=now)
        if not late:
            _append_answers(attempt, {question_id: option_ids}, now=now)
    if late:
        raise _refuse_late()
    return attempt


def attempt_submit(*, user, attempt: Attempt, answers: dict | None = None) -> Attempt:
    """Submit (with the answers on the page, recorded first when they changed) and score. A
    second submit or one after the deadline is refused (409); the first result stands."""
    now = timezone.now()
    with transaction.atomic():
        attempt, late = _locked_open_attempt(user=user, attempt=attempt, now=now)
        if not late:
            if answers:
                _append_answers(attempt, answers, now=now)
            _close(attempt, now=now, status=Attempt.Status.SUBMITTED)
    if late:
        raise _refuse_late()
    return attempt


def score_of(attempt: Attempt) -> tuple[int, Fraction]:
    """(correct answers, score out of 100 as an exact fraction). All or nothing per question:
    a multiple-choice answer counts only when it picks exactly the correct options."""
    correct_sets: dict[int, set[int]] = {}
    for question_id, option_id in Option.objects.filter(
        question_id__in=attempt.question_ids, is_correct=True
    ).values_list("question_id", "pk"):
        correct_sets.setdefault(question_id, set()).add(option_id)
    given = selectors.last_answers(attempt)
    correct = sum(
        1
        for q in attempt.question_ids
        if q in given and set(given[q]) == correct_sets.get(q, set())
    )
    total = len(attempt.question_ids)
    return correct, (Fraction(correct * 100, total) if total else Fraction(0))


def _close(attempt: Attempt, *, now, status: str) -> None:
    correct, exact = score_of(attempt)
    attempt.status = status
    attempt.closed_at = now if status == Attempt.Status.SUBMITTED else min(now, attempt.deadline)
    attempt.correct_count = correct
    attempt.score = (Decimal(exact.numerator) / Decimal(exact.denominator)).quantize(
        CENT, ROUND_HALF_UP
    )
    attempt.passed = exact >= Fraction(attempt.quiz.pass_mark)
    attempt.save(update_fields=["status", "closed_at", "correct_count", "score", "passed"])
    _forget_open_attempts(attempt.user_id)
    completion_check(user=attempt.user, course=attempt.quiz.course)


def attempt_close_if_expired(*, attempt: Attempt) -> Attempt:
    """Close an attempt whose time is over (called whenever an attempt is read)."""
    if not attempt.is_open or timezone.now() <= attempt.deadline + GRACE:
        return attempt
    with transaction.atomic():
        locked = (
            Attempt.objects.select_for_update()
            .select_related("quiz__course", "user")
            .get(pk=attempt.pk)
        )
        if locked.is_open:
            _close(locked, now=timezone.now(), status=Attempt.Status.EXPIRED)
    return locked


def attempts_close_expired(*, now=None, limit: int = 500) -> int:
    """Close every attempt past its time (the periodic task); each in its own transaction."""
    now = now or timezone.now()
    ids = list(
        Attempt.objects.filter(status=Attempt.Status.OPEN, deadline__lt=now - GRACE)
        .order_by("deadline")
        .values_list("pk", flat=True)[:limit]
    )
    closed = 0
    for pk in ids:
        with transaction.atomic():
            attempt = (
                Attempt.objects.select_for_update(skip_locked=True)
                .select_related("quiz__course", "user")
                .filter(pk=pk, status=Attempt.Status.OPEN)
                .first()
            )
            if attempt is not None:
                _close(attempt, now=now, status=Attempt.Status.EXPIRED)
                closed += 1
    return closed


# --- SCORM ----------------------------------------------------------------------------------


def scorm_package_upload(*, user, course: Course, upload, title: str = "") -> ScormPackage:
    """Check a SCORM 1.2 zip, unpack it privately and attach it to the course. A new package
    replaces the course's previous one, with what learners reported on it (a new package starts
    afresh; completions already recorded stay)."""
    _ensure(user, "elearning.upload_scorm")
    checked = scorm.check_package(upload)
    folder = secrets.token_hex(16)
    stored = []
    try:
        for path, data in checked.files:
            stored.append(
                default_storage.save(f"{SCORM_FOLDER}/{folder}/{path}", ContentFile(data))
            )
        with transaction.atomic():
            Course.objects.select_for_update().get(pk=course.pk)
            old = ScormPackage.objects.filter(course=course).first()
            if old is not None:
                old_folder = old.folder
                old.delete()
                transaction.on_commit(lambda: _delete_folder(f"{SCORM_FOLDER}/{old_folder}"))
            package = ScormPackage.objects.create(
                course=course,
                title=(title or checked.title)[:200],
                folder=folder,
                launch_path=checked.launch_path,
                file_count=len(checked.files),
                total_size=checked.total_size,
                sha256=checked.sha256,
                uploaded_at=timezone.now(),
            )
    except BaseException:
        for name in stored:
            delete_quietly(name)
        raise
    return package


def _delete_folder(folder: str) -> None:
    """Remove an unpacked package from storage (a replaced package; nothing refers to it)."""
    directories, files = default_storage.listdir(folder)
    for name in files:
        delete_quietly(f"{folder}/{name}")
    for directory in directories:
        _delete_folder(f"{folder}/{directory}")


def scorm_file_name(package: ScormPackage, path: str) -> str | None:
    """The storage name of a file of the package, or None for a path outside it."""
    safe = scorm._safe_path(path)
    return None if safe is None else f"{SCORM_FOLDER}/{package.folder}/{safe}"


@transaction.atomic
def scorm_commit(*, user, package: ScormPackage, data) -> ScormTrack:
    """Record what the runtime reported (validated), and see whether the course is completed."""
    _ensure(user, "elearning.open_course", package.course, hide=True)
    if not user.has_perm("elearning.learn"):
        raise Forbidden(code="not_a_learner")
    commit = scorm.parse_commit(data)
    track, _created = ScormTrack.objects.select_for_update().get_or_create(
        user=user, package=package, defaults={"updated_at": timezone.now()}
    )
    # A package that reported passed/completed stays so: a later "incomplete" is a re-visit.
    if (
        track.lesson_status not in scorm.DONE_STATUSES
        or commit.lesson_status in scorm.DONE_STATUSES
    ):
        track.lesson_status = commit.lesson_status
    if commit.score_raw is not None:
        track.score_raw = commit.score_raw
    track.lesson_location = commit.lesson_location
    track.suspend_data = commit.suspend_data
    track.updated_at = timezone.now()
    track.save()
    if track.lesson_status in scorm.DONE_STATUSES:
        completion_check(user=user, course=package.course)
    return track


# --- Completion -----------------------------------------------------------------------------


def completion_check(*, user, course: Course) -> CourseCompletion | None:
    """Record the course as completed when its rules are met: every required lesson done, the
    post-test (if any) passed, the SCORM package (if any) passed or completed. Once per person
    and course; the listeners run in this transaction."""
    if CourseCompletion.objects.filter(user=user, course=course).exists():
        return None
    progress = selectors.progress_for(user, [course.pk]).get(course.pk)
    if progress is None or progress.percent < 100:
        return None
    attempts = Attempt.objects.filter(user=user, quiz__course=course).select_related("quiz")
    gain = selectors.learning_gain(attempts)
    try:
        with transaction.atomic():
            completion = CourseCompletion.objects.create(
                user=user,
                course=course,
                completed_at=timezone.now(),
                pre_test_score=gain.pre,
                post_test_score=gain.post,
                passed=True,
            )
            event = CompletionEvent(
                completion_id=completion.pk,
                user_id=user.pk,
                course_id=course.pk,
                course_title=course.title,
                completed_at=completion.completed_at,
                pre_test_score=gain.pre,
                post_test_score=gain.post,
                passed=completion.passed,
            )
            for listener in completion_listeners():
                listener(event)
    except IntegrityError:
        if CourseCompletion.objects.filter(user=user, course=course).exists():
            return None  # recorded at the same moment by another request
        raise
    return completion
