"""Writes of complaints: file one, handle it in the OPD, follow it up as the complainant."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Sequence
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from balaikota.core import codes
from balaikota.core.errors import Forbidden, InvalidInput, NotFound
from balaikota.core.uploads import JPEG, PDF, PNG, check_upload
from balaikota.core.working_days import add_working_days

from . import integrations
from .models import (
    Complaint,
    ComplaintAttachment,
    ComplaintCategory,
    ComplaintMessage,
    Status,
)
from .workflows import COMPLAINT_WORKFLOW, QUEUE

MAX_ATTACHMENTS = 3
MAX_ATTACHMENTS_ANONYMOUS = 1
MAX_ATTACHMENT_SIZE = 5 * 1024 * 1024
AUTO_CLOSE_AFTER_DAYS = 14
_KEY_SALT = "balaikota.complaints.access-key"


def access_key_digest(key: str, tracking_number: str) -> str:
    return salted_hmac(_KEY_SALT, f"{tracking_number}:{key}", algorithm="sha256").hexdigest()


def access_key_matches(complaint: Complaint, key: str) -> bool:
    if not key or not complaint.access_key_hash or len(key) > 64:
        return False
    return constant_time_compare(
        access_key_digest(key, complaint.tracking_number), complaint.access_key_hash
    )


@dataclass(frozen=True)
class Filed:
    complaint: Complaint
    access_key: str  # shown once to a complainant without an account; "" otherwise
    created: bool


def _clean(
    *, title: str, body: str, category, service, opd, incident_date, user, contact_email, files
) -> dict:
    errors: dict[str, list[str]] = {}
    title, body = (title or "").strip(), (body or "").strip()
    if len(title) < 10:
        errors["title"] = [_("Tulis judul singkat paling sedikit 10 huruf.")]
    elif len(title) > 150:
        errors["title"] = [_("Judul paling panjang 150 huruf.")]
    if len(body) < 30:
        errors["body"] = [
            _("Ceritakan apa yang terjadi paling sedikit 30 huruf: kapan, di mana, apa.")
        ]
    elif len(body) > 4000:
        errors["body"] = [_("Isi pengaduan paling panjang 4.000 huruf.")]
    if category is None or not category.is_active:
        errors["category"] = [_("Pilih kategori pengaduan.")]
    if service is None and opd is None:
        errors["service"] = [_("Pilih layanan yang diadukan, atau OPD yang dituju.")]
    if incident_date and incident_date > timezone.localdate():
        errors["incident_date"] = [_("Tanggal kejadian tidak boleh di masa depan.")]
    limit = MAX_ATTACHMENTS if user is not None else MAX_ATTACHMENTS_ANONYMOUS
    if len(files) > limit:
        errors["attachments"] = [_("Lampiran paling banyak %(count)s berkas.") % {"count": limit}]
    if errors:
        raise InvalidInput(errors=errors)
    return {"title": title, "body": body}


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


def complaint_submit(
    *,
    user,
    category: ComplaintCategory | None,
    title: str,
    body: str,
    service=None,
    opd=None,
    incident_place: str = "",
    incident_date: dt.date | None = None,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    is_anonymous: bool = False,
    is_public: bool = True,
    attachments: Sequence = (),
    submit_key: str = "",
) -> Filed:
    """File a complaint (or a suggestion) to the OPD that runs ``service`` (else ``opd``).

    One transaction; the same ``submit_key`` (the form's one-time key) twice gives the first
    complaint back. Without an account the complainant gets an access key, shown once."""
    user = user if user is not None and user.is_authenticated else None
    submit_key = (submit_key or "")[:64]
    if submit_key:
        existing = Complaint.objects.filter(submit_key=submit_key).first()
        if existing is not None:
            return Filed(existing, "", False)
    cleaned = _clean(
        title=title,
        body=body,
        category=category,
        service=service,
        opd=opd,
        incident_date=incident_date,
        user=user,
        contact_email=contact_email,
        files=list(attachments),
    )
    files = _checked_files(attachments)  # before any row is written
    target = service.opd if service is not None else opd
    today = timezone.localdate()
    access_key = "" if user is not None else secrets.token_urlsafe(12)
    try:
        with transaction.atomic():
            complaint = _create(
                user=user,
                category=category,
                service=service,
                opd=target,
                today=today,
                access_key=access_key,
                incident_place=(incident_place or "").strip()[:200],
                incident_date=incident_date,
                contact_name=(contact_name or "").strip()[:120] if user is None else "",
                contact_email=(contact_email or "").strip()[:254] if user is None else "",
                contact_phone=(contact_phone or "").strip()[:20] if user is None else "",
                is_anonymous=is_anonymous,
                is_public=is_public,
                submit_key=submit_key,
                **cleaned,
            )
            for checked in files:
                attachment = ComplaintAttachment(
                    complaint=complaint,
                    content_type=checked.content_type,
                    size=checked.size,
                    sha256=checked.sha256,
                    original_name=checked.original_name[:150],
                )
                attachment.file.save("lampiran", ContentFile(checked.content), save=False)
                attachment.save()
            COMPLAINT_WORKFLOW.transition(complaint, "submit", actor=user, system=True, locked=True)
    except IntegrityError:
        if submit_key:  # the same form sent twice at once: the first one won
            existing = Complaint.objects.filter(submit_key=submit_key).first()
            if existing is not None:
                return Filed(existing, "", False)
        raise
    return Filed(complaint, access_key, True)


def _create(*, today, access_key, user, **fields) -> Complaint:
    category = fields["category"]
    for _attempt in range(5):
        number = codes.tracking_code("ADU", today)
        if not Complaint.objects.filter(tracking_number=number).exists():
            break
    complaint = Complaint(
        tracking_number=number,
        complainant=user,
        due_date=add_working_days(today, category.resolution_days),
        access_key_hash=access_key_digest(access_key, number) if access_key else "",
        search_stems=integrations.stems(fields["title"], fields["body"]),
        **fields,
    )
    complaint.full_clean(exclude=["search_stems", "access_key_hash"])
    complaint.save()
    return Complaint.objects.select_for_update().get(pk=complaint.pk)


# --- The OPD --------------------------------------------------------------------------------


def complaint_claim(*, complaint: Complaint, user) -> Complaint:
    return QUEUE.claim(complaint, user=user)


def complaint_release(*, complaint: Complaint, user) -> Complaint:
    return QUEUE.release(complaint, user=user)


@transaction.atomic
def complaint_answer(*, complaint: Complaint, user, body: str) -> ComplaintMessage:
    """The OPD's public answer: written to the conversation, the complaint moves to answered."""
    body = (body or "").strip()
    if len(body) < 20:
        raise InvalidInput(
            errors={
                "body": [
                    _("Tulis jawaban yang menjelaskan tindak lanjutnya (paling sedikit 20 huruf).")
                ]
            }
        )
    COMPLAINT_WORKFLOW.lock(complaint)
    COMPLAINT_WORKFLOW.ensure(user, complaint, "answer")
    message = ComplaintMessage.objects.create(
        complaint=complaint, author_kind=ComplaintMessage.Author.OPD, author=user, body=body[:4000]
    )
    COMPLAINT_WORKFLOW.transition(
        complaint,
        "answer",
        actor=user,
        changes={"answered_at": timezone.now(), "claimed_by": None, "claimed_at": None},
        locked=True,
    )
    return message


@transaction.atomic
def complaint_forward(*, complaint: Complaint, user, opd, reason: str) -> Complaint:
    """Send it to the OPD that can act on it (no wrong door); the deadline stays."""
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(errors={"reason": [_("Tulis mengapa pengaduan ini diteruskan.")]})
    if opd is None or opd.pk == complaint.opd_id:
        raise InvalidInput(errors={"opd": [_("Pilih OPD lain yang berwenang.")]})
    COMPLAINT_WORKFLOW.transition(
        complaint,
        "forward",
        actor=user,
        reason=reason,
        changes={"opd": opd, "service": None, "claimed_by": None, "claimed_at": None},
    )
    return complaint


@transaction.atomic
def complaint_reject(*, complaint: Complaint, user, reason: str) -> Complaint:
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise InvalidInput(
            errors={
                "reason": [_("Jelaskan kepada pelapor mengapa, dan ke mana sebaiknya ia mengadu.")]
            }
        )
    COMPLAINT_WORKFLOW.transition(
        complaint,
        "reject",
        actor=user,
        reason=reason,
        changes={"closed_at": timezone.now(), "claimed_by": None, "claimed_at": None},
    )
    return complaint


# --- The complainant ------------------------------------------------------------------------

FOLLOW_UPS = ("respond", "reopen", "close")


@transaction.atomic
def complaint_follow_up(
    *, complaint: Complaint, action: str, body: str = "", user=None, access_key: str = ""
) -> Complaint:
    """The complainant answers the OPD: a response, reopening (with the reason), or closing.

    Signed in: their own complaint only. Without an account: the access key they were given."""
    if action not in FOLLOW_UPS:
        raise NotFound()
    user = user if user is not None and user.is_authenticated else None
    by_key = access_key_matches(complaint, access_key)
    if not by_key and (user is None or complaint.complainant_id != user.pk):
        raise Forbidden(_("Hanya pelapor yang dapat menanggapi pengaduan ini."))
    body = (body or "").strip()
    if action in {"respond", "reopen"} and len(body) < 5:
        raise InvalidInput(errors={"body": [_("Tulis tanggapan Anda.")]})
    COMPLAINT_WORKFLOW.lock(complaint)
    COMPLAINT_WORKFLOW.ensure(user, complaint, action, system=by_key)
    if body:
        ComplaintMessage.objects.create(
            complaint=complaint,
            author_kind=ComplaintMessage.Author.COMPLAINANT,
            author=user,
            body=body[:4000],
        )
    changes = {}
    if action == "reopen":
        changes = {"reopen_count": complaint.reopen_count + 1}
    elif action == "close":
        changes = {"closed_at": timezone.now()}
    COMPLAINT_WORKFLOW.transition(
        complaint,
        action,
        actor=user,
        reason=body if action == "reopen" else "",
        changes=changes,
        system=by_key,
        locked=True,
    )
    return complaint


def complaints_auto_close(*, now=None) -> int:
    """Answered complaints the complainant left alone for 14 days are closed (beat, daily)."""
    now = now or timezone.now()
    closed = 0
    stale = Complaint.objects.filter(
        status=Status.ANSWERED, answered_at__lt=now - dt.timedelta(days=AUTO_CLOSE_AFTER_DAYS)
    ).values_list("pk", flat=True)
    for pk in list(stale[:1000]):
        with transaction.atomic():
            complaint = Complaint.objects.select_for_update(skip_locked=True).filter(pk=pk).first()
            if complaint is None or complaint.status != Status.ANSWERED:
                continue
            COMPLAINT_WORKFLOW.transition(
                complaint,
                "auto_close",
                actor=None,
                system=True,
                changes={"closed_at": now},
                locked=True,
            )
            closed += 1
    return closed


def complaint_categories_load() -> int:
    """The default categories (deadlines in working days); existing ones are left as edited."""
    from .data.categories import CATEGORIES

    created = 0
    for order, (slug, name, description, days, is_suggestion) in enumerate(CATEGORIES, start=1):
        _category, was_created = ComplaintCategory.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "resolution_days": days,
                "is_suggestion": is_suggestion,
                "order": order,
            },
        )
        created += was_created
    return created
