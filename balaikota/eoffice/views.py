"""E-office pages: the inbox and work queue, drafting, one letter with its paraf chain and read
receipts, versions, bulk signing. Thin: every decision is a service's or a rule's."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from balaikota.core.errors import DomainError, Forbidden
from balaikota.core.files import private_file_response
from balaikota.core.web import form_add_error

from . import integrations, permissions, selectors, services
from .forms import (
    ActingAssignmentForm,
    CommentForm,
    CourierForm,
    DelegationForm,
    InitialForm,
    LetterForm,
    ReturnForm,
    SearchForm,
)
from .workflows import COMMENT_WORKFLOW, LETTER_WORKFLOW

PAGE_SIZE = 20


def _require_inbox(request) -> None:
    if not request.user.has_perm("eoffice.view_inbox"):
        raise Forbidden(_("Halaman ini untuk ASN Pemerintah Kota Semarang."))


@login_required
@require_GET
def inbox(request):
    _require_inbox(request)
    view = request.GET.get("tampil", "diterima")
    if view not in selectors.VIEWS:
        view = "diterima"
    rows = {
        "diterima": selectors.received,
        "paraf": selectors.to_initial,
        "tanda-tangan": selectors.to_sign,
        "konsep": selectors.drafts,
        "terkirim": selectors.sent,
        # Incoming letters and dispositions
        "disposisi": selectors.to_dispose,
        "tindak-lanjut": selectors.to_follow,
        "terlambat": selectors.overdue,
        "atas-nama": selectors.delegated_to_initial,
    }[view](request.user)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("halaman"))
    context = {
        "view": view,
        "page": page,
        "counts": selectors.inbox_counts(request.user),
        "may_draft": request.user.has_perm("eoffice.add_letter"),
        "keeps_register": request.user.has_perm("eoffice.view_incoming_register"),
        "needs_passphrase": integrations.signer_requires_passphrase(),
        # acting for colleagues away: their names, counts, and (on that tab) their received
        "delegators": selectors.delegators_today(request.user),
        "delegated_counts": selectors.delegated_counts(request.user),
        "delegated_received": selectors.delegated_received(request.user)[:PAGE_SIZE]
        if view == "atas-nama"
        else None,
        "delegated_to_dispose": selectors.delegated_to_dispose(request.user)[:PAGE_SIZE]
        if view == "atas-nama"
        else None,
        "delegated_to_follow": selectors.delegated_to_follow(request.user)[:PAGE_SIZE]
        if view == "atas-nama"
        else None,
    }
    return render(request, "eoffice/inbox.html", context)


@login_required
@require_GET
def choose_kind(request):
    if not request.user.has_perm("eoffice.add_letter"):
        raise Forbidden(_("Hanya ASN yang dapat membuat naskah dinas."))
    return render(request, "eoffice/choose_kind.html", {"kinds": selectors.kinds_active()})


def _opd_id(user) -> int:
    employee = integrations.employee_for_user(user)
    if employee is None:
        raise Forbidden(
            _("Akun Anda belum terhubung dengan data kepegawaian; hubungi admin kepegawaian."),
            code="no_employee",
        )
    return employee.unit.opd_id


@login_required
@require_http_methods(["GET", "POST"])
def new(request, kind: str):
    if not request.user.has_perm("eoffice.add_letter"):
        raise Forbidden(_("Hanya ASN yang dapat membuat naskah dinas."))
    letter_kind = selectors.kind_by_code(kind)
    if letter_kind is None:
        raise Http404
    form = LetterForm(
        request.POST or None,
        request.FILES or None,
        kind=letter_kind,
        opd_id=_opd_id(request.user),
        initial={"submit_key": uuid.uuid4().hex},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                letter = services.letter_create(
                    drafter=request.user,
                    data=form.to_input(),
                    submit_key=form.cleaned_data["submit_key"],
                )
            except DomainError as exc:
                form_add_error(form, exc)
                status = exc.status
            else:
                messages.success(request, _("Konsep naskah tersimpan."))
                return redirect(letter.get_absolute_url())
        else:
            status = 400
    context = {"form": form, "kind": letter_kind, "letter": None}
    return render(request, "eoffice/form.html", context, status=status)


def _edit_initial(letter) -> dict:
    lines = {"to": [], "cc": []}
    external = []
    to_positions, to_units, copy_positions = [], [], []
    for recipient in letter.recipients.select_related("user"):
        if recipient.user_id:
            lines[recipient.role].append(recipient.user.nip)
        elif recipient.position_id:
            (to_positions if recipient.role == "to" else copy_positions).append(
                recipient.position_id
            )
        elif recipient.unit_id:
            to_units.append(recipient.unit_id)
        else:
            external.append(
                " | ".join([recipient.name, recipient.agency, recipient.address, recipient.email])
            )
    return {
        "classification": letter.classification_id,
        "subject": letter.subject,
        "body": letter.body,
        "security_class": letter.security_class,
        "urgency": letter.urgency,
        "signer_position": letter.signer_position_id,
        "mandate": letter.mandate_id,
        "route": "\n".join(selectors.route_nips(letter)),
        "to_positions": to_positions,
        "to_units": to_units,
        "to_nips": "\n".join(lines["to"]),
        "external": "\n".join(external),
        "copy_positions": copy_positions,
        "copy_nips": "\n".join(lines["cc"]),
    }


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk: int):
    letter = selectors.letter_for(request.user, pk)
    LETTER_WORKFLOW.ensure(request.user, letter, "edit")
    form = LetterForm(
        request.POST or None,
        request.FILES or None,
        kind=letter.kind,
        opd_id=letter.opd_id,
        attachments=list(letter.attachments.all()),
        initial=_edit_initial(letter),
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.letter_update(letter=letter, user=request.user, data=form.to_input())
            except DomainError as exc:
                form_add_error(form, exc)
                status = exc.status
            else:
                messages.success(request, _("Perubahan tersimpan."))
                return redirect(letter.get_absolute_url())
        else:
            status = 400
    context = {"form": form, "kind": letter.kind, "letter": letter}
    return render(request, "eoffice/form.html", context, status=status)


def _detail(
    request, letter, *, status=200, initial_form=None, return_form=None, error=None, **more
):
    user = request.user
    context = {
        "letter": letter,
        "allowed": LETTER_WORKFLOW.allowed_actions(user, letter),
        "route": selectors.route_rows(letter),
        "lines": selectors.recipient_lines(letter),
        "signer_title": selectors.position_title(letter.signer_position)
        if letter.signer_position_id
        else "",
        "capacity": selectors.signing_capacity(letter),
        "receipts": selectors.receipts(letter)
        if user.has_perm("eoffice.view_receipts", letter)
        else None,
        "history": selectors.history(letter),
        "attachments": letter.attachments.all(),
        "initial_form": initial_form or InitialForm(),
        "return_form": return_form or ReturnForm(),
        "error": error,
        "needs_passphrase": integrations.signer_requires_passphrase(),
        "download_url": integrations.document_download_url(letter.document)
        if letter.has_signed_pdf
        else "",
        "dispatches": selectors.dispatches_of(letter),
        "courier_form": CourierForm(),
        # a letter addressed to a head: disposed like an incoming letter, from its register entry
        "incoming_entry": selectors.incoming_entry_of(user, letter)
        if letter.has_signed_pdf
        else None,
        "may_dispose_received": user.has_perm("eoffice.dispose_received_letter", letter),
        **_conversation(request, letter, more.get("comment_form")),
    }
    return render(request, "eoffice/detail.html", context, status=status)


@login_required
@require_GET
def detail(request, pk: int):
    letter = selectors.letter_for(request.user, pk)
    services.letter_open(letter=letter, user=request.user, request=request)
    return _detail(request, letter)


@login_required
@require_POST
def dispose_received(request, pk: int):
    """The addressee (a head) disposes a letter received on the platform: its incoming-register
    entry is made (or found) and its page opens on the disposition form."""
    letter = selectors.letter_for(request.user, pk)
    try:
        incoming = dispositions.incoming_from_letter(user=request.user, letter=letter)
    except DomainError as exc:
        messages.error(request, exc.text)
        return _detail(request, letter, status=exc.status)
    return redirect(incoming.get_absolute_url())


ACTIONS = {"submit", "initial", "return", "sign", "cancel"}


@login_required
@require_POST
def act(request, pk: int, action: str):
    if action not in ACTIONS:
        raise Http404
    letter = selectors.letter_for(request.user, pk)
    initial_form, return_form = InitialForm(), ReturnForm()
    try:
        if action == "submit":
            services.letter_submit(letter=letter, user=request.user)
            done = _("Naskah diajukan kepada pemaraf pertama.")
        elif action == "initial":
            initial_form = InitialForm(request.POST)
            initial_form.is_valid()
            services.letter_initial(
                letter=letter,
                user=request.user,
                comment=initial_form.cleaned_data.get("comment", ""),
            )
            done = _("Naskah sudah Anda paraf.")
        elif action == "return":
            return_form = ReturnForm(request.POST)
            return_form.is_valid()
            services.letter_return(
                letter=letter,
                user=request.user,
                reason=return_form.cleaned_data.get("reason", ""),
            )
            done = _("Naskah dikembalikan kepada konseptor.")
        elif action == "sign":
            services.letter_sign(
                letter=letter, signer=request.user, passphrase=request.POST.get("passphrase")
            )
            done = _("Naskah ditandatangani dan dikirim.")
        else:
            services.letter_cancel(letter=letter, user=request.user)
            done = _("Konsep naskah dibatalkan.")
    except DomainError as exc:
        if action == "return":
            form_add_error(return_form, exc)
        elif action == "initial":
            form_add_error(initial_form, exc)
        letter = selectors.letter_for(request.user, pk)
        return _detail(
            request,
            letter,
            status=exc.status,
            initial_form=initial_form,
            return_form=return_form,
            error=exc.text,
        )
    messages.success(request, done)
    if action in {"initial", "return"}:
        return redirect("/surat/?tampil=paraf")
    return redirect(letter.get_absolute_url())


@login_required
@require_POST
def bulk_sign(request):
    _require_inbox(request)
    ids = [int(x) for x in request.POST.getlist("letters") if x.isdigit()]
    letters = selectors.letters_for_signer(ids=ids, signer=request.user)
    try:
        outcomes = services.letters_sign(
            letters=letters, signer=request.user, passphrase=request.POST.get("passphrase")
        )
    except DomainError as exc:
        messages.error(request, exc.text)
        return redirect("/surat/?tampil=tanda-tangan")
    signed = sum(1 for o in outcomes if o.ok and not o.queued)
    queued = sum(1 for o in outcomes if o.queued)
    if signed:
        messages.success(
            request,
            ngettext(
                "%(count)d naskah ditandatangani dan dikirim.",
                "%(count)d naskah ditandatangani dan dikirim.",
                signed,
            )
            % {"count": signed},
        )
    if queued:
        messages.info(
            request,
            ngettext(
                "%(count)d naskah sedang ditandatangani di latar; Anda diberi tahu bila ada yang "
                "gagal.",
                "%(count)d naskah sedang ditandatangani di latar; Anda diberi tahu bila ada yang "
                "gagal.",
                queued,
            )
            % {"count": queued},
        )
    for outcome in outcomes:
        if not outcome.ok:
            messages.error(request, f"{outcome.letter.subject}: {outcome.message}")
    return redirect("/surat/?tampil=tanda-tangan")


@login_required
@require_GET
def versions(request, pk: int):
    letter = selectors.letter_for(request.user, pk)
    services.letter_open(letter=letter, user=request.user, request=request)
    kept = selectors.versions(letter)
    chosen = kept[0] if kept else None
    wanted = request.GET.get("versi", "")
    if wanted.isdigit():
        chosen = next((v for v in kept if v.number == int(wanted)), chosen)
    older = next((v for v in kept if chosen and v.number < chosen.number), None)
    context = {
        "letter": letter,
        "versions": kept,
        "chosen": chosen,
        "older": older,
        "diff": selectors.version_diff(older, chosen) if chosen else [],
    }
    return render(request, "eoffice/versions.html", context)


@login_required
@require_GET
def attachment(request, pk: int, attachment_pk: int):
    letter = selectors.letter_for(request.user, pk)
    item = letter.attachments.filter(pk=attachment_pk).first()
    if item is None:
        raise Http404
    services.letter_open(letter=letter, user=request.user, request=request)
    return private_file_response(
        item.file, content_type=item.content_type, filename=item.original_name, inline=True
    )


# ── Outside dispatch (the outgoing register) ──


@login_required
@require_GET
def outgoing_register(request):
    """Buku agenda surat keluar: the OPD's signed letters and how each outside copy left."""
    if not request.user.has_perm("eoffice.view_outgoing_register"):
        raise Forbidden(_("Register surat keluar dipegang petugas tata usaha (TU) OPD."))
    view = request.GET.get("tampil", "semua")
    if view not in selectors.REGISTER_VIEWS:
        view = "semua"
    rows = selectors.outgoing_register(request.user, waiting_only=view == "perlu-tindakan")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("halaman"))
    context = {
        "page": page,
        "view": view,
        "open_count": selectors.dispatch_open_count(request.user),
        "courier_form": CourierForm(),
    }
    return render(request, "eoffice/outgoing_register.html", context)


DISPATCH_ACTIONS = {"resend", "to_courier", "hand_over"}


@login_required
@require_POST
def dispatch_act(request, pk: int, action: str):
    if action not in DISPATCH_ACTIONS:
        raise Http404
    dispatch = selectors.dispatch_for(request.user, pk)
    try:
        if action == "resend":
            services.dispatch_resend(dispatch=dispatch, user=request.user)
            done = _("E-mail naskah dikirim ulang.")
        elif action == "to_courier":
            services.dispatch_to_courier(dispatch=dispatch, user=request.user)
            done = _("Naskah akan dikirim lewat kurir; cetak PDF-nya untuk kurir.")
        else:
            form = CourierForm(request.POST)
            form.is_valid()
            services.dispatch_hand_over(
                dispatch=dispatch,
                user=request.user,
                courier=form.cleaned_data.get("courier", ""),
                note=form.cleaned_data.get("note", ""),
            )
            done = _("Serah terima ke kurir dicatat.")
    except DomainError as exc:
        messages.error(request, exc.text)
    else:
        messages.success(request, done)
    back = request.POST.get("kembali", "")
    if back == "register":
        return redirect("eoffice:outgoing_register")
    return redirect(dispatch.letter.get_absolute_url())


# ── Incoming letters and dispositions ──

from django.http import HttpResponse  # noqa: E402

from . import dispositions, incomingpdf  # noqa: E402
from .forms import CloseForm, DispositionForm, IncomingForm, IncomingImportForm  # noqa: E402
from .workflows import DISPOSITION_WORKFLOW, INCOMING_WORKFLOW  # noqa: E402


def _require_register(request) -> None:
    if not request.user.has_perm("eoffice.view_incoming_register"):
        raise Forbidden(_("Halaman ini untuk petugas TU (pencatat surat)."))


@login_required
@require_GET
def incoming_register(request):
    _require_register(request)
    status = request.GET.get("status", "semua")
    if status not in selectors.REGISTER_FILTERS:
        status = "semua"
    rows = selectors.incoming_register_rows(request.user, status=status)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("halaman"))
    context = {"page": page, "status": status, "filters": selectors.REGISTER_FILTERS}
    return render(request, "eoffice/incoming_register.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def incoming_new(request):
    if not request.user.has_perm("eoffice.register_incoming"):
        raise Forbidden(_("Hanya petugas TU (pencatat surat) yang dapat mencatat surat masuk."))
    form = IncomingForm(
        request.POST or None,
        request.FILES or None,
        opd_id=_opd_id(request.user),
        initial={"submit_key": uuid.uuid4().hex},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                incoming = dispositions.incoming_register(
                    clerk=request.user,
                    data=form.to_input(),
                    submit_key=form.cleaned_data["submit_key"],
                )
            except DomainError as exc:
                form_add_error(form, exc)
                status = exc.status
            else:
                messages.success(
                    request,
                    _("Surat masuk dicatat dengan nomor agenda %(agenda)s.")
                    % {"agenda": incoming.agenda_number},
                )
                return redirect(incoming.get_absolute_url())
        else:
            status = 400
    return render(request, "eoffice/incoming_form.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def incoming_import(request):
    """Register an incoming letter from an exchange bundle: the bundle's manifest fills the
    register, its signed PDF is the scan."""
    if not request.user.has_perm("eoffice.register_incoming"):
        raise Forbidden(_("Hanya petugas TU (pencatat surat) yang dapat mencatat surat masuk."))
    form = IncomingImportForm(
        request.POST or None,
        request.FILES or None,
        opd_id=_opd_id(request.user),
        initial={"submit_key": uuid.uuid4().hex, "received_on": timezone.localdate()},
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                incoming = dispositions.incoming_import(
                    clerk=request.user,
                    bundle=form.cleaned_data["bundle"],
                    addressee_position=form.cleaned_data["addressee_position"],
                    received_on=form.cleaned_data["received_on"],
                    classification=form.cleaned_data["classification"],
                    submit_key=form.cleaned_data["submit_key"],
                )
            except DomainError as exc:
                form_add_error(form, exc)
                status = exc.status
            else:
                messages.success(
                    request,
                    _("Surat masuk dari bundel dicatat dengan nomor agenda %(agenda)s.")
                    % {"agenda": incoming.agenda_number},
                )
                return redirect(incoming.get_absolute_url())
        else:
            status = 400
    return render(request, "eoffice/incoming_import.html", {"form": form}, status=status)


def _incoming_detail(request, incoming, *, status=200, dispose_form=None, close_form=None):
    user = request.user
    tree = selectors.disposition_tree(incoming)
    mine = selectors.my_open_dispositions(user, incoming)
    # Dispose as the addressee, or further from one's own open disposition.
    parent = None
    if not INCOMING_WORKFLOW.can(user, incoming, "dispose"):
        parent = next((d for d in mine if DISPOSITION_WORKFLOW.can(user, d, "forward")), None)
    may_dispose = parent is not None or INCOMING_WORKFLOW.can(user, incoming, "dispose")
    if may_dispose and dispose_form is None:
        boss = parent.recipient if parent is not None else incoming.addressee
        dispose_form = DispositionForm(
            people=selectors.dispose_candidates(boss),
            initial={"submit_key": uuid.uuid4().hex, "parent": parent.pk if parent else None},
        )
    closable = [d for d in mine if DISPOSITION_WORKFLOW.can(user, d, "close")]
    # whose they are when not the reader's own: a colleague away whom the reader acts for
    on_behalf = {d.pk: d.recipient.full_name for d in closable if d.recipient_id != user.pk}
    open_children = {row.disposition.pk: row.open_children for row in tree}
    withdrawable = {
        row.disposition.pk
        for row in tree
        if DISPOSITION_WORKFLOW.can(user, row.disposition, "withdraw")
    }
    context = {
        "incoming": incoming,
        "tree": tree,
        "counts": selectors.tree_counts(tree),
        "dispose_form": dispose_form if may_dispose else None,
        "closable": closable,
        "on_behalf": on_behalf,
        "open_children": open_children,
        "close_form": close_form or CloseForm(),
        "withdrawable": withdrawable,
        "history": selectors.incoming_history(incoming),
        # made from a letter received on the platform: a link to it, for who may open it
        "source_letter": incoming.source_letter
        if incoming.source_letter_id and permissions.may_view(user, incoming.source_letter)
        else None,
    }
    return render(request, "eoffice/incoming_detail.html", context, status=status)


@login_required
@require_GET
def incoming_detail(request, pk: int):
    incoming = selectors.incoming_for(request.user, pk)
    dispositions.incoming_open(incoming=incoming, user=request.user, request=request)
    return _incoming_detail(request, incoming)


@login_required
@require_POST
def incoming_dispose(request, pk: int):
    incoming = selectors.incoming_for(request.user, pk)
    parent_pk = request.POST.get("parent", "")
    parent = (
        selectors.disposition_for(request.user, int(parent_pk)) if parent_pk.isdigit() else None
    )
    boss = parent.recipient if parent is not None else incoming.addressee
    form = DispositionForm(request.POST, people=selectors.dispose_candidates(boss))
    if not form.is_valid():
        return _incoming_detail(request, incoming, status=400, dispose_form=form)
    try:
        made = dispositions.disposition_create(
            user=request.user,
            incoming=incoming,
            data=form.to_input(),
            parent=parent,
            submit_key=form.cleaned_data.get("submit_key", ""),
        )
    except DomainError as exc:
        form_add_error(form, exc)
        incoming = selectors.incoming_for(request.user, pk)
        return _incoming_detail(request, incoming, status=exc.status, dispose_form=form)
    messages.success(
        request,
        ngettext(
            "Disposisi dikirim kepada %(count)d orang.",
            "Disposisi dikirim kepada %(count)d orang.",
            len(made),
        )
        % {"count": len(made)},
    )
    return redirect(incoming.get_absolute_url())


@login_required
@require_POST
def disposition_withdraw(request, pk: int):
    disposition = selectors.disposition_for(request.user, pk)
    try:
        dispositions.disposition_withdraw(user=request.user, disposition=disposition)
    except DomainError as exc:
        messages.error(request, exc.text)
        incoming = selectors.incoming_for(request.user, disposition.incoming_id)
        return _incoming_detail(request, incoming, status=exc.status)
    messages.success(request, _("Disposisi ditarik."))
    return redirect(disposition.incoming.get_absolute_url())


@login_required
@require_POST
def disposition_close(request, pk: int):
    disposition = selectors.disposition_for(request.user, pk)
    form = CloseForm(request.POST, request.FILES)
    form.is_valid()
    try:
        dispositions.disposition_close(
            user=request.user,
            disposition=disposition,
            report=form.cleaned_data.get("report", ""),
            file=form.cleaned_data.get("report_file"),
        )
    except DomainError as exc:
        form_add_error(form, exc)
        incoming = selectors.incoming_for(request.user, disposition.incoming_id)
        return _incoming_detail(request, incoming, status=exc.status, close_form=form)
    messages.success(request, _("Disposisi Anda selesai; laporan terkirim kepada pemberinya."))
    return redirect("/surat/?tampil=tindak-lanjut")


@login_required
@require_GET
def incoming_scan(request, pk: int):
    incoming = selectors.incoming_for(request.user, pk)
    dispositions.incoming_open(incoming=incoming, user=request.user, request=request)
    return private_file_response(
        incoming.scan,
        content_type=incoming.scan_content_type,
        filename=incoming.scan_name,
        inline=True,
    )


@login_required
@require_GET
def disposition_report_file(request, pk: int):
    disposition = selectors.disposition_for(request.user, pk)
    if not disposition.report_file:
        raise Http404
    dispositions.incoming_open(incoming=disposition.incoming, user=request.user, request=request)
    return private_file_response(
        disposition.report_file,
        content_type=disposition.report_content_type,
        filename=disposition.report_name,
        inline=True,
    )


@login_required
@require_GET
def incoming_sheet(request, pk: int):
    """The disposition sheet (lembar disposisi), built on request from the tree as it is now."""
    incoming = selectors.incoming_for(request.user, pk)
    dispositions.incoming_open(incoming=incoming, user=request.user, request=request)
    pdf = incomingpdf.render(incoming, url=request.build_absolute_uri(incoming.get_absolute_url()))
    response = HttpResponse(pdf, content_type="application/pdf")
    name = "lembar-disposisi-" + incoming.agenda_number.split("/")[0] + ".pdf"
    response["Content-Disposition"] = f'inline; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


# ── Archive and retention ──

REPORT_PAGE_SIZE = 50
EXPORT_LIMIT = 20_000
DISPOSAL_ACTIONS = {"submit", "approve_records", "approve_head", "execute", "reject"}


def _require_archive(request) -> None:
    if not request.user.has_perm("eoffice.view_retention"):
        raise Forbidden(_("Halaman ini untuk unit kearsipan (TU) dan kepala OPD."))


def _report_columns() -> list[str]:
    return [
        _("Nomor"),
        _("Tanggal"),
        _("Hal"),
        _("OPD"),
        _("Klasifikasi"),
        _("Inaktif sejak"),
        _("Jatuh tempo"),
        _("Keterangan akhir"),
        _("Tindakan"),
        _("Ditahan"),
        _("Dalam usul musnah"),
    ]


def _report_values(row) -> list:
    letter = row.letter
    return [
        letter.number,
        integrations.format_date_id(letter.dated),
        row.subject,
        letter.opd.name,
        str(letter.classification),
        integrations.format_date_id(row.inactive_from),
        integrations.format_date_id(row.due_on),
        letter.classification.get_final_disposition_display(),
        row.action,
        _("ya") if row.on_hold else _("tidak"),
        _("ya") if row.in_proposal else _("tidak"),
    ]


def _report_export(rows, kind: str):
    import csv
    import io

    from django.http import HttpResponse

    rows = selectors.retention_rows(rows[:EXPORT_LIMIT])
    if kind == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(_report_columns())
        for row in rows:
            writer.writerow(_report_values(row))
        response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="laporan-retensi.csv"'
        return response
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Retensi"))
    sheet.append(_report_columns())
    for row in rows:
        sheet.append(_report_values(row))
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = 'attachment; filename="laporan-retensi.xlsx"'
    return response


@login_required
@require_GET
def archive_report(request):
    from .forms import RetentionFilterForm

    _require_archive(request)
    form = RetentionFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.retention_report(
        request.user,
        year=filters.get("tahun"),
        classification=filters.get("klasifikasi", ""),
        stage=filters.get("tahap") or "semua",
    )
    export = request.GET.get("unduh", "")
    if export in {"csv", "xlsx"}:
        return _report_export(rows, export)
    page = Paginator(rows, REPORT_PAGE_SIZE).get_page(request.GET.get("halaman"))
    query = request.GET.copy()
    query.pop("halaman", None)
    context = {
        "form": form,
        "page": page,
        "rows": selectors.retention_rows(page.object_list),
        "query": query.urlencode(),
        "submit_key": uuid.uuid4().hex,
        "may_propose": any(
            request.user.has_perm("eoffice.propose_disposal", opd_holder)
            for opd_holder in _opd_holders(selectors.archive_opds(request.user)[:50])
        ),
    }
    return render(request, "eoffice/archive.html", context)


def _opd_holders(opds):
    from .models import DisposalProposal

    return [DisposalProposal(opd=opd) for opd in opds]


@login_required
@require_GET
def disposals(request):
    _require_archive(request)
    page = Paginator(selectors.disposals_for(request.user), PAGE_SIZE).get_page(
        request.GET.get("halaman")
    )
    return render(request, "eoffice/disposals.html", {"page": page})


@login_required
@require_POST
def disposal_new(request):
    from . import archive

    _require_archive(request)
    ids = [int(x) for x in request.POST.getlist("letters") if x.isdigit()]
    opd_ids = selectors.letters_opd_ids(ids)
    if len(opd_ids) > 1:
        messages.error(request, _("Satu usul musnah hanya untuk arsip satu OPD."))
        return redirect("eoffice:archive")
    opd = selectors.archive_opds(request.user).filter(pk__in=opd_ids).first()
    try:
        if opd is None:
            raise Forbidden(_("Pilih arsip OPD Anda yang diusulkan untuk dimusnahkan."))
        proposal = archive.disposal_create(
            opd=opd,
            user=request.user,
            letter_ids=ids,
            note=request.POST.get("note", ""),
            submit_key=request.POST.get("submit_key", ""),
        )
    except DomainError as exc:
        messages.error(request, exc.text)
        return redirect("eoffice:archive")
    messages.success(request, _("Konsep usul musnah tersimpan. Periksa lalu ajukan."))
    return redirect(proposal.get_absolute_url())


def _disposal_page(request, proposal, *, status=200, error="", reject_form=None):
    from .forms import ReasonForm
    from .workflows import DISPOSAL_WORKFLOW

    context = {
        "proposal": proposal,
        "allowed": DISPOSAL_WORKFLOW.allowed_actions(request.user, proposal),
        "items": selectors.disposal_items(proposal),
        "history": selectors.disposal_history(proposal),
        "reject_form": reject_form or ReasonForm(),
        "error": error,
        "needs_passphrase": integrations.signer_requires_passphrase(),
        "record_url": integrations.document_download_url(proposal.document)
        if proposal.is_executed and proposal.document_id
        else "",
    }
    return render(request, "eoffice/disposal.html", context, status=status)


@login_required
@require_GET
def disposal(request, pk: int):
    return _disposal_page(request, selectors.disposal_for(request.user, pk))


@login_required
@require_POST
def disposal_act(request, pk: int, action: str):
    from . import archive
    from .forms import ReasonForm

    if action not in DISPOSAL_ACTIONS:
        raise Http404
    proposal = selectors.disposal_for(request.user, pk)
    reject_form = ReasonForm(request.POST if action == "reject" else None)
    try:
        if action == "submit":
            archive.disposal_submit(proposal=proposal, user=request.user)
            done = _("Usul musnah diajukan kepada unit kearsipan.")
        elif action == "approve_records":
            archive.disposal_approve_records(proposal=proposal, user=request.user)
            done = _("Usul musnah disetujui unit kearsipan; menunggu persetujuan kepala OPD.")
        elif action == "approve_head":
            archive.disposal_approve_head(proposal=proposal, user=request.user)
            done = _("Usul musnah disetujui kepala OPD; pemusnahan dapat dilaksanakan.")
        elif action == "execute":
            archive.disposal_execute(
                proposal=proposal, user=request.user, passphrase=request.POST.get("passphrase")
            )
            done = _("Arsip dimusnahkan; berita acara pemusnahan ditandatangani.")
        else:
            reject_form.is_valid()
            archive.disposal_reject(
                proposal=proposal,
                user=request.user,
                reason=reject_form.cleaned_data.get("reason", ""),
            )
            done = _("Usul musnah ditolak.")
    except DomainError as exc:
        if action == "reject":
            form_add_error(reject_form, exc)
        proposal = selectors.disposal_for(request.user, pk)
        return _disposal_page(
            request, proposal, status=exc.status, error=exc.text, reject_form=reject_form
        )
    messages.success(request, done)
    return redirect(proposal.get_absolute_url())


@login_required
@require_http_methods(["GET", "POST"])
def legal_hold(request, pk: int):
    from . import archive
    from .forms import ReasonForm

    _require_archive(request)
    letter = selectors.archive_letter_for(request.user, pk)
    if not request.user.has_perm("eoffice.hold_letter", letter):
        raise Forbidden(_("Penahanan arsip dilakukan unit kearsipan atau kepala OPD."))
    hold = letter.legal_holds.filter(lifted_at__isnull=True).first()
    form = ReasonForm(request.POST or None)
    status = 200
    if request.method == "POST":
        form.is_valid()
        try:
            if hold is None:
                archive.legal_hold_put(
                    letter=letter, user=request.user, reason=form.cleaned_data.get("reason", "")
                )
                done = _("Arsip ditahan dan dikeluarkan dari usul musnah yang masih terbuka.")
            else:
                archive.legal_hold_lift(
                    letter=letter, user=request.user, reason=form.cleaned_data.get("reason", "")
                )
                done = _("Penahanan arsip dilepas.")
        except DomainError as exc:
            form_add_error(form, exc)
            status = exc.status
        else:
            messages.success(request, done)
            return redirect("eoffice:archive")
    context = {"letter": letter, "hold": hold, "form": form}
    return render(request, "eoffice/legal_hold.html", context, status=status)


@login_required
@require_GET
def bundle(request, pk: int):
    from django.http import HttpResponse

    from . import archive

    letter = selectors.letter_for(request.user, pk)
    name, data = archive.bundle_export(letter=letter, user=request.user, request=request)
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"
    return response


# ── Acting officials and delegation ──


@login_required
@require_http_methods(["GET", "POST"])
def acting(request):
    """The Plt/Plh assignments of the records clerk's OPD: the list, a new one, ending one."""
    if not request.user.has_perm("eoffice.view_acting"):
        raise Forbidden(_("Penugasan Plt/Plh dikelola petugas tata usaha OPD."))
    opd_ids = permissions.acting_opd_scope(request.user)
    form = ActingAssignmentForm(request.POST or None, opd_ids=opd_ids)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.acting_assign(actor=request.user, **form.cleaned_data)
            except DomainError as exc:
                form_add_error(form, exc)
                status = exc.status
            else:
                messages.success(request, _("Penugasan Plt/Plh tersimpan."))
                return redirect("eoffice:acting")
        else:
            status = 400
    rows = Paginator(selectors.assignments_for_opds(opd_ids), PAGE_SIZE).get_page(
        request.GET.get("halaman")
    )
    context = {"form": form, "page": rows, "today": timezone.localdate()}
    return render(request, "eoffice/acting.html", context, status=status)


@login_required
@require_POST
def acting_end(request, pk: int):
    assignment = selectors.assignment_by_pk(pk)
    if assignment is None or not request.user.has_perm("eoffice.view_acting"):
        raise Http404
    try:
        services.acting_end(assignment=assignment, actor=request.user)
    except DomainError as exc:
        messages.error(request, exc.text)
    else:
        messages.success(request, _("Penugasan diakhiri hari ini."))
    return redirect("eoffice:acting")


@login_required
@require_http_methods(["GET", "POST"])
def delegation(request):
    """My delegations (going on leave or duty travel): the list, a new one, ending one."""
    if not request.user.has_perm("eoffice.delegate_inbox"):
        raise Forbidden(_("Halaman ini untuk ASN Pemerintah Kota Semarang."))
    form = DelegationForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.delegation_create(delegator=request.user, **form.cleaned_data)
            except DomainError as exc:
                form_add_error(form, exc)
                status = exc.status
            else:
                messages.success(request, _("Delegasi tersimpan; penerima sudah diberi tahu."))
                return redirect("eoffice:delegation")
        else:
            status = 400
    context = {
        "form": form,
        "given": selectors.delegations_given(request.user)[:PAGE_SIZE],
        "delegators": selectors.delegators_today(request.user),
        "today": timezone.localdate(),
    }
    return render(request, "eoffice/delegation.html", context, status=status)


@login_required
@require_POST
def delegation_end(request, pk: int):
    item = selectors.delegations_given(request.user).filter(pk=pk).first()
    if item is None:
        raise Http404
    try:
        services.delegation_end(delegation=item, user=request.user)
    except DomainError as exc:
        messages.error(request, exc.text)
    else:
        messages.success(request, _("Delegasi diakhiri."))
    return redirect("eoffice:delegation")


# ── Collaboration ──


def _conversation(request, letter, form=None) -> dict:
    return {
        "comments": selectors.comment_rows(letter, request.user),
        "comment_form": form or CommentForm(initial={"submit_key": uuid.uuid4().hex}),
    }


def _conversation_response(request, letter, *, form=None, status=200):
    """The conversation section alone (HTMX), or the letter's page with it."""
    if request.htmx:
        # The conversation is part of what one reads of the letter (a Rahasia one is logged).
        services.letter_open(letter=letter, user=request.user, request=request)
        context = {"letter": letter, **_conversation(request, letter, form)}
        return render(request, "eoffice/_conversation.html", context, status=status)
    if status >= 400:
        return _detail(request, letter, status=status, comment_form=form)
    return None


@login_required
@require_POST
def comment_new(request, pk: int):
    letter = selectors.letter_for(request.user, pk)
    form = CommentForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            comment = services.comment_create(
                letter=letter,
                author=request.user,
                text=form.cleaned_data["text"],
                submit_key=form.cleaned_data["submit_key"],
            )
        except DomainError as exc:
            form_add_error(form, exc)
            status = exc.status
        else:
            answer = _conversation_response(request, letter)
            if answer is not None:
                return answer
            messages.success(request, _("Komentar terkirim."))
            return redirect(f"{letter.get_absolute_url()}#komentar-{comment.pk}")
    return _conversation_response(request, letter, form=form, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def comment_edit(request, pk: int, comment_pk: int):
    comment = selectors.comment_for(request.user, pk, comment_pk)
    letter = comment.letter
    refused = COMMENT_WORKFLOW.refusal(request.user, comment, "edit")
    if refused is not None:
        raise refused
    form = CommentForm(request.POST or None, initial={"text": comment.text})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.comment_update(
                    comment=comment, user=request.user, text=form.cleaned_data["text"]
                )
            except DomainError as exc:
                form_add_error(form, exc)
                status = exc.status
            else:
                messages.success(request, _("Komentar diubah."))
                return redirect(f"{letter.get_absolute_url()}#komentar-{comment.pk}")
    context = {"letter": letter, "comment": comment, "form": form}
    return render(request, "eoffice/comment_edit.html", context, status=status)


@login_required
@require_POST
def comment_delete(request, pk: int, comment_pk: int):
    comment = selectors.comment_for(request.user, pk, comment_pk)
    services.comment_delete(comment=comment, user=request.user)
    answer = _conversation_response(request, comment.letter)
    if answer is not None:
        return answer
    messages.success(request, _("Komentar dihapus."))
    return redirect(f"{comment.letter.get_absolute_url()}#komentar-{comment.pk}")


@login_required
@require_GET
def mention_suggest(request, pk: int):
    """HTMX: the letter's people matching what follows the last "@" of the comment."""
    letter = selectors.letter_for(request.user, pk)
    typed = request.GET.get("text", "")[-60:]
    at = typed.rfind("@")
    query = typed[at + 1 :] if at >= 0 else ""
    people = (
        [] if "\n" in query else selectors.mention_candidates(letter, query, exclude=request.user)
    )
    return render(request, "eoffice/_mentions.html", {"people": people, "query": query})


@login_required
@require_GET
def search(request):
    _require_inbox(request)
    form = SearchForm(request.GET or None)
    page, status = None, 200
    if form.is_bound and form.is_valid():
        filters = form.to_filters()
        if not filters.is_empty:
            try:
                page = selectors.LetterSearch(request.user, filters).page(
                    request.GET.get("halaman")
                )
            except DomainError as exc:
                form_add_error(form, exc)
                status = exc.status
    elif form.is_bound:
        status = 400
    params = request.GET.copy()
    params.pop("halaman", None)
    context = {"form": form, "page": page, "query_string": params.urlencode()}
    return render(request, "eoffice/search.html", context, status=status)
