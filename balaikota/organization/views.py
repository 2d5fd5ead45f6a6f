"""Pages of the organisation app: importing civil servants from a SIASN-style CSV/XLSX file."""

import hashlib
from dataclasses import asdict

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from . import imports, services
from .forms import EmployeeImportConfirmForm, EmployeeImportForm

_RESULT_KEY = "organization_employees_import_result"
_PREVIEW_ROWS_SHOWN = 200


def _ensure_can_import(user) -> None:
    if not user.has_perm("organization.import_employees"):
        raise PermissionDenied


def _token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _render_preview(request, preview, token: str = ""):
    rows = preview.error_rows if preview.error_rows else preview.rows[:_PREVIEW_ROWS_SHOWN]
    context = {
        "preview": preview,
        "rows": rows,
        "rows_hidden": len(preview.rows) - len(rows) if not preview.error_rows else 0,
        "confirm_form": EmployeeImportConfirmForm(initial={"token": token}) if token else None,
    }
    status = 200 if preview.is_valid else 400
    return render(request, "organization/employees_import_preview.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def employees_import(request):
    _ensure_can_import(request.user)
    if request.method == "POST":
        form = EmployeeImportForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            content = upload.read(imports.MAX_FILE_BYTES + 1)
            preview = services.employees_import_preview(file=content, filename=upload.name)
            token = ""
            if preview.is_valid:
                token = services.import_upload_stash(
                    content=content, filename=upload.name, user=request.user
                )
            return _render_preview(request, preview, token)
        status = 400
    else:
        form, status = EmployeeImportForm(), 200
    context = {
        "form": form,
        "required_columns": imports.REQUIRED_COLUMNS,
        "optional_columns": imports.OPTIONAL_COLUMNS,
        "max_rows": imports.MAX_ROWS,
    }
    return render(request, "organization/employees_import.html", context, status=status)


@login_required
@require_POST
def employees_import_confirm(request):
    _ensure_can_import(request.user)
    form = EmployeeImportConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Permintaan impor tidak lengkap. Unggah berkasnya lagi."))
        return redirect("organization:employees_import")
    token = form.cleaned_data["token"]
    try:
        content, filename, path = services.import_upload_take(token=token, user=request.user)
    except services.StashExpired:
        previous = request.session.get(_RESULT_KEY) or {}
        if previous.get("token_digest") == _token_digest(token):
            return redirect("organization:employees_import_result")  # a second click
        messages.error(
            request,
            _("Pratinjau sudah kedaluwarsa atau tidak sah. Unggah berkasnya lagi."),
        )
        return redirect("organization:employees_import")
    preview = services.employees_import_preview(file=content, filename=filename)
    try:
        result = services.employees_import_commit(preview=preview, actor=request.user)
    except services.ImportRejected as exc:
        services.import_upload_discard(path=path)
        messages.error(
            request,
            _("Data berubah sejak pratinjau dan kini ada kesalahan. Tidak ada yang diimpor."),
        )
        return _render_preview(request, exc.preview)
    services.import_upload_discard(path=path)
    request.session[_RESULT_KEY] = {
        **asdict(result),
        "filename": filename,
        "token_digest": _token_digest(token),
    }
    return redirect("organization:employees_import_result")


@login_required
@require_GET
def employees_import_result(request):
    _ensure_can_import(request.user)
    result = request.session.get(_RESULT_KEY)
    if not result:
        return redirect("organization:employees_import")
    return render(request, "organization/employees_import_result.html", {"result": result})


@login_required
@require_GET
def employees_import_example(request):
    _ensure_can_import(request.user)
    response = HttpResponse(imports.template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="contoh-impor-asn.csv"'
    return response
