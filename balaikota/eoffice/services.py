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

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balaikota.core import crypto, outbox
from balaikota.core.errors import Conflict, DomainError, Forbidden, InvalidInput, NotFound
from balaikota.core.richtext import plain_text, sanitize
from balaikota.core.services import access_log_record
from balaikota.core.uploads import JPEG, PDF, PNG, check_upload

from . import integrations, letterpdf, selectors
from .models import (
    Classification,
    Delivery,
    Dispatch,
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
from .workflows import DISPATCH_WORKFLOW, LETTER_WORKFLOW

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
    #: sign "a.n."/"u.b." under this configuration (its signer post becomes the signer's)
    mandate: object | None = None
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
    #: ids of the letter's attachments to remove (editing a draft)
    remove_attachments: Sequence[int] = ()


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
    from .dispositions import instructions_load  # incoming letters: the disposition instructions

    instructions_load()
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


def _head_posts_above(employee):
    """The head posts above ``employee``, nearest first: the supervisor override's post if one
    is set, then the head post of each unit up the tree (a vacant post is still a post: its
    Plt may hold it)."""
    unit = employee.unit.parent if employee.position.is_head else employee.unit
    override = integrations.direct_supervisor(employee) if employee.supervisor_override_id else None
    if override is not None and override.pk == employee.supervisor_override_id:
        yield override.position
        unit = override.unit.parent if override.position.is_head else override.unit
    while unit is not None:
        post = integrations.head_positions().filter(unit_id=unit.pk).first()
        if post is not None:
            yield post
        unit = unit.parent


def default_route(*, drafter, signer_position) -> list:
    """The holders today (a Plt/Plh in post included) of the head posts above the drafter,
    nearest first, up to (not including) the signer's post; a vacant post is skipped."""
    employee = integrations.employee_for_user(drafter)
    if employee is None:
        return []
    route, seen = [], {drafter.pk}
    for post in _head_posts_above(employee):
        if len(route) >= MAX_ROUTE:
            break
        if signer_position is not None and post.pk == signer_position.pk:
            break
        holder = selectors.position_holder_today(post)
        if holder is None or holder.user.pk in seen:
            continue
        route.append(holder.user)
        seen.add(holder.user.pk)
        if signer_position is None:
            break  # without a signer: the direct supervisor only
    return route


def _signer_of(position):
    holder = selectors.position_holder_today(position)
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
    _check_mandate(data, errors)
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


def _check_mandate(data: LetterInput, errors: dict) -> None:
    """A mandate must be configured for the letter's kind; its signer post becomes the letter's
    (a different post chosen as signer is refused)."""
    mandate = data.mandate
    if mandate is None:
        return
    allowed = mandate.is_active and (
        data.kind is None or selectors.mandates_for(data.kind).filter(pk=mandate.pk).exists()
    )
    if not allowed:
        errors["mandate"] = [
            _("Tanda tangan atas nama ini tidak berlaku untuk jenis naskah yang dipilih.")
        ]
    elif data.signer_position is None:
        data.signer_position = mandate.signer_position
    elif data.signer_position.pk != mandate.signer_position_id:
        errors["mandate"] = [
            _(
                "Tanda tangan atas nama ini dilakukan oleh %(post)s; pilih jabatan itu sebagai "
                "penandatangan."
            )
            % {"post": selectors.position_title(mandate.signer_position)}
        ]


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
        **({"mandate": selectors.mandate_label(letter.mandate)} if letter.mandate_id else {}),
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
                mandate=data.mandate,
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


def _attachments_remove(letter: Letter, data: LetterInput, cleaned: _Clean) -> None:
    """Drop the attachments the drafter ticked (their files go after commit) and keep the
    limit over what stays plus what is added."""
    ids = [int(pk) for pk in data.remove_attachments]
    removed = list(LetterAttachment.objects.filter(letter_id=letter.pk, pk__in=ids))
    staying = LetterAttachment.objects.filter(letter_id=letter.pk).count() - len(removed)
    if staying + len(cleaned.files) > MAX_ATTACHMENTS:
        raise InvalidInput(
            errors={
                "attachments": [
                    _("Lampiran paling banyak %(count)s berkas; hapus salah satu lebih dulu.")
                    % {"count": MAX_ATTACHMENTS}
                ]
            },
            code="too_many_attachments",
        )
    if not removed:
        return
    LetterAttachment.objects.filter(pk__in=[a.pk for a in removed]).delete()
    for item in removed:
        stored = item.file
        transaction.on_commit(lambda stored=stored: stored.storage.delete(stored.name))


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
    letter.mandate = data.mandate
    letter.save()
    _attachments_remove(letter, data, cleaned)
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
    holder = selectors.position_holder_today(letter.signer_position)
    signer = holder.user if holder is not None else None
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
        changes={
            "signer": signer,
            "signer_acting": holder.acting,
            "current_verifier": first.verifier,
        },
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
    _acting_in_name_of(letter, user)
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
    selectors.inbox_counts_forget(mine.verifier_id)
    return letter


def _acting_in_name_of(letter: Letter, user) -> None:
    """A delegate's step records whose turn it was: the event says "A atas nama B"."""
    waiting_for = letter.current_verifier_id
    if letter.status == Status.IN_REVIEW and waiting_for and waiting_for != user.pk:
        letter._on_behalf_of = letter.current_verifier


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
    waiting_for = letter.current_verifier_id
    _acting_in_name_of(letter, user)
    LETTER_WORKFLOW.transition(
        letter, "return", actor=user, reason=reason[:2000], changes=changes, locked=True
    )
    letter_search_index(letter)
    selectors.inbox_counts_forget(user.pk)
    selectors.inbox_counts_forget(waiting_for)
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
    letter = _sign_begin(letter, signer)
    return _sign_finish(letter, signer, passphrase)


def _sign_begin(letter: Letter, signer, *, then=None) -> Letter:
    """Step (1): the rule, the number, "being signed" — one short transaction (``then`` runs in
    it, e.g. to queue step (2))."""
    with transaction.atomic():
        letter = _locked(letter)
        _refuse_delegated_signing(letter, signer)
        LETTER_WORKFLOW.ensure(signer, letter, "sign")
        # The letter follows the post: whoever holds it today signs (a Plh whose period ended
        # hands it back to the holder), and the block says in which capacity.
        holder = selectors.position_holder_today(letter.signer_position)
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
            changes={
                "issued_number": number,
                "number": number.number,
                "dated": today,
                "signer": signer,
                "signer_acting": holder.acting if holder and holder.user.pk == signer.pk else "",
            },
            locked=True,
        )
        letter_search_index(letter)
        if then is not None:
            then(letter)
    return letter


def _sign_finish(letter: Letter, signer, passphrase: str | None) -> Letter:
    """Step (2), with no lock held: the PDF rendered and signed; documents calls back."""
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


def _refuse_delegated_signing(letter: Letter, user) -> None:
    """A delegate may initial and return for someone, never sign: say so, by name."""
    from .permissions import holds_signer_post_today

    if letter.signer_id and letter.signer_id != user.pk:
        if holds_signer_post_today(user, letter):
            return
        if user.pk != letter.signer_id and letter.signer_id in selectors.delegators_of(user):
            raise Forbidden(
                _(
                    "Delegasi dari %(name)s tidak mencakup tanda tangan: menandatangani atas "
                    "nama pejabat lain memerlukan penunjukan Plt/Plh atau kewenangan a.n./u.b."
                )
                % {"name": letter.signer.full_name},
                code="delegation_cannot_sign",
            )


def _document_for(letter: Letter, signer):
    """The letter's unsigned PDF as a documents draft (idempotent per letter and number)."""
    letter = (
        Letter.objects.select_related("kind", "classification", "opd", "signer_position__unit")
        .select_related("drafter", "issued_number", "mandate")
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
    #: signed in the background (the outbox): the signer is told if it fails
    queued: bool = False


SIGN_QUEUED = "eoffice.letter_sign"
PASSPHRASE_PURPOSE = "eoffice.sign-passphrase"  # noqa: S105 (a sealing purpose, not a secret)
PASSPHRASE_KEPT = 3600  # seconds a queued signature may wait for a worker


def letters_sign(*, letters: Sequence[Letter], signer, passphrase: str | None = None):
    """Bulk signing. The first letter is signed at once, so a wrong passphrase is known before
    anything else happens (BSrE locks a certificate after repeated wrong passphrases); each of
    the others is numbered and marked "being signed" in its own short transaction and its PDF
    signed by the outbox (``SIGN_QUEUED``) — one failure never undoes another's signature. The
    passphrase travels sealed (``core.crypto``, an hour at most), never in clear."""
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
    first, rest = letters[0], letters[1:]
    try:
        outcomes.append(
            SignOutcome(letter_sign(letter=first, signer=signer, passphrase=passphrase), True)
        )
    except DomainError as exc:
        outcomes.append(SignOutcome(first, False, exc.text))
        if integrations.is_signer_failure(exc):
            # The signing service refused the signer (a wrong passphrase, no certificate) or is
            # down: the others would fail the same way — and BSrE counts wrong passphrases.
            return outcomes + [SignOutcome(letter, False, exc.text) for letter in rest]
    sealed = crypto.seal({"p": passphrase}, purpose=PASSPHRASE_PURPOSE) if passphrase else ""
    for letter in rest:

        def queue(letter: Letter) -> None:
            outbox.enqueue(
                SIGN_QUEUED,
                {"letter_id": letter.pk, "signer_id": signer.pk, "passphrase": sealed},
                key=f"eoffice-sign:{letter.pk}:{letter.issued_number_id}",
                label=letter.number,
            )

        try:
            begun = _sign_begin(letter, signer, then=queue)
        except DomainError as exc:
            outcomes.append(SignOutcome(letter, False, exc.text))
        else:
            begun.refresh_from_db()
            outcomes.append(SignOutcome(begun, True, queued=begun.status == Status.SIGNING))
    return outcomes


def letter_sign_queued(*, letter_id: int, signer_id: int, passphrase: str = "") -> None:
    """The outbox signs one letter of a bulk signing (idempotent: a letter no longer "being
    signed" is left alone). A failure returns it to "ready to sign" with the reason, which the
    signer is told; it is never retried blindly (a wrong passphrase must not be sent again)."""
    from django.contrib.auth import get_user_model

    letter = Letter.objects.filter(pk=letter_id, status=Status.SIGNING).first()
    if letter is None:
        return
    signer = get_user_model().objects.filter(pk=signer_id).first()
    secret = None
    if passphrase:
        opened = crypto.unseal(passphrase, purpose=PASSPHRASE_PURPOSE, max_age=PASSPHRASE_KEPT)
        if opened is None:
            _signing_abandoned(
                letter_id, _("Waktu tunggu penandatanganan habis; tanda tangani lagi.")
            )
            return
        secret = opened.get("p")
    if signer is None:
        _signing_abandoned(letter_id, _("Penanda tangan tidak ditemukan."))
        return
    try:
        _sign_finish(letter, signer, secret)
    except DomainError as exc:
        raise outbox.Permanent(exc.text) from exc


outbox.handler(
    SIGN_QUEUED,
    max_attempts=1,
    lease_seconds=600,
    on_failed=lambda payload, error: _signing_abandoned(payload["letter_id"], error[:200]),
)(
    lambda payload: letter_sign_queued(
        letter_id=payload["letter_id"],
        signer_id=payload["signer_id"],
        passphrase=payload.get("passphrase", ""),
    )
)


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
    _dispatch_outside(letter, actor=actor)


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
    drafter's read receipt) — and, on an ordinary letter, the unread deliveries of the people
    they act for now, read by them ("dibaca oleh A") — and the opening of a Rahasia letter is
    written to the access log."""
    now = timezone.now()
    delegators = selectors.acting_as(user, letter)[1:]  # the people away they act for
    with transaction.atomic():
        marked = Delivery.objects.filter(
            letter_id=letter.pk, recipient_id=user.pk, read_at__isnull=True
        ).update(read_at=now)
        theirs = []
        if delegators:
            unread = Delivery.objects.filter(
                letter_id=letter.pk, recipient_id__in=delegators, read_at__isnull=True
            )
            theirs = list(unread.values_list("recipient_id", flat=True))
            unread.update(read_at=now, read_by=user)
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
    for person_id in theirs:
        selectors.inbox_counts_forget(person_id)


# ── Outside dispatch (the outgoing register) ──


DISPATCH_EMAIL = "eoffice.dispatch_email"


def _dispatch_outside(letter: Letter, *, actor) -> None:
    """Each outside addressee and tembusan gets a register row: by e-mail when an address is
    known and the letter is not Rahasia (sent by the outbox after commit, the signed PDF
    attached), by courier otherwise (the records clerk prints it and records the hand-over)."""
    outside = [r for r in _recipients_of(letter) if r.is_external]
    for recipient in outside:
        by_email = bool(recipient.email) and not letter.is_confidential
        dispatch, created = Dispatch.objects.get_or_create(
            letter=letter,
            recipient=recipient,
            defaults={
                "method": Dispatch.Method.EMAIL if by_email else Dispatch.Method.COURIER,
                "status": Dispatch.State.QUEUED if by_email else Dispatch.State.WAITING,
            },
        )
        if created and by_email:
            _dispatch_email_enqueue(dispatch)
    if outside:
        _dispatch_changed(letter.opd_id)


def _dispatch_changed(opd_id: int) -> None:
    transaction.on_commit(lambda: selectors.dispatch_open_forget(opd_id))


def _recipients_of(letter: Letter) -> list[Recipient]:
    return list(Recipient.objects.filter(letter_id=letter.pk).order_by("role", "order", "pk"))


def _dispatch_email_enqueue(dispatch: Dispatch, *, again: bool = False) -> None:
    outbox.enqueue(
        DISPATCH_EMAIL,
        {"dispatch_id": dispatch.pk},
        key=f"eoffice-dispatch:{dispatch.pk}",
        label=dispatch.recipient.email,
        again=again,
    )


def _locked_dispatch(dispatch: Dispatch | int) -> Dispatch:
    pk = dispatch if isinstance(dispatch, int) else dispatch.pk
    return Dispatch.objects.select_for_update().select_related("letter").get(pk=pk)


def dispatch_email_send(*, dispatch_id: int) -> None:
    """The outbox sends one outside addressee's e-mail: the signed PDF attached, the address to
    verify it in the text. Idempotent: a copy no longer queued is left alone; once sent, the
    register row is settled through a short database outage (or it would be sent again)."""
    dispatch = (
        Dispatch.objects.select_related("letter__kind", "letter__opd", "letter__document")
        .select_related("recipient")
        .filter(pk=dispatch_id)
        .first()
    )
    if dispatch is None:
        raise outbox.Permanent("dispatch gone")
    if dispatch.status != Dispatch.State.QUEUED:
        return
    message = integrations.dispatch_email(dispatch)
    message.send()

    def done() -> None:
        with transaction.atomic():
            locked = _locked_dispatch(dispatch_id)
            if locked.status == Dispatch.State.QUEUED:
                DISPATCH_WORKFLOW.transition(
                    locked,
                    "sent",
                    actor=None,
                    system=True,
                    reason=locked.recipient.email if locked.recipient_id else "",
                    changes={
                        "sent_at": timezone.now(),
                        "attempts": locked.attempts + 1,
                        "error": "",
                    },
                    locked=True,
                )
                _dispatch_changed(locked.letter.opd_id)

    outbox.settle(done)


def dispatch_email_failed(*, dispatch_id: int, error: str) -> None:
    """The last attempt failed: the row says so, and the records clerk and the drafter can
    resend it or switch it to the courier."""
    with transaction.atomic():
        dispatch = _locked_dispatch(dispatch_id)
        if dispatch.status != Dispatch.State.QUEUED:
            return
        DISPATCH_WORKFLOW.transition(
            dispatch,
            "failed",
            actor=None,
            system=True,
            reason=error[:500],
            changes={"error": error[:500], "attempts": dispatch.attempts + 1},
            locked=True,
        )
        _dispatch_changed(dispatch.letter.opd_id)
        letter = dispatch.letter
        integrations.notify(
            recipient=letter.drafter,
            title=_("E-mail naskah %(number)s gagal terkirim") % {"number": letter.number},
            body=_("Kirim ulang atau alihkan ke kurir dari register surat keluar."),
            url=letter.get_absolute_url(),
            dedupe_key=f"eoffice:dispatch:{dispatch.pk}:failed:{dispatch.attempts}",
        )


outbox.handler(
    DISPATCH_EMAIL,
    max_attempts=6,
    lease_seconds=120,
    on_failed=lambda payload, error: dispatch_email_failed(
        dispatch_id=payload["dispatch_id"], error=error
    ),
)(lambda payload: dispatch_email_send(dispatch_id=payload["dispatch_id"]))


@transaction.atomic
def dispatch_resend(*, dispatch: Dispatch, user) -> Dispatch:
    """A failed e-mail is sent again (a fresh round of attempts)."""
    dispatch = _locked_dispatch(dispatch)
    DISPATCH_WORKFLOW.transition(dispatch, "resend", actor=user, locked=True)
    _dispatch_changed(dispatch.letter.opd_id)
    _dispatch_email_enqueue(dispatch, again=True)
    return dispatch


@transaction.atomic
def dispatch_to_courier(*, dispatch: Dispatch, user) -> Dispatch:
    """A failed e-mail goes by courier instead."""
    dispatch = _locked_dispatch(dispatch)
    DISPATCH_WORKFLOW.transition(
        dispatch, "to_courier", actor=user, changes={"method": Dispatch.Method.COURIER}, locked=True
    )
    _dispatch_changed(dispatch.letter.opd_id)
    return dispatch


@transaction.atomic
def dispatch_hand_over(*, dispatch: Dispatch, user, courier: str, note: str = "") -> Dispatch:
    """The printed letter was handed to a courier: who took it, and any receipt."""
    courier = (courier or "").strip()
    if not courier:
        raise InvalidInput(
            errors={"courier": [_("Tulis nama kurir atau jasa pengiriman yang menerima naskah.")]},
            code="courier_required",
        )
    dispatch = _locked_dispatch(dispatch)
    DISPATCH_WORKFLOW.transition(
        dispatch,
        "hand_over",
        actor=user,
        reason=courier,
        changes={
            "courier": courier[:150],
            "handed_note": (note or "").strip()[:500],
            "sent_at": timezone.now(),
        },
        locked=True,
    )
    _dispatch_changed(dispatch.letter.opd_id)
    return dispatch


# ── Acting officials and delegation ──


def _period_errors(starts_on, ends_on, *, allow_past_start: bool) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    today = timezone.localdate()
    if starts_on is None:
        errors["starts_on"] = [_("Isi tanggal mulai.")]
    if ends_on is None:
        errors["ends_on"] = [_("Isi tanggal selesai.")]
    if errors:
        return errors
    if starts_on > ends_on:
        errors["ends_on"] = [_("Tanggal selesai tidak boleh sebelum tanggal mulai.")]
    elif ends_on < today:
        errors["ends_on"] = [_("Periode ini sudah lewat; tanggal selesai paling awal hari ini.")]
    elif not allow_past_start and starts_on < today:
        errors["starts_on"] = [_("Tanggal mulai paling awal hari ini.")]
    return errors


def _lock_row(model, pk) -> None:
    """Serialise writes about one post or one person (two overlapping periods at once)."""
    list(model.objects.select_for_update().filter(pk=pk).values_list("pk", flat=True))


@transaction.atomic
def acting_assign(
    *,
    position,
    acting_nip: str,
    kind: str,
    starts_on,
    ends_on,
    decree_number: str,
    note: str = "",
    actor,
):
    """Record a Plt/Plh appointment for ``position`` (the records clerk of its OPD). Refused:
    another assignment of the post overlapping the period, a period ending before it starts or
    already over, someone acting for their own post."""
    from .models import ActingAssignment

    if position is None:
        raise InvalidInput(errors={"position": [_("Pilih jabatan.")]})
    if not actor.has_perm("eoffice.manage_acting", position.unit.opd):
        raise Forbidden(_("Penugasan Plt/Plh dikelola petugas tata usaha OPD jabatan itu."))
    errors = _period_errors(starts_on, ends_on, allow_past_start=True)
    if kind not in ActingAssignment.Kind.values:
        errors["kind"] = [_("Pilih Plt atau Plh.")]
    decree_number = " ".join((decree_number or "").split())[:100]
    if len(decree_number) < 3:
        errors["decree_number"] = [_("Tulis nomor surat perintah penunjukan Plt/Plh.")]
    people = _people([acting_nip], "acting_nip") if (acting_nip or "").strip() else []
    if not people:
        errors["acting_nip"] = [_("Tulis NIP pegawai yang ditunjuk.")]
    else:
        employee = integrations.employee_for_user(people[0])
        if employee is not None and employee.position_id == position.pk:
            errors["acting_nip"] = [
                _("Pegawai ini pemangku jabatan itu sendiri; pilih pegawai lain sebagai Plt/Plh.")
            ]
    if errors:
        raise InvalidInput(errors=errors)
    _lock_row(type(position), position.pk)
    overlapping = (
        ActingAssignment.objects.filter(
            position=position, ended_at__isnull=True, starts_on__lte=ends_on, ends_on__gte=starts_on
        )
        .select_related("acting")
        .first()
    )
    if overlapping is not None:
        raise InvalidInput(
            errors={
                "starts_on": [
                    _(
                        "Jabatan ini sudah memiliki %(kind)s %(name)s pada %(start)s–%(end)s; "
                        "periode tidak boleh tumpang tindih."
                    )
                    % {
                        "kind": overlapping.prefix,
                        "name": overlapping.acting.full_name,
                        "start": integrations.format_date_id(overlapping.starts_on),
                        "end": integrations.format_date_id(overlapping.ends_on),
                    }
                ]
            },
            code="overlapping_assignment",
        )
    assignment = ActingAssignment.objects.create(
        position=position,
        acting=people[0],
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        decree_number=decree_number,
        note=" ".join((note or "").split())[:500],
        created_by=actor,
    )
    _forget_post_counts(position, people[0])
    return assignment


@transaction.atomic
def acting_end(*, assignment, actor):
    """End an assignment today (the holder is back, or a definitive holder was appointed): the
    post's letters go back to its holder."""
    from .models import ActingAssignment

    assignment = (
        ActingAssignment.objects.select_for_update(of=("self",))
        .select_related("position__unit__opd", "acting")
        .get(pk=assignment.pk)
    )
    if not actor.has_perm("eoffice.manage_acting", assignment.position.unit.opd):
        raise Forbidden(_("Penugasan Plt/Plh dikelola petugas tata usaha OPD jabatan itu."))
    if assignment.ended_at is not None or assignment.ends_on < timezone.localdate():
        raise Conflict(_("Penugasan ini sudah berakhir."), code="already_ended")
    assignment.ended_at = timezone.now()
    assignment.save(update_fields=["ended_at", "updated_at"])
    _forget_post_counts(assignment.position, assignment.acting)
    return assignment


def _forget_post_counts(position, acting) -> None:
    people = {acting.pk} | {
        holder.user.pk
        for holders in selectors.position_holders_today([position.pk]).values()
        for holder in holders
    }
    people |= {e.user_id for e in integrations.position_holders([position.pk])}
    for user_id in people:
        transaction.on_commit(lambda user_id=user_id: selectors.inbox_counts_forget(user_id))


@transaction.atomic
def delegation_create(
    *, delegator, delegate_nip: str, starts_on, ends_on, reason: str, note: str = ""
):
    """``delegator`` going away lets a colleague initial, return and read their letters for the
    period. Refused: delegating to oneself, a period in the past or overlapping another of
    theirs."""
    from .models import Delegation

    if not delegator.has_perm("eoffice.delegate_inbox"):
        raise Forbidden(_("Hanya ASN yang dapat mendelegasikan kotak masuknya."))
    errors = _period_errors(starts_on, ends_on, allow_past_start=False)
    if reason not in Delegation.Reason.values:
        errors["reason"] = [_("Pilih alasan: cuti, dinas luar, atau lainnya.")]
    people = _people([delegate_nip], "delegate_nip") if (delegate_nip or "").strip() else []
    if not people:
        errors["delegate_nip"] = [_("Tulis NIP rekan yang menerima delegasi.")]
    elif people[0].pk == delegator.pk:
        errors["delegate_nip"] = [_("Delegasi tidak dapat diberikan kepada diri sendiri.")]
    if errors:
        raise InvalidInput(errors=errors)
    _lock_row(get_user_model(), delegator.pk)
    overlapping = Delegation.objects.filter(
        delegator=delegator, ended_at__isnull=True, starts_on__lte=ends_on, ends_on__gte=starts_on
    ).first()
    if overlapping is not None:
        raise InvalidInput(
            errors={
                "starts_on": [
                    _(
                        "Anda sudah mendelegasikan kotak masuk pada %(start)s–%(end)s; periode "
                        "tidak boleh tumpang tindih."
                    )
                    % {
                        "start": integrations.format_date_id(overlapping.starts_on),
                        "end": integrations.format_date_id(overlapping.ends_on),
                    }
                ]
            },
            code="overlapping_delegation",
        )
    delegation = Delegation.objects.create(
        delegator=delegator,
        delegate=people[0],
        starts_on=starts_on,
        ends_on=ends_on,
        reason=reason,
        note=" ".join((note or "").split())[:300],
    )
    integrations.notify(
        recipient=people[0],
        title=_("%(name)s mendelegasikan kotak masuk naskah dinas kepada Anda")
        % {"name": delegator.full_name},
        body=_('%(start)s sampai %(end)s. Buka tab "Atas nama" di Naskah dinas.')
        % {
            "start": integrations.format_date_id(starts_on),
            "end": integrations.format_date_id(ends_on),
        },
        url="/surat/?tampil=atas-nama",
        dedupe_key=f"eoffice:delegation:{delegation.pk}",
    )
    return delegation


@transaction.atomic
def delegation_end(*, delegation, user):
    """The delegator ends their delegation (back early)."""
    from .models import Delegation

    delegation = Delegation.objects.select_for_update().get(pk=delegation.pk)
    if delegation.delegator_id != user.pk:
        raise Forbidden(_("Hanya pemberi delegasi yang dapat mengakhirinya."))
    if delegation.ended_at is not None or delegation.ends_on < timezone.localdate():
        raise Conflict(_("Delegasi ini sudah berakhir."), code="already_ended")
    delegation.ended_at = timezone.now()
    delegation.save(update_fields=["ended_at", "updated_at"])
    return delegation


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
