"""Reads of issued documents: lookups for the public verification page, checks of uploaded PDFs."""

from __future__ import annotations

import datetime as dt
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


def verdict_for(document: IssuedDocument | None) -> str:
    """valid / revoked / unknown. A draft was never issued: to the public it does not exist."""
    if document is None or document.signed_at is None:
        return "unknown"
    return "revoked" if document.status == IssuedDocument.Status.REVOKED else "valid"


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


def revoked_certificates() -> list[tuple[str, object]]:
    """(hex serial, revoked at) of every revoked signing certificate: what the CA's CRL lists."""
    return list(
        SigningCertificate.objects.filter(revoked_at__isnull=False)
        .order_by("revoked_at")
        .values_list("serial", "revoked_at")
    )


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
    #: when it was signed: the timestamp's time when one is valid, else the signer's own claim
    signed_at: dt.datetime | None = None
    #: None: no RFC 3161 timestamp; True / False: whether it is intact and from a trusted TSA
    timestamp_valid: bool | None = None
    timestamp_at: dt.datetime | None = None
    timestamp_authority: str = ""
    #: the revocation data and certificates to verify it later are embedded (PAdES B-LT)
    long_term: bool = False
    #: the signer's certificate is no longer valid (expired or revoked later), but was when the
    #: timestamp proves the signature was made: it is trusted on the document's own evidence
    trusted_at_signing_time: bool = False

    @property
    def message(self):
        return SignatureState.LABELS[self.state]

    @property
    def intact(self) -> bool:
        return self.state == SignatureState.INTACT

    @property
    def level(self) -> str:
        """The PAdES baseline level a reader can rely on: B-LT, B-T, B-B, or ""."""
        if not (self.intact and self.pades):
            return ""
        if self.timestamp_valid:
            return "B-LT" if self.long_term else "B-T"
        return "B-B"


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


def _common_name(certificate) -> str:
    try:
        return certificate.subject.native.get("common_name", "") or ""
    except (AttributeError, ValueError):
        return ""


def current_crl(at: dt.datetime | None = None) -> bytes:
    """The local CA's CRL (DER) as of now or ``at``: what a signature embeds, what /pki/crl/
    serves, what verification checks against (revocations since a document was signed count)."""
    return ca.crl_build(revoked_certificates(), at=at)


def _current_crls(at: dt.datetime | None = None) -> list:
    from asn1crypto import crl as asn1_crl

    if not ca.ca_exists():
        return []
    return [asn1_crl.CertificateList.load(current_crl(at))]


def signature_check(data: bytes, *, at: dt.datetime | None = None) -> SignatureCheck:
    """Validate every embedded signature with pyHanko; trust the local CA (and extra roots).

    The signer's certificate is checked now (``at``), against the CA's current CRL. When it is no
    longer valid but the signature carries a valid RFC 3161 timestamp, it is checked again as of
    the timestamp's time with the certificates and CRLs embedded in the document (PAdES B-LT):
    a certificate that expired, or was revoked, after the signature was made does not undo it."""
    from pyhanko.keys import load_certs_from_pemder_data
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.diff_analysis import ModificationLevel
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko.sign.validation.dss import DocumentSecurityStore, NoDSSFoundError
    from pyhanko.sign.validation.status import SignatureCoverageLevel
    from pyhanko_certvalidator import ValidationContext

    try:
        reader = PdfFileReader(io.BytesIO(data), strict=False)
        signatures = reader.embedded_signatures
    except Exception:
        logger.info("uploaded PDF cannot be read by pyHanko", exc_info=True)
        return SignatureCheck(state=SignatureState.MODIFIED)
    if not signatures:
        return SignatureCheck(state=SignatureState.NOT_SIGNED)
    try:
        dss = DocumentSecurityStore.read_dss(reader)
    except NoDSSFoundError:
        dss = None
    except Exception:
        logger.info("uploaded PDF has an unreadable security store", exc_info=True)
        return SignatureCheck(state=SignatureState.MODIFIED)
    roots = [c for pem in ca.trust_root_pems() for c in load_certs_from_pemder_data(pem)]
    # soft-fail: the local CA's certificates name its CRL, so the current one given here is
    # checked; another root's (BSrE's) cannot be fetched here and does not fail the check
    now_context = ValidationContext(
        trust_roots=roots, crls=_current_crls(at), allow_fetching=False, moment=at
    )
    intact, trusted, pades, signer_name = True, True, True, ""
    signed_at = timestamp_at = None
    timestamp_valid: bool | None = None
    timestamp_authority, past_trusted = "", False
    for index, embedded in enumerate(signatures):
        try:
            status = validate_pdf_signature(embedded, now_context)
        except Exception:
            logger.info("embedded signature cannot be validated", exc_info=True)
            return SignatureCheck(state=SignatureState.MODIFIED)
        last = index == len(signatures) - 1
        # After the last signature only validation data may follow (the DSS of PAdES B-LT, which
        # pyHanko's diff analysis classifies as LTA updates); anything else is a modification.
        # For earlier signatures, only later signatures may follow (checked by pyHanko's diff).
        covers_all = status.coverage == SignatureCoverageLevel.ENTIRE_FILE or (
            status.coverage == SignatureCoverageLevel.ENTIRE_REVISION
            and status.modification_level is not None
            and status.modification_level <= ModificationLevel.LTA_UPDATES
        )
        if not (status.intact and status.valid) or (last and not covers_all):
            intact = False
        if not last and status.docmdp_ok is False:
            intact = False
        stamp = status.timestamp_validity
        if stamp is not None:
            stamp_ok = bool(stamp.intact and stamp.valid and stamp.trusted)
            timestamp_valid = stamp_ok if timestamp_valid is None else timestamp_valid and stamp_ok
            timestamp_at = stamp.timestamp
            timestamp_authority = _common_name(stamp.signing_cert)
        signature_trusted = bool(status.trusted)
        if not signature_trusted and stamp is not None and stamp_ok and dss is not None:
            past_context = dss.as_validation_context(
                {
                    "trust_roots": roots,
                    "allow_fetching": False,
                    "moment": stamp.timestamp,
                    "revocation_mode": "hard-fail",
                }
            )
            try:
                past = validate_pdf_signature(
                    embedded, past_context, ts_validation_context=now_context, skip_diff=True
                )
            except Exception:
                logger.warning("signature cannot be validated at its timestamp", exc_info=True)
            else:
                signature_trusted = bool(past.trusted and past.valid and past.intact)
                past_trusted = past_trusted or signature_trusted
        trusted = trusted and signature_trusted
        pades = pades and str(embedded.sig_object.get("/SubFilter")) == "/ETSI.CAdES.detached"
        signer_name = _common_name(status.signing_cert) or signer_name
        signed_at = (
            stamp.timestamp if stamp is not None and stamp_ok else status.signer_reported_dt
        ) or signed_at
    long_term = dss is not None and bool(dss.crls or dss.ocsps)
    return SignatureCheck(
        state=SignatureState.INTACT if intact else SignatureState.MODIFIED,
        signer_name=signer_name,
        trusted=trusted,
        pades=pades,
        signed_at=signed_at,
        timestamp_valid=timestamp_valid,
        timestamp_at=timestamp_at,
        timestamp_authority=timestamp_authority,
        long_term=long_term,
        trusted_at_signing_time=past_trusted and trusted,
    )


def document_signature(document: IssuedDocument | None) -> SignatureCheck | None:
    """The signature check of an issued document's stored file, for its verification page;
    cached per file for ten minutes (a revocation shows within that time)."""
    from django.core.cache import cache

    if document is None or not document.signed_file or not document.sha256:
        return None
    key = f"documents:signature:{document.sha256}"
    check = cache.get(key)
    if check is None:
        try:
            with document.signed_file.open("rb") as handle:
                data = handle.read()
        except OSError:
            logger.warning("signed file of document %s cannot be read", document.pk)
            return None
        check = signature_check(data)
        cache.set(key, check, 600)
    return check


def verify_upload(data: bytes) -> VerificationResult:
    """Is this file one we issued, unchanged? By SHA-256, and by its embedded signature."""
    digest = hashlib.sha256(data).hexdigest()
    document = (
        _public_queryset().filter(sha256=digest).exclude(status=IssuedDocument.Status.DRAFT).first()
    )
    return VerificationResult(document=document, signature=signature_check(data), sha256=digest)
