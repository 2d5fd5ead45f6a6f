"""Writes of the e-office: draft a letter, route it for paraf, sign it (one or many), deliver it.

Every write is one transaction through ``workflows.LETTER_WORKFLOW``; signing is two short
transactions around the slow part (the PDF and the signature), as in civil registration: the
number is reserved and the letter marked "being signed" first, the document rendered and signed
after that commits, and documents calls ``letter_signed`` back in the transaction that stores
the signature — where the number is used and the letter delivered.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balaikota.core.errors import Conflict, DomainError, Forbidden, InvalidInput, NotFound
from balaikota.core.richtext import plain_text, sanitize
from balaikota.core.services import access_log_record
from balaikota.core.uploads import JPEG, PDF, PNG, check_upload

from . import integrations, letterpdf, selectors
from .models import (
    Classification,
    Delivery,
    Letter,
    LetterAttachment,
    LetterKind,
    LetterVersion,
    OpdLetterSetting,
    Recipient,
    RouteStep,
    SecurityClass,
    Status,
    Urgency,
)
from .workflows import LETTER_WORKFLOW

logger = logging.getLogger(__name__)

MAX_ATTACHMENTS = 5
MAX_ATTACHMENT_SIZE = 10 * 1024 * 1024
MAX_ROUTE = 8
MAX_BULK = 50


@dataclass
class LetterInput:
    """What a drafter writes, parsed by a form or a serializer (the same for both)."""

    kind: LetterKind | None
    classification: Classification | None
    subject: str
    body: str
    security_class: str = SecurityClass.ORDINARY
    urgency: str = Urgency.ORDINARY
    signer_position: object | None = None
    #: NIPs of the verifiers in order; None: the drafter's hierarchy up to the signer
    route_nips: list[str] | None = None
    to_positions: Sequence = ()
    to_units: Sequence = ()
    to_nips: list[str] = field(default_factory=list)
    copy_positions: Sequence = ()
    copy_nips: list[str] = field(default_factory=list)
    #: outside addressees: dicts with name, agency, address, email
    external: list[dict] = field(default_factory=list)
    attachments: Sequence = ()


# --- Reference data -------------------------------------------------------------------------


def reference_load() -> tuple[int, int]:
    """The seeded letter kinds and classification codes; rows already there stay as edited."""
    from .data.classifications import CLASSIFICATIONS
    from .data.kinds import KINDS

    kinds = 0
    for order, (code, name, group, layout, to, external, copies, attrs) in enumerate(KINDS, 1):
        _kind, created = LetterKind.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "group": group,
                "layout": layout,
                "uses_addressees": to,
                "uses_external": external,
                "uses_copies": copies,
                "uses_attributes": attrs,
                "order": order,
            },
        )
        kinds += created
    codes = 0
    by_code: dict[str, Classification] = {}
    for code, name, active, inactive, disposition in CLASSIFICATIONS:
        parent = by_code.get(code.rsplit(".", 1)[0]) if "." in code else None
        row, created = Classification.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "parent": parent,
                "active_years": active,
                "inactive_years": inactive,
                "final_disposition": disposition,
            },
        )
        by_code[code] = row
        codes += created
    return kinds, codes


def opd_setting(opd) -> OpdLetterSetting:
    """The OPD's numbering setting, made with the defaults on first use."""
    setting, _created = OpdLetterSetting.objects.get_or_create(
        opd=opd,
        defaults={
            "unit_code": (opd.short_name or opd.code).upper().replace(" ", "")[:30],
            "letterhead_address": opd.address,
        },
    )
    return setting


# --- Drafting -------------------------------------------------------------------------------


def _people(nips: Sequence[str], field_name: str) -> list:
    """Accounts of the NIPs, in the order given; an unknown NIP is refused by name."""
    wanted = [n.strip() for n in nips if n and n.strip()]
    found = {e.nip: e for e in integrations.employees_by_nip(wanted)}
    missing = [n for n in wanted if n not in found]
    if missing:
        raise InvalidInput(
            errors={
                field_name: [
                    _("NIP berikut tidak ditemukan atau tidak aktif: %(nips)s.")
                    % {"nips": ", ".join(missing[:5])}
                ]
            },
            code="unknown_nip",
        )
    seen, people = set(), []
    for nip in wanted:
        if nip not in seen:
            seen.add(nip)
            people.append(found[nip].user)
    return people


def default_route(*, drafter, signer_position) -> list:
    """The drafter's supervisors, nearest first, up to (not including) the signer's post."""
    employee = integrations.employee_for_user(drafter)
    if employee is None:
        return []
    route, seen = [], {employee.pk}
    boss = integrations.direct_supervisor(employee)
    while boss is not None and boss.pk not in seen and len(route) < MAX_ROUTE:
        if signer_position is not None and boss.position_id == signer_position.pk:
            break
        route.append(boss.user)
        seen.add(boss.pk)
        if signer_position is None:
            break  # without a signer: the direct supervisor only
        boss = integrations.direct_supervisor(boss)
    return route


def _signer_of(position):
    holder = integrations.position_holders([position.pk]).first() if position else None
    return holder.user if holder is not None else None


@dataclass
class _Clean:
    subject: str
    body: str
    route: list
    to_people: list
    copy_people: list
    external: list[dict]
    files: list


def _clean(*, drafter, data: LetterInput) -> _Clean:
    errors: dict[str, list[str]] = {}
    kind, classification = data.kind, data.classification
    subject = " ".join((data.subject or "").split())
    body = sanitize(data.body)
    if kind is None or not kind.is_active:
        errors["kind"] = [_("Pilih jenis naskah.")]
    if classification is None or not classification.is_active:
        errors["classification"] = [_("Pilih kode klasifikasi arsip.")]
    if len(subject) < 5:
        errors["subject"] = [_("Tulis hal (perihal) naskah paling sedikit 5 huruf.")]
    elif len(subject) > 250:
        errors["subject"] = [_("Hal paling panjang 250 huruf.")]
    if len(plain_text(body)) < 10:
        errors["body"] = [_("Tulis isi naskah paling sedikit 10 huruf.")]
    elif len(body) > 100_000:
        errors["body"] = [_("Isi naskah terlalu panjang.")]
    if data.security_class not in SecurityClass.values:
        errors["security_class"] = [_("Pilih sifat naskah.")]
    if data.urgency not in Urgency.values:
        errors["urgency"] = [_("Pilih tingkat kesegeraan.")]
    external = [
        {k: " ".join(str(item.get(k, "")).split())[:250] for k in ("name", "agency", "address")}
        | {"email": str(item.get("email", "")).strip()[:254]}
        for item in data.external
        if any(str(v).strip() for v in item.values())
    ]
    if external and kind is not None and not kind.uses_external:
        errors["external"] = [_("Jenis naskah ini hanya untuk tujuan di lingkungan Pemkot.")]
    elif any(not item["name"] for item in external):
        errors["external"] = [_("Setiap tujuan di luar Pemkot perlu nama atau jabatannya.")]
    if len(data.attachments) > MAX_ATTACHMENTS:
        errors["attachments"] = [
            _("Lampiran paling banyak %(count)s berkas.") % {"count": MAX_ATTACHMENTS}
        ]
    if errors:
        raise InvalidInput(errors=errors)
    route = (
        default_route(drafter=drafter, signer_position=data.signer_position)
        if data.route_nips is None
        else _people(data.route_nips, "route")
    )
    signer = _signer_of(data.signer_position)
    if any(person.pk == drafter.pk for person in route):
        errors["route"] = [_("Konseptor tidak memaraf naskahnya sendiri.")]
    elif signer is not None and any(person.pk == signer.pk for person in route):
        errors["route"] = [_("Penandatangan tidak perlu dimasukkan sebagai pemaraf.")]
    elif len(route) > MAX_ROUTE:
        errors["route"] = [_("Pemaraf paling banyak %(count)s orang.") % {"count": MAX_ROUTE}]
    to_people = _people(data.to_nips, "to_nips")
    copy_people = _people(data.copy_nips, "copy_nips")
    addressed = to_people or data.to_positions or data.to_units or external
    if kind is not None and kind.uses_addressees and not addressed:
        errors["to_positions"] = [_("Tentukan tujuan naskah (Yth.): jabatan, unit, atau orang.")]
    if errors:
        raise InvalidInput(errors=errors)
    return _Clean(
        subject=subject,
        body=body,
        route=route,
        to_people=to_people,
        copy_people=copy_people if kind.uses_copies else [],
        external=external,
        files=_checked_files(data.attachments),
    )


def _checked_files(files: Sequence) -> list:
    checked = []
    for upload in files:
        try:
            checked.append(
                check_upload(
                    upload,
                    accepted=[PDF, JPEG, PNG],
                    max_size=MAX_ATTACHMENT_SIZE,
                    original_name=getattr(upload, "name", ""),
                )
            )
        except InvalidInput as exc:
            raise InvalidInput(errors={"attachments": [exc.text]}, code=exc.code) from exc
    return checked


def _write_parts(letter: Letter, data: LetterInput, cleaned: _Clean) -> None:
    """The route, the recipients and new attachments of ``letter`` as ``cleaned`` says."""
    RouteStep.objects.filter(letter=letter).delete()
    RouteStep.objects.bulk_create(
        RouteStep(letter=letter, order=n, verifier=person)
        for n, person in enumerate(cleaned.route, 1)
    )
    Recipient.objects.filter(letter=letter).delete()
    kind = letter.kind
    rows: list[Recipient] = []
    to, cc = Recipient.Role.TO, Recipient.Role.COPY
    if kind.uses_addressees:
        rows += [Recipient(letter=letter, role=to, position=p) for p in data.to_positions]
        rows += [Recipient(letter=letter, role=to, unit=u) for u in data.to_units]
        rows += [Recipient(letter=letter, role=to, user=u) for u in cleaned.to_people]
        rows += [Recipient(letter=letter, role=to, **item) for item in cleaned.external]
    if kind.uses_copies:
        rows += [Recipient(letter=letter, role=cc, position=p) for p in data.copy_positions]
        rows += [Recipient(letter=letter, role=cc, user=u) for u in cleaned.copy_people]
    for order, row in enumerate(rows):
        row.order = order
    Recipient.objects.bulk_create(rows)
    for checked in cleaned.files:
        attachment = LetterAttachment(
            letter=letter,
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
            original_name=checked.original_name[:150],
        )
        attachment.file.save("lampiran", ContentFile(checked.content), save=False)
        attachment.save()


def _snapshot(letter: Letter) -> dict:
    """What a version keeps besides the text: the fields a reviewer compares."""
    return {
        "kind": letter.kind.name,
        "classification": str(letter.classification),
        "security_class": letter.get_security_class_display(),
        "urgency": letter.get_urgency_display(),
        "signer_position": selectors.position_title(letter.signer_position)
        if letter.signer_position_id
        else "",
        "route": [step.verifier.full_name for step in letter.route.select_related("verifier")],
        "recipients": selectors.recipient_lines(letter),
        "attachments": [a.original_name for a in letter.attachments.all()],
    }


def _save_version(letter: Letter, user) -> LetterVersion | None:
    details = _snapshot(letter)
    last = letter.versions.order_by("-number").first()
    if last is not None and (last.subject, last.body, last.details) == (
        letter.subject,
        letter.body,
        details,
    ):
        return None  # nothing changed: no new version
    number = (last.number + 1) if last is not None else 1
    version = LetterVersion.objects.create(
        letter=letter,
        number=number,
        subject=letter.subject,
        body=letter.body,
        details=details,
        saved_by=user,
    )
    if letter.version != number:
        letter.version = number
        letter.save(update_fields=["version", "updated_at"])
    return version


def letter_create(*, drafter, data: LetterInput, submit_key: str = "") -> Letter:
    """Save a new draft (version 1). The same ``submit_key`` twice gives the first draft back."""
    if not drafter.has_perm("eoffice.add_letter"):
        raise Forbidden(_("Hanya ASN yang dapat membuat naskah dinas."))
    employee = integrations.employee_for_user(drafter)
    if employee is None:
        raise Forbidden(
            _("Akun Anda belum terhubung dengan data kepegawaian; hubungi admin kepegawaian."),
            code="no_employee",
        )
    submit_key = (submit_key or "")[:64]
    if submit_key:
        existing = Letter.objects.filter(drafter=drafter, submit_key=submit_key).first()
        if existing is not None:
            return existing
    cleaned = _clean(drafter=drafter, data=data)
    try:
        with transaction.atomic():
            letter = Letter.objects.create(
                opd=employee.unit.opd,
                kind=data.kind,
                classification=data.classification,
                subject=cleaned.subject,
                body=cleaned.body,
                security_class=data.security_class,
                urgency=data.urgency,
                drafter=drafter,
                signer_position=data.signer_position,
                submit_key=submit_key,
            )
            _write_parts(letter, data, cleaned)
            letter_search_index(letter)
            LETTER_WORKFLOW.record(letter, "create", from_state="", actor=drafter)
            _save_version(letter, drafter)
    except IntegrityError:
        if submit_key:  # the same form sent twice at once: the first one won
            existing = Letter.objects.filter(drafter=drafter, submit_key=submit_key).first()
            if existing is not None:
                return existing
        raise
    return letter


def _locked(letter: Letter | int) -> Letter:
    pk = letter if isinstance(letter, int) else letter.pk
    return (
        Letter.objects.select_for_update(of=("self",))
        .select_related("kind", "classification", "opd", "signer_position")
        .get(pk=pk)
    )


@transaction.atomic
def letter_update(*, letter: Letter, user, data: LetterInput) -> Letter:
    """Save the drafter's changes to a draft or a returned letter; a new version when the text,
    the route or the recipients changed."""
    letter = _locked(letter)
    LETTER_WORKFLOW.ensure(user, letter, "edit")
    if data.kind is not None and data.kind.pk != letter.kind_id:
        raise InvalidInput(errors={"kind": [_("Jenis naskah tidak dapat diubah.")]})
    data.kind = letter.kind
    cleaned = _clean(drafter=letter.drafter, data=data)
    letter.classification = data.classification
    letter.subject = cleaned.subject
    letter.body = cleaned.body
    letter.security_class = data.security_class
    letter.urgency = data.urgency
    letter.signer_position = data.signer_position
    letter.save()
    letter_search_index(letter)
    _write_parts(letter, data, cleaned)
    version = _save_version(letter, user)
    if version is not None:
        LETTER_WORKFLOW.transition(
            letter,
            "edit",
            actor=user,
            reason=_("Versi %(n)s disimpan.") % {"n": version.number},
            locked=True,
        )
    return letter


@transaction.atomic
def letter_submit(*, letter: Letter, user) -> Letter:
    """Send the draft to its first verifier (refused without a signer or a route). Every paraf
    is asked again after a return: the text may have changed."""
    letter = _locked(letter)
    LETTER_WORKFLOW.ensure(user, letter, "submit")
    signer = _signer_of(letter.signer_position)
    if signer is None:
        raise InvalidInput(
            errors={
                "signer_position": [
                    _("Jabatan penandatangan sedang kosong; pilih jabatan lain atau hubungi TU.")
                ]
            },
            code="no_signer",
        )
    if signer.pk == letter.drafter_id:
        raise InvalidInput(
            errors={"signer_position": [_("Konseptor tidak menandatangani naskahnya sendiri.")]},
            code="own_signature",
        )
    if letter.route.filter(verifier_id=signer.pk).exists():
        raise InvalidInput(
            errors={"route": [_("Penandatangan tidak perlu dimasukkan sebagai pemaraf.")]}
        )
    letter.route.update(initialled_at=None, comment="")
    first = letter.route.order_by("order").first()
    LETTER_WORKFLOW.transition(
        letter,
        "submit",
        actor=user,
        changes={"signer": signer, "current_verifier": first.verifier},
        locked=True,
    )
    return letter


@transaction.atomic
def letter_initial(*, letter: Letter, user, comment: str = "") -> Letter:
    """The verifier whose turn it is initials (paraf), with an optional note."""
    letter = _locked(letter)
    LETTER_WORKFLOW.ensure(user, letter, "initial")
    comment = (comment or "").strip()[:1000]
    steps = list(letter.route.filter(initialled_at__isnull=True).order_by("order"))
    mine, following = steps[0], (steps[1].verifier if len(steps) > 1 else None)
    LETTER_WORKFLOW.transition(
        letter,
        "initial",
        actor=user,
        reason=comment,
        changes={"current_verifier": following},
        locked=True,
    )
    mine.initialled_at = timezone.now()
    mine.comment = comment
    mine.save(update_fields=["initialled_at", "comment"])
    selectors.inbox_counts_forget(user.pk)
    return letter


@transaction.atomic
def letter_return(*, letter: Letter, user, reason: str) -> Letter:
    """A verifier (or the signer) sends the letter back to the drafter, with the reason. A number
    reserved by a failed signing is cancelled with that reason (kept in the register)."""
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise InvalidInput(
            errors={"reason": [_("Tulis alasan pengembalian agar konseptor dapat memperbaiki.")]}
        )
    letter = _locked(letter)
    LETTER_WORKFLOW.ensure(user, letter, "return")
    changes: dict = {"current_verifier": None}
    if letter.issued_number_id:
        cancel_reason = _("Naskah dikembalikan kepada konseptor: %(reason)s") % {"reason": reason}
        integrations.number_cancel(
            number=letter.issued_number, actor=user, reason=cancel_reason[:500]
        )
        if letter.document_id:
            integrations.document_discard(
                document=letter.document, actor=user, reason=cancel_reason[:500]
            )
        changes.update({"issued_number": None, "number": "", "dated": None, "document": None})
    LETTER_WORKFLOW.transition(
        letter, "return", actor=user, reason=reason[:2000], changes=changes, locked=True
    )
    letter_search_index(letter)
    selectors.inbox_counts_forget(user.pk)
    return letter


@transaction.atomic
def letter_cancel(*, letter: Letter, user, reason: str = "") -> Letter:
    letter = _locked(letter)
    LETTER_WORKFLOW.transition(letter, "cancel", actor=user, reason=reason, locked=True)
    return letter


# --- Signing --------------------------------------------------------------------------------


def _document_source_id(letter: Letter) -> str:
    return f"{letter.pk}.{letter.issued_number_id}"


def _letter_id_of(document) -> int | None:
    head = str(document.source_id).split(".", 1)[0]
    return int(head) if head.isdigit() else None


def letter_sign(*, letter: Letter, signer, passphrase: str | None = None) -> Letter:
    """The signer signs one letter: numbered, rendered, signed (PAdES), then delivered.

    (1) a short transaction checks the rule (every paraf given, in order), reserves the next
    number of the OPD's register and marks the letter "being signed"; (2) after it commits, the
    PDF is rendered and signed with no lock held; documents then calls ``letter_signed`` in the
    transaction that stores the signature. A failure returns the letter to "ready to sign" with
    the reason (the number stays reserved for the next try) and is raised to the caller."""
    with transaction.atomic():
        letter = _locked(letter)
        LETTER_WORKFLOW.ensure(signer, letter, "sign")
        if letter.route.filter(initialled_at__isnull=True).exists():
            raise Conflict(
                _("Naskah ini belum diparaf semua pemaraf; tanda tangan menunggu paraf terakhir."),
                code="not_initialled",
            )
        setting = opd_setting(letter.opd)
        today = timezone.localdate()
        number = integrations.number_reserve(
            unit=setting.unit_code,
            on=today,
            format=setting.number_format,
            classification=letter.classification.code,
            letter_id=letter.pk,
            actor=signer,
        )
        LETTER_WORKFLOW.transition(
            letter,
            "sign",
            actor=signer,
            reason=_("Nomor %(number)s.") % {"number": number.number},
            changes={"issued_number": number, "number": number.number, "dated": today},
            locked=True,
        )
        letter_search_index(letter)
    try:
        document = _document_for(letter, signer)
        integrations.document_sign_request(document=document, signer_user=signer)
    except DomainError as exc:
        _signing_abandoned(letter.pk, exc.text)
        raise
    except Exception as exc:
        logger.exception("eoffice: letter %s could not be prepared for signing", letter.pk)
        _signing_abandoned(letter.pk, str(exc)[:200])
        raise Conflict(
            _("Naskah tidak dapat disiapkan untuk ditandatangani. Coba lagi."),
            code="sign_failed",
        ) from exc
    integrations.document_sign_perform(document_id=document.pk, passphrase=passphrase)
    letter.refresh_from_db()
    return letter


def _document_for(letter: Letter, signer):
    """The letter's unsigned PDF as a documents draft (idempotent per letter and number)."""
    letter = (
        Letter.objects.select_related("kind", "classification", "opd", "signer_position__unit")
        .select_related("drafter", "issued_number")
        .get(pk=letter.pk)
    )

    def link(document) -> None:  # in the transaction that stores the document
        locked = _locked(letter.pk)
        if locked.document_id != document.pk:
            locked.document = document
            locked.save(update_fields=["document", "updated_at"])

    return integrations.document_create(
        number=letter.number,
        title=letter.kind.name,
        opd_name=letter.opd.name,
        owner=letter.drafter,
        source_id=_document_source_id(letter),
        build=lambda url: letterpdf.render(letter, verification_url=url, signer=signer),
        on_created=link,
    )


def _signing_abandoned(letter_id: int, reason: str) -> None:
    with transaction.atomic():
        letter = _locked(letter_id)
        if letter.status == Status.SIGNING:
            LETTER_WORKFLOW.transition(
                letter,
                "signing_failed",
                actor=None,
                system=True,
                reason=_("Penandatanganan gagal: %(reason)s") % {"reason": reason},
                locked=True,
            )


@dataclass(frozen=True)
class SignOutcome:
    letter: Letter
    ok: bool
    message: str = ""


def letters_sign(*, letters: Sequence[Letter], signer, passphrase: str | None = None):
    """Bulk signing: each letter on its own (one failure never undoes another's signature)."""
    if not letters:
        raise InvalidInput(errors={"letters": [_("Pilih naskah yang akan ditandatangani.")]})
    if len(letters) > MAX_BULK:
        raise InvalidInput(
            errors={
                "letters": [
                    _("Paling banyak %(count)s naskah sekali tanda tangan.") % {"count": MAX_BULK}
                ]
            }
        )
    outcomes = []
    for letter in letters:
        try:
            signed = letter_sign(letter=letter, signer=signer, passphrase=passphrase)
        except DomainError as exc:
            outcomes.append(SignOutcome(letter, False, exc.text))
        else:
            outcomes.append(SignOutcome(signed, True))
    return outcomes


@transaction.atomic
def letter_signed(*, document) -> Letter | None:
    """Called by documents in the transaction that stores the signature: the number is used,
    the letter signed and delivered to its recipients' inboxes."""
    letter_id = _letter_id_of(document)
    if letter_id is None:
        return None
    letter = _locked(letter_id)
    if letter.status != Status.SIGNING:
        return letter  # a repeated callback
    integrations.number_use(number=letter.issued_number)
    now = timezone.now()
    LETTER_WORKFLOW.transition(
        letter,
        "signed",
        actor=document.signed_by,
        system=True,
        changes={"signed_at": now, "document": document},
        locked=True,
    )
    _dispatch(letter, actor=document.signed_by)
    return letter


def _dispatch(letter: Letter, *, actor) -> None:
    to, cc = selectors.recipient_users(letter)
    now = timezone.now()
    rows = [Delivery(letter=letter, recipient=u, role=Recipient.Role.TO) for u in to]
    rows += [Delivery(letter=letter, recipient=u, role=Recipient.Role.COPY) for u in cc]
    Delivery.objects.bulk_create(rows, ignore_conflicts=True)
    LETTER_WORKFLOW.transition(
        letter, "dispatch", actor=actor, system=True, changes={"sent_at": now}, locked=True
    )
    url = letter.get_absolute_url()
    subject = integrations.letter_subject_for_notice(letter)
    for user in to:
        integrations.notify(
            recipient=user,
            title=_("Naskah dinas masuk: %(kind)s %(number)s")
            % {"kind": letter.kind.name, "number": letter.number},
            body=subject,
            url=url,
            dedupe_key=f"eoffice:{letter.pk}:to",
        )
    for user in cc:
        integrations.notify(
            recipient=user,
            title=_("Tembusan naskah dinas: %(kind)s %(number)s")
            % {"kind": letter.kind.name, "number": letter.number},
            body=subject,
            url=url,
            dedupe_key=f"eoffice:{letter.pk}:cc",
        )
    integrations.notify(
        recipient=letter.drafter,
        title=_("Naskah Anda ditandatangani dan dikirim: %(number)s") % {"number": letter.number},
        body=subject,
        url=url,
        dedupe_key=f"eoffice:{letter.pk}:sent",
    )
    for user_id in {u.pk for u in to + cc} | {letter.signer_id}:
        transaction.on_commit(lambda user_id=user_id: selectors.inbox_counts_forget(user_id))


@transaction.atomic
def letter_signing_failed(*, document, reason: str) -> None:
    """Called by documents when the signer refused or failed: back to "ready to sign"."""
    letter_id = _letter_id_of(document)
    if letter_id is None:
        return
    letter = _locked(letter_id)
    if letter.status == Status.SIGNING:
        LETTER_WORKFLOW.transition(
            letter,
            "signing_failed",
            actor=None,
            system=True,
            reason=_("Penandatanganan gagal: %(reason)s") % {"reason": reason},
            locked=True,
        )


# --- Reading --------------------------------------------------------------------------------


def letter_open(*, letter: Letter, user, request=None) -> None:
    """``user`` opened ``letter`` (already authorised): their delivery is marked read (the
    drafter's read receipt), and the opening of a Rahasia letter is written to the access log."""
    with transaction.atomic():
        marked = Delivery.objects.filter(
            letter_id=letter.pk, recipient_id=user.pk, read_at__isnull=True
        ).update(read_at=timezone.now())
        if letter.is_confidential:
            access_log_record(
                actor=user,
                obj=letter,
                purpose=_("Membuka naskah bersifat %(class)s")
                % {"class": letter.get_security_class_display()},
                request=request,
            )
    if marked:
        selectors.inbox_counts_forget(user.pk)


# ── Collaboration ──
# The conversation on a letter (comments with @NIP mentions) and the letter's search index.

MAX_COMMENT_LENGTH = 2000
MAX_MENTIONS = 10
#: a mention is "@" and an 18-digit NIP (what the autocomplete inserts; shown as the name)
MENTION = re.compile(r"(?<![\w@])@(\d{18})(?!\d)")


def letter_search_index(letter: Letter) -> None:
    """Write the stems of ``letter``'s number, subject and body to its search text (PostgreSQL
    derives the tsvector from it). Called by every write that changes one of them."""
    text = integrations.search_index_text(letter.number, letter.subject, plain_text(letter.body))
    if text != letter.search_text:
        letter.search_text = text
        Letter.objects.filter(pk=letter.pk).update(search_text=text)


def _comment_text(text: str) -> str:
    text = "\n".join(line.rstrip() for line in (text or "").replace("\r\n", "\n").split("\n"))
    text = text.replace("\x00", "").strip()
    if not text:
        raise InvalidInput(errors={"text": [_("Tulis komentar Anda.")]}, code="empty_comment")
    if len(text) > MAX_COMMENT_LENGTH:
        raise InvalidInput(
            errors={
                "text": [
                    _("Komentar paling panjang %(count)s huruf.") % {"count": MAX_COMMENT_LENGTH}
                ]
            },
            code="comment_too_long",
        )
    return text


def _mentioned(letter: Letter, text: str, author) -> list:
    """The people ``text`` mentions, each of whom may open ``letter`` (a mention gives no
    access: anyone else is refused by name, an unknown NIP too)."""
    from .permissions import may_view

    nips = list(dict.fromkeys(MENTION.findall(text)))
    if len(nips) > MAX_MENTIONS:
        raise InvalidInput(
            errors={
                "text": [
                    _("Sebut paling banyak %(count)s orang dalam satu komentar.")
                    % {"count": MAX_MENTIONS}
                ]
            },
            code="too_many_mentions",
        )
    found = {e.nip: e.user for e in integrations.employees_by_nip(nips)}
    unknown = [nip for nip in nips if nip not in found]
    if unknown:
        raise InvalidInput(
            errors={
                "text": [
                    _("NIP yang disebut tidak ditemukan atau tidak aktif: %(nips)s.")
                    % {"nips": ", ".join(unknown[:5])}
                ]
            },
            code="unknown_mention",
        )
    people = [found[nip] for nip in nips]
    outsiders = [p.full_name for p in people if not may_view(p, letter)]
    if outsiders:
        raise InvalidInput(
            errors={
                "text": [
                    _(
                        "%(names)s tidak dapat membuka naskah ini, jadi tidak dapat disebut. "
                        "Menyebut seseorang tidak memberinya akses; tambahkan sebagai tujuan "
                        "atau tembusan bila perlu."
                    )
                    % {"names": ", ".join(outsiders[:5])}
                ]
            },
            code="mention_no_access",
        )
    return people


def _notify_mentions(comment, letter: Letter, people) -> None:
    if not people:
        return
    url = f"{letter.get_absolute_url()}#komentar-{comment.pk}"
    subject = integrations.letter_subject_for_notice(letter)
    # A confidential letter's conversation stays in the letter: the notice says who and where.
    body = (
        subject if letter.is_confidential else f"{subject}\n«{comment_display_text(comment)[:300]}»"
    )
    for person in people:
        integrations.notify(
            recipient=person,
            title=_("%(name)s menyebut Anda dalam percakapan naskah")
            % {"name": comment.author.full_name},
            body=body,
            url=url,
            dedupe_key=f"eoffice:comment:{comment.pk}:{person.pk}",
        )


def comment_display_text(comment) -> str:
    """The comment's text with each @NIP written as @name (for notices and the API)."""
    names = {p.nip: p.full_name for p in comment.mentions.all()}
    return MENTION.sub(lambda m: f"@{names.get(m.group(1), m.group(1))}", comment.text)


def _letter_for_comment(letter: Letter | int) -> Letter:
    pk = letter if isinstance(letter, int) else letter.pk
    return Letter.objects.select_related("kind").get(pk=pk)


def comment_create(*, letter: Letter, author, text: str, submit_key: str = ""):
    """``author`` writes on ``letter``'s conversation; the people mentioned are notified. The
    same ``submit_key`` twice gives the first comment back (a double submit is one comment)."""
    from .models import LetterComment
    from .permissions import may_comment
    from .workflows import COMMENT_WORKFLOW

    letter = _letter_for_comment(letter)
    if not may_comment(author, letter):
        raise NotFound()
    submit_key = (submit_key or "")[:64]
    if submit_key:
        existing = LetterComment.objects.filter(author=author, submit_key=submit_key).first()
        if existing is not None and existing.letter_id == letter.pk:
            return existing
    text = _comment_text(text)
    people = _mentioned(letter, text, author)
    try:
        with transaction.atomic():
            comment = LetterComment.objects.create(
                letter=letter, author=author, text=text, submit_key=submit_key
            )
            comment.mentions.set(people)
            COMMENT_WORKFLOW.record(comment, "post", actor=author)
            _notify_mentions(comment, letter, [p for p in people if p.pk != author.pk])
    except IntegrityError:
        if submit_key:  # the same form sent twice at once: the first one won
            existing = LetterComment.objects.filter(author=author, submit_key=submit_key).first()
            if existing is not None:
                return existing
        raise
    return comment


def _locked_comment(comment):
    from .models import LetterComment

    return (
        LetterComment.objects.select_for_update(of=("self",))
        .select_related("letter__kind", "author")
        .get(pk=comment.pk)
    )


@transaction.atomic
def comment_update(*, comment, user, text: str):
    """The author corrects their comment within 15 minutes; the text before is kept in the
    comment's history, and people newly mentioned are notified."""
    from .workflows import COMMENT_WORKFLOW

    comment = _locked_comment(comment)
    COMMENT_WORKFLOW.ensure(user, comment, "edit")
    text = _comment_text(text)
    letter = comment.letter
    people = _mentioned(letter, text, user)
    if text == comment.text:
        return comment
    before = {p.pk for p in comment.mentions.all()}
    COMMENT_WORKFLOW.transition(
        comment,
        "edit",
        actor=user,
        reason=comment.text,
        changes={"text": text, "edited_at": timezone.now()},
        locked=True,
    )
    comment.mentions.set(people)
    _notify_mentions(comment, letter, [p for p in people if p.pk not in before | {user.pk}])
    return comment


@transaction.atomic
def comment_delete(*, comment, user):
    """The author withdraws their comment: the conversation shows "komentar dihapus" in its
    place; the text stays in the database for the record (never shown again)."""
    from .workflows import COMMENT_WORKFLOW

    comment = _locked_comment(comment)
    COMMENT_WORKFLOW.transition(comment, "delete", actor=user, locked=True)
    return comment
