"""The citizen's pages: their applications, the step-by-step form, uploads, review and submit,
the receipt, the application's page (status, corrections, cancel, download), the personal-data
export."""

from __future__ import annotations

import json
import secrets
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from balaikota.core.errors import DomainError, InvalidInput
from balaikota.core.files import private_file_response
from balaikota.core.identity import parse_nik
from balaikota.core.ratelimit import client_ip
from balaikota.core.web import refused_response

from .. import selectors, services
from ..forms import (
    ApplicationStepForm,
    CancelForm,
    SubmitForm,
    UploadForm,
    form_steps,
    step_for_field,
)
from ..services import StaleFormError
from ..workflows import APPLICATION_WORKFLOW
from ._common import (
    PIN_SESSION_KEY,
    application_or_404,
    back_to,
    editable_or_404,
    qr_data_uri,
    tracking_url,
)


@login_required
@require_GET
def home(request):
    """Permohonan saya: the citizen's applications and the services they can apply for."""
    applications = Paginator(selectors.applications_for_citizen(request.user), 20).get_page(
        request.GET.get("halaman")
    )
    service_types = selectors.service_types_active().select_related("public_service")
    return render(
        request,
        "civil_registry/home.html",
        {"page": applications, "service_types": service_types},
    )


@login_required
@require_http_methods(["GET", "POST"])
def apply(request, service_code: str):
    service_type = selectors.service_type_by_code(service_code)
    if service_type is None:
        raise Http404(_("Layanan tidak ditemukan atau sedang tidak dibuka."))
    if not request.user.has_perm("civil_registry.create_application"):
        raise PermissionDenied(_("Halaman ini untuk warga yang mengajukan permohonan sendiri."))
    error, status = "", 200
    if request.method == "POST":
        try:
            application = services.application_draft_create(
                user=request.user,
                service_type=service_type,
                data=selectors.application_prefill(
                    user=request.user,
                    service_type=service_type,
                    nik=request.user.nik or "",
                    request=request,
                ),
            )
        except DomainError as exc:
            error, status = exc.text, exc.status
        else:
            messages.success(request, _("Draf permohonan dibuat. Isian tersimpan setiap langkah."))
            return redirect("civil_registry:step", pk=application.pk, step=1)
    return render(
        request,
        "civil_registry/apply.html",
        {"service_type": service_type, "steps": form_steps(service_type), "error": error},
        status=status,
    )


def _fills_in(request, application) -> bool:
    """The form pages are for a draft the person may still submit (the workflow's rule)."""
    return APPLICATION_WORKFLOW.can(request.user, application, "submit")


def _corrects(request, application) -> bool:
    """The correction page is for an application waiting for the person's corrections."""
    return APPLICATION_WORKFLOW.can(request.user, application, "resubmit")


def _step_context(application, steps, step, form, **extra) -> dict:
    form.register_names = extra.pop("register_names", {})
    return {
        "application": application,
        "steps": steps,
        "step": step,
        "form": form,
        "documents_step": len(steps) + 1,
        "review_step": len(steps) + 2,
        **extra,
    }


@login_required
@require_http_methods(["GET", "POST"])
def step(request, pk: int, step: int):
    application = editable_or_404(request, pk)
    if not _fills_in(request, application):
        return redirect("civil_registry:application_detail", pk=application.pk)
    steps = form_steps(application.service_type)
    if not 1 <= step <= len(steps):
        raise Http404(_("Langkah tidak ditemukan."))
    current = steps[step - 1]
    names = selectors.register_names(user=request.user, application=application, request=request)

    def values_form(app):
        initial = {**{n: app.data.get(n, "") for n in current.names}, "version": app.version}
        return ApplicationStepForm(initial=initial, specs=current.fields)

    if request.method == "GET":
        return render(
            request,
            "civil_registry/step.html",
            _step_context(
                application, steps, current, values_form(application), register_names=names
            ),
        )
    form = ApplicationStepForm(request.POST, specs=current.fields)
    moving_on = request.POST.get("action") != "save"
    status = 400
    # A stale form is reported before anything else: the other device's values come first.
    stale = form.is_valid() and form.cleaned_data["version"] != application.version
    if form.is_valid() and (stale or not moving_on or form.check_required()):
        try:
            application = services.application_draft_update(
                application=application,
                user=request.user,
                data=form.schema_data(),
                version=form.cleaned_data["version"],
            )
        except StaleFormError as exc:
            # Show what the other device saved; the person's typing is lost only for this step,
            # and they are told so.
            application.refresh_from_db()
            messages.error(request, exc.text)
            context = _step_context(
                application,
                steps,
                current,
                values_form(application),
                register_names=names,
                stale=True,
            )
            return render(request, "civil_registry/step.html", context, status=exc.status)
        except DomainError as exc:
            if exc.field_errors:
                form.add_service_errors(exc.field_errors)
            else:
                form.add_error(None, exc.text)
            status = exc.status
        else:
            if not moving_on:
                messages.success(
                    request, _("Draf tersimpan. Anda dapat melanjutkannya kapan saja.")
                )
                return redirect("civil_registry:step", pk=application.pk, step=step)
            if step < len(steps):
                return redirect("civil_registry:step", pk=application.pk, step=step + 1)
            return redirect("civil_registry:documents", pk=application.pk)
    return render(
        request,
        "civil_registry/step.html",
        _step_context(application, steps, current, form, register_names=names),
        status=status,
    )


def _documents_context(application, *, upload_form=None, failed: str = "", error: str = "") -> dict:
    steps = form_steps(application.service_type)
    rows = selectors.requirement_rows(application)
    for row in rows:
        row["form"] = upload_form if failed == row["requirement"].code else None
    return {
        "application": application,
        "steps": steps,
        "documents_step": len(steps) + 1,
        "review_step": len(steps) + 2,
        "rows": rows,
        "upload_error": error,
        "upload_requirement": failed,
    }


@login_required
@require_GET
def documents(request, pk: int):
    application = editable_or_404(request, pk)
    if not _fills_in(request, application):
        return redirect("civil_registry:application_detail", pk=application.pk)
    return render(request, "civil_registry/documents.html", _documents_context(application))


@login_required
@require_POST
def upload(request, pk: int):
    """One file for one requirement; replacing a file replaces only that requirement's."""
    application = editable_or_404(request, pk)
    form = UploadForm(request.POST, request.FILES)
    error, status = "", 400
    if form.is_valid():
        file = form.cleaned_data["file"]
        try:
            services.application_document_upload(
                application=application,
                user=request.user,
                requirement_code=form.cleaned_data["requirement"],
                upload=file,
                original_name=file.name,
            )
        except DomainError as exc:
            error, status = exc.text, exc.status
            form.add_error("file", error)
        else:
            messages.success(request, _("Berkas “%(name)s” tersimpan.") % {"name": file.name})
            if form.cleaned_data.get("return_to") == "perbaikan":
                return redirect("civil_registry:correction", pk=application.pk)
            return redirect("civil_registry:documents", pk=application.pk)
    else:
        error = " ".join(m for messages_ in form.errors.values() for m in messages_)
    failed = str(request.POST.get("requirement") or "")
    application.refresh_from_db()
    context = _documents_context(application, upload_form=form, failed=failed, error=error)
    template = "civil_registry/documents.html"
    if _corrects(request, application):
        template = "civil_registry/correction.html"
        context.update(_correction_context(application))
    return render(request, template, context, status=status)


def _review_context(request, application, steps, *, key: str, errors=None) -> dict:
    labels = selectors.field_labels(application)
    step_names = {n for s in steps for n in s.names}
    field_errors = []
    for name, messages_ in (errors or {}).items():
        for message in messages_:
            if name == "documents":
                field_errors.append({"message": message, "step": None, "documents": True})
            elif name in step_names:
                field_errors.append(
                    {
                        "message": f"{labels.get(name, name)}: {message}",
                        "step": step_for_field(steps, name),
                    }
                )
            else:
                field_errors.append({"message": message, "step": None})
    return {
        "application": application,
        "steps": steps,
        "summary": selectors.application_summary(application, steps),
        "checklist": selectors.requirement_checklist(application),
        "missing": selectors.missing_fields(application, steps),
        "register_names": selectors.register_names(
            user=request.user, application=application, request=request
        ),
        "documents_step": len(steps) + 1,
        "review_step": len(steps) + 2,
        "submit_form": SubmitForm(initial={"idempotency_key": key}),
        "submit_errors": field_errors,
    }


@login_required
@require_http_methods(["GET", "POST"])
def review(request, pk: int):
    """Everything at a glance, with "Ubah" per step; submitting carries a one-time key created
    when this page was rendered, so a double click or a retry creates one application."""
    application = editable_or_404(request, pk)
    steps = form_steps(application.service_type)
    if request.method == "GET":
        if not _fills_in(request, application):
            return redirect("civil_registry:application_detail", pk=application.pk)
        context = _review_context(request, application, steps, key=secrets.token_urlsafe(24))
        return render(request, "civil_registry/review.html", context)
    form = SubmitForm(request.POST)
    if not form.is_valid():
        context = _review_context(
            request,
            application,
            steps,
            key=secrets.token_urlsafe(24),
            errors={"__all__": [_("Formulir kedaluwarsa; periksa kembali lalu ajukan.")]},
        )
        return render(request, "civil_registry/review.html", context, status=400)
    try:
        result = services.application_submit(
            application=application,
            user=request.user,
            idempotency_key=form.cleaned_data["idempotency_key"],
        )
    except DomainError as exc:
        errors = exc.field_errors or {"__all__": [exc.text]}
        application.refresh_from_db()
        context = _review_context(
            request, application, steps, key=form.cleaned_data["idempotency_key"], errors=errors
        )
        return render(request, "civil_registry/review.html", context, status=exc.status)
    if result.pin:
        request.session[PIN_SESSION_KEY % result.application.pk] = result.pin
    return redirect("civil_registry:receipt", pk=result.application.pk)


@never_cache
@login_required
@require_GET
def receipt(request, pk: int):
    """Tracking number, QR, due date; the PIN only right after submitting (never stored plain)."""
    application = application_or_404(request, pk, purpose=_("Melihat tanda terima"))
    if not application.tracking_number:
        return redirect("civil_registry:application_detail", pk=application.pk)
    pin = request.session.pop(PIN_SESSION_KEY % application.pk, None)
    url = tracking_url(request, application)
    pdf_url = reverse("civil_registry:receipt_pdf", kwargs={"pk": application.pk})
    if pin:  # the PDF downloaded from this page carries the PIN (sealed in its link, 30 min)
        pdf_url += "?" + urlencode({"t": selectors.receipt_pin_token(application, pin)})
    return render(
        request,
        "civil_registry/receipt.html",
        {
            "application": application,
            "pin": pin,
            "pdf_url": pdf_url,
            "tracking_url": url,
            "qr": qr_data_uri(url),
            "may_reset_pin": request.user.has_perm("civil_registry.reset_pin", application),
        },
    )


@login_required
@require_POST
def pin_reset(request, pk: int):
    """The applicant lost the PIN: a new one, shown once on the receipt (the old one stops)."""
    application = application_or_404(request, pk, purpose=_("Membuat PIN baru"))
    try:
        pin = services.application_pin_reset(
            application=application, user=request.user, client=client_ip(request)
        )
    except DomainError as exc:
        return refused_response(request, exc, back_url=back_to(request, application))
    request.session[PIN_SESSION_KEY % application.pk] = pin
    messages.success(request, _("PIN baru dibuat. PIN lama tidak berlaku lagi."))
    return redirect("civil_registry:receipt", pk=application.pk)


@login_required
@require_GET
def receipt_pdf(request, pk: int):
    application = application_or_404(request, pk, purpose=_("Mengunduh tanda terima"))
    if not request.user.has_perm("civil_registry.download_receipt", application):
        raise Http404(_("Permohonan tidak ditemukan."))
    if not application.tracking_number:
        raise Http404(_("Permohonan ini belum diajukan."))
    pdf = selectors.application_receipt_pdf(
        application,
        tracking_url=tracking_url(request, application),
        pin=selectors.receipt_pin(application, request.GET.get("t", "")),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="tanda-terima-{application.tracking_number}.pdf"'
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_GET
def application_detail(request, pk: int):
    application = application_or_404(request, pk, purpose=_("Melihat permohonan"))
    if not request.user.has_perm("civil_registry.change_application", application):
        # Staff who may see it (an officer from a notification link): their own page.
        return redirect("civil_registry:officer_review", pk=application.pk)
    return render(
        request,
        "civil_registry/detail.html",
        {
            "application": application,
            "history": selectors.public_history(application),
            "may_book_visit": request.user.has_perm("civil_registry.book_visit", application),
            "corrections": selectors.corrections_with_targets(application),
            "actions": selectors.allowed_actions(request.user, application),
            "cancel_form": CancelForm(),
            "download_url": selectors.document_download_url(request.user, application),
            "rejection_reason": selectors.rejection_reason(application),
            "steps": form_steps(application.service_type),
        },
    )


@login_required
@require_POST
def cancel(request, pk: int):
    application = editable_or_404(request, pk)
    form = CancelForm(request.POST)
    if not form.is_valid():
        error = InvalidInput(" ".join(m for ms in form.errors.values() for m in ms))
        return refused_response(request, error, back_url=back_to(request, application))
    try:
        services.application_cancel(
            application=application, user=request.user, reason=form.cleaned_data["reason"]
        )
    except DomainError as exc:
        return refused_response(request, exc, back_url=back_to(request, application))
    messages.success(request, _("Permohonan dibatalkan."))
    return redirect("civil_registry:application_detail", pk=application.pk)


def _correction_context(application, field_form=None) -> dict:
    corrections = selectors.corrections_with_targets(application)
    field_names = {c.field_name for c in corrections if c.field_name}
    specs = [s for s in application.service_type.form_schema if s["name"] in field_names]
    if field_form is None and specs:
        field_form = ApplicationStepForm(
            initial={
                **{s["name"]: application.data.get(s["name"], "") for s in specs},
                "version": application.version,
            },
            specs=specs,
        )
    return {
        "corrections": corrections,
        "field_form": field_form if specs else None,
        "flagged_codes": {c.requirement.code for c in corrections if c.requirement_id},
    }


@login_required
@require_http_methods(["GET", "POST"])
def correction(request, pk: int):
    """Fix only what the officer asked for: the named fields here, the named files below."""
    application = editable_or_404(request, pk)
    if not _corrects(request, application):
        return redirect("civil_registry:application_detail", pk=application.pk)
    status = 200
    field_form = None
    if request.method == "POST":
        asked = {c.field_name for c in selectors.corrections_open(application) if c.field_name}
        specs = [s for s in application.service_type.form_schema if s["name"] in asked]
        field_form = ApplicationStepForm(request.POST, specs=specs)
        status = 400
        if specs and field_form.is_valid() and field_form.check_required():
            try:
                services.application_draft_update(
                    application=application,
                    user=request.user,
                    data=field_form.schema_data(),
                    version=field_form.cleaned_data["version"],
                )
            except StaleFormError as exc:
                messages.error(request, exc.text)
                application.refresh_from_db()
                field_form, status = None, exc.status
            except DomainError as exc:
                if exc.field_errors:
                    field_form.add_service_errors(exc.field_errors)
                else:
                    field_form.add_error(None, exc.text)
                status = exc.status
            else:
                messages.success(request, _("Perbaikan isian tersimpan."))
                return redirect("civil_registry:correction", pk=application.pk)
    context = {
        "application": application,
        "rows": [r for r in selectors.requirement_rows(application) if r["correction"]],
        **_correction_context(application, field_form),
    }
    return render(request, "civil_registry/correction.html", context, status=status)


@login_required
@require_POST
def resubmit(request, pk: int):
    application = editable_or_404(request, pk)
    try:
        services.application_resubmit(application=application, user=request.user)
    except InvalidInput as exc:
        if not _corrects(request, application):
            return refused_response(request, exc, back_url=back_to(request, application))
        # Something asked for is not fixed yet (a file not replaced): say so on the same page.
        problems = [m for ms in (exc.field_errors or {}).values() for m in ms] or [exc.text]
        context = {
            "application": application,
            "rows": [r for r in selectors.requirement_rows(application) if r["correction"]],
            "resubmit_errors": problems,
            **_correction_context(application),
        }
        return render(request, "civil_registry/correction.html", context, status=exc.status)
    except DomainError as exc:
        return refused_response(request, exc, back_url=back_to(request, application))
    messages.success(request, _("Perbaikan terkirim. Permohonan akan diperiksa kembali."))
    return redirect("civil_registry:application_detail", pk=application.pk)


@login_required
@require_GET
@xframe_options_sameorigin
def document_file(request, pk: int, document_pk: int):
    """An uploaded file, shown inline (sandboxed) to whoever may see the application."""
    application = application_or_404(request, pk, purpose=_("Melihat berkas persyaratan"))
    document = next(
        (d for d in selectors.application_documents(application) if d.pk == int(document_pk)), None
    )
    if document is None or not document.file:
        raise Http404(_("Berkas tidak ditemukan."))
    return private_file_response(
        document.file,
        content_type=document.content_type,
        filename=document.original_name,
        inline=True,
    )


@login_required
@require_GET
def personal_data(request):
    """Unduh data saya (UU PDP): everything civil registration holds about the person."""
    payload = selectors.personal_data_export(request.user)
    response = HttpResponse(
        json.dumps(payload, ensure_ascii=False, indent=2, default=str),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="data-kependudukan-saya.json"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def nik_check(request):
    """As a parent's NIK is typed: the register's masked name, or "not found" and the advice to
    type the name (an HTMX fragment under the field)."""
    field = next((k for k in ("mother_nik", "father_nik", "nik") if k in request.POST), "nik")
    try:
        nik = parse_nik(request.POST.get(field, "")).value
    except ValidationError:
        return render(request, "civil_registry/_nik_check.html", {"incomplete": True})
    try:
        check = selectors.nik_check(user=request.user, nik=nik, request=request)
    except DomainError as exc:
        return render(request, "civil_registry/_nik_check.html", {"error": exc.text})
    who = {"mother_nik": _("ibu"), "father_nik": _("ayah")}.get(field, "")
    return render(request, "civil_registry/_nik_check.html", {"check": check, "who": who})
