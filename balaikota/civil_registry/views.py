"""Web pages of civil registration: the citizen's application journey, public tracking, the
officer's queue and review, signing, and assisted intake.

Each view parses with a form, fetches-and-authorizes (404 for what the person may not know
exists, 403 for a known but forbidden action), calls one service and renders. Services raise
``CivilRegistryError`` with an Indonesian message: shown as is, with a 4xx status."""

from __future__ import annotations

import base64
import json
import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from balaikota.core.identity import mask_nik
from balaikota.core.pagination import CappedPaginator
from balaikota.core.working_days import add_working_days
from balaikota.documents.pdf import OfficialDocument, build_official_pdf, qr_png
from balaikota.documents.ratelimit import rate_limited
from balaikota.documents.signers import get_signer
from balaikota.organization import selectors as organization_selectors

from . import selectors, services
from .forms import (
    ApplicationStepForm,
    AppointmentBookForm,
    AppointmentRescheduleForm,
    ApproveForm,
    AssistedIntakeForm,
    CancelForm,
    CheckInForm,
    CorrectionRequestForm,
    DuplicateDecisionForm,
    QueueFilterForm,
    RejectForm,
    SignForm,
    SlotSearchForm,
    SubmitForm,
    TrackForm,
    UploadForm,
    form_steps,
    step_for_field,
)
from .models import Application, DuplicateFlag, Status
from .services import CivilRegistryError, StaleFormError

QUEUE_PAGE_SIZE = 25
CANCELLABLE = (Status.DRAFT, Status.SUBMITTED)
CONFLICT_CODES = {
    "invalid_transition",
    "claimed",
    "already_submitted",
    "not_editable",
    "not_cancellable",
    "conflict",
    "duplicates",
    "idempotency",
}
TRACK_RATE_LIMIT = 20  # lookups per minute per client address
PIN_SESSION_KEY = "civil_registry:pin:%s"


def _messages_of(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [m for messages_ in error.message_dict.values() for m in messages_]
    return list(error.messages)


def _status_for(error: ValidationError) -> int:
    codes = (
        {getattr(e, "code", None) for e in error.error_list}
        if hasattr(error, "error_list")
        else set()
    )
    return 409 if codes & CONFLICT_CODES else 400


def _application_or_404(request, pk, *, purpose: str) -> Application:
    application = selectors.application_for_user(request.user, pk, request=request, purpose=purpose)
    if application is None:
        raise Http404(_("Permohonan tidak ditemukan."))
    return application


def _editable_or_404(request, pk) -> Application:
    """The application the person may fill in (the citizen, or the assisting officer)."""
    application = _application_or_404(request, pk, purpose=_("Mengisi permohonan pendampingan"))
    if not request.user.has_perm("civil_registry.change_application", application):
        raise Http404(_("Permohonan tidak ditemukan."))
    return application


def _require_perm(request, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied(_("Halaman ini hanya untuk petugas yang berwenang."))


def _tracking_url(request, application: Application) -> str:
    try:
        path = reverse("civil_registry_public:track")
    except NoReverseMatch:
        path = "/lacak/"
    return request.build_absolute_uri(f"{path}?nomor={application.tracking_number}")


def _labels(application: Application) -> dict[str, str]:
    return {spec["name"]: spec["label"] for spec in application.service_type.form_schema}


def _display_value(spec: dict, value) -> str:
    if value in ("", None):
        return ""
    if spec.get("type") == "choice":
        return next(
            (text for key, text in spec.get("choices", []) if str(key) == str(value)), value
        )
    return str(value)


def _summary(application: Application, steps) -> list[dict]:
    """The form data per step, with display values, for the review page and the officer."""
    return [
        {
            "step": step,
            "rows": [
                {
                    "name": spec["name"],
                    "label": spec["label"],
                    "value": _display_value(spec, application.data.get(spec["name"], "")),
                    "required": bool(spec.get("required")),
                }
                for spec in step.fields
            ],
        }
        for step in steps
    ]


def _register_names(request, application: Application) -> dict[str, str]:
    """Names from the population register for the NIK fields the person may look up."""
    names = {}
    for spec in application.service_type.form_schema:
        nik = application.data.get(spec["name"]) if spec.get("type") == "nik" else ""
        if nik:
            record = selectors.resident_lookup(
                user=request.user, nik=nik, request=request, purpose=_("Mengisi permohonan")
            )
            if record is not None:
                names[spec["name"]] = record.full_name
    return names


# --- The citizen -------------------------------------------------------------------------------


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
    error = ""
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
        except CivilRegistryError as exc:
            error = " ".join(_messages_of(exc))
        else:
            messages.success(request, _("Draf permohonan dibuat. Isian tersimpan setiap langkah."))
            return redirect("civil_registry:step", pk=application.pk, step=1)
    return render(
        request,
        "civil_registry/apply.html",
        {"service_type": service_type, "steps": form_steps(service_type), "error": error},
        status=400 if error else 200,
    )


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
    application = _editable_or_404(request, pk)
    if application.status != Status.DRAFT:
        return redirect("civil_registry:application_detail", pk=application.pk)
    steps = form_steps(application.service_type)
    if not 1 <= step <= len(steps):
        raise Http404(_("Langkah tidak ditemukan."))
    current = steps[step - 1]
    names = _register_names(request, application)
    initial = {
        **{n: application.data.get(n, "") for n in current.names},
        "version": application.version,
    }
    if request.method == "GET":
        form = ApplicationStepForm(initial=initial, specs=current.fields)
        return render(
            request,
            "civil_registry/step.html",
            _step_context(application, steps, current, form, register_names=names),
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
            messages.error(request, " ".join(exc.messages))
            fresh = ApplicationStepForm(
                initial={
                    **{n: application.data.get(n, "") for n in current.names},
                    "version": application.version,
                },
                specs=current.fields,
            )
            return render(
                request,
                "civil_registry/step.html",
                _step_context(application, steps, current, fresh, register_names=names, stale=True),
                status=409,
            )
        except CivilRegistryError as exc:
            if hasattr(exc, "error_dict"):
                form.add_service_errors(exc.message_dict)
            else:
                form.add_error(None, " ".join(exc.messages))
            status = _status_for(exc) if not hasattr(exc, "error_dict") else 400
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


def _requirement_rows(application: Application, upload_form=None, failed: str = "") -> list[dict]:
    checklist = selectors.requirement_checklist(application)
    by_code = {row["requirement"].code: row["requirement"] for row in checklist}
    corrections = {
        c.requirement.code: c
        for c in selectors.corrections_open(application)
        if c.requirement_id is not None
    }
    rows = []
    for row in checklist:
        requirement = row["requirement"]
        row = dict(row)
        row["substitute_names"] = [by_code[c].name for c in requirement.substitutes if c in by_code]
        row["substitute_for"] = [
            r.name for r in by_code.values() if requirement.code in r.substitutes
        ]
        row["max_mb"] = requirement.max_size / (1024 * 1024)
        row["correction"] = corrections.get(requirement.code)
        row["form"] = upload_form if failed == requirement.code else None
        rows.append(row)
    return rows


@login_required
@require_GET
def documents(request, pk: int):
    application = _editable_or_404(request, pk)
    if application.status != Status.DRAFT:
        return redirect("civil_registry:application_detail", pk=application.pk)
    steps = form_steps(application.service_type)
    return render(
        request,
        "civil_registry/documents.html",
        {
            "application": application,
            "steps": steps,
            "documents_step": len(steps) + 1,
            "review_step": len(steps) + 2,
            "rows": _requirement_rows(application),
        },
    )


@login_required
@require_POST
def upload(request, pk: int):
    """One file for one requirement; replacing a file replaces only that requirement's."""
    application = _editable_or_404(request, pk)
    form = UploadForm(request.POST, request.FILES)
    error = ""
    status = 400
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
        except CivilRegistryError as exc:
            error = " ".join(_messages_of(exc))
            status = _status_for(exc)
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
    steps = form_steps(application.service_type)
    template = (
        "civil_registry/correction.html"
        if application.status == Status.NEEDS_CORRECTION
        else "civil_registry/documents.html"
    )
    context = {
        "application": application,
        "steps": steps,
        "documents_step": len(steps) + 1,
        "review_step": len(steps) + 2,
        "rows": _requirement_rows(application, form, failed),
        "upload_error": error,
        "upload_requirement": failed,
    }
    if template.endswith("correction.html"):
        context.update(_correction_context(request, application))
    return render(request, template, context, status=status)


def _missing(application: Application, steps) -> list[dict]:
    found = []
    for step in steps:
        for spec in step.fields:
            if spec.get("required") and application.data.get(spec["name"], "") in ("", None):
                found.append({"label": spec["label"], "step": step.number})
    return found


def _review_context(request, application, steps, *, key: str, errors=None) -> dict:
    field_errors = []
    for name, messages_ in (errors or {}).items():
        for message in messages_:
            if name == "documents":
                field_errors.append({"message": message, "step": None, "documents": True})
            elif name in {n for s in steps for n in s.names}:
                label = _labels(application).get(name, name)
                field_errors.append(
                    {"message": f"{label}: {message}", "step": step_for_field(steps, name)}
                )
            else:
                field_errors.append({"message": message, "step": None})
    return {
        "application": application,
        "steps": steps,
        "summary": _summary(application, steps),
        "checklist": selectors.requirement_checklist(application),
        "missing": _missing(application, steps),
        "register_names": _register_names(request, application),
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
    application = _editable_or_404(request, pk)
    steps = form_steps(application.service_type)
    if request.method == "GET":
        if application.status != Status.DRAFT:
            return redirect("civil_registry:application_detail", pk=application.pk)
        key = secrets.token_urlsafe(24)
        return render(
            request,
            "civil_registry/review.html",
            _review_context(request, application, steps, key=key),
        )
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
    except CivilRegistryError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        application.refresh_from_db()
        context = _review_context(
            request, application, steps, key=form.cleaned_data["idempotency_key"], errors=errors
        )
        status = 400 if hasattr(exc, "error_dict") else _status_for(exc)
        return render(request, "civil_registry/review.html", context, status=status)
    if result.pin:
        request.session[PIN_SESSION_KEY % result.application.pk] = result.pin
    return redirect("civil_registry:receipt", pk=result.application.pk)


def _qr_data_uri(text: str) -> str:
    return "data:image/png;base64," + base64.b64encode(qr_png(text, box_size=5)).decode()


@never_cache
@login_required
@require_GET
def receipt(request, pk: int):
    """Tracking number, QR, due date; the PIN only right after submitting (never stored plain)."""
    application = _application_or_404(request, pk, purpose=_("Melihat tanda terima"))
    if not application.tracking_number:
        return redirect("civil_registry:application_detail", pk=application.pk)
    pin = request.session.pop(PIN_SESSION_KEY % application.pk, None)
    tracking_url = _tracking_url(request, application)
    return render(
        request,
        "civil_registry/receipt.html",
        {
            "application": application,
            "pin": pin,
            "tracking_url": tracking_url,
            "qr": _qr_data_uri(tracking_url),
        },
    )


@login_required
@require_GET
def receipt_pdf(request, pk: int):
    application = _application_or_404(request, pk, purpose=_("Mengunduh tanda terima"))
    if not application.tracking_number:
        raise Http404(_("Permohonan ini belum diajukan."))
    tracking_url = _tracking_url(request, application)
    rows = [
        (_("Nomor lacak"), application.tracking_number),
        (_("Layanan"), application.service_type.name),
        (_("Pemohon"), application.applicant_name),
        (_("NIK pemohon"), mask_nik(application.applicant_nik)),
        (_("Diajukan"), timezone.localtime(application.submitted_at).strftime("%d-%m-%Y %H:%M")),
        (_("Kantor"), application.office.name if application.office_id else "-"),
        (
            _("Perkiraan selesai"),
            application.due_date.strftime("%d-%m-%Y") if application.due_date else "-",
        ),
    ]
    pdf = build_official_pdf(
        OfficialDocument(
            title=_("TANDA TERIMA PERMOHONAN"),
            verification_url=tracking_url,
            verification_code=application.tracking_number,
            header_lines=(
                "PEMERINTAH KOTA SEMARANG",
                application.office.name.upper() if application.office_id else "",
            ),
            number=application.tracking_number,
            number_label=_("Nomor lacak"),
            rows=rows,
            paragraphs=[
                _(
                    "Simpan tanda terima ini. Status permohonan dapat diikuti dengan masuk ke "
                    "akun Anda, atau di alamat pada kode QR dengan nomor lacak dan PIN 6 angka "
                    "yang ditampilkan saat permohonan diajukan."
                )
            ],
            footer=_("Tanda terima ini dibuat otomatis dan tidak memerlukan tanda tangan."),
        )
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
    application = _application_or_404(request, pk, purpose=_("Melihat permohonan"))
    if not request.user.has_perm("civil_registry.change_application", application):
        # Staff who may see it (an officer from a notification link): their own page.
        return redirect("civil_registry:officer_review", pk=application.pk)
    history = selectors.application_history(application)
    corrections = selectors.corrections_open(application)
    labels = _labels(application)
    for correction in corrections:
        correction.target = (
            correction.requirement.name
            if correction.requirement_id
            else labels.get(correction.field_name, correction.field_name)
        )
    download_url = ""
    if application.document_id and application.status in (Status.ISSUED, Status.CLOSED):
        download_url = reverse(
            "documents:download", kwargs={"code": application.document.verification_code}
        )
    return render(
        request,
        "civil_registry/detail.html",
        {
            "application": application,
            "history": history,
            "corrections": corrections,
            "cancellable": application.status in CANCELLABLE,
            "cancel_form": CancelForm(),
            "download_url": download_url,
            "steps": form_steps(application.service_type),
        },
    )


@login_required
@require_POST
def cancel(request, pk: int):
    application = _editable_or_404(request, pk)
    form = CancelForm(request.POST)
    if not form.is_valid():
        return _conflict(
            request, application, " ".join(_messages_of(ValidationError(form.errors))), 400
        )
    try:
        services.application_cancel(
            application=application, user=request.user, reason=form.cleaned_data["reason"]
        )
    except CivilRegistryError as exc:
        return _conflict(request, application, " ".join(_messages_of(exc)), _status_for(exc))
    messages.success(request, _("Permohonan dibatalkan."))
    return redirect("civil_registry:application_detail", pk=application.pk)


def _conflict(request, application, message: str, status: int):
    """A refused action: the service's message, a 4xx, and the way back."""
    if application is None:
        back = reverse("civil_registry:queue")
    elif request.user.has_perm("civil_registry.change_application", application):
        back = reverse("civil_registry:application_detail", kwargs={"pk": application.pk})
    else:
        back = reverse("civil_registry:officer_review", kwargs={"pk": application.pk})
    return render(
        request,
        "civil_registry/refused.html",
        {"message": message, "back_url": back, "application": application},
        status=status,
    )


def _correction_context(request, application, field_form=None) -> dict:
    corrections = selectors.corrections_open(application)
    field_names = [c.field_name for c in corrections if c.field_name]
    specs = [s for s in application.service_type.form_schema if s["name"] in field_names]
    if field_form is None and specs:
        field_form = ApplicationStepForm(
            initial={
                **{s["name"]: application.data.get(s["name"], "") for s in specs},
                "version": application.version,
            },
            specs=specs,
        )
    labels = _labels(application)
    for correction in corrections:
        correction.target = (
            correction.requirement.name
            if correction.requirement_id
            else labels.get(correction.field_name, correction.field_name)
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
    application = _editable_or_404(request, pk)
    if application.status != Status.NEEDS_CORRECTION:
        return redirect("civil_registry:application_detail", pk=application.pk)
    status = 200
    field_form = None
    if request.method == "POST":
        context = _correction_context(request, application)
        specs = [
            s
            for s in application.service_type.form_schema
            if s["name"] in {c.field_name for c in context["corrections"]}
        ]
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
                messages.error(request, " ".join(exc.messages))
                application.refresh_from_db()
                field_form, status = None, 409
            except CivilRegistryError as exc:
                if hasattr(exc, "error_dict"):
                    field_form.add_service_errors(exc.message_dict)
                else:
                    field_form.add_error(None, " ".join(exc.messages))
            else:
                messages.success(request, _("Perbaikan isian tersimpan."))
                return redirect("civil_registry:correction", pk=application.pk)
    context = {
        "application": application,
        "rows": [r for r in _requirement_rows(application) if r["correction"]],
        **_correction_context(request, application, field_form),
    }
    return render(request, "civil_registry/correction.html", context, status=status)


@login_required
@require_POST
def resubmit(request, pk: int):
    application = _editable_or_404(request, pk)
    try:
        services.application_resubmit(application=application, user=request.user)
    except CivilRegistryError as exc:
        return _conflict(
            request,
            application,
            " ".join(_messages_of(exc)),
            _status_for(exc) if not hasattr(exc, "error_dict") else 400,
        )
    messages.success(request, _("Perbaikan terkirim. Permohonan akan diperiksa kembali."))
    return redirect("civil_registry:application_detail", pk=application.pk)


@login_required
@require_GET
@xframe_options_sameorigin
def document_file(request, pk: int, document_pk: int):
    """An uploaded file, shown inline to whoever may see the application (404 for others)."""
    application = _application_or_404(request, pk, purpose=_("Melihat berkas persyaratan"))
    document = next(
        (d for d in selectors.application_documents(application) if d.pk == int(document_pk)), None
    )
    if document is None or not document.file:
        raise Http404(_("Berkas tidak ditemukan."))
    try:
        handle = document.file.open("rb")
    except OSError:  # the row exists but storage lost the file: say so, never a 500
        raise Http404(_("Berkas tidak ditemukan.")) from None
    response = FileResponse(
        handle,
        content_type=document.content_type,
        as_attachment=False,
        filename=document.original_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    # Only the file itself: no scripts, shown only inside our own pages.
    response["Content-Security-Policy"] = (
        "frame-ancestors 'self'"
        if document.content_type == "application/pdf"
        else "default-src 'none'; img-src 'self'; frame-ancestors 'self'; sandbox"
    )
    response._csp_exempt = True
    return response


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


# --- Public tracking ---------------------------------------------------------------------------


def mask_name(name: str) -> str:
    """ "Budi Hartono" → "B*** H******": enough to recognise, not to identify."""
    return " ".join(w[0] + "*" * (len(w) - 1) for w in str(name).split() if w)


@never_cache
@require_http_methods(["GET", "POST"])
def track(request):
    """Follow an application with its tracking number and PIN, without signing in."""
    if request.method == "GET":
        form = TrackForm(initial={"nomor": str(request.GET.get("nomor", ""))[:20]})
        return render(request, "civil_registry/track.html", {"form": form})
    if rate_limited(request, scope="civil_registry_track", limit=TRACK_RATE_LIMIT):
        return render(
            request,
            "civil_registry/track.html",
            {
                "form": TrackForm(),
                "error": _("Terlalu banyak percobaan. Coba lagi dalam satu menit."),
            },
            status=429,
        )
    form = TrackForm(request.POST)
    if not form.is_valid():
        return render(request, "civil_registry/track.html", {"form": form}, status=400)
    try:
        application = selectors.tracking_lookup(
            form.cleaned_data["nomor"], form.cleaned_data["pin"]
        )
    except selectors.TrackingLocked:
        return render(
            request,
            "civil_registry/track.html",
            {
                "form": TrackForm(initial={"nomor": form.cleaned_data["nomor"]}),
                "error": _(
                    "Terlalu banyak PIN salah untuk nomor lacak ini. Demi keamanan, pelacakan "
                    "dikunci selama 15 menit. Coba lagi nanti, atau masuk ke akun Anda."
                ),
            },
            status=429,
        )
    if application is None:
        return render(
            request,
            "civil_registry/track.html",
            {
                "form": TrackForm(initial={"nomor": form.cleaned_data["nomor"]}),
                "error": _("Nomor lacak atau PIN tidak cocok. Periksa tanda terima Anda."),
            },
            status=404,
        )
    history = selectors.application_history(application)
    return render(
        request,
        "civil_registry/track.html",
        {
            "form": TrackForm(initial={"nomor": application.tracking_number}),
            "found": application,
            "masked_name": mask_name(application.applicant_name),
            "masked_nik": mask_nik(application.applicant_nik),
            "history": [e for e in history if e.kind == "transition"],
        },
    )


# --- The officer -------------------------------------------------------------------------------


@login_required
@require_GET
def queue(request):
    """Antrean kerja: the open applications of the officer's offices, due first."""
    _require_perm(request, "civil_registry.view_queue")
    service_types = list(
        selectors.service_types_active().only("code", "name").prefetch_related(None)
    )
    districts = list(organization_selectors.districts_of("33.74").only("code", "name"))
    form = QueueFilterForm(request.GET or None, services=service_types, districts=districts)
    filters: dict = {}
    status = 200
    if form.is_bound:
        if form.is_valid():
            filters = {
                "service": form.cleaned_data["service"],
                "status": form.cleaned_data["status"],
                "due_before": form.cleaned_data["due_before"],
                "district": form.cleaned_data["district"],
            }
        else:
            status = 400
    page = CappedPaginator(
        selectors.officer_queue(request.user, **filters), QUEUE_PAGE_SIZE
    ).get_page(request.GET.get("halaman"))
    query = request.GET.copy()
    query.pop("halaman", None)
    template = "civil_registry/queue.html"
    if request.htmx and request.htmx.target == "antrean":
        template = "civil_registry/_queue_table.html"
    return render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "can_assist": request.user.has_perm("civil_registry.create_assisted_application"),
            "can_process": request.user.has_role("service_officer")
            or request.user.has_role("verifier"),
            "claimable": (Status.SUBMITTED, Status.RESUBMITTED),
        },
        status=status,
    )


@login_required
@require_POST
def claim_next(request):
    _require_perm(request, "civil_registry.view_queue")
    try:
        application = services.application_claim_next(
            officer=request.user, service_type=str(request.POST.get("service", ""))[:50]
        )
    except CivilRegistryError as exc:
        return _conflict(request, None, " ".join(_messages_of(exc)), _status_for(exc))
    if application is None:
        messages.info(request, _("Tidak ada permohonan yang menunggu diperiksa."))
        return redirect("civil_registry:queue")
    return redirect("civil_registry:officer_review", pk=application.pk)


@login_required
@require_POST
def claim(request, pk: int):
    _require_perm(request, "civil_registry.view_queue")
    application = _application_or_404(request, pk, purpose=_("Mengambil permohonan"))
    try:
        services.application_claim(application=application, officer=request.user)
    except CivilRegistryError as exc:
        message = " ".join(_messages_of(exc))
        if getattr(exc, "code", "") == "claimed":
            message = _(
                "Permohonan ini baru saja diambil petugas lain. Pilih permohonan lain dari antrean."
            )
        return _conflict(request, application, message, 409)
    return redirect("civil_registry:officer_review", pk=application.pk)


DUPLICATE_FIELDS = (
    "child_name",
    "birth_date",
    "mother_nik",
    "father_nik",
    "deceased_nik",
    "deceased_name",
    "death_date",
)


def _resident_values(resident) -> dict:
    return {
        "child_name": resident.full_name,
        "deceased_name": resident.full_name,
        "birth_date": resident.birth_date.isoformat(),
        "mother_nik": resident.mother_nik,
        "father_nik": resident.father_nik,
        "deceased_nik": resident.nik,
        "death_date": resident.death_date.isoformat() if resident.death_date else "",
    }


def _comparison(application, flag) -> list[dict]:
    """The fields the duplicate rules look at, this application beside the matching record."""
    labels = _labels(application)
    if flag.other_application_id:
        other = flag.other_application.data
    else:
        other = _resident_values(flag.resident) if flag.resident_id else {}
    return [
        {
            "label": labels[name],
            "this": application.data.get(name, ""),
            "other": other.get(name, ""),
            "same": str(application.data.get(name, "")).strip().lower()
            == str(other.get(name, "")).strip().lower(),
        }
        for name in DUPLICATE_FIELDS
        if name in labels
    ]


def _officer_context(request, application, **forms_) -> dict:
    steps = form_steps(application.service_type)
    flags = selectors.duplicate_flags(application)
    for flag in flags:
        flag.comparison = _comparison(application, flag)
    claimed_by_me = (
        application.status == Status.IN_REVIEW and application.claimed_by_id == request.user.pk
    )
    requirements = list(application.service_type.requirements.order_by("order", "pk"))
    return {
        "application": application,
        "summary": _summary(application, steps),
        "checklist": selectors.requirement_checklist(application),
        "corrections": selectors.corrections_open(application),
        "flags": flags,
        "history": selectors.application_history(application),
        "labels": _labels(application),
        "claimed_by_me": claimed_by_me,
        "can_claim": application.status in (Status.SUBMITTED, Status.RESUBMITTED)
        and request.user.has_perm("civil_registry.process_application", application),
        "can_sign": application.status == Status.AWAITING_SIGNATURE
        and request.user.has_perm("civil_registry.sign_application", application),
        "correction_form": forms_.get("correction_form")
        or CorrectionRequestForm(
            requirements=requirements, specs=application.service_type.form_schema
        ),
        "reject_form": forms_.get("reject_form") or RejectForm(),
        "approve_form": forms_.get("approve_form") or ApproveForm(),
        "decision_error": forms_.get("decision_error", ""),
        "pending_flags": any(f.decision == DuplicateFlag.Decision.PENDING for f in flags),
    }


def _officer_application(request, pk, purpose) -> Application:
    _require_perm(request, "civil_registry.view_queue")
    return _application_or_404(request, pk, purpose=purpose)


@login_required
@require_GET
def officer_review(request, pk: int):
    """The form data beside the uploaded files, the checklist, duplicates and the decisions."""
    application = _officer_application(request, pk, _("Memeriksa permohonan"))
    return render(
        request, "civil_registry/officer_review.html", _officer_context(request, application)
    )


def _decision(request, pk, *, form_class, form_key, call, done_message):
    application = _officer_application(request, pk, _("Memutuskan permohonan"))
    kwargs = {}
    if form_class is CorrectionRequestForm:
        kwargs = {
            "requirements": list(application.service_type.requirements.order_by("order", "pk")),
            "specs": application.service_type.form_schema,
        }
    form = form_class(request.POST, **kwargs)
    if not form.is_valid():
        context = _officer_context(request, application, **{form_key: form})
        return render(request, "civil_registry/officer_review.html", context, status=400)
    try:
        call(application, form)
    except CivilRegistryError as exc:
        if hasattr(exc, "error_dict"):
            for name, messages_ in exc.message_dict.items():
                for message in messages_:
                    form.add_error(name if name in form.fields else None, message)
            status = 400
        else:
            status = _status_for(exc)
            if getattr(exc, "code", "") in ("reason_required", "requirement", "no_items"):
                status = 400
            form.add_error(None, " ".join(exc.messages))
        context = _officer_context(request, application, **{form_key: form})
        context["decision_error"] = " ".join(_messages_of(exc))
        return render(request, "civil_registry/officer_review.html", context, status=status)
    messages.success(request, done_message)
    return redirect("civil_registry:queue")


@login_required
@require_POST
def request_correction(request, pk: int):
    return _decision(
        request,
        pk,
        form_class=CorrectionRequestForm,
        form_key="correction_form",
        call=lambda application, form: services.application_request_correction(
            application=application,
            officer=request.user,
            items=form.items(),
            note=form.cleaned_data["note"],
        ),
        done_message=_("Permintaan perbaikan dikirim kepada pemohon."),
    )


@login_required
@require_POST
def reject(request, pk: int):
    return _decision(
        request,
        pk,
        form_class=RejectForm,
        form_key="reject_form",
        call=lambda application, form: services.application_reject(
            application=application, officer=request.user, reason=form.cleaned_data["reason"]
        ),
        done_message=_("Permohonan ditolak; pemohon diberi tahu alasannya."),
    )


@login_required
@require_POST
def approve(request, pk: int):
    return _decision(
        request,
        pk,
        form_class=ApproveForm,
        form_key="approve_form",
        call=lambda application, form: services.application_approve(
            application=application,
            officer=request.user,
            note=form.cleaned_data["approve_note"],
        ),
        done_message=_("Permohonan disetujui; dokumen dikirim ke pejabat penandatangan."),
    )


@login_required
@require_POST
def duplicate_decide(request, pk: int, flag_pk: int):
    application = _officer_application(request, pk, _("Memutuskan duplikat"))
    flag = next((f for f in selectors.duplicate_flags(application) if f.pk == int(flag_pk)), None)
    if flag is None:
        raise Http404(_("Peringatan duplikat tidak ditemukan."))
    form = DuplicateDecisionForm(request.POST)
    if not form.is_valid():
        context = _officer_context(request, application)
        context["decision_error"] = _("Pilih: duplikat atau bukan duplikat.")
        return render(request, "civil_registry/officer_review.html", context, status=400)
    try:
        services.duplicate_decide(
            flag=flag, officer=request.user, decision=form.cleaned_data["decision"]
        )
    except CivilRegistryError as exc:
        return _conflict(request, application, " ".join(_messages_of(exc)), _status_for(exc))
    messages.success(request, _("Keputusan duplikat dicatat."))
    return redirect("civil_registry:officer_review", pk=application.pk)


# --- Signing -----------------------------------------------------------------------------------


@login_required
@require_GET
def sign_list(request):
    if not request.user.has_role("signing_official"):
        raise PermissionDenied(_("Halaman ini hanya untuk pejabat penandatangan."))
    page = Paginator(
        selectors.applications_awaiting_signature(request.user), QUEUE_PAGE_SIZE
    ).get_page(request.GET.get("halaman"))
    return render(request, "civil_registry/sign_list.html", {"page": page})


def _signable(request, pk) -> Application:
    application = _application_or_404(
        request, pk, purpose=_("Memeriksa dokumen sebelum tanda tangan")
    )
    if not request.user.has_perm("civil_registry.sign_application", application):
        raise PermissionDenied(_("Anda tidak berwenang menandatangani dokumen ini."))
    return application


@login_required
@require_http_methods(["GET", "POST"])
def sign(request, pk: int):
    application = _signable(request, pk)
    requires_passphrase = bool(getattr(get_signer(), "requires_passphrase", False))
    form = SignForm(
        request.POST if request.method == "POST" else None, requires_passphrase=requires_passphrase
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.application_sign(
                    application=application,
                    signer=request.user,
                    passphrase=form.cleaned_data.get("passphrase") or None,
                )
            except ValidationError as exc:  # CivilRegistryError, or the signer's SigningError
                form.add_error(None, " ".join(_messages_of(exc)))
                status = _status_for(exc)
            else:
                messages.success(
                    request,
                    _("Dokumen %(number)s ditandatangani dan terbit.")
                    % {"number": application.registration_number},
                )
                return redirect("civil_registry:sign_list")
    awaiting = application.status == Status.AWAITING_SIGNATURE and application.document_id
    return render(
        request,
        "civil_registry/sign.html",
        {"application": application, "form": form, "awaiting": awaiting},
        status=status,
    )


@login_required
@require_GET
@xframe_options_sameorigin
def sign_pdf(request, pk: int):
    """The generated, not yet signed PDF, for the official to read before signing."""
    application = _signable(request, pk)
    document = application.document
    if document is None or not document.unsigned_file:
        raise Http404(_("Dokumen belum dibuat."))
    response = FileResponse(
        document.unsigned_file.open("rb"), content_type="application/pdf", as_attachment=False
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "frame-ancestors 'self'"
    response._csp_exempt = True
    return response


# --- Assisted intake ---------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def assisted_intake(request):
    """A kelurahan/kecamatan officer starts an application on a citizen's behalf."""
    _require_perm(request, "civil_registry.create_assisted_application")
    service_types = list(selectors.service_types_active())
    form = AssistedIntakeForm(
        request.POST if request.method == "POST" else None, services=service_types
    )
    found = None
    status = 200
    if request.method == "POST":
        status = 400
        if request.POST.get("action") == "lookup":
            nik = str(request.POST.get("citizen_nik", "")).strip()[:16]
            found = (
                selectors.resident_lookup(
                    user=request.user,
                    nik=nik,
                    request=request,
                    purpose=_("Pendampingan: mencari NIK warga"),
                )
                if nik
                else None
            )
            form = AssistedIntakeForm(
                initial={
                    k: request.POST.get(k, "")
                    for k in ("service_type", "citizen_nik", "citizen_name", "consent_note")
                },
                services=service_types,
            )
            status = 200 if found else 404
            return render(
                request,
                "civil_registry/assisted.html",
                {"form": form, "found": found, "looked_up": True},
                status=status,
            )
        if form.is_valid():
            service_type = next(
                s for s in service_types if s.code == form.cleaned_data["service_type"]
            )
            try:
                application = services.application_create_assisted(
                    officer=request.user,
                    service_type=service_type,
                    citizen_nik=form.cleaned_data["citizen_nik"],
                    citizen_name=form.cleaned_data["citizen_name"],
                    consent_note=form.cleaned_data["consent_note"],
                    data=selectors.application_prefill(
                        user=request.user,
                        service_type=service_type,
                        nik=form.cleaned_data["citizen_nik"],
                        request=request,
                    ),
                )
            except CivilRegistryError as exc:
                if hasattr(exc, "error_dict"):
                    for name, messages_ in exc.message_dict.items():
                        for message in messages_:
                            form.add_error(name if name in form.fields else None, message)
                else:
                    form.add_error(None, " ".join(exc.messages))
            else:
                messages.success(
                    request, _("Permohonan pendampingan dibuat. Lengkapi isiannya bersama warga.")
                )
                return redirect("civil_registry:step", pk=application.pk, step=1)
    return render(
        request, "civil_registry/assisted.html", {"form": form, "found": found}, status=status
    )


# --- Appointments (antrean online) -------------------------------------------------------------

BOOKING_WINDOW_WORKING_DAYS = 14


def _booking_window() -> tuple:
    today = timezone.localdate()
    return today, add_working_days(today, BOOKING_WINDOW_WORKING_DAYS)


def _slot_days(slots) -> list[dict]:
    """Slots grouped per local day, for a list of days with their times."""
    days: dict = {}
    for slot in slots:
        days.setdefault(timezone.localdate(slot.starts_at), []).append(slot)
    return [{"day": day, "slots": day_slots} for day, day_slots in days.items()]


def _own_application_or_none(request, pk) -> Application | None:
    if not pk:
        return None
    application = selectors.application_for_user(request.user, pk, request=request)
    if application is None or not request.user.has_perm(
        "civil_registry.change_application", application
    ):
        raise Http404(_("Permohonan tidak ditemukan."))
    return application


def _appointment_or_404(request, pk):
    appointment = selectors.appointment_for_citizen(request.user, pk)
    if appointment is None:
        raise Http404(_("Janji temu tidak ditemukan."))
    return appointment


@login_required
@require_GET
def appointments(request):
    """Jadwal kunjungan: the citizen's bookings, and free slots of a counter for the next
    14 working days."""
    services_ = list(selectors.service_types_needing_visit())
    locations = list(selectors.service_locations_active())
    application = _own_application_or_none(request, request.GET.get("permohonan"))
    data = request.GET.copy()
    if application is not None:
        data["layanan"] = application.service_type.code
    elif not data.get("layanan") and services_:
        data["layanan"] = services_[0].code
    form = SlotSearchForm(data, locations=locations, services=services_)
    location = service_type = None
    days: list[dict] = []
    status = 200
    if form.is_valid():
        location = next((x for x in locations if x.code == form.cleaned_data["lokasi"]), None)
        service_type = next(s for s in services_ if s.code == form.cleaned_data["layanan"])
        if location is not None:
            date_from, date_to = _booking_window()
            days = _slot_days(
                selectors.appointment_slots_available(
                    location=location,
                    service_type=service_type,
                    date_from=date_from,
                    date_to=date_to,
                )
            )
    elif request.GET:
        status = 400
    return render(
        request,
        "civil_registry/appointments.html",
        {
            "form": form,
            "location": location,
            "service_type": service_type,
            "days": days,
            "application": application,
            "bookings": list(selectors.appointments_for_citizen(request.user)[:20]),
        },
        status=status,
    )


def _refused(request, message: str, status: int, back_url: str):
    return render(
        request,
        "civil_registry/refused.html",
        {"message": message, "back_url": back_url, "application": None},
        status=status,
    )


@login_required
@require_POST
def appointment_book(request):
    form = AppointmentBookForm(request.POST)
    back = reverse("civil_registry:appointments")
    if not form.is_valid():
        return _refused(request, _("Pilih jadwal dari daftar slot."), 400, back)
    slot = selectors.appointment_slot_by_id(form.cleaned_data["slot"])
    if slot is None:
        raise Http404(_("Jadwal tidak ditemukan."))
    application = _own_application_or_none(request, form.cleaned_data.get("permohonan"))
    if application is not None and application.service_type_id != slot.service_type_id:
        return _refused(request, _("Jadwal ini untuk layanan lain."), 400, back)
    try:
        appointment = services.appointment_book(
            citizen=request.user, slot=slot, application=application
        )
    except CivilRegistryError as exc:
        if getattr(exc, "code", "") == "already_booked":
            # A double tap or a retry: the first request booked it; show that booking.
            existing = (
                selectors.appointments_for_citizen(request.user)
                .filter(slot=slot, state="booked")
                .first()
            )
            if existing is not None:
                messages.info(request, _("Anda sudah memesan jadwal ini."))
                return redirect("civil_registry:appointment_detail", pk=existing.pk)
        return _refused(
            request, " ".join(_messages_of(exc)), 409, f"{back}?lokasi={slot.location.code}"
        )
    messages.success(request, _("Jadwal kunjungan dipesan. Tunjukkan kode QR ini di loket."))
    return redirect("civil_registry:appointment_detail", pk=appointment.pk)


@never_cache
@login_required
@require_GET
def appointment_detail(request, pk: int):
    """The booking with its code and QR code to show at the counter; move or cancel it."""
    appointment = _appointment_or_404(request, pk)
    slot = appointment.slot
    days: list[dict] = []
    if appointment.state == appointment.State.BOOKED:
        date_from, date_to = _booking_window()
        days = _slot_days(
            s
            for s in selectors.appointment_slots_available(
                location=slot.location,
                service_type=slot.service_type,
                date_from=date_from,
                date_to=date_to,
            )
            if s.pk != slot.pk
        )
    return render(
        request,
        "civil_registry/appointment_detail.html",
        {"appointment": appointment, "qr": _qr_data_uri(appointment.code), "days": days},
    )


@login_required
@require_POST
def appointment_reschedule(request, pk: int):
    appointment = _appointment_or_404(request, pk)
    back = reverse("civil_registry:appointment_detail", kwargs={"pk": appointment.pk})
    form = AppointmentRescheduleForm(request.POST)
    if not form.is_valid():
        return _refused(request, _("Pilih jadwal baru dari daftar slot."), 400, back)
    new_slot = selectors.appointment_slot_by_id(form.cleaned_data["slot"])
    if new_slot is None:
        raise Http404(_("Jadwal tidak ditemukan."))
    try:
        services.appointment_reschedule(
            appointment=appointment, user=request.user, new_slot=new_slot
        )
    except CivilRegistryError as exc:
        status = 400 if getattr(exc, "code", "") == "slot_service" else 409
        return _refused(request, " ".join(_messages_of(exc)), status, back)
    messages.success(request, _("Jadwal kunjungan dipindahkan. Kode booking tetap sama."))
    return redirect(back)


@login_required
@require_POST
def appointment_cancel(request, pk: int):
    appointment = _appointment_or_404(request, pk)
    try:
        services.appointment_cancel(appointment=appointment, user=request.user)
    except CivilRegistryError as exc:
        back = reverse("civil_registry:appointment_detail", kwargs={"pk": appointment.pk})
        return _refused(request, " ".join(_messages_of(exc)), 409, back)
    messages.success(request, _("Janji temu dibatalkan."))
    return redirect("civil_registry:appointments")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def appointments_counter(request):
    """Kunjungan hari ini at a counter: the day's bookings and check-in by code (typed, or
    scanned from the citizen's QR code with a scanner that types it)."""
    locations = list(selectors.service_locations_for_officer(request.user))
    if not locations:
        raise PermissionDenied(_("Halaman ini hanya untuk petugas loket lokasi layanan."))
    code = str(request.GET.get("lokasi", ""))[:40]
    location = next((x for x in locations if x.code == code), locations[0])
    form = CheckInForm(request.POST or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                appointment = services.appointment_check_in(
                    code=form.cleaned_data["code"], officer=request.user
                )
            except PermissionDenied:
                form.add_error(
                    "code", _("Kode booking ini untuk lokasi lain; arahkan warga ke lokasinya.")
                )
                status = 403
            except CivilRegistryError as exc:
                code_ = getattr(exc, "code", "")
                form.add_error("code", " ".join(_messages_of(exc)))
                status = 404 if code_ == "not_found" else 409
            else:
                messages.success(
                    request,
                    _("%(name)s sudah hadir (%(code)s).")
                    % {"name": appointment.citizen.full_name, "code": appointment.code},
                )
                location = appointment.slot.location
                target = reverse("civil_registry:appointments_counter")
                return redirect(f"{target}?lokasi={location.code}")
    day = timezone.localdate()
    return render(
        request,
        "civil_registry/appointments_counter.html",
        {
            "locations": locations,
            "location": location,
            "day": day,
            "form": form,
            "appointments": list(
                selectors.appointments_for_location_day(request.user, location=location, day=day)
            ),
        },
        status=status,
    )
