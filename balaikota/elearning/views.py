"""E-learning pages: the course list, a course, a lesson, a quiz attempt and its result, the
SCORM player, and the competency admin's results. Thin: rules decide, services write."""

from __future__ import annotations

import json
import mimetypes

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from balaikota.core.errors import DomainError, InvalidInput
from balaikota.core.files import private_file_response
from balaikota.core.ratelimit import RateLimit
from balaikota.core.web import form_add_error

from . import selectors, services
from .forms import ScormUploadForm, answers_from_post
from .models import Quiz

SCORM_COMMITS = RateLimit("elearning.scorm_commit", limit=120, window=60)
MAX_COMMIT_BYTES = 64 * 1024


def _allowed(request, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise Http404  # what one may not open is not there for them


def _course_or_404(request, pk: int):
    course = selectors.course_by_pk(pk)
    if course is None:
        raise Http404
    _allowed(request, "elearning.open_course", course)
    return course


def _lesson_or_404(request, pk: int):
    lesson = selectors.lesson_by_pk(pk)
    if lesson is None:
        raise Http404
    _allowed(request, "elearning.open_course", lesson.module.course)
    return lesson


def _attempt_or_404(request, pk: int):
    attempt = selectors.attempt_by_pk(pk)
    if attempt is None:
        raise Http404
    _allowed(request, "elearning.view_attempt", attempt)
    return services.attempt_close_if_expired(attempt=attempt)


def _package_or_404(request, pk: int):
    package = selectors.package_by_pk(pk)
    if package is None:
        raise Http404
    _allowed(request, "elearning.open_course", package.course)
    return package


@login_required
@require_GET
def course_list(request):
    _allowed(request, "elearning.learn")
    rows = selectors.courses_for_learner(
        request.user, include_unpublished=request.user.has_perm("elearning.view_reports")
    )
    return render(request, "elearning/list.html", {"rows": rows})


@login_required
@require_GET
def course_detail(request, pk: int):
    course = _course_or_404(request, pk)
    outline = selectors.course_outline(course, request.user)
    return render(request, "elearning/course.html", {"o": outline, "course": course})


@login_required
@require_GET
def lesson_detail(request, pk: int):
    lesson = _lesson_or_404(request, pk)
    services.lesson_visit(user=request.user, lesson=lesson)
    before, after = selectors.lesson_neighbours(lesson)
    context = {
        "lesson": lesson,
        "course": lesson.module.course,
        "done": selectors.lesson_is_done(request.user, lesson),
        "before": before,
        "after": after,
    }
    return render(request, "elearning/lesson.html", context)


@login_required
@require_POST
def lesson_done(request, pk: int):
    lesson = _lesson_or_404(request, pk)
    services.lesson_mark_done(user=request.user, lesson=lesson)
    _before, after = selectors.lesson_neighbours(lesson)
    messages.success(request, _("Materi ditandai selesai."))
    if after is not None:
        return redirect(after.get_absolute_url())
    return redirect(lesson.module.course.get_absolute_url())


@login_required
@require_GET
def lesson_file(request, pk: int):
    lesson = _lesson_or_404(request, pk)
    if not lesson.file:
        raise Http404
    return private_file_response(
        lesson.file, content_type=lesson.file_type, filename=lesson.file_name, inline=True
    )


@login_required
@require_POST
def quiz_start(request, pk: int):
    quiz = selectors.quiz_by_pk(pk)
    if quiz is None:
        raise Http404
    _allowed(request, "elearning.open_course", quiz.course)
    attempt = services.attempt_start(user=request.user, quiz=quiz)
    return redirect(attempt.get_absolute_url())


@login_required
@require_GET
def attempt_detail(request, pk: int):
    attempt = _attempt_or_404(request, pk)
    return _render_attempt(request, attempt)


def _render_attempt(request, attempt, *, error: DomainError | None = None):
    shown = selectors.attempt_questions(attempt)
    context = {
        "attempt": attempt,
        "quiz": attempt.quiz,
        "course": attempt.quiz.course,
        "questions": shown,
        "answered": sum(1 for q in shown if q.chosen),
        "seconds_left": selectors.seconds_left(attempt),
        "time_left": "{}:{:02d}".format(*divmod(selectors.seconds_left(attempt), 60)),
        "error": error,
    }
    if attempt.is_open:
        return render(
            request, "elearning/attempt.html", context, status=error.status if error else 200
        )
    outline = selectors.course_outline(attempt.quiz.course, attempt.user)
    context.update(
        {
            "o": outline,
            "is_post": attempt.quiz.kind == Quiz.Kind.POST_TEST,
            "show_key": selectors.answer_key_shown(attempt),
        }
    )
    return render(request, "elearning/result.html", context, status=error.status if error else 200)


@login_required
@require_POST
def attempt_answer(request, pk: int):
    attempt = _attempt_or_404(request, pk)
    question = request.POST.get("question", "")
    try:
        services.attempt_answer(
            user=request.user,
            attempt=attempt,
            question_id=question,
            option_ids=request.POST.getlist(f"q{question}"),
        )
    except DomainError as exc:
        return render(request, "elearning/_saved.html", {"error": exc}, status=exc.status)
    return render(request, "elearning/_saved.html", {"error": None})


@login_required
@require_POST
def attempt_submit(request, pk: int):
    attempt = _attempt_or_404(request, pk)
    try:
        attempt = services.attempt_submit(
            user=request.user, attempt=attempt, answers=answers_from_post(request.POST, attempt)
        )
    except DomainError as exc:
        attempt.refresh_from_db()
        return _render_attempt(request, attempt, error=exc)
    messages.success(request, _("Jawaban Anda sudah dikirim dan dinilai."))
    return redirect(attempt.get_absolute_url())


@login_required
@require_GET
def scorm_player(request, pk: int):
    package = _package_or_404(request, pk)
    track = package.tracks.filter(user=request.user).first()
    context = {
        "package": package,
        "course": package.course,
        "launch_url": reverse("elearning:scorm_file", args=[package.pk, package.launch_path]),
        "commit_url": reverse("elearning:scorm_commit", args=[package.pk]),
        "resume": selectors.scorm_resume_data(track),
        "track": track,
    }
    return render(request, "elearning/scorm_player.html", context)


# A SCO is content from another institution: it runs in a frame of our origin (the runtime's
# API is found through window.parent), with its own scripts and styles. Only this route relaxes
# the site's policy, and only for what a SCO needs; it still talks to nobody but us.
SCO_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data:; media-src 'self'; font-src 'self' data:; "
    "connect-src 'self'; frame-ancestors 'self'; form-action 'self'; base-uri 'self'; object-src 'none'"
)
_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".htm": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
    ".xsd": "application/xml",
    ".svg": "image/svg+xml",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".mp4": "video/mp4",
    ".mp3": "audio/mpeg",
}


@login_required
@require_GET
def scorm_file(request, pk: int, path: str):
    package = _package_or_404(request, pk)
    name = services.scorm_file_name(package, path)
    if name is None or not default_storage.exists(name):
        raise Http404
    extension = "." + path.rsplit(".", 1)[-1].lower() if "." in path else ""
    content_type = (
        _TYPES.get(extension) or mimetypes.guess_type(path)[0] or "application/octet-stream"
    )
    response = FileResponse(default_storage.open(name), content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=300"
    response["X-Frame-Options"] = "SAMEORIGIN"
    response["Content-Security-Policy"] = SCO_POLICY
    response._csp_exempt = True  # this policy, not the site's
    response._csp_exempt_ro = True
    return response


@login_required
@require_POST
def scorm_commit(request, pk: int):
    package = _package_or_404(request, pk)
    SCORM_COMMITS.check(request)
    try:
        if len(request.body) > MAX_COMMIT_BYTES:
            raise InvalidInput(_("Data SCORM terlalu besar."), code="scorm_too_large")
        try:
            data = json.loads(request.body or b"{}")
        except (ValueError, UnicodeDecodeError):
            raise InvalidInput(_("Data SCORM tidak dikenali."), code="scorm_bad_commit") from None
        services.scorm_commit(user=request.user, package=package, data=data)
    except DomainError as exc:
        return JsonResponse(
            {"result": False, "errorCode": 101, "code": exc.code, "detail": exc.text},
            status=exc.status,
        )
    return JsonResponse({"result": True, "errorCode": 0})


@login_required
@require_http_methods(["GET", "POST"])
def scorm_upload(request, pk: int):
    course = _course_or_404(request, pk)
    _allowed(request, "elearning.upload_scorm")
    form = ScormUploadForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.scorm_package_upload(
                    user=request.user,
                    course=course,
                    upload=form.cleaned_data["package"],
                    title=form.cleaned_data["title"],
                )
            except DomainError as exc:
                form_add_error(form, exc)
                status = exc.status
            else:
                messages.success(request, _("Paket SCORM diperiksa dan tersimpan."))
                return redirect(course.get_absolute_url())
        else:
            status = 400
    return render(
        request, "elearning/scorm_upload.html", {"form": form, "course": course}, status=status
    )


@login_required
@require_GET
def reports(request):
    _allowed(request, "elearning.view_reports")
    return render(request, "elearning/reports.html", {"reports": selectors.reports_by_course()})


@login_required
@require_GET
def report_course(request, pk: int):
    _allowed(request, "elearning.view_reports")
    course = selectors.course_by_pk(pk)
    if course is None:
        raise Http404
    return render(
        request, "elearning/report_course.html", {"report": selectors.report_for_course(course)}
    )
