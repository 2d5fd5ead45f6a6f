"""Complaint pages: file one, read it (anyone, for a public one), follow it up, and the OPD's
queue and handling page. Thin: every decision is a service's or a rule's."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from balaikota.core.errors import DomainError, Forbidden
from balaikota.core.files import private_file_response
from balaikota.core.ratelimit import RateLimit
from balaikota.core.services import access_log_record
from balaikota.core.web import form_add_error

from . import selectors, services
from .forms import AnswerForm, ComplaintForm, FollowUpForm, ForwardForm, RejectForm
from .models import Status
from .workflows import COMPLAINT_WORKFLOW, QUEUE

FILING_ANONYMOUS = RateLimit(
    "complaints.file_anonymous",
    limit=3,
    window=3600,
    message="Tanpa akun, pengaduan dapat dikirim 3 kali per jam. Coba lagi dalam %(when)s, "
    "atau masuk dengan akun warga.",
)
FILING = RateLimit("complaints.file", limit=10, window=3600)
SIMILAR = RateLimit("complaints.similar", limit=60, window=60)
KEYS_SESSION = "complaint_keys"
PAGE_SIZE = 20


def _key_for(request, number: str) -> str:
    return request.session.get(KEYS_SESSION, {}).get(number, "")


@require_GET
def complaint_list(request):
    opd_code = request.GET.get("opd", "")[:30]
    status = request.GET.get("status", "")
    if status and status not in Status.values:
        status = ""
    rows = selectors.public_complaints(opd_code=opd_code, status=status)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("halaman"))
    return render(
        request,
        "complaints/list.html",
        {"page": page, "statuses": Status.choices, "status": status},
    )


@require_http_methods(["GET", "POST"])
def complaint_new(request):
    signed_in = request.user.is_authenticated
    initial = {"submit_key": uuid.uuid4().hex}
    if request.method == "GET" and request.GET.get("layanan"):
        initial["service"] = request.GET["layanan"][:100]
    form = ComplaintForm(
        request.POST or None, request.FILES or None, signed_in=signed_in, initial=initial
    )
    status = 200
    if request.method == "POST":
        if form.data.get("website"):  # the honeypot: answer as if it worked, keep nothing
            return redirect("complaints:list")
        limit = FILING if signed_in else FILING_ANONYMOUS
        limit.check(request)
        if form.is_valid():
            data = form.cleaned_data
            try:
                filed = services.complaint_submit(
                    user=request.user,
                    category=data["category"],
                    service=data["service"],
                    opd=data["opd"],
                    title=data["title"],
                    body=data["body"],
                    incident_place=data["incident_place"],
                    incident_date=data["incident_date"],
                    contact_name=data.get("contact_name", ""),
                    contact_email=data.get("contact_email", ""),
                    contact_phone=data.get("contact_phone", ""),
                    is_anonymous=data["is_anonymous"],
                    is_public=data["is_public"],
                    attachments=data["attachments"],
                    submit_key=data["submit_key"],
                )
            except DomainError as exc:
                form_add_error(form, exc)
                status = exc.status
            else:
                number = filed.complaint.tracking_number
                if filed.access_key:
                    keys = request.session.get(KEYS_SESSION, {})
                    keys[number] = filed.access_key
                    request.session[KEYS_SESSION] = keys
                    request.session["complaint_new_key"] = {number: filed.access_key}
                return redirect("complaints:filed", number=number)
        else:
            status = 400
    return render(request, "complaints/new.html", {"form": form}, status=status)


@require_GET
def complaint_filed(request, number: str):
    complaint = selectors.complaint_by_number(number)
    if complaint is None:
        raise Http404
    shown = request.session.pop("complaint_new_key", {})
    access_key = shown.get(number, "")
    access_url = (
        request.build_absolute_uri(complaint.get_absolute_url()) + f"?kunci={access_key}"
        if access_key
        else ""
    )
    return render(
        request,
        "complaints/filed.html",
        {"complaint": complaint, "access_key": access_key, "access_url": access_url},
    )


@require_GET
def similar(request):
    SIMILAR.check(request)
    text = f"{request.GET.get('title', '')[:150]} {request.GET.get('body', '')[:1000]}"
    service = None
    if request.GET.get("service"):
        from . import integrations

        service = integrations.service_by_slug(request.GET["service"][:100])
    found = selectors.similar_complaints(text, service=service)
    return render(request, "complaints/_similar.html", {"similar": found})


def _complaint_or_404(number: str):
    complaint = selectors.complaint_by_number(number)
    if complaint is None:
        raise Http404
    return complaint


@require_GET
def complaint_detail(request, number: str):
    complaint = _complaint_or_404(number)
    key = request.GET.get("kunci", "")
    if key:
        if services.access_key_matches(complaint, key):
            keys = request.session.get(KEYS_SESSION, {})
            keys[complaint.tracking_number] = key
            request.session[KEYS_SESSION] = keys
        return redirect(complaint.get_absolute_url())  # the key never stays in the address bar
    has_key = services.access_key_matches(complaint, _key_for(request, complaint.tracking_number))
    is_owner = has_key or request.user.has_perm("complaints.respond_complaint", complaint)
    if not (is_owner or request.user.has_perm("complaints.view_complaint", complaint)):
        raise Http404  # a private complaint is not there for anyone else
    follow_ups = [
        action
        for action in services.FOLLOW_UPS
        if is_owner
        and COMPLAINT_WORKFLOW.refusal(
            request.user if request.user.is_authenticated else None,
            complaint,
            action,
            system=has_key,
        )
        is None
    ]
    context = {
        "complaint": complaint,
        "view": selectors.public_view(complaint),
        "is_owner": is_owner,
        "follow_ups": follow_ups,
        "form": FollowUpForm(),
        "may_handle": request.user.has_perm("complaints.process_complaint", complaint),
    }
    return render(request, "complaints/detail.html", context)


@require_POST
def complaint_follow_up(request, number: str, action: str):
    complaint = _complaint_or_404(number)
    form = FollowUpForm(request.POST)
    form.is_valid()
    services.complaint_follow_up(
        complaint=complaint,
        action=action,
        body=form.cleaned_data.get("body", ""),
        user=request.user,
        access_key=_key_for(request, complaint.tracking_number),
    )
    messages.success(request, _("Tanggapan Anda tersimpan."))
    return redirect(complaint.get_absolute_url())


# --- The OPD --------------------------------------------------------------------------------


def _require_manager(request):
    if not request.user.has_perm("complaints.view_queue"):
        raise Forbidden(_("Halaman ini untuk pengelola pelayanan publik OPD."))


@login_required
@require_http_methods(["GET", "POST"])
def queue(request):
    _require_manager(request)
    view = request.GET.get("tampil", "menunggu")
    if view not in {"menunggu", "saya", "terlambat", "dijawab", "semua"}:
        view = "menunggu"
    if request.method == "POST":
        among = selectors.queue_for(request.user, view="semua")
        complaint = QUEUE.claim_next(user=request.user, among=among)
        if complaint is None:
            messages.info(request, _("Tidak ada pengaduan yang menunggu."))
            return redirect("complaints:queue")
        return redirect("complaints:handle", number=complaint.tracking_number)
    rows = QUEUE.ordered(selectors.queue_for(request.user, view=view))
    page = Paginator(rows, 25).get_page(request.GET.get("halaman"))
    context = {
        "page": page,
        "view": view,
        "counts": selectors.queue_counts(request.user),
        "today": timezone.localdate(),
    }
    return render(request, "complaints/queue.html", context)


@dataclass
class _Outcome:
    status: int = 200
    redirect_to: str = ""
    forms: dict = field(default_factory=dict)


_ACTION_FORMS = {"answer": AnswerForm, "forward": ForwardForm, "reject": RejectForm}


def _handle_post(request, complaint, action: str) -> _Outcome:
    """One of the OPD's actions; the form with its errors when it cannot be done."""
    form = _ACTION_FORMS[action](request.POST) if action in _ACTION_FORMS else None
    if action not in _ACTION_FORMS and action not in {"claim", "release"}:
        raise Http404
    if form is not None and not form.is_valid():
        return _Outcome(status=400, forms={action: form})
    data = form.cleaned_data if form is not None else {}
    try:
        if action == "claim":
            services.complaint_claim(complaint=complaint, user=request.user)
        elif action == "release":
            services.complaint_release(complaint=complaint, user=request.user)
        elif action == "answer":
            services.complaint_answer(complaint=complaint, user=request.user, body=data["body"])
        elif action == "forward":
            services.complaint_forward(
                complaint=complaint, user=request.user, opd=data["opd"], reason=data["reason"]
            )
        else:
            services.complaint_reject(complaint=complaint, user=request.user, reason=data["reason"])
    except DomainError as exc:
        if form is None:
            messages.error(request, exc.text)
            return _Outcome(status=exc.status)
        form_add_error(form, exc)
        return _Outcome(status=exc.status, forms={action: form})
    if action in {"claim", "release"}:
        return _Outcome(redirect_to=f"{complaint.get_absolute_url()}tangani/")
    return _Outcome(redirect_to="/pengaduan/antrean/")


@login_required
@require_http_methods(["GET", "POST"])
def handle(request, number: str):
    complaint = _complaint_or_404(number)
    if not request.user.has_perm("complaints.process_complaint", complaint):
        raise Forbidden(_("Pengaduan ini bukan untuk OPD Anda."))
    answer_form, forward_form, reject_form = AnswerForm(), ForwardForm(), RejectForm()
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "")
        outcome = _handle_post(request, complaint, action)
        if outcome.redirect_to:
            messages.success(request, _("Tersimpan."))
            return redirect(outcome.redirect_to)
        status = outcome.status
        answer_form = outcome.forms.get("answer", answer_form)
        forward_form = outcome.forms.get("forward", forward_form)
        reject_form = outcome.forms.get("reject", reject_form)
        complaint.refresh_from_db()
    show_contact = request.user.has_perm("complaints.view_complainant", complaint)
    if show_contact:
        access_log_record(
            actor=request.user,
            obj=complaint,
            purpose="Menangani pengaduan",
            subject=complaint.complainant,
            request=request,
        )
    context = {
        "complaint": complaint,
        "view": selectors.public_view(complaint),
        "show_contact": show_contact,
        "allowed": COMPLAINT_WORKFLOW.allowed_actions(request.user, complaint),
        "answer_form": answer_form,
        "forward_form": forward_form,
        "reject_form": reject_form,
    }
    return render(request, "complaints/handle.html", context, status=status)


@require_GET
def attachment(request, number: str, pk: int):
    complaint = _complaint_or_404(number)
    has_key = services.access_key_matches(complaint, _key_for(request, complaint.tracking_number))
    if not (
        has_key
        or request.user.has_perm("complaints.respond_complaint", complaint)
        or request.user.has_perm("complaints.process_complaint", complaint)
    ):
        raise Http404
    item = complaint.attachments.filter(pk=pk).first()
    if item is None:
        raise Http404
    return private_file_response(
        item.file, content_type=item.content_type, filename=item.original_name, inline=True
    )


@login_required
@require_GET
def export(request):
    """The documented JSON for SP4N-LAPOR! (docs/complaints.md): the OPDs one manages, or all
    for the platform admin."""
    if request.user.has_perm("complaints.export_complaints"):
        opd_ids = None
    else:
        _require_manager(request)
        opd_ids = selectors.managed_opd_ids(request.user)
    records = selectors.lapor_export(opd_ids=opd_ids)
    response = HttpResponse(
        json.dumps(
            {"format": selectors.LAPOR_FORMAT, "complaints": records}, ensure_ascii=False, indent=1
        ),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="pengaduan-sp4n-lapor.json"'
    return response
