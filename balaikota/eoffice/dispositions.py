"""Writes of incoming letters and dispositions (their own module: over the ~400-line budget of
``services.py``). The records clerk registers an external letter (scan, sender, agenda number
from the OPD's incoming register); its addressee disposes it down the hierarchy; recipients
dispose further or close theirs with a completion report; the letter is done when every
disposition is closed. Every step is one transaction through ``INCOMING_WORKFLOW`` and
``DISPOSITION_WORKFLOW``; the incoming letter's row is locked first, then a disposition's.

Closing while one's own further dispositions are still open is allowed (the page shows the
open children beside the button): the letter itself is done only when every disposition in
the tree — children included — is closed.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from balaikota.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from balaikota.core.services import access_log_record
from balaikota.core.uploads import JPEG, PDF, PNG, check_upload

from . import integrations, selectors
from .models import (
    Classification,
    Disposition,
    DispositionInstruction,
    DispositionStatus,
    IncomingLetter,
    IncomingStatus,
    SecurityClass,
    Urgency,
)
from .permissions import acting_as, clerk_opd_ids, may_view_incoming
from .services import opd_setting
from .workflows import DISPOSITION_WORKFLOW, INCOMING_WORKFLOW

MAX_SCAN_SIZE = 15 * 1024 * 1024
MAX_REPORT_FILE_SIZE = 10 * 1024 * 1024
MAX_RECIPIENTS = 10

INSTRUCTIONS = (
    "Tanggapan dan saran",
    "Proses lebih lanjut",
    "Koordinasikan",
    "Untuk diketahui",
    "Hadiri",
    "Wakili",
    "Siapkan konsep jawaban",
    "Pelajari dan laporkan",
    "Arsipkan",
)


def instructions_load() -> int:
    """The seeded disposition instructions; rows already there stay as edited."""
    made = 0
    for order, name in enumerate(INSTRUCTIONS, 1):
        _row, created = DispositionInstruction.objects.get_or_create(
            name=name, defaults={"order": order}
        )
        made += created
    return made


# --- Registering ----------------------------------------------------------------------------


@dataclass
class IncomingInput:
    """What the clerk types, parsed by a form (the same for the API, if it ever registers)."""

    sender_name: str
    sender_agency: str
    sender_number: str
    sender_date: dt.date | None
    received_on: dt.date | None
    subject: str
    classification: Classification | None
    addressee_position: object | None
    scan: object | None
    security_class: str = SecurityClass.ORDINARY
    urgency: str = Urgency.ORDINARY


def _squash(text: str) -> str:
    return " ".join((text or "").split())


def duplicate_key(sender_name: str, sender_agency: str, sender_number: str) -> str:
    """The sender (agency, else name) and their number, case and spacing ignored."""
    sender = _squash(sender_agency or sender_name).lower()
    number = "".join((sender_number or "").split()).lower()
    return f"{sender}|{number}"[:300]


def _opd_of_clerk(clerk, opd):
    scopes = clerk_opd_ids(clerk)
    if not clerk.has_perm("eoffice.register_incoming") or not scopes:
        raise Forbidden(_("Hanya petugas TU (pencatat surat) yang dapat mencatat surat masuk."))
    if opd is None:
        employee = integrations.employee_for_user(clerk)
        opd = employee.unit.opd if employee is not None else None
    if opd is None or (None not in scopes and opd.pk not in scopes):
        raise Forbidden(_("Anda hanya dapat mencatat surat masuk untuk OPD Anda sendiri."))
    return opd


def _clean_incoming(opd, data: IncomingInput) -> dict:
    errors: dict[str, list[str]] = {}
    today = timezone.localdate()
    cleaned = {
        "sender_name": _squash(data.sender_name)[:150],
        "sender_agency": _squash(data.sender_agency)[:150],
        "sender_number": _squash(data.sender_number)[:100],
        "subject": _squash(data.subject),
    }
    if not cleaned["sender_name"]:
        errors["sender_name"] = [_("Tulis nama atau jabatan pengirim.")]
    if not cleaned["sender_number"]:
        errors["sender_number"] = [_("Tulis nomor surat pengirim.")]
    if len(cleaned["subject"]) < 5:
        errors["subject"] = [_("Tulis hal (perihal) surat paling sedikit 5 huruf.")]
    elif len(cleaned["subject"]) > 250:
        errors["subject"] = [_("Hal paling panjang 250 huruf.")]
    if data.received_on is None:
        errors["received_on"] = [_("Isi tanggal surat diterima.")]
    elif data.received_on > today:
        errors["received_on"] = [_("Tanggal diterima tidak boleh sesudah hari ini.")]
    if data.sender_date is None:
        errors["sender_date"] = [_("Isi tanggal surat.")]
    elif data.received_on is not None and data.sender_date > data.received_on:
        errors["sender_date"] = [_("Tanggal surat tidak boleh sesudah tanggal diterima.")]
    if data.classification is None or not data.classification.is_active:
        errors["classification"] = [_("Pilih kode klasifikasi arsip.")]
    if data.security_class not in SecurityClass.values:
        errors["security_class"] = [_("Pilih sifat surat.")]
    if data.urgency not in Urgency.values:
        errors["urgency"] = [_("Pilih tingkat kesegeraan.")]
    position = data.addressee_position
    holder = None
    if position is None or position.unit.opd_id != opd.pk:
        errors["addressee_position"] = [_("Pilih jabatan yang dituju di OPD ini.")]
    else:
        holder = integrations.position_holders([position.pk]).first()
        if holder is None:
            errors["addressee_position"] = [
                _("Jabatan ini sedang kosong; tujukan kepada jabatan lain.")
            ]
    if data.scan is None:
        errors["scan"] = [_("Unggah pindaian surat (PDF, JPG atau PNG).")]
    if errors:
        raise InvalidInput(errors=errors)
    try:
        scan = check_upload(
            data.scan,
            accepted=[PDF, JPEG, PNG],
            max_size=MAX_SCAN_SIZE,
            original_name=getattr(data.scan, "name", ""),
        )
    except InvalidInput as exc:
        raise InvalidInput(errors={"scan": [exc.text]}, code=exc.code) from exc
    cleaned["scan"] = scan
    cleaned["addressee"] = holder.user
    return cleaned


def _duplicate_refusal(earlier: IncomingLetter) -> InvalidInput:
    return InvalidInput(
        errors={
            "sender_number": [
                _(
                    "Surat dari pengirim ini dengan nomor yang sama sudah dicatat dengan nomor "
                    "agenda %(agenda)s."
                )
                % {"agenda": earlier.agenda_number}
            ]
        },
        code="duplicate_incoming",
    )


def incoming_register(
    *, clerk, data: IncomingInput, opd=None, submit_key: str = "", note: str = ""
) -> IncomingLetter:
    """Register an external letter: the next agenda number of the OPD's incoming register, the
    scan kept privately, and the holder of the addressed position gets it to dispose. The same
    ``submit_key`` twice gives the first registration back."""
    opd = _opd_of_clerk(clerk, opd)
    return _register(registered_by=clerk, opd=opd, data=data, submit_key=submit_key, note=note)


def _register(
    *,
    registered_by,
    opd,
    data: IncomingInput,
    submit_key: str = "",
    note: str = "",
    addressee=None,
    source_letter=None,
) -> IncomingLetter:
    """The registration itself, once who may register is settled: ``addressee`` (default: the
    holder of the addressed post) and ``source_letter`` for a letter received on the platform."""
    clerk = registered_by
    submit_key = (submit_key or "")[:64]
    if submit_key:
        existing = IncomingLetter.objects.filter(registered_by=clerk, submit_key=submit_key).first()
        if existing is not None:
            return existing
    cleaned = _clean_incoming(opd, data)
    if addressee is not None:
        cleaned["addressee"] = addressee
    key = duplicate_key(cleaned["sender_name"], cleaned["sender_agency"], cleaned["sender_number"])
    earlier = IncomingLetter.objects.filter(opd=opd, duplicate_key=key).first()
    if earlier is not None:
        raise _duplicate_refusal(earlier)
    scan = cleaned["scan"]
    try:
        with transaction.atomic():
            setting = opd_setting(opd)
            number = integrations.agenda_number_reserve(
                unit=setting.unit_code,
                on=timezone.localdate(),
                incoming_key=f"masuk-{uuid.uuid4().hex}",
                actor=clerk,
            )
            incoming = IncomingLetter(
                opd=opd,
                agenda_number=number.number,
                issued_number=number,
                sender_name=cleaned["sender_name"],
                sender_agency=cleaned["sender_agency"],
                sender_number=cleaned["sender_number"],
                sender_date=data.sender_date,
                received_on=data.received_on,
                duplicate_key=key,
                subject=cleaned["subject"],
                classification=data.classification,
                security_class=data.security_class,
                urgency=data.urgency,
                addressee_position=data.addressee_position,
                addressee=cleaned["addressee"],
                scan_content_type=scan.content_type,
                scan_size=scan.size,
                scan_sha256=scan.sha256,
                scan_name=scan.original_name[:150],
                registered_by=clerk,
                submit_key=submit_key,
                source_letter=source_letter,
            )
            incoming.scan.save("pindaian", ContentFile(scan.content), save=False)
            incoming.save()
            INCOMING_WORKFLOW.transition(
                incoming,
                "register",
                actor=clerk,
                system=True,
                reason=" ".join(
                    [_("Nomor agenda %(agenda)s.") % {"agenda": number.number}, note]
                ).strip(),
                locked=True,
            )
    except IntegrityError:
        if source_letter is not None:  # the same letter, from two devices at once
            existing = IncomingLetter.objects.filter(
                source_letter=source_letter, addressee=cleaned["addressee"]
            ).first()
            if existing is not None:
                return existing
        if submit_key:  # the same form sent twice at once: the first one won
            existing = IncomingLetter.objects.filter(
                registered_by=clerk, submit_key=submit_key
            ).first()
            if existing is not None:
                return existing
        earlier = IncomingLetter.objects.filter(opd=opd, duplicate_key=key).first()
        if earlier is not None:
            raise _duplicate_refusal(earlier) from None
        raise
    return incoming


# --- Disposing ------------------------------------------------------------------------------


@dataclass
class DispositionInput:
    recipient_nips: list[str] = field(default_factory=list)
    instruction_ids: Sequence[int] = ()
    note: str = ""
    deadline: dt.date | None = None


def _locked_incoming(pk: int) -> IncomingLetter:
    return (
        IncomingLetter.objects.select_for_update(of=("self",))
        .select_related("opd", "addressee")
        .get(pk=pk)
    )


def _locked_disposition(pk: int) -> Disposition:
    return (
        Disposition.objects.select_for_update(of=("self",))
        .select_related("incoming", "recipient", "author")
        .get(pk=pk)
    )


def _visible(user, incoming: IncomingLetter) -> None:
    if not may_view_incoming(user, incoming):
        raise NotFound()


def _recipients(data: DispositionInput, *, boss, author) -> list:
    """The accounts of the NIPs, each someone below ``boss`` (refused by name otherwise)."""
    wanted: list[str] = []
    for nip in data.recipient_nips:
        nip = (nip or "").strip()
        if nip and nip not in wanted:
            wanted.append(nip)
    if not wanted:
        raise InvalidInput(
            errors={"recipients": [_("Pilih paling sedikit satu penerima disposisi.")]},
            code="no_recipient",
        )
    if len(wanted) > MAX_RECIPIENTS:
        raise InvalidInput(
            errors={
                "recipients": [
                    _("Penerima disposisi paling banyak %(count)s orang.")
                    % {"count": MAX_RECIPIENTS}
                ]
            }
        )
    found = {e.nip: e for e in integrations.employees_by_nip(wanted)}
    missing = [n for n in wanted if n not in found]
    if missing:
        raise InvalidInput(
            errors={
                "recipients": [
                    _("NIP berikut tidak ditemukan atau tidak aktif: %(nips)s.")
                    % {"nips": ", ".join(missing[:5])}
                ]
            },
            code="unknown_nip",
        )
    people = []
    for nip in wanted:
        employee = found[nip]
        if employee.user_id == author.pk or (boss is not None and employee.pk == boss.pk):
            raise InvalidInput(
                errors={"recipients": [_("Disposisi tidak dapat ditujukan kepada diri sendiri.")]},
                code="to_self",
            )
        if not integrations.is_below(employee, boss):
            raise InvalidInput(
                errors={
                    "recipients": [
                        _(
                            "%(name)s bukan bawahan Anda dalam hierarki jabatan; disposisi hanya "
                            "ke bawah."
                        )
                        % {"name": employee.full_name}
                    ]
                },
                code="outside_hierarchy",
            )
        people.append(employee.user)
    return people


def _instructions(ids: Sequence[int]) -> list[str]:
    wanted = [int(i) for i in ids if str(i).isdigit()]
    rows = list(
        DispositionInstruction.objects.filter(pk__in=wanted, is_active=True).order_by(
            "order", "name"
        )
    )
    if not rows or len(rows) != len(set(wanted)):
        raise InvalidInput(
            errors={"instructions": [_("Pilih paling sedikit satu petunjuk disposisi.")]},
            code="no_instruction",
        )
    return [row.name for row in rows]


def _on_behalf(user, principal, text: str = "") -> str:
    """The event's reason when a delegate acts for ``principal`` (away, who delegated their
    inbox): it says who acted for whom, before any note."""
    if principal is None or principal.pk == user.pk:
        return text
    said = _("Oleh %(actor)s atas nama %(principal)s.") % {
        "actor": user.full_name,
        "principal": principal.full_name,
    }
    return f"{said} {text}".strip()


def disposition_create(
    *,
    user,
    incoming: IncomingLetter,
    data: DispositionInput,
    parent: Disposition | None = None,
    submit_key: str = "",
) -> list[Disposition]:
    """``user`` disposes ``incoming`` to one or several people below them: as its addressee
    (``parent`` None) or as the recipient of the open disposition ``parent`` (disposing
    further). The same ``submit_key`` again (a double submit, even at the same moment) gives
    the first set back."""
    submit_key = (submit_key or "")[:64]
    note = (data.note or "").strip()
    if len(note) > 2000:
        raise InvalidInput(errors={"note": [_("Catatan paling panjang 2.000 huruf.")]})
    if data.deadline is not None and data.deadline < timezone.localdate():
        raise InvalidInput(
            errors={"deadline": [_("Batas waktu tidak boleh sebelum hari ini.")]},
            code="deadline_past",
        )
    with transaction.atomic():
        incoming = _locked_incoming(incoming.pk)
        _visible(user, incoming)
        if parent is None:
            INCOMING_WORKFLOW.ensure(user, incoming, "dispose")
            boss_user = incoming.addressee
        else:
            parent = _locked_disposition(parent.pk)
            if parent.incoming_id != incoming.pk:
                raise NotFound()
            DISPOSITION_WORKFLOW.ensure(user, parent, "forward")
            boss_user = parent.recipient
        # A delegate disposes in the name of the person away: the disposition is theirs.
        author = boss_user
        if submit_key:
            earlier = list(
                Disposition.objects.filter(
                    incoming=incoming, author=author, submit_key=submit_key
                ).order_by("pk")
            )
            if earlier:
                return earlier
        instructions = _instructions(data.instruction_ids)
        boss = integrations.employee_for_user(boss_user)
        people = _recipients(data, boss=boss, author=author)
        live = Disposition.objects.filter(incoming=incoming, parent=parent).exclude(
            status=DispositionStatus.WITHDRAWN
        )
        twice = live.filter(recipient__in=people).select_related("recipient").first()
        if twice is not None:
            raise Conflict(
                _("%(name)s sudah menerima disposisi ini.") % {"name": twice.recipient.full_name},
                code="already_disposed",
            )
        created = []
        for person in people:
            disposition = Disposition.objects.create(
                incoming=incoming,
                parent=parent,
                author=author,
                recipient=person,
                instructions=instructions,
                note=note,
                deadline=data.deadline,
                submit_key=submit_key,
            )
            DISPOSITION_WORKFLOW.transition(
                disposition,
                "create",
                actor=user,
                system=True,
                reason=_on_behalf(user, author, note),
                locked=True,
            )
            created.append(disposition)
        names = ", ".join(p.full_name for p in people)
        if parent is None:
            INCOMING_WORKFLOW.transition(
                incoming,
                "dispose",
                actor=user,
                reason=_on_behalf(user, author, _("Kepada %(names)s.") % {"names": names}),
                locked=True,
            )
        else:
            if parent.read_at is None:
                parent.read_at = timezone.now()
                parent.save(update_fields=["read_at", "updated_at"])
            DISPOSITION_WORKFLOW.transition(
                parent,
                "forward",
                actor=user,
                reason=_on_behalf(user, author, _("Kepada %(names)s.") % {"names": names}),
                locked=True,
            )
        _forget_later([user.pk, author.pk, incoming.addressee_id, *[p.pk for p in people]])
    return created


def _forget_later(user_ids) -> None:
    for user_id in set(user_ids):
        transaction.on_commit(lambda user_id=user_id: selectors.inbox_counts_forget(user_id))


def _settle(incoming: IncomingLetter, *, actor, principal=None) -> None:
    """The incoming letter's state after a disposition closed or was withdrawn: done when every
    live disposition is closed, back to waiting when none is left. ``principal``: the person
    whose disposition it was, when ``actor`` acted for them (the history says so)."""
    if incoming.status != IncomingStatus.IN_PROGRESS:
        return
    reason = _on_behalf(actor, principal)
    live = incoming.dispositions.exclude(status=DispositionStatus.WITHDRAWN)
    if not live.exists():
        INCOMING_WORKFLOW.transition(
            incoming, "reopen", actor=actor, system=True, reason=reason, locked=True
        )
        _forget_later([incoming.addressee_id])
    elif not live.filter(status=DispositionStatus.OPEN).exists():
        INCOMING_WORKFLOW.transition(
            incoming, "complete", actor=actor, system=True, reason=reason, locked=True
        )


def disposition_withdraw(*, user, disposition: Disposition) -> Disposition:
    """The author takes back a disposition its recipient has not read yet."""
    with transaction.atomic():
        incoming = _locked_incoming(disposition.incoming_id)
        _visible(user, incoming)
        disposition = _locked_disposition(disposition.pk)
        DISPOSITION_WORKFLOW.transition(
            disposition,
            "withdraw",
            actor=user,
            reason=_on_behalf(user, disposition.author),
            changes={"withdrawn_at": timezone.now()},
            locked=True,
        )
        _settle(incoming, actor=user, principal=disposition.author)
        _forget_later([user.pk, disposition.recipient_id])
    return disposition


def disposition_close(*, user, disposition: Disposition, report: str, file=None) -> Disposition:
    """The recipient closes theirs with a completion report (text, and a file if they wish);
    their own further dispositions may still be open (the letter waits for those)."""
    report = (report or "").strip()
    if len(report) < 5:
        raise InvalidInput(
            errors={"report": [_("Tulis laporan tindak lanjut paling sedikit 5 huruf.")]},
            code="no_report",
        )
    if len(report) > 4000:
        raise InvalidInput(errors={"report": [_("Laporan paling panjang 4.000 huruf.")]})
    checked = None
    if file is not None:
        try:
            checked = check_upload(
                file,
                accepted=[PDF, JPEG, PNG],
                max_size=MAX_REPORT_FILE_SIZE,
                original_name=getattr(file, "name", ""),
            )
        except InvalidInput as exc:
            raise InvalidInput(errors={"report_file": [exc.text]}, code=exc.code) from exc
    with transaction.atomic():
        incoming = _locked_incoming(disposition.incoming_id)
        _visible(user, incoming)
        disposition = _locked_disposition(disposition.pk)
        DISPOSITION_WORKFLOW.ensure(user, disposition, "close")
        changes = {"report": report, "closed_at": timezone.now()}
        if disposition.read_at is None:
            changes["read_at"] = changes["closed_at"]
            if user.pk != disposition.recipient_id:
                changes["read_by"] = user
        if user.pk != disposition.recipient_id:  # their delegate, while they are away
            changes["closed_by"] = user
        if checked is not None:
            disposition.report_file.save("laporan", ContentFile(checked.content), save=False)
            changes.update(
                {
                    "report_file": disposition.report_file.name,
                    "report_content_type": checked.content_type,
                    "report_name": checked.original_name[:150],
                }
            )
        DISPOSITION_WORKFLOW.transition(
            disposition,
            "close",
            actor=user,
            reason=_on_behalf(user, disposition.recipient, report[:2000]),
            changes=changes,
            locked=True,
        )
        _settle(incoming, actor=user, principal=disposition.recipient)
        _forget_later([user.pk, disposition.recipient_id])
    return disposition


# --- Reading --------------------------------------------------------------------------------


def incoming_open(*, incoming: IncomingLetter, user, request=None) -> None:
    """``user`` opened ``incoming`` (already authorised): their unread dispositions are marked
    read (the author's read mark) — and, on an ordinary letter, those of the people they act for
    now, read by them — and the opening of a Rahasia letter is access-logged."""
    now = timezone.now()
    delegators = acting_as(user, incoming)[1:]  # the people away they act for
    with transaction.atomic():
        unread = Disposition.objects.filter(
            incoming_id=incoming.pk, status=DispositionStatus.OPEN, read_at__isnull=True
        )
        marked = unread.filter(recipient_id=user.pk).update(read_at=now)
        theirs = []
        if delegators:
            rows = unread.filter(recipient_id__in=delegators)
            theirs = list(rows.values_list("recipient_id", flat=True))
            rows.update(read_at=now, read_by=user)
        if incoming.is_confidential:
            access_log_record(
                actor=user,
                obj=incoming,
                purpose=_("Membuka surat masuk bersifat %(class)s")
                % {"class": incoming.get_security_class_display()},
                request=request,
            )
    if marked:
        selectors.inbox_counts_forget(user.pk)
    for person_id in set(theirs):
        selectors.inbox_counts_forget(person_id)


# --- Overdue --------------------------------------------------------------------------------


def dispositions_escalate_overdue(*, batch: int = 500) -> int:
    """Tell the supervisor of each person whose disposition is past its deadline — once per
    disposition (``escalated_at`` and an event row record it; a rerun skips it)."""
    today = timezone.localdate()
    told = 0
    ids = list(
        Disposition.objects.filter(
            status=DispositionStatus.OPEN, deadline__lt=today, escalated_at__isnull=True
        )
        .order_by("deadline", "pk")
        .values_list("pk", flat=True)[:batch]
    )
    for pk in ids:
        with transaction.atomic():
            disposition = (
                Disposition.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("incoming", "recipient")
                .filter(pk=pk, status=DispositionStatus.OPEN, escalated_at__isnull=True)
                .first()
            )
            if disposition is None:
                continue
            employee = integrations.employee_for_user(disposition.recipient)
            supervisor = integrations.direct_supervisor(employee) if employee else None
            DISPOSITION_WORKFLOW.transition(
                disposition,
                "escalate",
                actor=None,
                system=True,
                reason=supervisor.full_name if supervisor else "",
                changes={"escalated_at": timezone.now()},
                locked=True,
            )
            if supervisor is not None:
                integrations.overdue_notify(supervisor=supervisor.user, disposition=disposition)
                told += 1
    return told


# ── Importing an exchange bundle (SRIKANDI or another agency) ──


def incoming_input_from_bundle(
    contents, *, addressee_position, received_on, classification=None
) -> IncomingInput:
    """What the clerk would type, read from a checked bundle's manifest: the sender (the
    signing official's post and agency), their number and date, the subject, sifat and
    urgency, the classification code when the city knows it; the signed PDF is the scan."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    letter = contents.letter
    sender = letter.get("sender") or {}
    signer = sender.get("signer") or {}
    opd = sender.get("opd") or {}
    if classification is None:
        code = str((letter.get("classification") or {}).get("code", ""))
        classification = Classification.objects.filter(code=code, is_active=True).first()
    security = letter.get("security_class")
    urgency = letter.get("urgency")
    safe = "".join(c if c.isalnum() else "-" for c in str(letter.get("number", ""))).strip("-")
    return IncomingInput(
        sender_name=str(signer.get("position") or signer.get("name") or "")[:150],
        sender_agency=str(opd.get("name") or "")[:150],
        sender_number=str(letter.get("number", ""))[:100],
        sender_date=dt.date.fromisoformat(letter["date"]),
        received_on=received_on,
        subject=str(letter.get("subject", "")),
        classification=classification,
        addressee_position=addressee_position,
        scan=SimpleUploadedFile(f"{safe or 'naskah'}.pdf", contents.pdf.content, "application/pdf"),
        security_class=security if security in SecurityClass.values else SecurityClass.ORDINARY,
        urgency=urgency if urgency in Urgency.values else Urgency.ORDINARY,
    )


def incoming_import(
    *,
    clerk,
    bundle,
    addressee_position,
    received_on: dt.date | None = None,
    classification=None,
    submit_key: str = "",
) -> IncomingLetter:
    """Register an incoming letter from an exchange bundle (docs/eoffice-bundle.md): the bundle
    is checked whole first (zip safety, manifest, every SHA-256, the PDF), then registered like
    a typed one — agenda number, duplicate check, the addressee to dispose. A classification
    code the city does not use must be chosen by the clerk (``classification``)."""
    from .archive import bundle_read

    if not clerk.has_perm("eoffice.register_incoming"):
        raise Forbidden(_("Hanya petugas TU (pencatat surat) yang dapat mencatat surat masuk."))
    contents = bundle_read(bundle)
    data = incoming_input_from_bundle(
        contents,
        addressee_position=addressee_position,
        received_on=received_on or timezone.localdate(),
        classification=classification,
    )
    if data.classification is None:
        code = (contents.letter.get("classification") or {}).get("code", "")
        raise InvalidInput(
            errors={
                "classification": [
                    _(
                        "Kode klasifikasi %(code)s dari bundel tidak dipakai Pemerintah Kota "
                        "Semarang; pilih kode klasifikasinya."
                    )
                    % {"code": code}
                ]
            },
            code="classification_unknown",
        )
    note = _("Dicatat dari bundel naskah %(format)s (PDF SHA-256 %(sha)s).") % {
        "format": contents.manifest.get("format", ""),
        "sha": contents.pdf.sha256[:16],
    }
    return incoming_register(clerk=clerk, data=data, submit_key=submit_key, note=note)


def incoming_from_letter(*, user, letter) -> IncomingLetter:
    """A letter received on the platform (from another OPD, or from within), to be disposed
    like an incoming letter: its addressee — or their delegate, for an ordinary letter — makes
    it an entry of the OPD's incoming register (the next agenda number, the signed PDF as its
    scan, the letter's particulars) addressed to themself, and disposes it from there. Once
    per letter and addressee: asking again gives the same entry back."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from .permissions import received_for_disposal

    delivery = received_for_disposal(user, letter)
    if delivery is None:
        raise Forbidden(
            _("Hanya pimpinan yang menjadi tujuan naskah ini yang dapat mendisposisikannya."),
            code="not_disposable",
        )
    recipient = delivery.recipient
    existing = IncomingLetter.objects.filter(source_letter=letter, addressee=recipient).first()
    if existing is not None:
        return existing
    employee = integrations.employee_for_user(recipient)
    document = letter.document
    with document.signed_file.open("rb") as handle:
        pdf = handle.read()
    signer = letter.signer_position
    data = IncomingInput(
        sender_name=selectors.position_title(signer) if signer is not None else letter.opd.name,
        sender_agency=letter.opd.name,
        sender_number=letter.number,
        sender_date=letter.dated,
        received_on=timezone.localdate(delivery.delivered_at),
        subject=letter.subject,
        classification=letter.classification,
        addressee_position=employee.position,
        scan=SimpleUploadedFile(f"{letter.number}.pdf".replace("/", "-"), pdf, "application/pdf"),
        security_class=letter.security_class,
        urgency=letter.urgency,
    )
    note = _("Dari naskah dinas %(number)s yang diterima melalui Balai Kota Digital.") % {
        "number": letter.number
    }
    return _register(
        registered_by=user,
        opd=employee.unit.opd,
        data=data,
        note=note,
        addressee=recipient,
        source_letter=letter,
    )
