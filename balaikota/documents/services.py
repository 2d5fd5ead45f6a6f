"""Writes of the documents app: create a document, sign it, revoke it; issue signing certificates.

Permission checks are the caller's job (each app knows who may sign or revoke its documents).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balaikota.core.identity import mask_nik

from . import ca
from .exceptions import DocumentError, SigningError
from .models import DocumentEvent, IssuedDocument, SigningCertificate, new_verification_code
from .selectors import active_certificate, verification_url_for
from .signers import LocalPadesSigner, get_signer, signer_display_name, signer_serial_number

__all__ = [
    "DocumentError",
    "SigningError",
    "certificate_issue",
    "document_create",
    "document_revoke",
    "document_sign",
]

Status = IssuedDocument.Status


def _masked(value: str) -> str:
    value = str(value or "").strip()
    # A caller that passes a whole NIK by mistake still never gets it printed or shown.
    return mask_nik(value) if value.isdigit() and len(value) == 16 else value[:16]


def _require_pdf(data: bytes) -> None:
    if not isinstance(data, bytes | bytearray) or not bytes(data[:5]) == b"%PDF-":
        raise DocumentError(_("Berkas yang dihasilkan bukan PDF."), code="not_pdf")


@transaction.atomic
def document_create(
    *,
    kind: str,
    number: str,
    title: str,
    subject_name: str,
    subject_nik_masked: str,
    owner,
    source_app: str,
    source_id: str,
    build_pdf: Callable[[str], bytes],
    actor=None,
) -> IssuedDocument:
    """Render the unsigned PDF (with the QR to its own verification page) and store it as a draft.

    Idempotent per (source_app, source_id, kind): a retry returns the live document already made.
    """
    existing = (
        IssuedDocument.objects.select_for_update()
        .filter(source_app=source_app, source_id=str(source_id), kind=kind)
        .exclude(status=Status.REVOKED)
        .first()
    )
    if existing is not None:
        return existing
    code = new_verification_code()
    while IssuedDocument.objects.filter(verification_code=code).exists():  # 2**-59: paranoia
        code = new_verification_code()
    pdf = build_pdf(verification_url_for(code))
    _require_pdf(pdf)
    document = IssuedDocument(
        kind=kind,
        number=number,
        title=title,
        verification_code=code,
        subject_name=subject_name,
        subject_nik_masked=_masked(subject_nik_masked),
        owner=owner,
        source_app=source_app,
        source_id=str(source_id),
    )
    document.unsigned_file.save(f"{code}.pdf", ContentFile(bytes(pdf)), save=False)
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError:
        # A concurrent create for the same source won the race: hand back its document.
        document.unsigned_file.delete(save=False)
        winner = (
            IssuedDocument.objects.filter(
                source_app=source_app, source_id=str(source_id), kind=kind
            )
            .exclude(status=Status.REVOKED)
            .first()
        )
        if winner is None:
            raise
        return winner
    DocumentEvent.objects.create(
        document=document, actor=actor, from_status="", to_status=Status.DRAFT
    )
    return document


@transaction.atomic
def document_sign(
    *,
    document: IssuedDocument,
    signer_user,
    passphrase: str | None = None,
    reason: str = "",
    location: str = "",
) -> IssuedDocument:
    """Sign a draft with the configured signer; refuse anything else. One signature per document."""
    document = IssuedDocument.objects.select_for_update().get(pk=document.pk)
    if document.status != Status.DRAFT:
        message = (
            _("Dokumen ini sudah ditandatangani.")
            if document.status == Status.SIGNED
            else _("Dokumen ini sudah dicabut dan tidak dapat ditandatangani.")
        )
        raise DocumentError(message, code="not_draft")
    signer = get_signer()
    if isinstance(signer, LocalPadesSigner) and active_certificate(signer_user) is None:
        certificate_issue(user=signer_user)
    with document.unsigned_file.open("rb") as handle:
        unsigned = handle.read()
    signed = signer.sign(
        unsigned,
        signer=signer_user,
        reason=reason or f"{document.title} {document.number}".strip(),
        location=location or getattr(settings, "BALAIKOTA_SIGNING_LOCATION", "Semarang"),
        passphrase=passphrase,
    )
    _require_pdf(signed)
    document.signed_file.save(f"{document.verification_code}.pdf", ContentFile(signed), save=False)
    document.sha256 = hashlib.sha256(signed).hexdigest()
    document.signed_by = signer_user
    document.signed_at = timezone.now()
    document.transition_to(Status.SIGNED, actor=signer_user)
    document.save()
    return document


@transaction.atomic
def document_revoke(*, document: IssuedDocument, actor, reason: str) -> IssuedDocument:
    """Withdraw a document: verification then says "Dicabut" with the date. Reason required."""
    reason = str(reason or "").strip()
    if not reason:
        raise DocumentError(_("Alasan pencabutan wajib diisi."), code="reason_required")
    document = IssuedDocument.objects.select_for_update().get(pk=document.pk)
    if document.status == Status.REVOKED:
        raise DocumentError(_("Dokumen ini sudah dicabut."), code="already_revoked")
    document.transition_to(Status.REVOKED, actor=actor, note=reason)
    document.revoked_at = timezone.now()
    document.revoke_reason = reason
    document.save()
    return document


@transaction.atomic
def certificate_issue(*, user, valid_days: int = 730) -> SigningCertificate:
    """Issue ``user`` a signing certificate from the local CA (created on first use); the
    previous active certificate is deactivated. Whether ``user`` may sign is the caller's check."""
    # Lock the person's row so two concurrent issues cannot both deactivate-then-insert.
    get_user_model().objects.select_for_update().filter(pk=user.pk).first()
    local_ca, _created = ca.ca_init()
    issued = ca.certificate_build(
        ca=local_ca,
        common_name=signer_display_name(user),
        serial_number=signer_serial_number(user),
        valid_days=valid_days,
    )
    SigningCertificate.objects.filter(user=user, active=True).update(active=False)
    return SigningCertificate.objects.create(
        user=user,
        subject_cn=signer_display_name(user)[:200],
        serial=issued.serial,
        not_before=issued.not_before,
        not_after=issued.not_after,
        certificate_pem=issued.certificate_pem,
        private_key_encrypted=ca.private_key_encrypt(issued.private_key_pem),
    )
