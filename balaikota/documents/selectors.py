"""Reads of issued documents: lookups for the public verification page, checks of uploaded PDFs."""

from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import ca
from .models import IssuedDocument, SigningCertificate, normalize_code

logger = logging.getLogger(__name__)


def verification_url_for(code: str) -> str:
    """The absolute address printed in the QR code: BALAIKOTA_PUBLIC_URL + /verifikasi/<code>/."""
    from balaikota.core.links import public_url

    return public_url(reverse("documents:verify_code", args=[code]))


def _public_queryset() -> QuerySet[IssuedDocument]:
    return IssuedDocument.objects.select_related("signed_by")


def document_by_code(code: str) -> IssuedDocument | None:
    code = normalize_code(code)
    if not code:
        return None
    return _public_queryset().filter(verification_code=code).first()


def document_by_number(number: str) -> IssuedDocument | None:
    """The latest document with this registration number (a revoked one may have a successor)."""
    number = str(number or "").strip()
    if not number:
        return None
    return _public_queryset().filter(number=number).order_by("-created_at", "-pk").first()


def document_lookup(*, number: str, code: str) -> IssuedDocument | None:
    """The document whose number AND verification code match: the code alone is the secret,
    the number guards against a code typed for the wrong paper."""
    document = document_by_code(code)
    if document is None or document.number.strip().upper() != str(number).strip().upper():
        return None
    return document


def documents_for_owner(user) -> QuerySet[IssuedDocument]:
    if not getattr(user, "is_authenticated", False):
        return IssuedDocument.objects.none()
    return (
        _public_queryset()
        .filter(owner=user)
        .exclude(status=IssuedDocument.Status.DRAFT)
        .order_by("-created_at", "-pk")
    )


def active_certificate(user) -> SigningCertificate | None:
    certificate = SigningCertificate.objects.filter(user=user, active=True).order_by("-pk").first()
    if certificate is not None and certificate.is_valid_at():
        return certificate
    return None


class SignatureState:
    INTACT = "intact"
    MODIFIED = "modified"
    NOT_SIGNED = "not_signed"

    LABELS = {
        INTACT: _("Tanda tangan elektronik utuh: berkas tidak berubah sejak ditandatangani."),
        MODIFIED: _("Berkas telah diubah setelah ditandatangani, atau tanda tangannya rusak."),
        NOT_SIGNED: _("Berkas ini tidak memuat tanda tangan elektronik."),
    }


@dataclass(frozen=True)
class SignatureCheck:
    state: str
    signer_name: str = ""
    trusted: bool = False  # chains to the local CA or a configured trust root
    pades: bool = False

    @property
    def message(self):
        return SignatureState.LABELS[self.state]

    @property
    def intact(self) -> bool:
        return self.state == SignatureState.INTACT


@dataclass(frozen=True)
class VerificationResult:
    document: IssuedDocument | None  # the issued document this file is byte-for-byte
    signature: SignatureCheck
    sha256: str

    @property
    def matches_issued(self) -> bool:
        return self.document is not None

    @property
    def document_valid(self) -> bool:
        return self.document is not None and self.document.status == IssuedDocument.Status.SIGNED


def signature_check(data: bytes) -> SignatureCheck:
    """Validate every embedded signature with pyHanko; trust the local CA (and extra roots)."""
    from pyhanko.keys import load_certs_from_pemder_data
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    try:
        signatures = PdfFileReader(io.BytesIO(data), strict=False).embedded_signatures
    except Exception:
        logger.info("uploaded PDF cannot be read by pyHanko", exc_info=True)
        return SignatureCheck(state=SignatureState.MODIFIED)
    if not signatures:
        return SignatureCheck(state=SignatureState.NOT_SIGNED)
    roots = [c for pem in ca.trust_root_pems() for c in load_certs_from_pemder_data(pem)]
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    intact, trusted, pades, signer_name = True, True, True, ""
    for index, embedded in enumerate(signatures):
        try:
            status = validate_pdf_signature(embedded, context)
        except Exception:
            logger.info("embedded signature cannot be validated", exc_info=True)
            return SignatureCheck(state=SignatureState.MODIFIED)
        last = index == len(signatures) - 1
        covers_all = status.coverage == SignatureCoverageLevel.ENTIRE_FILE
        # Anything written after the last signature (an incremental update) is a modification;
        # for earlier signatures, only later signatures may follow (checked by pyHanko's diff).
        if not (status.intact and status.valid) or (last and not covers_all):
            intact = False
        if not last and status.docmdp_ok is False:
            intact = False
        trusted = trusted and bool(status.trusted)
        pades = pades and str(embedded.sig_object.get("/SubFilter")) == "/ETSI.CAdES.detached"
        signer_name = status.signing_cert.subject.native.get("common_name", "") or signer_name
    return SignatureCheck(
        state=SignatureState.INTACT if intact else SignatureState.MODIFIED,
        signer_name=signer_name,
        trusted=trusted,
        pades=pades,
    )


def verify_upload(data: bytes) -> VerificationResult:
    """Is this file one we issued, unchanged? By SHA-256, and by its embedded signature."""
    digest = hashlib.sha256(data).hexdigest()
    document = (
        _public_queryset().filter(sha256=digest).exclude(status=IssuedDocument.Status.DRAFT).first()
    )
    return VerificationResult(document=document, signature=signature_check(data), sha256=digest)
