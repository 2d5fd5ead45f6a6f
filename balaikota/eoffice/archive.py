"""Writes of the archive (JRA): legal holds, disposal proposals with two approvals and their
execution under a signed berita acara pemusnahan, and the exchange bundle of a signed letter.

Retention is counted from the end of the year of the letter's date, as JRA practice does: a
letter of 14 March 2019 with 2 active and 3 inactive years is inactive from 1 January 2022 and
due for its final disposition from 1 January 2025 (``retention_dates``).

Execution is two short transactions around the slow part, as signing a letter is: (1) the
proposal is locked, checked (two approvals, nothing held), its berita acara number reserved and
the proposal marked "being destroyed"; (2) the berita acara PDF is rendered and signed (PAdES)
with no lock held; documents then calls ``disposal_signed`` in the transaction that stores the
signature — where the letters are destroyed (text, versions' text, attachments, the signed PDF)
and tombstones written. Nothing is destroyed without the signed berita acara in that same
transaction; the files are deleted after it commits (idempotently).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balaikota.core.errors import Conflict, DomainError, Forbidden, InvalidInput, NotFound
from balaikota.core.services import access_log_record
from balaikota.core.uploads import JPEG, PDF, PNG, check_upload
from balaikota.core.zips import read_zip
from balaikota.documents import interfaces as document_interfaces
from balaikota.documents import selectors as document_selectors
from balaikota.documents import services as document_services

from . import integrations, selectors, services
from .models import (
    OPEN_DISPOSAL_STATES,
    Classification,
    DisposalItem,
    DisposalProposal,
    DisposalStatus,
    LegalHold,
    Letter,
    LetterTombstone,
    LetterVersion,
)
from .workflows import DISPOSAL_WORKFLOW

logger = logging.getLogger(__name__)

SOURCE_APP = "eoffice-arsip"
DOCUMENT_KIND = "berita-acara-pemusnahan"
#: *(check)* the classification printed in the berita acara's number (kearsipan)
DISPOSAL_CLASSIFICATION = "000.1"
MAX_PROPOSAL = 500
D = DisposalStatus


# --- Retention ------------------------------------------------------------------------------


def retention_dates(dated: dt.date, classification: Classification) -> tuple[dt.date, dt.date]:
    """(inactive from, due for the final disposition from), counted from the end of the year."""
    inactive = dt.date(dated.year + classification.active_years + 1, 1, 1)
    due = dt.date(inactive.year + classification.inactive_years, 1, 1)
    return inactive, due


def retention_basis(classification: Classification) -> str:
    return _("JRA %(code)s: aktif %(active)s th, inaktif %(inactive)s th, %(final)s") % {
        "code": classification.code,
        "active": classification.active_years,
        "inactive": classification.inactive_years,
        "final": classification.get_final_disposition_display().lower(),
    }


# --- Legal hold -----------------------------------------------------------------------------


def _reason(value: str, field: str = "reason") -> str:
    reason = " ".join((value or "").split())
    if len(reason) < 5:
        raise InvalidInput(
            errors={field: [_("Tulis alasannya paling sedikit 5 huruf.")]}, code="reason_required"
        )
    return reason[:500]


def _locked_letter(letter: Letter | int) -> Letter:
    pk = letter if isinstance(letter, int) else letter.pk
    return Letter.objects.select_for_update(of=("self",)).select_related("opd").get(pk=pk)


@transaction.atomic
def legal_hold_put(*, letter: Letter, user, reason: str) -> LegalHold:
    """Keep ``letter`` from disposal; it leaves every open proposal (with the reason)."""
    reason = _reason(reason)
    letter = _locked_letter(letter)
    if not user.has_perm("eoffice.hold_letter", letter):
        raise Forbidden(_("Penahanan arsip dilakukan unit kearsipan atau kepala OPD."))
    if LetterTombstone.objects.filter(letter=letter).exists():
        raise Conflict(_("Naskah ini sudah dimusnahkan."), code="destroyed")
    if letter.legal_holds.filter(lifted_at__isnull=True).exists():
        raise Conflict(_("Naskah ini sudah ditahan."), code="already_held")
    hold = LegalHold.objects.create(letter=letter, reason=reason, placed_by=user)
    open_items = DisposalItem.objects.filter(
        letter=letter, removed_at__isnull=True, proposal__status__in=OPEN_DISPOSAL_STATES
    ).select_related("proposal")
    for item in open_items:
        if item.proposal.status == D.EXECUTING:
            continue  # the destruction skips a held letter (disposal_signed checks again)
        item.removed_at = timezone.now()
        item.removed_reason = _("Ditahan: %(reason)s") % {"reason": reason}
        item.save(update_fields=["removed_at", "removed_reason"])
        DISPOSAL_WORKFLOW.transition(
            item.proposal,
            "item_removed",
            actor=user,
            system=True,
            reason=_("%(number)s ditahan: %(reason)s")
            % {"number": letter.number, "reason": reason},
        )
    return hold


@transaction.atomic
def legal_hold_lift(*, letter: Letter, user, reason: str) -> LegalHold:
    reason = _reason(reason)
    letter = _locked_letter(letter)
    if not user.has_perm("eoffice.hold_letter", letter):
        raise Forbidden(_("Penahanan arsip dilepas unit kearsipan atau kepala OPD."))
    hold = letter.legal_holds.filter(lifted_at__isnull=True).first()
    if hold is None:
        raise Conflict(_("Naskah ini tidak sedang ditahan."), code="not_held")
    hold.lifted_at = timezone.now()
    hold.lifted_by = user
    hold.lift_reason = reason
    hold.save(update_fields=["lifted_at", "lifted_by", "lift_reason"])
    return hold


# --- Disposal proposal ----------------------------------------------------------------------


def _locked_proposal(proposal: DisposalProposal | int) -> DisposalProposal:
    pk = proposal if isinstance(proposal, int) else proposal.pk
    return (
        DisposalProposal.objects.select_for_update(of=("self",))
        .select_related("opd", "issued_number")
        .get(pk=pk)
    )


def disposal_create(
    *, opd, user, letter_ids: Sequence[int], note: str = "", submit_key: str = ""
) -> DisposalProposal:
    """A draft proposal of the OPD's letters due for destruction. Every letter must be of
    ``opd``, due, of a "musnah" classification, not held and not in another open proposal."""
    probe = DisposalProposal(opd=opd)
    if not user.has_perm("eoffice.propose_disposal", probe):
        raise Forbidden(_("Usul musnah dibuat oleh unit kearsipan OPD."))
    submit_key = (submit_key or "")[:64]
    if submit_key:
        existing = DisposalProposal.objects.filter(proposed_by=user, submit_key=submit_key).first()
        if existing is not None:
            return existing
    ids = sorted({int(i) for i in letter_ids})
    if not ids:
        raise InvalidInput(errors={"letters": [_("Pilih arsip yang diusulkan untuk dimusnahkan.")]})
    if len(ids) > MAX_PROPOSAL:
        raise InvalidInput(
            errors={
                "letters": [_("Satu usul musnah paling banyak %(n)s arsip.") % {"n": MAX_PROPOSAL}]
            }
        )
    try:
        with transaction.atomic():
            letters = list(
                Letter.objects.select_for_update(of=("self",)).filter(pk__in=ids).order_by("pk")
            )
            eligible = set(selectors.disposable_letters(opd_id=opd.pk, ids=ids))
            refused = [letter for letter in letters if letter.pk not in eligible]
            if len(letters) != len(ids) or refused:
                numbers = ", ".join(letter.number or str(letter.pk) for letter in refused[:5])
                raise InvalidInput(
                    errors={
                        "letters": [
                            _(
                                "Arsip berikut tidak dapat diusulkan musnah (belum jatuh tempo, "
                                "bukan arsip musnah, ditahan, sudah dalam usul lain, atau bukan "
                                "arsip OPD ini): %(numbers)s."
                            )
                            % {"numbers": numbers or _("arsip yang tidak dikenal")}
                        ]
                    },
                    code="not_disposable",
                )
            proposal = DisposalProposal.objects.create(
                opd=opd, proposed_by=user, note=" ".join(note.split())[:500], submit_key=submit_key
            )
            DisposalItem.objects.bulk_create(
                DisposalItem(proposal=proposal, letter=letter) for letter in letters
            )
            DISPOSAL_WORKFLOW.record(proposal, "create", from_state="", actor=user)
    except IntegrityError:
        existing = DisposalProposal.objects.filter(proposed_by=user, submit_key=submit_key).first()
        if submit_key and existing is not None:
            return existing
        raise
    return proposal


@transaction.atomic
def disposal_submit(*, proposal: DisposalProposal, user) -> DisposalProposal:
    proposal = _locked_proposal(proposal)
    DISPOSAL_WORKFLOW.transition(proposal, "submit", actor=user, locked=True)
    return proposal


@transaction.atomic
def disposal_approve_records(*, proposal: DisposalProposal, user) -> DisposalProposal:
    """The records unit's approval (the first of two)."""
    proposal = _locked_proposal(proposal)
    DISPOSAL_WORKFLOW.transition(
        proposal,
        "approve_records",
        actor=user,
        changes={"records_approved_by": user, "records_approved_at": timezone.now()},
        locked=True,
    )
    return proposal


@transaction.atomic
def disposal_approve_head(*, proposal: DisposalProposal, user) -> DisposalProposal:
    """The head of the OPD's approval: a second person (never the records approver)."""
    proposal = _locked_proposal(proposal)
    DISPOSAL_WORKFLOW.transition(
        proposal,
        "approve_head",
        actor=user,
        changes={"head_approved_by": user, "head_approved_at": timezone.now()},
        locked=True,
    )
    return proposal


@transaction.atomic
def disposal_reject(*, proposal: DisposalProposal, user, reason: str) -> DisposalProposal:
    reason = _reason(reason)
    proposal = _locked_proposal(proposal)
    DISPOSAL_WORKFLOW.transition(proposal, "reject", actor=user, reason=reason, locked=True)
    return proposal


def _document_source_id(proposal: DisposalProposal) -> str:
    return f"{proposal.pk}.{proposal.issued_number_id}"


def _proposal_id_of(document) -> int | None:
    head = str(document.source_id).split(".", 1)[0]
    return int(head) if head.isdigit() else None


def disposal_execute(
    *, proposal: DisposalProposal, user, passphrase: str | None = None
) -> DisposalProposal:
    """Execute an approved proposal: the berita acara is numbered, rendered and signed by
    ``user``; the letters are destroyed in the transaction that stores its signature."""
    with transaction.atomic():
        proposal = _locked_proposal(proposal)
        if proposal.status == D.EXECUTED:
            raise Conflict(
                _("Arsip dalam usul ini sudah dimusnahkan (berita acara %(number)s).")
                % {"number": proposal.number},
                code="already_executed",
            )
        if proposal.status == D.EXECUTING:
            raise Conflict(
                _("Pemusnahan usul ini sedang diproses; tunggu sebentar lalu muat ulang halaman."),
                code="executing",
            )
        DISPOSAL_WORKFLOW.ensure(user, proposal, "execute")
        setting = services.opd_setting(proposal.opd)
        number = document_interfaces.number_reserve(
            kind=integrations.NUMBER_KIND,
            unit=setting.unit_code,
            on=timezone.localdate(),
            format=setting.number_format,
            context={"classification": DISPOSAL_CLASSIFICATION},
            source_app=SOURCE_APP,
            source_id=f"pemusnahan-{proposal.pk}",
            actor=user,
        )
        DISPOSAL_WORKFLOW.transition(
            proposal,
            "execute",
            actor=user,
            reason=_("Berita acara nomor %(number)s.") % {"number": number.number},
            changes={"issued_number": number, "number": number.number, "executed_by": user},
            locked=True,
        )
    try:
        document = _record_document(proposal, user)
        document_services.document_sign_request(document=document, signer_user=user)
    except DomainError as exc:
        _execution_abandoned(proposal.pk, exc.text)
        raise
    except Exception as exc:
        logger.exception("eoffice: berita acara of proposal %s failed", proposal.pk)
        _execution_abandoned(proposal.pk, str(exc)[:200])
        raise Conflict(
            _("Berita acara pemusnahan tidak dapat dibuat. Coba lagi."), code="record_failed"
        ) from exc
    document_services.document_sign_perform(document_id=document.pk, passphrase=passphrase)
    proposal.refresh_from_db()
    return proposal


def _record_document(proposal: DisposalProposal, signer):
    from . import archivepdf

    def link(document) -> None:
        locked = _locked_proposal(proposal.pk)
        if locked.document_id != document.pk:
            locked.document = document
            locked.save(update_fields=["document", "updated_at"])

    return document_services.document_create(
        kind=DOCUMENT_KIND,
        number=proposal.number,
        title=_("Berita Acara Pemusnahan Arsip"),
        subject_name=proposal.opd.name,
        subject_nik_masked="",
        owner=signer,
        source_app=SOURCE_APP,
        source_id=_document_source_id(proposal),
        build_pdf=lambda url: archivepdf.render(proposal, verification_url=url, signer=signer),
        actor=signer,
        on_created=link,
    )


def _execution_abandoned(proposal_id: int, reason: str) -> None:
    with transaction.atomic():
        proposal = _locked_proposal(proposal_id)
        if proposal.status == D.EXECUTING:
            DISPOSAL_WORKFLOW.transition(
                proposal,
                "execution_failed",
                actor=None,
                system=True,
                reason=_("Pemusnahan gagal: %(reason)s") % {"reason": reason},
                locked=True,
            )


@transaction.atomic
def disposal_signed(*, document) -> DisposalProposal | None:
    """Called by documents in the transaction that stores the berita acara's signature: the
    number is used, the letters destroyed (tombstones stay), the files deleted after commit."""
    proposal_id = _proposal_id_of(document)
    if proposal_id is None:
        return None
    proposal = _locked_proposal(proposal_id)
    if proposal.status != D.EXECUTING:
        return proposal  # a repeated callback
    document_interfaces.number_use(number=proposal.issued_number)
    actor = document.signed_by
    files: list[str] = []
    items = proposal.items.filter(removed_at__isnull=True).select_related(
        "letter__classification", "letter__document"
    )
    for item in items:
        letter = _locked_letter(item.letter_id)
        if letter.legal_holds.filter(lifted_at__isnull=True).exists():
            item.removed_at = timezone.now()
            item.removed_reason = _("Ditahan saat pemusnahan.")
            item.save(update_fields=["removed_at", "removed_reason"])
            continue
        files += _destroy(letter, item.letter, proposal, actor)
    DISPOSAL_WORKFLOW.transition(
        proposal,
        "executed",
        actor=actor,
        system=True,
        changes={"executed_at": timezone.now(), "document": document},
        locked=True,
    )
    transaction.on_commit(partial(document_services.delete_files_quietly, files))
    return proposal


def _destroy(letter: Letter, loaded: Letter, proposal: DisposalProposal, actor) -> list[str]:
    """Destroy one letter's content; return the storage names to delete after commit."""
    if LetterTombstone.objects.filter(letter=letter).exists():
        return []
    classification = loaded.classification
    LetterTombstone.objects.create(
        letter=letter,
        proposal=proposal,
        number=letter.number,
        dated=letter.dated,
        classification_code=classification.code,
        retention_basis=retention_basis(classification)[:200],
        record_number=proposal.number,
    )
    files = [a.file.name for a in letter.attachments.all() if a.file.name]
    letter.attachments.all().delete()
    LetterVersion.objects.filter(letter=letter).update(body="", details={})
    letter.body = ""
    letter.save(update_fields=["body", "updated_at"])
    if loaded.document_id:
        files += document_services.document_files_erase(
            document=loaded.document,
            actor=actor,
            reason=_("Dimusnahkan dengan berita acara %(number)s.") % {"number": proposal.number},
        )
    return files


def disposal_signing_failed(*, document, reason: str) -> None:
    proposal_id = _proposal_id_of(document)
    if proposal_id is not None:
        _execution_abandoned(proposal_id, reason)


def may_download_record(user, document) -> bool:
    """The berita acara: the records unit and the head of the OPD."""
    proposal_id = _proposal_id_of(document)
    proposal = DisposalProposal.objects.filter(pk=proposal_id).first() if proposal_id else None
    return proposal is not None and user.has_perm("eoffice.view_disposal", proposal)


def register_document_source() -> None:
    document_services.register_source(
        SOURCE_APP,
        on_signed=lambda document: disposal_signed(document=document),
        on_signing_failed=lambda document, reason: disposal_signing_failed(
            document=document, reason=reason
        ),
        may_download=may_download_record,
    )


# --- Exchange bundle ------------------------------------------------------------------------

BUNDLE_FORMAT = "balaikota-naskah/1"
MAX_BUNDLE_SIZE = 60 * 1024 * 1024
MAX_BUNDLE_UNPACKED = 120 * 1024 * 1024
MAX_BUNDLE_FILES = 200
MAX_MANIFEST_SIZE = 1024 * 1024
MAX_PDF_SIZE = 20 * 1024 * 1024


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _person(user) -> dict:
    if user is None:
        return {"name": "", "nip": ""}
    employee = integrations.employee_for_user(user)
    return {"name": user.full_name, "nip": employee.nip if employee is not None else ""}


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def bundle_export(*, letter: Letter, user, request=None) -> tuple[str, bytes]:
    """The letter as an exchange bundle (ZIP): ``(file name, bytes)``. Refused to whoever may
    not export it; a confidential letter's export is written to the access log."""
    import io
    import zipfile

    if not user.has_perm("eoffice.export_letter", letter):
        if selectors.may_view(user, letter):
            raise Forbidden(
                _("Bundel naskah ini hanya dapat diunduh konseptor dan penandatangannya."),
                code="export_forbidden",
            )
        raise NotFound()
    letter = (
        Letter.objects.select_related(
            "kind", "classification", "opd", "signer", "signer_position__unit__opd", "document"
        )
        .prefetch_related("attachments")
        .get(pk=letter.pk)
    )
    document = letter.document
    with document.signed_file.open("rb") as handle:
        pdf = handle.read()
    files: dict[str, bytes] = {"naskah.pdf": pdf}
    versions = []
    for version in letter.versions.select_related("saved_by").order_by("number"):
        text = version.body.encode()
        path = f"versi/{version.number}.html"
        files[path] = text
        versions.append(
            {
                "number": version.number,
                "subject": version.subject,
                "saved_by": _person(version.saved_by),
                "saved_at": _iso(version.saved_at),
                "path": path,
                "sha256": _sha(text),
            }
        )
    attachments = []
    for n, item in enumerate(letter.attachments.all(), 1):
        with item.file.open("rb") as handle:
            data = handle.read()
        path = f"lampiran/{n}-{item.original_name}"
        files[path] = data
        attachments.append(
            {
                "name": item.original_name,
                "path": path,
                "content_type": item.content_type,
                "size": len(data),
                "sha256": _sha(data),
            }
        )
    manifest = bundle_manifest(letter, versions=versions, attachments=attachments, pdf=pdf)
    manifest["exported_at"] = timezone.now().isoformat()
    manifest["exported_by"] = _person(user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
        for path, data in files.items():
            archive.writestr(path, data)
    if letter.is_confidential:
        access_log_record(
            actor=user,
            obj=letter,
            purpose=_("Mengunduh bundel naskah bersifat %(class)s")
            % {"class": letter.get_security_class_display()},
            request=request,
        )
    name = "naskah-" + "".join(c if c.isalnum() else "-" for c in letter.number) + ".zip"
    return name, buffer.getvalue()


def bundle_manifest(letter: Letter, *, versions: list, attachments: list, pdf: bytes) -> dict:
    signer = _person(letter.signer)
    signer["position"] = (
        selectors.position_title(letter.signer_position) if letter.signer_position_id else ""
    )
    signer["capacity"] = "definitif"
    recipients = {"to": [], "cc": []}
    for recipient in letter.recipients.select_related("user", "position__unit__opd", "unit"):
        recipients[recipient.role].append(
            {
                "name": selectors.recipient_line(recipient),
                "internal": not recipient.is_external,
                "agency": recipient.agency if recipient.is_external else letter.opd.name,
                "address": recipient.address,
                "email": recipient.email,
            }
        )
    route = [
        {
            "order": row.order,
            "name": row.name,
            "position": row.position,
            "initialled_at": _iso(row.initialled_at),
            "comment": row.comment,
        }
        for row in selectors.route_rows(letter)
    ]
    document = letter.document
    certificate = document_selectors.active_certificate(document.signed_by)
    signatures = [
        {
            "signer": _person(document.signed_by),
            "signed_at": _iso(document.signed_at),
            "certificate_subject": certificate.subject_cn if certificate is not None else "",
            "certificate_serial": str(certificate.serial) if certificate is not None else "",
            "verification_code": document.verification_code,
        }
    ]
    return {
        "format": BUNDLE_FORMAT,
        "letter": {
            "kind": {"code": letter.kind.code, "name": letter.kind.name},
            "classification": {
                "code": letter.classification.code,
                "name": letter.classification.name,
            },
            "number": letter.number,
            "date": _iso(letter.dated),
            "security_class": letter.security_class,
            "urgency": letter.urgency,
            "subject": letter.subject,
            "sender": {
                "opd": {"code": letter.opd.code, "name": letter.opd.name},
                "signer": signer,
            },
            "addressees": recipients["to"],
            "copies": recipients["cc"],
        },
        "document": {"path": "naskah.pdf", "sha256": _sha(pdf), "size": len(pdf)},
        "versions": versions,
        "route": route,
        "signatures": signatures,
        "attachments": attachments,
    }


@dataclass(frozen=True)
class BundleFile:
    name: str
    content_type: str
    content: bytes
    sha256: str


@dataclass(frozen=True)
class BundleContents:
    """A read and checked bundle: the manifest as sent, the signed PDF, the attachments and
    each version's text (by version number)."""

    manifest: dict
    pdf: BundleFile
    attachments: tuple[BundleFile, ...]
    versions: dict[int, str]

    @property
    def letter(self) -> dict:
        return self.manifest["letter"]


def _bad(message: str, code: str) -> InvalidInput:
    return InvalidInput(errors={"bundle": [message]}, code=code)


_REQUIRED = {
    "letter": dict,
    "document": dict,
    "versions": list,
    "route": list,
    "signatures": list,
    "attachments": list,
}
_LETTER_REQUIRED = {
    "kind": dict,
    "classification": dict,
    "number": str,
    "date": str,
    "security_class": str,
    "urgency": str,
    "subject": str,
    "sender": dict,
    "addressees": list,
    "copies": list,
}


def _check_shape(manifest: dict) -> None:
    for fields, where, prefix in (
        (_REQUIRED, manifest, ""),
        (_LETTER_REQUIRED, manifest.get("letter"), "letter."),
    ):
        for key, kind in fields.items():
            if not isinstance(where, dict) or not isinstance(where.get(key), kind):
                raise _bad(
                    _("Manifes tidak lengkap atau salah bentuk: bagian “%(key)s”.")
                    % {"key": prefix + key},
                    "manifest_invalid",
                )
    try:
        dt.date.fromisoformat(manifest["letter"]["date"])
    except ValueError:
        raise _bad(_("Tanggal naskah dalam manifes tidak sah."), "manifest_invalid") from None
    for section in ("versions", "attachments"):
        for entry in manifest[section]:
            if not (
                isinstance(entry, dict)
                and isinstance(entry.get("path"), str)
                and isinstance(entry.get("sha256"), str)
            ):
                raise _bad(
                    _("Manifes tidak lengkap atau salah bentuk: bagian “%(key)s”.")
                    % {"key": section},
                    "manifest_invalid",
                )
    if not isinstance(manifest["document"].get("path"), str):
        raise _bad(
            _("Manifes tidak lengkap atau salah bentuk: bagian “%(key)s”.") % {"key": "document"},
            "manifest_invalid",
        )


def _member(files: dict[str, bytes], entry: dict) -> bytes:
    path = entry["path"]
    if path not in files:
        raise _bad(
            _("Berkas %(name)s yang disebut manifes tidak ada di dalam bundel.") % {"name": path},
            "file_missing",
        )
    data = files[path]
    if _sha(data) != str(entry.get("sha256", "")).lower():
        raise _bad(
            _("Sidik SHA-256 berkas %(name)s tidak cocok dengan manifes: isinya berubah.")
            % {"name": path},
            "sha256_mismatch",
        )
    return data


def bundle_read(upload) -> BundleContents:
    """Read and check an exchange bundle (ZIP), or ``InvalidInput`` (field ``bundle``) saying
    what is wrong: an unsafe or oversized ZIP, a missing or unknown manifest, a file missing or
    changed (SHA-256), a PDF or attachment that is not what it claims."""
    files = read_zip(
        upload,
        field="bundle",
        max_zip_size=MAX_BUNDLE_SIZE,
        max_total_size=MAX_BUNDLE_UNPACKED,
        max_files=MAX_BUNDLE_FILES,
    )
    raw = files.get("manifest.json")
    if raw is None:
        raise _bad(_("Bundel tidak memuat manifest.json di akarnya."), "no_manifest")
    if len(raw) > MAX_MANIFEST_SIZE:
        raise _bad(_("manifest.json terlalu besar."), "manifest_too_large")
    try:
        manifest = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise _bad(_("manifest.json bukan JSON UTF-8 yang sah."), "manifest_not_json") from None
    if not isinstance(manifest, dict):
        raise _bad(_("manifest.json harus berupa objek JSON."), "manifest_invalid")
    if manifest.get("format") != BUNDLE_FORMAT:
        raise _bad(
            _("Format bundel “%(format)s” tidak dikenal; yang diterima: %(known)s.")
            % {"format": str(manifest.get("format", ""))[:40], "known": BUNDLE_FORMAT},
            "format_unsupported",
        )
    _check_shape(manifest)
    named = {"manifest.json", manifest["document"]["path"]}
    named |= {e["path"] for e in manifest["versions"]} | {
        e["path"] for e in manifest["attachments"]
    }
    extra = sorted(set(files) - named)
    if extra:
        raise _bad(
            _("Bundel memuat berkas yang tidak disebut manifes: %(name)s") % {"name": extra[0]},
            "unexpected_file",
        )
    pdf_bytes = _member(files, manifest["document"])
    try:
        checked = check_upload(pdf_bytes, accepted=[PDF], max_size=MAX_PDF_SIZE)
    except InvalidInput as exc:
        raise _bad(
            _("Naskah PDF dalam bundel ditolak: %(reason)s") % {"reason": exc.text}, exc.code
        ) from exc
    pdf = BundleFile("naskah.pdf", checked.content_type, checked.content, checked.sha256)
    attachments = []
    for entry in manifest["attachments"]:
        data = _member(files, entry)
        try:
            item = check_upload(
                data,
                accepted=[PDF, JPEG, PNG],
                max_size=services.MAX_ATTACHMENT_SIZE,
                original_name=str(entry.get("name", ""))[:150],
            )
        except InvalidInput as exc:
            raise _bad(
                _("Lampiran %(name)s ditolak: %(reason)s")
                % {"name": entry["path"], "reason": exc.text},
                exc.code,
            ) from exc
        attachments.append(BundleFile(item.original_name, item.content_type, data, item.sha256))
    versions = {}
    for entry in manifest["versions"]:
        data = _member(files, entry)
        try:
            versions[int(entry.get("number", 0))] = data.decode("utf-8")
        except (UnicodeDecodeError, ValueError, TypeError):
            raise _bad(
                _("Teks versi %(name)s bukan teks UTF-8.") % {"name": entry["path"]},
                "version_not_text",
            ) from None
    return BundleContents(
        manifest=manifest, pdf=pdf, attachments=tuple(attachments), versions=versions
    )
