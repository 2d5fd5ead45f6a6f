"""The staff's pages: the work queue, the review with its decisions, duplicates, signing,
assisted intake, and the counter's check-in of booked visits.

Which buttons a page shows comes from the workflow (``selectors.allowed_actions``): a button is
there exactly when its action would succeed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from balaikota.core.errors import DomainError
from balaikota.core.files import private_file_response
from balaikota.core.web import form_add_error, refused_response
from balaikota.organization import selectors as organization_selectors

from .. import integrations, selectors, services
from ..forms import (
    ApproveForm,
    AssistedIntakeForm,
    CheckInForm,
    CorrectionRequestForm,
    DuplicateDecisionForm,
    QueueFilterForm,
    RejectForm,
    ReleaseForm,
    ReturnToOfficerForm,
    SignForm,
    form_steps,
)
from ..models import Application
from ..workflows import APPLICATION_QUEUE
from ._common import QUEUE_PAGE_SIZE, application_or_404, back_to


def _require_perm(request, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied(_("Halaman ini hanya untuk petugas yang berwenang."))


# --- The queue ---------------------------------------------------------------------------------


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
    page = APPLICATION_QUEUE.page(
        selectors.officer_queue(request.user, **filters),
        request.GET.get("halaman"),
        per_page=QUEUE_PAGE_SIZE,
    )
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
            "can_claim": request.user.has_perm("civil_registry.claim_application"),
            "can_check_in": request.user.has_perm("civil_registry.check_in_appointment"),
            "can_sign": request.user.has_perm("civil_registry.view_signing_list"),
        },
        status=status,
    )


@login_required
@require_POST
def claim_next(request):
    _require_perm(request, "civil_registry.claim_application")
    try:
        application = services.application_claim_next(
            officer=request.user, service_type=str(request.POST.get("service", ""))[:50]
        )
    except DomainError as exc:
        return refused_response(request, exc, back_url=reverse("civil_registry:queue"))
    if application is None:
        messages.info(request, _("Tidak ada permohonan yang menunggu diperiksa."))
        return redirect("civil_registry:queue")
    return redirect("civil_registry:officer_review", pk=application.pk)


def _officer_application(request, pk, purpose) -> Application:
    _require_perm(request, "civil_registry.view_queue")
    return application_or_404(request, pk, purpose=purpose)


@login_required
@require_POST
def claim(request, pk: int):
    application = _officer_application(request, pk, _("Mengambil permohonan"))
    try:
        services.application_claim(application=application, officer=request.user)
    except DomainError as exc:
        if exc.code == "claimed":
            exc = type(exc)(
                _(
                    "Permohonan ini baru saja diambil petugas lain. Pilih permohonan lain dari "
                    "antrean."
                ),
                code="claimed",
            )
        return refused_response(request, exc, back_url=back_to(request, application))
    return redirect("civil_registry:officer_review", pk=application.pk)


@login_required
@require_POST
def release(request, pk: int):
    application = _officer_application(request, pk, _("Mengembalikan permohonan ke antrean"))
    form = ReleaseForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.application_release(application=application, officer=request.user, reason=reason)
    except DomainError as exc:
        return refused_response(request, exc, back_url=back_to(request, application))
    messages.success(request, _("Permohonan dikembalikan ke antrean."))
    return redirect("civil_registry:queue")


# --- The review and its decisions ----------------------------------------------------------------


def _officer_context(request, application, **forms_) -> dict:
    steps = form_steps(application.service_type)
    requirements = list(application.service_type.requirements.order_by("order", "pk"))
    flags = selectors.duplicate_comparisons(application)
    actions = selectors.allowed_actions(request.user, application)
    document = application.document if application.document_id else None
    return {
        "application": application,
        "document": document,
        "progress": selectors.document_progress(application),
        "download_url": selectors.document_download_url(request.user, application),
        "summary": selectors.application_summary(application, steps),
        "register_checks": selectors.register_checks(application),
        "checklist": selectors.requirement_checklist(application),
        "corrections": selectors.corrections_open(application),
        "flags": flags,
        "history": selectors.application_history(application),
        "labels": selectors.field_labels(application),
        "actions": actions,
        "approve_refusal": (
            selectors.approve_refusal(request.user, application)
            if "approve" not in actions and "reject" in actions
            else None
        ),
        "correction_form": forms_.get("correction_form")
        or CorrectionRequestForm(
            requirements=requirements, specs=application.service_type.form_schema
        ),
        "reject_form": forms_.get("reject_form") or RejectForm(),
        "approve_form": forms_.get("approve_form") or ApproveForm(),
        "return_form": forms_.get("return_form") or ReturnToOfficerForm(),
        "decision_error": forms_.get("decision_error", ""),
    }


@login_required
@require_GET
def officer_review(request, pk: int):
    """The form data beside the uploaded files, the checklist, duplicates and the decisions."""
    application = _officer_application(request, pk, _("Memeriksa permohonan"))
    return render(
        request, "civil_registry/officer_review.html", _officer_context(request, application)
    )


def _decision(
    request, pk, *, form_class, form_key, call, done_message, done_url="civil_registry:queue"
):
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
    except DomainError as exc:
        form_add_error(form, exc)
        application.refresh_from_db()
        context = _officer_context(request, application, **{form_key: form})
        context["decision_error"] = exc.text
        return render(request, "civil_registry/officer_review.html", context, status=exc.status)
    messages.success(request, done_message)
    return redirect(done_url)


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
def forward(request, pk: int):
    return _decision(
        request,
        pk,
        form_class=ApproveForm,
        form_key="approve_form",
        call=lambda application, form: services.application_forward(
            application=application, officer=request.user, note=form.cleaned_data["approve_note"]
        ),
        done_message=_("Permohonan diteruskan ke verifikator."),
    )


@login_required
@require_POST
def verify(request, pk: int):
    return _decision(
        request,
        pk,
        form_class=ApproveForm,
        form_key="approve_form",
        call=lambda application, form: services.application_verify(
            application=application, verifier=request.user, note=form.cleaned_data["approve_note"]
        ),
        done_message=_("Permohonan disetujui; dokumen dikirim ke pejabat penandatangan."),
        done_url="civil_registry:verification_list",
    )


@login_required
@require_POST
def return_to_officer(request, pk: int):
    return _decision(
        request,
        pk,
        form_class=ReturnToOfficerForm,
        form_key="return_form",
        call=lambda application, form: services.application_return_to_officer(
            application=application,
            verifier=request.user,
            reason=form.cleaned_data["return_reason"],
        ),
        done_message=_("Permohonan dikembalikan ke petugas pemeriksa."),
        done_url="civil_registry:verification_list",
    )


@login_required
@require_GET
def verification_list(request):
    """The verifier's list: applications their office's officers forwarded, oldest due first."""
    _require_perm(request, "civil_registry.view_verification_list")
    return render(
        request,
        "civil_registry/verification_list.html",
        {"applications": selectors.verification_list(request.user)},
    )


@login_required
@require_POST
def retry_document(request, pk: int):
    application = _officer_application(request, pk, _("Membuat ulang dokumen"))
    try:
        services.application_document_retry(application=application, officer=request.user)
    except DomainError as exc:
        return refused_response(request, exc, back_url=back_to(request, application))
    messages.success(request, _("Dokumen sedang dibuat ulang."))
    return redirect("civil_registry:officer_review", pk=application.pk)


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
    except DomainError as exc:
        return refused_response(request, exc, back_url=back_to(request, application))
    messages.success(request, _("Keputusan duplikat dicatat."))
    return redirect("civil_registry:officer_review", pk=application.pk)


# --- Signing -----------------------------------------------------------------------------------


@login_required
@require_GET
def sign_list(request):
    if not request.user.has_perm("civil_registry.view_signing_list"):
        raise PermissionDenied(_("Halaman ini hanya untuk pejabat penandatangan."))
    page = APPLICATION_QUEUE.page(
        selectors.applications_awaiting_signature(request.user),
        request.GET.get("halaman"),
        per_page=QUEUE_PAGE_SIZE,
    )
    for row in page.object_list:
        row.progress = selectors.document_progress(row)
    return render(
        request,
        "civil_registry/sign_list.html",
        {"page": page, "signed": selectors.recently_signed(request.user)},
    )


def _signable(request, pk) -> Application:
    application = application_or_404(
        request, pk, purpose=_("Memeriksa dokumen sebelum tanda tangan")
    )
    if not request.user.has_perm("civil_registry.sign_application", application):
        raise PermissionDenied(_("Anda tidak berwenang menandatangani dokumen ini."))
    return application


@login_required
@require_http_methods(["GET", "POST"])
def sign(request, pk: int):
    application = _signable(request, pk)
    requires_passphrase = integrations.signer_requires_passphrase()
    form = SignForm(
        request.POST if request.method == "POST" else None, requires_passphrase=requires_passphrase
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                application = services.application_sign(
                    application=application,
                    signer=request.user,
                    passphrase=form.cleaned_data.get("passphrase") or None,
                )
            except DomainError as exc:  # the rule refused, or the signer failed
                status = exc.status
                application.refresh_from_db()
                if selectors.document_progress(application) != "signing_failed":
                    # (a signer's failure is shown once, above the document)
                    form_add_error(form, exc)
            else:
                issued, text = selectors.signing_outcome(application)
                (messages.success if issued else messages.info)(request, text)
                return redirect("civil_registry:sign_list")
    actions = selectors.allowed_actions(request.user, application)
    return render(
        request,
        "civil_registry/sign.html",
        {
            "application": application,
            "document": application.document if application.document_id else None,
            "progress": selectors.document_progress(application),
            "form": form,
            "awaiting": "sign" in actions,
        },
        status=status,
    )


@login_required
@require_GET
@xframe_options_sameorigin
def sign_pdf(request, pk: int):
    """The generated, not yet signed PDF, for the official to read before signing."""
    application = _signable(request, pk)
    document = application.document if application.document_id else None
    if document is None or not document.unsigned_file:
        raise Http404(_("Dokumen belum dibuat."))
    return private_file_response(
        document.unsigned_file,
        content_type="application/pdf",
        filename=f"{application.registration_number or 'dokumen'}.pdf",
        inline=True,
    )


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
    status = 200
    if request.method == "POST" and request.POST.get("action") == "lookup":
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
        return render(
            request,
            "civil_registry/assisted.html",
            {"form": form, "found": found, "looked_up": True},
            status=200 if found else 404,
        )
    if request.method == "POST":
        status = 400
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
            except DomainError as exc:
                form_add_error(form, exc)
                status = exc.status
            else:
                messages.success(
                    request, _("Permohonan pendampingan dibuat. Lengkapi isiannya bersama warga.")
                )
                return redirect("civil_registry:step", pk=application.pk, step=1)
    return render(
        request, "civil_registry/assisted.html", {"form": form, "found": None}, status=status
    )


# --- The counter: check-in of booked visits ----------------------------------------------------


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
            except DomainError as exc:
                form.add_error("code", exc.text)
                status = exc.status
            else:
                messages.success(
                    request,
                    _("%(name)s sudah hadir (%(code)s).")
                    % {"name": appointment.citizen.full_name, "code": appointment.code},
                )
                target = reverse("civil_registry:appointments_counter")
                return redirect(f"{target}?lokasi={appointment.slot.location.code}")
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
