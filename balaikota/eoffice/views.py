"""E-office pages: the inbox and work queue, drafting, one letter with its paraf chain and read
receipts, versions, bulk signing. Thin: every decision is a service's or a rule's."""

from __future__ import annotations

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from balaikota.core.errors import DomainError, Forbidden
from balaikota.core.files import private_file_response
from balaikota.core.web import form_add_error

from . import integrations, selectors, services
from .forms import CommentForm, InitialForm, LetterForm, ReturnForm, SearchForm
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
    }[view](request.user)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("halaman"))
    context = {
        "view": view,
        "page": page,
        "counts": selectors.inbox_counts(request.user),
        "may_draft": request.user.has_perm("eoffice.add_letter"),
        "needs_passphrase": integrations.signer_requires_passphrase(),
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
        **_conversation(request, letter, more.get("comment_form")),
    }
    return render(request, "eoffice/detail.html", context, status=status)


@login_required
@require_GET
def detail(request, pk: int):
    letter = selectors.letter_for(request.user, pk)
    services.letter_open(letter=letter, user=request.user, request=request)
    return _detail(request, letter)


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
    signed = sum(1 for o in outcomes if o.ok)
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
