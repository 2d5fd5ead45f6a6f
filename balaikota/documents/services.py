"""Writes of the documents app: create a document, sign it, revoke it; issue signing certificates.

Who may sign or revoke is each source app's rule (``permissions.py`` lets apps extend
``documents.sign_issueddocument``); what happens to the source record once its document is
signed is the source app's callback (``register_source``). Slow work never runs under a lock:
the PDF is rendered before the row is written, and the signer is called between two short
transactions (``document_sign_request`` → ``document_sign_perform``).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from balaikota.core.identity import mask_nik

from . import ca
from .exceptions import DocumentError, DocumentInputError, SigningError
from .models import IssuedDocument, SigningCertificate, new_verification_code
from .selectors import active_certificate, verification_url_for
from .signers import LocalPadesSigner, get_signer, signer_display_name, signer_serial_number
from .workflows import DOCUMENT_WORKFLOW

__all__ = [
    "DocumentError",
    "SigningError",
    "certificate_issue",
    "document_create",
    "document_revoke",
    "document_sign",
    "document_sign_perform",
    "document_sign_request",
    "register_source",
    "signer_requires_passphrase",
]

logger = logging.getLogger(__name__)
Status = IssuedDocument.Status


@dataclass(frozen=True)
class SourceHooks:
    """What a source app wants to hear about its documents (called inside the transaction
    that records the change, so the source record moves together with the document)."""

    on_signed: Callable[[IssuedDocument], None] | None = None
    on_signing_failed: Callable[[IssuedDocument, str], None] | None = None
    #: ``(document, signer_user, verification_url) -> bytes``: the PDF again with the signer's
    #: name and NIP under the signature (known only now); called outside any transaction.
    render_for_signer: Callable[..., bytes | None] | None = None


_SOURCES: dict[str, SourceHooks] = {}


def register_source(
    app: str, *, on_signed=None, on_signing_failed=None, may_download=None, render_for_signer=None
) -> None:
    """Called from a source app's AppConfig.ready(): documents never imports the apps.
    ``may_download(user, document) -> bool`` extends ``documents.download_issueddocument`` for
    that app's documents (e.g. the officers of the issuing office); ``render_for_signer`` lets
    the signature block name the official who actually signs."""
    _SOURCES[app] = SourceHooks(
        on_signed=on_signed,
        on_signing_failed=on_signing_failed,
        render_for_signer=render_for_signer,
    )
    if may_download is not None:
        from .permissions import allow_download

        allow_download(app, may_download)


def _hooks(document: IssuedDocument) -> SourceHooks:
    return _SOURCES.get(document.source_app, SourceHooks())


def signer_requires_passphrase() -> bool:
    return bool(getattr(get_signer(), "requires_passphrase", False))


def _masked(value: str) -> str:
    value = str(value or "").strip()
    # A caller that passes a whole NIK by mistake still never gets it printed or shown.
    return mask_nik(value) if value.isdigit() and len(value) == 16 else value[:16]


def _require_pdf(data: bytes) -> None:
    if not isinstance(data, bytes | bytearray) or not bytes(data[:5]) == b"%PDF-":
        raise DocumentInputError(_("Berkas yang dihasilkan bukan PDF."), code="not_pdf")


def _live_document(source_app: str, source_id: str, kind: str) -> IssuedDocument | None:
    return (
        IssuedDocument.objects.filter(source_app=source_app, source_id=str(source_id), kind=kind)
        .exclude(status=Status.REVOKED)
        .first()
    )


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
    on_created: Callable[[IssuedDocument], None] | None = None,
) -> IssuedDocument:
    """Render the unsigned PDF (with the QR to its own verification page) and store it as a draft.

    The PDF is rendered before any row is written or locked; the row is then saved in a short
    transaction, in which ``on_created(document)`` lets the source app record it too (one
    commit for both). Idempotent per (source_app, source_id, kind): a retry — or a concurrent
    create that lost the race — returns the live document already made (``on_created`` is
    called for it as well, so the source app catches up).
    """

    def adopt(document: IssuedDocument) -> IssuedDocument:
        if on_created is not None:
            with transaction.atomic():
                on_created(document)
        return document

    existing = _live_document(source_app, source_id, kind)
    if existing is not None:
        return adopt(existing)
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
            DOCUMENT_WORKFLOW.record(document, "create", from_state="", actor=actor)
            if on_created is not None:
                on_created(document)
    except IntegrityError:
        document.unsigned_file.delete(save=False)
        winner = _live_document(source_app, source_id, kind)
        if winner is None:
            raise
        return adopt(winner)
    return document


@transaction.atomic
def document_sign_request(*, document: IssuedDocument, signer_user) -> IssuedDocument:
    """Mark the draft "being signed" by ``signer_user`` (visible to everyone once committed).
    Call ``document_sign_perform`` after the transaction commits. Whether ``signer_user`` may
    sign is the source app's rule, checked by the caller."""
    document = IssuedDocument.objects.select_for_update().get(pk=document.pk)
    DOCUMENT_WORKFLOW.transition(
        document,
        "request_signing",
        actor=signer_user,
        system=True,
        locked=True,
        changes={
            "signing_requested_by": signer_user,
            "signing_started_at": timezone.now(),
            "signing_error": "",
        },
    )
    return document


def _fail(document_id: int, error: SigningError) -> None:
    with transaction.atomic():
        document = IssuedDocument.objects.select_for_update().get(pk=document_id)
        if document.status != Status.SIGNING:
            return
        message = error.text[:500]
        DOCUMENT_WORKFLOW.transition(
            document,
            "signing_failed",
            actor=document.signing_requested_by,
            system=True,
            locked=True,
            reason=f"{error.code}: {message}",
            changes={"signing_error": message},
        )
        hooks = _hooks(document)
        if hooks.on_signing_failed is not None:
            hooks.on_signing_failed(document, message)


def document_sign_perform(*, document_id: int, passphrase: str | None = None) -> IssuedDocument:
    """Make the signature of a document marked "being signed", outside any transaction.

    Idempotent: a document no longer being signed is returned as it is. On success a short
    transaction stores the signed PDF, records the event and calls the source app back (which
    issues its record); on failure the document returns to the draft with the reason, and the
    ``SigningError`` is raised for the caller to show."""
    document = IssuedDocument.objects.select_related("signing_requested_by").get(pk=document_id)
    if document.status != Status.SIGNING:
        return document
    signer_user = document.signing_requested_by
    signer = get_signer()
    try:
        if isinstance(signer, LocalPadesSigner) and active_certificate(signer_user) is None:
            certificate_issue(user=signer_user)
        unsigned = None
        render = _hooks(document).render_for_signer
        if render is not None:
            unsigned = render(
                document, signer_user, verification_url_for(document.verification_code)
            )
        if not unsigned:
            with document.unsigned_file.open("rb") as handle:
                unsigned = handle.read()
        signed = signer.sign(
            unsigned,
            signer=signer_user,
            reason=f"{document.title} {document.number}".strip(),
            location=getattr(settings, "BALAIKOTA_SIGNING_LOCATION", "Semarang"),
            passphrase=passphrase,
        )
        _require_pdf(signed)
    except SigningError as exc:
        _fail(document.pk, exc)
        raise
    except (DocumentError, OSError) as exc:
        error = SigningError(
            _("Dokumen tidak dapat ditandatangani: %(reason)s"),
            code="sign_failed",
            params={"reason": str(exc)[:200]},
        )
        _fail(document.pk, error)
        raise error from exc
    name = document.signed_file.field.generate_filename(
        document, f"{document.verification_code}.pdf"
    )
    stored = document.signed_file.storage.save(name, ContentFile(signed))
    with transaction.atomic():
        document = IssuedDocument.objects.select_for_update().get(pk=document_id)
        if document.status != Status.SIGNING:  # someone else finished first: keep theirs
            document.signed_file.storage.delete(stored)
            return document
        DOCUMENT_WORKFLOW.transition(
            document,
            "signed",
            actor=signer_user,
            system=True,
            locked=True,
            changes={
                "signed_file": stored,
                "sha256": hashlib.sha256(signed).hexdigest(),
                "signed_by": signer_user,
                "signed_at": timezone.now(),
                "signing_error": "",
            },
        )
        hooks = _hooks(document)
        if hooks.on_signed is not None:
            hooks.on_signed(document)
    return document


def documents_release_stalled_signing(*, batch: int = 200) -> int:
    """Documents left "sedang ditandatangani" past ``IssuedDocument.SIGNING_STALE_AFTER`` (the
    signing process died: a worker killed, a deploy) go back to the draft with the reason in
    their history, ready to be signed again (beat, every 5 minutes). Returns how many."""
    cutoff = timezone.now() - IssuedDocument.SIGNING_STALE_AFTER
    stalled = (
        IssuedDocument.objects.filter(status=Status.SIGNING)
        .filter(Q(signing_started_at__lt=cutoff) | Q(signing_started_at__isnull=True))
        .values_list("pk", flat=True)[:batch]
    )
    error = SigningError(
        _("Penandatanganan terputus sebelum selesai. Silakan tanda tangani lagi."),
        code="sign_interrupted",
    )
    released = 0
    for document_id in list(stalled):
        _fail(document_id, error)
        released += 1
    return released


def document_sign(
    *, document: IssuedDocument, signer_user, passphrase: str | None = None
) -> IssuedDocument:
    """Request and perform the signature in one call (the two steps above, in order)."""
    document_sign_request(document=document, signer_user=signer_user)
    return document_sign_perform(document_id=document.pk, passphrase=passphrase)


@transaction.atomic
def document_revoke(*, document: IssuedDocument, actor, reason: str) -> IssuedDocument:
    """Withdraw a document: verification then says "Dicabut" with the date. Reason required."""
    reason = str(reason or "").strip()
    if not reason:
        raise DocumentInputError(_("Alasan pencabutan wajib diisi."), code="reason_required")
    document = IssuedDocument.objects.select_for_update().get(pk=document.pk)
    DOCUMENT_WORKFLOW.transition(
        document,
        "revoke",
        actor=actor,
        system=True,
        locked=True,
        reason=reason,
        changes={"revoked_at": timezone.now(), "revoke_reason": reason},
    )
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


@transaction.atomic
def certificate_revoke(*, certificate: SigningCertificate, reason: str) -> SigningCertificate:
    """Revoke a signing certificate (a key lost or compromised, an official dismissed): from now
    on the CA's CRL lists it, so signatures made with it after this moment fail verification;
    those made before stay valid because their timestamp proves when they were made."""
    reason = str(reason or "").strip()
    if not reason:
        raise DocumentInputError(_("Alasan pencabutan wajib diisi."), code="reason_required")
    certificate = SigningCertificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.revoked_at is None:
        certificate.revoked_at = timezone.now()
        certificate.revocation_reason = reason[:200]
        certificate.active = False
        certificate.save(update_fields=["revoked_at", "revocation_reason", "active"])
    return certificate


@transaction.atomic
def document_files_erase(*, document: IssuedDocument, actor, reason: str) -> list[str]:
    """The document's PDF files are let go (a record destroyed under its retention schedule):
    the row keeps its number, signer, time and SHA-256 so verification still answers, the file
    fields are emptied and the history says why. Returns the storage names for the caller to
    delete after commit (``delete_files_quietly``). Idempotent: a second call returns []."""
    document = IssuedDocument.objects.select_for_update().get(pk=document.pk)
    names = [f.name for f in (document.unsigned_file, document.signed_file) if f and f.name]
    if not names:
        return []
    IssuedDocument.objects.filter(pk=document.pk).update(unsigned_file="", signed_file="")
    # Not a change of state (the document stays signed): one history row, written directly.
    document.events.create(
        action="files_erased",
        actor=actor,
        from_status=document.status,
        to_status=document.status,
        reason=str(reason)[:2000],
    )
    return names


def delete_files_quietly(names) -> None:
    """Delete storage files by name (after commit); a file already gone is no error."""
    from django.core.files.storage import default_storage

    for name in names:
        try:
            default_storage.delete(name)
        except OSError:
            logger.warning("documents: could not delete %s", name)
