"""Public verification pages (no sign-in) and the permission-checked download of a signed PDF."""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from balaikota.core.errors import TooManyRequests
from balaikota.core.ratelimit import RateLimit
from balaikota.core.services import access_log_record

from .forms import MAX_UPLOAD_BYTES, LookupForm, UploadForm
from .selectors import (
    document_by_code,
    document_lookup,
    document_signature,
    verdict_for,
    verify_upload,
)


def _verify_limit() -> RateLimit:
    return RateLimit(
        "documents.verify",
        limit=int(getattr(settings, "BALAIKOTA_VERIFY_RATE_LIMIT", 30)),
        window=60,
    )


def _over_limit(request):
    """The rate limit of verification look-ups (per client address); a 429 page or None."""
    try:
        _verify_limit().check(request)
    except TooManyRequests as exc:
        response = render(request, "documents/rate_limited.html", {"error": exc}, status=429)
        response["Retry-After"] = str(exc.retry_after)
        return response
    return None


def _declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0


def download_name(document) -> str:
    """ "akta-kelahiran-3374-LU-02122026-0005.pdf": the title, then the number as printed (its
    slashes as hyphens), so a citizen's downloads folder says what each file is."""
    number = re.sub(r"[^A-Za-z0-9]+", "-", document.number or "").strip("-")
    stem = "-".join(part for part in (slugify(document.title), number) if part)
    return f"{stem or document.verification_code}.pdf"


@never_cache
@require_http_methods(["GET", "POST"])
def verify(request):
    lookup_form, upload_form = LookupForm(prefix="cari"), UploadForm(prefix="unggah")
    context: dict = {}
    status = 200
    if request.method == "POST":
        limited = _over_limit(request)
        if limited is not None:
            return limited
        if _declared_length(request) > MAX_UPLOAD_BYTES + 64 * 1024:
            # Do not parse a body that can only be too big (the proxy's body-size limit is the
            # first guard: CSRF middleware may already have read it).
            context.update(
                upload_form=upload_form,
                lookup_form=lookup_form,
                upload_error=_("Berkas terlalu besar: paling besar 10 MB."),
            )
            return render(request, "documents/verify.html", context, status=400)
        if request.POST.get("action") == "upload":
            upload_form = UploadForm(request.POST, request.FILES, prefix="unggah")
            if upload_form.is_valid():
                result = verify_upload(upload_form.cleaned_data["file"])
                context.update(upload_result=result, verdict=verdict_for(result.document))
            else:
                status = 400
        else:
            lookup_form = LookupForm(request.POST, prefix="cari")
            if lookup_form.is_valid():
                document = document_lookup(
                    number=lookup_form.cleaned_data["number"],
                    code=lookup_form.cleaned_data["code"],
                )
                context.update(
                    document=document,
                    verdict=verdict_for(document),
                    signature=document_signature(document),
                    looked_up=True,
                )
            else:
                status = 400
    context.update(lookup_form=lookup_form, upload_form=upload_form)
    return render(request, "documents/verify.html", context, status=status)


@never_cache
@require_GET
def verify_code(request, code: str):
    """What the QR code opens."""
    limited = _over_limit(request)
    if limited is not None:
        return limited
    document = document_by_code(code)
    verdict = verdict_for(document)
    return render(
        request,
        "documents/verify_code.html",
        {
            "document": document,
            "verdict": verdict,
            "signature": document_signature(document),
            "looked_up": True,
        },
        status=404 if verdict == "unknown" else 200,
    )


@require_GET
def crl(request):
    """The local CA's certificate revocation list (DER), named in every certificate it issues."""
    from . import ca
    from .selectors import current_crl

    if not ca.ca_exists():
        raise Http404(_("Otoritas sertifikat lokal belum dibuat."))
    response = HttpResponse(current_crl(), content_type="application/pkix-crl")
    response["Cache-Control"] = "public, max-age=3600"
    response["Content-Disposition"] = 'attachment; filename="balaikota-ca.crl"'
    return response


@require_GET
def ca_certificate(request):
    """The local CA's certificate (PEM), for a reader who wants to trust it in their PDF viewer."""
    from . import ca

    if not ca.ca_exists():
        raise Http404(_("Otoritas sertifikat lokal belum dibuat."))
    response = HttpResponse(ca.ca_load().certificate_pem, content_type="application/x-pem-file")
    response["Cache-Control"] = "public, max-age=86400"
    response["Content-Disposition"] = 'attachment; filename="balaikota-ca.pem"'
    return response


@never_cache
@require_GET
@login_required
def download(request, code: str):
    """The signed PDF, for its owner and whoever the rules allow; 404 for everyone else."""
    document = document_by_code(code)
    if (
        document is None
        or not document.signed_file
        or not request.user.has_perm("documents.download_issueddocument", document)
    ):
        raise Http404(_("Dokumen tidak ditemukan."))
    if document.owner_id != request.user.pk:
        access_log_record(
            actor=request.user,
            obj=document,
            purpose=_("Mengunduh dokumen terbit"),
            subject=document.owner,
            request=request,
        )
    filename = download_name(document)
    response = FileResponse(
        document.signed_file.open("rb"),
        as_attachment=True,
        filename=filename,
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response
