"""Pages of competency development. Thin: parse, fetch-and-authorize, one service, render."""

from __future__ import annotations

import csv
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from balaikota.core.errors import Conflict, DomainError, Forbidden, InvalidInput, NotFound
from balaikota.core.files import private_file_response
from balaikota.core.links import public_url
from balaikota.core.ratelimit import RateLimit
from balaikota.core.services import access_log_record
from balaikota.core.web import form_add_error
from balaikota.documents.interfaces import qr_png

from . import badges, exports, integrations, selectors, services
from .forms import (
    AssessmentResultForm,
    AssessmentValidateForm,
    AttendanceCodeForm,
    EnrolForm,
    EvidenceForm,
    EvidenceValidateForm,
    FeedbackForm,
    PlanItemForm,
    ReadinessForm,
    ReasonForm,
    StandardsForm,
    StandardsImportForm,
    fresh_key,
)
from .models import Assessment, Certificate, ClassSession, Enrolment, Evidence, Mode
from .workflows import CLASS_WORKFLOW, ENROLMENT_WORKFLOW, EVIDENCE_WORKFLOW, PLAN_WORKFLOW

PAGE_SIZE = 25
BADGE_CHECKS = RateLimit("competency.badge_verify", limit=30, window=60)


def _require(request, perm: str, obj=None) -> None:
    if not request.user.has_perm(perm, obj):
        raise NotFound() if obj is not None else Forbidden()


def _me(request):
    employee = selectors.employee_for(request.user)
    if employee is None:
        raise Forbidden(
            _("Halaman ini untuk ASN: akun Anda tidak terhubung dengan data kepegawaian."),
            code="not_employee",
        )
    return employee


def _year(request) -> int:
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("tahun", this_year))
    except (TypeError, ValueError):
        return this_year
    return year if 2000 <= year <= this_year + 1 else this_year


# --- The learner's pages ------------------------------------------------------------------------


@login_required
@require_GET
def home(request):
    _require(request, "competency.browse")
    employee = selectors.employee_for(request.user)
    context = {"employee": employee}
    if employee is not None:
        year = timezone.localdate().year
        context.update(
            ledger=selectors.ledger_year(employee, year),
            enrolments=selectors.enrolments_of(employee)[:10],
            recommendations=selectors.recommendations(employee),
            readiness=selectors.latest_readiness(employee),
            certificates=selectors.certificates_of(employee)[:20],
            approvals=selectors.approvals_count(request.user),
        )
    return render(request, "competency/home.html", context)


@login_required
@require_GET
def profile(request):
    employee = _me(request)
    _require(request, "competency.view_profile", employee)
    return render(
        request,
        "competency/profile.html",
        {
            "employee": employee,
            "rows": selectors.profile(employee),
            "history": selectors.profile_history(employee)[:50],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def readiness(request):
    _me(request)
    _require(request, "competency.take_readiness")
    groups = selectors.readiness_questions()
    form = ReadinessForm(request.POST or None, groups=groups, initial={"submit_key": fresh_key()})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                response = services.readiness_submit(
                    user=request.user,
                    answers=form.answers(),
                    submit_key=form.cleaned_data["submit_key"],
                )
            except DomainError as exc:
                form_add_error(form, exc)
                status = exc.status
            else:
                return redirect("competency:readiness_result", pk=response.pk)
        else:
            status = 400
    return render(request, "competency/readiness.html", {"form": form}, status=status)


@login_required
@require_GET
def readiness_result(request, pk: int):
    employee = _me(request)
    response = selectors.latest_readiness(employee)
    if response is None or response.pk != pk:
        response = employee.readiness_responses.filter(pk=pk).first()
    if response is None:
        raise NotFound()
    areas = selectors.readiness_result(response)
    levels = {a.competency.code: a.level for a in areas}
    return render(
        request,
        "competency/readiness_result.html",
        {
            "response": response,
            "areas": areas,
            "recommendations": selectors.recommendations(employee, levels=levels),
        },
    )


@login_required
@require_GET
def programme_list(request):
    _require(request, "competency.browse")
    mode = request.GET.get("bentuk", "")
    mode = mode if mode in Mode.values else ""
    query = request.GET.get("q", "")[:100]
    rows = selectors.programmes_published(mode=mode, query=query)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("halaman"))
    return render(
        request,
        "competency/programmes.html",
        {"page": page, "modes": Mode.choices, "mode": mode, "q": query},
    )


@login_required
@require_GET
def programme_detail(request, code: str):
    _require(request, "competency.browse")
    programme = selectors.programme_by_code(code[:60])
    if programme is None:
        raise Http404
    return render(
        request,
        "competency/programme.html",
        {"programme": programme, "classes": selectors.classes_of(programme)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def class_detail(request, pk: int):
    _require(request, "competency.browse")
    training_class = selectors.class_by_pk(pk)
    if training_class is None:
        raise Http404
    employee = selectors.employee_for(request.user)
    enrolment = selectors.enrolment_of(employee, training_class)
    form = EnrolForm(request.POST or None, initial={"submit_key": fresh_key()})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.enrolment_request(
                    user=request.user,
                    training_class=training_class,
                    motivation=form.cleaned_data["motivation"],
                    submit_key=form.cleaned_data["submit_key"],
                )
            except DomainError as exc:
                form_add_error(form, exc)
                status = exc.status
            else:
                messages.success(request, _("Pendaftaran dikirim ke atasan Anda untuk disetujui."))
                return redirect("competency:class", pk=pk)
        else:
            status = 400
    context = {
        "training_class": training_class,
        "enrolment": enrolment,
        "position": selectors.waitlist_position(enrolment) if enrolment else None,
        "certificate": selectors.certificate_for(enrolment),
        "may_give_feedback": bool(enrolment)
        and request.user.has_perm("competency.give_feedback", enrolment),
        "course_url": integrations.course_url(training_class.programme.course_id)
        if training_class.programme.course_id
        else "",
        "course_progress": integrations.course_progress(
            request.user, training_class.programme.course_id
        )
        if training_class.programme.course_id and enrolment
        else None,
        "form": form,
        "can_manage": request.user.has_perm("competency.manage_class", training_class),
        "class_actions": CLASS_WORKFLOW.allowed_actions(request.user, training_class),
        "may_withdraw": bool(enrolment)
        and ENROLMENT_WORKFLOW.can(request.user, enrolment, "withdraw"),
        "sessions": training_class.sessions.all(),
    }
    return render(request, "competency/class.html", context, status=status)


@login_required
@require_POST
def enrolment_withdraw(request, pk: int):
    enrolment = Enrolment.objects.filter(pk=pk).first()
    if enrolment is None or not request.user.has_perm("competency.view_enrolment", enrolment):
        raise Http404
    services.enrolment_withdraw(
        enrolment=enrolment, actor=request.user, reason=request.POST.get("reason", "")[:2000]
    )
    messages.success(request, _("Anda keluar dari kelas ini."))
    return redirect("competency:class", pk=enrolment.training_class_id)


@login_required
@require_http_methods(["GET", "POST"])
def check_in(request, code: str = ""):
    form = AttendanceCodeForm(request.POST or None, initial={"code": code})
    status = 200
    attendance = None
    if request.method == "POST" and form.is_valid():
        try:
            attendance = services.attendance_check_in(
                user=request.user, code=form.cleaned_data["code"]
            )
        except DomainError as exc:
            form_add_error(form, exc)
            status = exc.status
    elif request.method == "POST":
        status = 400
    return render(
        request, "competency/check_in.html", {"form": form, "attendance": attendance}, status=status
    )


# --- Evidence ---------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def evidence_list(request):
    employee = _me(request)
    _require(request, "competency.submit_evidence")
    form = EvidenceForm(
        request.POST or None, request.FILES or None, initial={"submit_key": fresh_key()}
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                evidence = services.evidence_submit(
                    user=request.user,
                    title=data["title"],
                    form=data["form"],
                    provider=data["provider"],
                    started_on=data["started_on"],
                    ended_on=data["ended_on"],
                    quantity=data["quantity"],
                    upload=data["file"],
                    submit_key=data["submit_key"],
                )
            except DomainError as exc:
                form_add_error(form, exc)
                status = exc.status
            else:
                messages.success(request, _("Bukti dikirim ke atasan Anda untuk divalidasi."))
                return redirect("competency:evidence", pk=evidence.pk)
        else:
            status = 400
    return render(
        request,
        "competency/evidence_list.html",
        {"form": form, "rows": selectors.evidence_of(employee)[:50]},
        status=status,
    )


def _evidence_or_404(request, pk: int) -> Evidence:
    evidence = selectors.evidence_by_pk(pk)
    if evidence is None or not request.user.has_perm("competency.view_evidence", evidence):
        raise Http404
    return evidence


@login_required
@require_http_methods(["GET", "POST"])
def evidence_detail(request, pk: int):
    evidence = _evidence_or_404(request, pk)
    validate_form = EvidenceValidateForm(initial={"quantity": evidence.quantity})
    reject_form = ReasonForm()
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        try:
            if action == "claim":
                services.evidence_claim(evidence=evidence, actor=request.user)
            elif action == "validate":
                validate_form = EvidenceValidateForm(request.POST)
                if not validate_form.is_valid():
                    raise _FormInvalid()
                services.evidence_validate(
                    evidence=evidence,
                    actor=request.user,
                    quantity=validate_form.cleaned_data["quantity"],
                    note=validate_form.cleaned_data["note"],
                )
                messages.success(request, _("Bukti divalidasi; JP-nya tercatat."))
            elif action == "reject":
                reject_form = ReasonForm(request.POST)
                if not reject_form.is_valid():
                    raise _FormInvalid()
                services.evidence_reject(
                    evidence=evidence, actor=request.user, reason=reject_form.cleaned_data["reason"]
                )
                messages.success(request, _("Bukti ditolak; pegawai diberi tahu alasannya."))
            else:
                raise Http404
        except _FormInvalid:
            status = 400
        except DomainError as exc:
            target = reject_form if action == "reject" else validate_form
            form_add_error(target, exc)
            status = exc.status
        else:
            return redirect("competency:evidence", pk=pk)
        evidence = _evidence_or_404(request, pk)
    if evidence.employee.user_id != request.user.pk:
        access_log_record(
            actor=request.user,
            request=request,
            subject=evidence.employee.user,
            obj=evidence,
            purpose="validasi bukti pembelajaran",
        )
    return render(
        request,
        "competency/evidence.html",
        {
            "evidence": evidence,
            "actions": EVIDENCE_WORKFLOW.allowed_actions(request.user, evidence),
            "validate_form": validate_form,
            "reject_form": reject_form,
            "events": evidence.events.select_related("actor").order_by("at", "pk"),
            "jp_preview": selectors.evidence_jp_preview(evidence),
        },
        status=status,
    )


class _FormInvalid(Exception):
    pass


@login_required
@require_GET
def evidence_file(request, pk: int):
    evidence = _evidence_or_404(request, pk)
    if evidence.employee.user_id != request.user.pk:
        access_log_record(
            actor=request.user,
            request=request,
            subject=evidence.employee.user,
            obj=evidence,
            purpose="membuka berkas bukti pembelajaran",
        )
    return private_file_response(
        evidence.file, content_type=evidence.content_type, filename=evidence.file_name, inline=True
    )


@login_required
@require_GET
def evidence_queue(request):
    _require(request, "competency.view_evidence_queue")
    rows = selectors.evidence_queue(request.user)
    page = Paginator(rows.order_by("due_date", "submitted_at", "pk"), PAGE_SIZE).get_page(
        request.GET.get("halaman")
    )
    return render(request, "competency/evidence_queue.html", {"page": page})


# --- Decisions ----------------------------------------------------------------------------------


@login_required
@require_GET
def approvals(request):
    _require(request, "competency.browse")
    return render(
        request,
        "competency/approvals.html",
        {
            "approvals": selectors.approvals_for(request.user),
            "reason_form": ReasonForm(),
            "level_form": AssessmentValidateForm(),
        },
    )


@login_required
@require_POST
def enrolment_decide(request, pk: int, action: str):
    enrolment = Enrolment.objects.filter(pk=pk).first()
    if enrolment is None or not request.user.has_perm("competency.view_enrolment", enrolment):
        raise Http404
    if action == "setujui":
        enrolment = services.enrolment_approve(enrolment=enrolment, actor=request.user)
        messages.success(
            request,
            _("Disetujui: %(name)s %(where)s.")
            % {
                "name": enrolment.employee.full_name,
                "where": _("mendapat kursi") if enrolment.is_enrolled else _("masuk daftar tunggu"),
            },
        )
    elif action == "tolak":
        reason = request.POST.get("reason", "")[:2000]  # the service says when it is missing
        services.enrolment_reject(enrolment=enrolment, actor=request.user, reason=reason)
        messages.success(request, _("Pendaftaran ditolak; pegawai diberi tahu alasannya."))
    else:
        raise Http404
    return redirect("competency:approvals")


@login_required
@require_POST
def assessment_decide(request, pk: int, action: str):
    assessment = Assessment.objects.select_related("competency").filter(pk=pk).first()
    if assessment is None or not request.user.has_perm("competency.view_assessment", assessment):
        raise Http404
    if action == "validasi":
        form = AssessmentValidateForm(request.POST)
        level = form.cleaned_data["level"] if form.is_valid() else None
        services.assessment_validate(assessment=assessment, actor=request.user, level=level)
        messages.success(request, _("Penilaian divalidasi."))
    elif action == "tolak":
        services.assessment_reject(
            assessment=assessment, actor=request.user, reason=request.POST.get("reason", "")[:2000]
        )
        messages.success(request, _("Penilaian dikembalikan dengan alasan."))
    else:
        raise Http404
    return redirect("competency:approvals")


# --- JP ledger, team, compliance ----------------------------------------------------------------


@login_required
@require_GET
def ledger(request, employee_id: int | None = None):
    if employee_id is None:
        employee = _me(request)
    else:
        employee = integrations.employee_by_pk(employee_id)
        if employee is None:
            raise Http404
    _require(request, "competency.view_ledger", employee)
    if employee.user_id != request.user.pk:
        access_log_record(
            actor=request.user,
            request=request,
            subject=employee.user,
            obj=employee,
            purpose="melihat buku JP",
        )
    year = _year(request)
    return render(
        request,
        "competency/ledger.html",
        {
            "employee": employee,
            "ledger": selectors.ledger_year(employee, year),
            "years": selectors.ledger_years(employee),
            "own": employee.user_id == request.user.pk,
        },
    )


@login_required
@require_GET
def team(request):
    employee = _me(request)
    year = timezone.localdate().year
    return render(
        request,
        "competency/team.html",
        {"people": selectors.team_progress(employee, year=year), "year": year},
    )


@login_required
@require_GET
def compliance(request):
    _require(request, "competency.view_compliance")
    year = _year(request)
    rows = selectors.compliance(year=year, group_by="opd")
    if request.GET.get("format") == "csv":
        return _compliance_csv(rows, year)
    return render(
        request,
        "competency/compliance.html",
        {"rows": rows, "total": selectors.compliance_total(rows), "year": year, "opd": None},
    )


@login_required
@require_GET
def compliance_heat_map(request):
    _require(request, "competency.view_compliance")
    year = _year(request)
    rows, months, refreshed = selectors.compliance_heat_map(year)
    return render(
        request,
        "competency/heat_map.html",
        {"rows": rows, "months": months, "refreshed": refreshed, "year": year},
    )


@login_required
@require_GET
def compliance_opd(request, opd_code: str):
    _require(request, "competency.view_compliance")
    opd = integrations.opd_by_code(opd_code[:30])
    if opd is None:
        raise Http404
    year = _year(request)
    unit_id = request.GET.get("unit")
    unit_id = int(unit_id) if unit_id and unit_id.isdigit() else None
    standing = request.GET.get("status", "")
    if standing not in selectors.Standing.LABELS:
        standing = ""
    rows = selectors.compliance(year=year, group_by="unit", opd_id=opd.pk)
    people = selectors.compliance_people(
        year=year, opd_id=opd.pk, unit_id=unit_id, standing_filter=standing
    )
    page = Paginator(people, PAGE_SIZE).get_page(request.GET.get("halaman"))
    for person in page.object_list:  # the label once here, not a loop in the template per row
        person.standing_label = selectors.Standing.LABELS[person.standing]
    return render(
        request,
        "competency/compliance.html",
        {
            "rows": rows,
            "total": selectors.compliance_total(rows),
            "year": year,
            "opd": opd,
            "page": page,
            "standing": standing,
            "unit_id": unit_id,
            "standings": selectors.Standing.LABELS,
            "query_string": f"tahun={year}"
            + (f"&unit={unit_id}" if unit_id else "")
            + (f"&status={standing}" if standing else ""),
        },
    )


def _compliance_csv(rows, year: int) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kepatuhan-jp-{year}.csv"'
    writer = csv.writer(response)
    writer.writerow(
        ["opd", "pegawai", "tercapai", "sesuai_jalur", "berisiko", "tanpa_target", "jp_total"]
    )
    for row in rows:
        writer.writerow(
            [row.name, row.people, row.reached, row.on_track, row.at_risk, row.no_target, row.jp]
        )
    return response


# --- Classes for the admin and instructors ----------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def class_roster(request, pk: int):
    training_class = selectors.class_by_pk(pk)
    if training_class is None:
        raise Http404
    _require(request, "competency.record_attendance", training_class)
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action in {"open", "close", "start", "cancel"}:
            services.class_transition(
                training_class=training_class,
                action=action,
                actor=request.user,
                reason=request.POST.get("reason", "")[:2000],
            )
        elif action == "finish":
            result = services.class_finish(training_class=training_class, actor=request.user)
            messages.success(
                request,
                _("Kelas selesai: %(ok)s lulus, %(no)s tidak lulus.")
                % {"ok": result["completed"], "no": result["not_completed"]},
            )
        elif action == "attend":
            session = ClassSession.objects.filter(
                pk=request.POST.get("session"), training_class=training_class
            ).first()
            enrolment = Enrolment.objects.filter(
                pk=request.POST.get("enrolment"), training_class=training_class
            ).first()
            if session is None or enrolment is None:
                raise Http404
            services.attendance_set(
                session=session,
                enrolment=enrolment,
                present=request.POST.get("present") == "1",
                actor=request.user,
            )
        elif action == "score":
            enrolment = Enrolment.objects.filter(
                pk=request.POST.get("enrolment"), training_class=training_class
            ).first()
            if enrolment is None:
                raise Http404
            services.enrolment_score_set(
                enrolment=enrolment, score=_decimal(request.POST.get("score")), actor=request.user
            )
        elif action == "capacity":
            services.class_capacity_set(
                training_class=training_class,
                capacity=_int(request.POST.get("capacity")),
                actor=request.user,
            )
        else:
            raise Http404
        return redirect(reverse("competency:roster", args=[pk]))
    sessions = list(training_class.sessions.all())
    attended = selectors.attendance_pairs(training_class)
    roster = selectors.roster(training_class)
    for enrolment in roster:
        enrolment.marks = [(s, (enrolment.pk, s.pk) in attended) for s in sessions]
    return render(
        request,
        "competency/roster.html",
        {
            "training_class": training_class,
            "sessions": sessions,
            "roster": roster,
            "class_actions": CLASS_WORKFLOW.allowed_actions(request.user, training_class),
        },
    )


def _decimal(value):
    try:
        return Decimal(str(value).replace(",", "."))
    except (InvalidOperation, TypeError):
        raise InvalidInput(errors={"score": [_("Isi nilai berupa angka 0 sampai 100.")]}) from None


def _int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise InvalidInput(errors={"capacity": [_("Isi kuota berupa bilangan bulat.")]}) from None


@login_required
@require_GET
def session_qr(request, pk: int):
    """The session's check-in code as a QR image, for the instructor's screen."""
    session = ClassSession.objects.select_related("training_class").filter(pk=pk).first()
    if session is None or not request.user.has_perm(
        "competency.record_attendance", session.training_class
    ):
        raise Http404
    url = public_url(reverse("competency:check_in_code", args=[session.check_in_code]))
    response = HttpResponse(qr_png(url), content_type="image/png")
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_http_methods(["GET", "POST"])
def certificate_revoke(request, pk: int):
    _require(request, "competency.manage")
    certificate = Certificate.objects.select_related("document").filter(pk=pk).first()
    if certificate is None:
        raise Http404
    form = ReasonForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.certificate_revoke(
                    certificate=certificate, actor=request.user, reason=form.cleaned_data["reason"]
                )
            except DomainError as exc:
                form_add_error(form, exc)
                status = exc.status
            else:
                messages.success(
                    request, _("Sertifikat %(number)s dicabut.") % {"number": certificate.number}
                )
                return redirect("competency:certificate_revoke", pk=pk)
        else:
            status = 400
    return render(
        request,
        "competency/certificate_revoke.html",
        {"certificate": certificate, "form": form},
        status=status,
    )


def _export(request, *, entries, filename: str, title: str) -> HttpResponse:
    kind = request.GET.get("format", "xlsx")
    entries = list(entries[:200_000])
    data = exports.rows(entries, selectors.certificate_numbers(entries))
    if kind == "csv":
        response = HttpResponse(exports.as_csv(data), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response
    response = HttpResponse(
        exports.as_xlsx(data, title=title),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
    return response


@login_required
@require_GET
def ledger_export(request, employee_id: int | None = None):
    """One person's training history (their own, or for whoever may read their ledger)."""
    employee = _me(request) if employee_id is None else integrations.employee_by_pk(employee_id)
    if employee is None:
        raise Http404
    _require(request, "competency.view_ledger", employee)
    if employee.user_id != request.user.pk:
        access_log_record(
            actor=request.user,
            request=request,
            subject=employee.user,
            obj=employee,
            purpose="mengunduh riwayat JP",
        )
    return _export(
        request,
        entries=selectors.training_history(employee=employee),
        filename=f"riwayat-jp-{employee.nip}",
        title=f"Riwayat JP {employee.full_name}",
    )


@login_required
@require_GET
def compliance_export(request, opd_code: str):
    """An agency's training history of a year (competency admin and leaders)."""
    _require(request, "competency.view_compliance")
    opd = integrations.opd_by_code(opd_code[:30])
    if opd is None:
        raise Http404
    year = _year(request)
    access_log_record(
        actor=request.user, request=request, obj=opd, purpose=f"mengunduh riwayat JP OPD {year}"
    )
    return _export(
        request,
        entries=selectors.training_history(opd_id=opd.pk, year=year),
        filename=f"riwayat-jp-{opd.code}-{year}",
        title=f"Riwayat JP {opd.name} {year}",
    )


# --- Development plans and the needs analysis (AKPK) --------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def plan(request):
    employee = _me(request)
    year = _year(request)
    plan = selectors.plan_of(employee, year)
    form = PlanItemForm(request.POST or None)
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "add")
        try:
            if plan is None:
                plan = services.plan_for(user=request.user, year=year)
            if action == "add":
                if not form.is_valid():
                    raise _FormInvalid()
                services.plan_item_add(
                    plan=plan,
                    programme=form.cleaned_data["programme"],
                    quarter=form.cleaned_data["quarter"],
                    actor=request.user,
                )
            elif action == "remove":
                item = plan.items.filter(pk=request.POST.get("item")).first()
                if item is None:
                    raise Http404
                services.plan_item_remove(item=item, actor=request.user)
            elif action == "submit":
                services.plan_submit(plan=plan, actor=request.user)
                messages.success(request, _("Rencana diajukan ke atasan Anda."))
            else:
                raise Http404
        except _FormInvalid:
            status = 400
        except DomainError as exc:
            form_add_error(form, exc)
            status = exc.status
        else:
            return redirect(f"{reverse('competency:plan')}?tahun={year}")
        plan = selectors.plan_of(employee, year)
    rows = [row for row in selectors.profile(employee) if row.gap or not row.level]
    return render(
        request,
        "competency/plan.html",
        {
            "plan": plan,
            "year": year,
            "form": form,
            "gaps": rows,
            "recommendations": selectors.recommendations(employee),
            "may_edit": plan is None or request.user.has_perm("competency.edit_plan", plan),
            "may_submit": plan is not None and PLAN_WORKFLOW.can(request.user, plan, "submit"),
            "events": plan.events.select_related("actor").order_by("at", "pk") if plan else [],
        },
        status=status,
    )


@login_required
@require_POST
def plan_decide(request, pk: int, action: str):
    plan = selectors.plan_by_pk(pk)
    if plan is None or not request.user.has_perm("competency.view_plan", plan):
        raise Http404
    if action == "setujui":
        services.plan_approve(plan=plan, actor=request.user)
        messages.success(
            request, _("Rencana %(name)s disetujui.") % {"name": plan.employee.full_name}
        )
    elif action == "kembalikan":
        services.plan_return(
            plan=plan, actor=request.user, reason=request.POST.get("reason", "")[:2000]
        )
        messages.success(request, _("Rencana dikembalikan dengan catatan."))
    else:
        raise Http404
    return redirect("competency:approvals")


@login_required
@require_GET
def needs_analysis(request, opd_code: str = ""):
    _require(request, "competency.view_needs_analysis")
    year = _year(request)
    opds = integrations.opds_active()
    opd_code = opd_code or request.GET.get("opd", "")
    opd = integrations.opd_by_code(opd_code[:30]) if opd_code else None
    if opd_code and opd is None:
        raise Http404
    context = {"year": year, "opd": opd, "opds": opds}
    if opd is not None:
        gaps, planned = selectors.needs_analysis(opd_id=opd.pk, year=year)
        if request.GET.get("format") == "xlsx":
            response = HttpResponse(
                exports.needs_analysis_xlsx(opd=opd, year=year, gaps=gaps, planned=planned),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
            response["Content-Disposition"] = f'attachment; filename="akpk-{opd.code}-{year}.xlsx"'
            return response
        context.update(
            gaps=gaps,
            planned=planned,
            total_jp=sum((row.jp for row in planned), Decimal(0)),
            total_cost=sum((row.cost for row in planned), Decimal(0)),
        )
    return render(request, "competency/needs_analysis.html", context)


# --- Open Badges 3.0 --------------------------------------------------------------------------


@login_required
@require_GET
def certificate_badge(request, pk: int):
    """The holder's certificate as an Open Badges 3.0 credential (VC-JWT), to carry elsewhere."""
    certificate = selectors.certificate_by_pk(pk)
    if certificate is None or not request.user.has_perm(
        "competency.download_certificate", certificate
    ):
        raise Http404
    if certificate.revoked_at is not None:
        raise Conflict(_("Sertifikat ini sudah dicabut."), code="already_revoked")
    token = badges.sign(badges.credential(certificate))
    response = HttpResponse(token, content_type="application/vc+jwt")
    response["Content-Disposition"] = (
        f'attachment; filename="lencana-{certificate.number.replace("/", "-")}.jwt"'
    )
    return response


@require_GET
def badge_issuer(request):
    response = JsonResponse(badges.issuer_profile())
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_http_methods(["GET", "POST"])
def badge_verify(request):
    """Anyone pastes (or uploads) a credential: is it ours, intact, and still valid?"""
    result, error, certificate = None, "", None
    status = 200
    if request.method == "POST":
        BADGE_CHECKS.check(request)
        token = request.POST.get("token", "")
        upload = request.FILES.get("file")
        if upload is not None:
            token = upload.read(badges.MAX_TOKEN + 1).decode("utf-8", "replace")
        try:
            result = badges.verify(token)
        except DomainError as exc:
            error, status = exc.text, exc.status
        else:
            credential_id = str(result.get("id", "")).rstrip("/").rsplit("/", 1)[-1]
            certificate = selectors.certificate_by_credential(_uuid_or_none(credential_id))
    return render(
        request,
        "competency/badge_verify.html",
        {"result": result, "error": error, "certificate": certificate},
        status=status,
    )


@require_GET
def badge_status(request, credential_id):
    certificate = selectors.certificate_by_credential(credential_id)
    if certificate is None:
        raise Http404
    return render(
        request, "competency/badge_verify.html", {"certificate": certificate, "by_id": True}
    )


def _uuid_or_none(value: str):
    import uuid

    try:
        return uuid.UUID(value)
    except ValueError:
        return None


# --- The admin's tools: assessment results and position standards ------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def assessment_result(request):
    _require(request, "competency.enter_assessment")
    form = AssessmentResultForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            employee = integrations.employee_by_nip(data["nip"])
            try:
                if employee is None:
                    raise InvalidInput(errors={"nip": [_("Tidak ada ASN aktif dengan NIP ini.")]})
                services.assessment_enter(
                    employee=employee,
                    competency=data["competency"],
                    level=data["level"],
                    assessed_on=data["assessed_on"],
                    note=data["note"],
                    actor=request.user,
                )
            except DomainError as exc:
                form_add_error(form, exc)
                status = exc.status
            else:
                messages.success(
                    request,
                    _("Hasil asesmen %(name)s dicatat: %(competency)s level %(level)s.")
                    % {
                        "name": employee.full_name,
                        "competency": data["competency"].name,
                        "level": data["level"],
                    },
                )
                return redirect("competency:assessment_result")
        else:
            status = 400
    return render(request, "competency/assessment_result.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def standards(request):
    _require(request, "competency.manage")
    opds = integrations.opds_active()
    opd = integrations.opd_by_code(request.GET.get("opd", "")[:30])
    positions = integrations.positions_of_opd(opd.pk) if opd else []
    position = None
    position_id = request.GET.get("jabatan", "")
    if opd and position_id.isdigit():
        position = positions.filter(pk=int(position_id)).first()
    import_form = StandardsImportForm()
    form = None
    status = 200
    if position is not None:
        competencies = selectors.competencies_active()
        current = selectors.standards_of(position)
        form = StandardsForm(request.POST or None, competencies=competencies, current=current)
        if request.method == "POST" and request.POST.get("action") == "save":
            if form.is_valid():
                changed = services.position_standards_save(
                    position=position, levels=form.levels(), actor=request.user
                )
                messages.success(request, _("%(n)s standar diperbarui.") % {"n": changed})
                return redirect(request.get_full_path())
            status = 400
    if request.method == "POST" and request.POST.get("action") == "import":
        import_form = StandardsImportForm(request.POST, request.FILES)
        if import_form.is_valid():
            try:
                result = services.position_standards_import(
                    upload=import_form.cleaned_data["file"], actor=request.user
                )
            except DomainError as exc:
                form_add_error(import_form, exc)
                status = exc.status
            else:
                messages.success(
                    request,
                    _("%(rows)s baris diimpor: %(n)s standar untuk %(p)s jabatan.")
                    % {"rows": result.rows, "n": result.changed, "p": result.positions},
                )
                return redirect(request.get_full_path())
        else:
            status = 400
    return render(
        request,
        "competency/standards.html",
        {
            "opds": opds,
            "opd": opd,
            "positions": positions,
            "position": position,
            "form": form,
            "import_form": import_form,
        },
        status=status,
    )


# --- Evaluation: reaction and results --------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def feedback(request, pk: int):
    enrolment = Enrolment.objects.select_related("training_class__programme").filter(pk=pk).first()
    if enrolment is None or not request.user.has_perm("competency.view_enrolment", enrolment):
        raise Http404
    form = FeedbackForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.feedback_submit(
                    enrolment=enrolment,
                    actor=request.user,
                    ratings=form.ratings(),
                    comment=form.cleaned_data["comment"],
                )
            except DomainError as exc:
                form_add_error(form, exc)
                status = exc.status
            else:
                messages.success(request, _("Terima kasih, umpan balik Anda tersimpan."))
                return redirect("competency:class", pk=enrolment.training_class_id)
        else:
            status = 400
    return render(
        request, "competency/feedback.html", {"form": form, "enrolment": enrolment}, status=status
    )


@login_required
@require_GET
def programme_report(request, code: str):
    _require(request, "competency.view_programme_report")
    programme = selectors.programme_by_code(code[:60])
    if programme is None:
        raise Http404
    learning = integrations.course_learning(programme.course_id) if programme.course_id else None
    return render(
        request,
        "competency/programme_report.html",
        {"report": selectors.programme_report(programme, learning=learning)},
    )
