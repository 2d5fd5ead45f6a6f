"""Every write of civil registration: drafts, uploads, submission, the officer's decisions,
signing and issuing, duplicates, escalation. Each service is one transaction, locks the
application row, checks the permission itself and moves the status only through TRANSITIONS."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import secrets
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from balaikota.accounts.permissions import user_role_scopes
from balaikota.core.identity import parse_nik
from balaikota.core.working_days import add_working_days, is_working_day

from . import integrations
from .interfaces import Newborn, get_population_register
from .models import (
    OFFICE_STATUSES,
    Application,
    ApplicationDocument,
    ApplicationEvent,
    Appointment,
    AppointmentSlot,
    CorrectionRequest,
    DuplicateFlag,
    RequirementType,
    Resident,
    ServiceLocation,
    ServiceType,
    Status,
)
from .pins import pin_digest
from .register import next_counter
from .schema import clean_data, date_in_words, missing_required
from .uploads import LABELS, sniff_content_type

logger = logging.getLogger(__name__)

BIRTH = "akta-kelahiran"
DEATH = "akta-kematian"
FAMILY_CARD_ADD = "kk-tambah-anggota"
MOTHER_MIN_AGE, MOTHER_MAX_AGE = 10, 65
PIN_LENGTH = 6


class CivilRegistryError(ValidationError):
    """A refused civil-registration action; the message is Indonesian and can be shown as is."""


class StaleFormError(CivilRegistryError):
    """The form was filled in on an older version of the application (another device saved)."""


@dataclass(frozen=True)
class SubmitResult:
    application: Application
    pin: str | None  # the plain PIN, only on the submit that created it
    created: bool  # False when a retry found the application already submitted


def _error(message: str, code: str, **params) -> CivilRegistryError:
    return CivilRegistryError(message % params if params else message, code=code)


def ensure_can(user, perm: str, obj=None) -> None:
    if not (user and user.is_authenticated and user.has_perm(perm, obj)):
        raise PermissionDenied(_("Anda tidak berwenang melakukan tindakan ini."))


def _locked(application: Application | int) -> Application:
    pk = application.pk if isinstance(application, Application) else application
    locked = Application.objects.select_for_update().filter(pk=pk).first()
    if locked is None:
        raise _error(_("Permohonan tidak ditemukan."), "not_found")
    return locked


def application_url(application: Application) -> str:
    try:
        return reverse("civil_registry:application_detail", kwargs={"pk": application.pk})
    except NoReverseMatch:
        return f"/kependudukan/permohonan/{application.pk}/"


def _record_event(
    application: Application,
    *,
    to_status: str,
    actor,
    reason: str = "",
    kind: str = ApplicationEvent.Kind.TRANSITION,
    from_status: str | None = None,
) -> ApplicationEvent:
    return ApplicationEvent.objects.create(
        application=application,
        kind=kind,
        actor=actor if actor is not None and actor.is_authenticated else None,
        from_status=application.status if from_status is None else from_status,
        to_status=to_status,
        reason=str(reason)[:2000],
        office_id=application.office_id,
    )


# Marked for translation here, translated when sent (in the recipient's active language).
STATUS_MESSAGES = {
    Status.SUBMITTED: gettext_noop(
        "Permohonan Anda sudah kami terima dan menunggu diperiksa petugas."
    ),
    Status.IN_REVIEW: gettext_noop("Permohonan Anda sedang diperiksa petugas."),
    Status.NEEDS_CORRECTION: gettext_noop(
        "Petugas meminta perbaikan. Buka permohonan untuk melihat apa yang perlu diperbaiki."
    ),
    Status.RESUBMITTED: gettext_noop(
        "Perbaikan Anda sudah kami terima dan akan diperiksa kembali."
    ),
    Status.APPROVED: gettext_noop("Permohonan Anda disetujui."),
    Status.AWAITING_SIGNATURE: gettext_noop(
        "Dokumen Anda sudah dibuat dan menunggu tanda tangan elektronik pejabat."
    ),
    Status.ISSUED: gettext_noop("Dokumen Anda sudah terbit dan dapat diunduh."),
    Status.CLOSED: gettext_noop("Permohonan Anda selesai."),
    Status.REJECTED: gettext_noop(
        "Permohonan Anda ditolak. Alasan penolakan tercantum pada permohonan."
    ),
    Status.CANCELLED: gettext_noop("Permohonan Anda dibatalkan."),
}


def _transition(
    application: Application, to_status: str, *, actor, reason: str = ""
) -> ApplicationEvent:
    """Move ``application`` (locked by the caller) along the table, record and announce it."""
    if not application.can_transition_to(to_status):
        raise _error(
            _("Tindakan ini tidak dapat dilakukan pada permohonan berstatus “%(status)s”."),
            "invalid_transition",
            status=Status(application.status).label,
        )
    event = _record_event(application, to_status=to_status, actor=actor, reason=reason)
    application.status = to_status
    if application.citizen_id and application.tracking_number:
        integrations.notify(
            recipient=application.citizen,
            title=_("%(number)s: %(status)s")
            % {"number": application.tracking_number, "status": Status(to_status).label},
            body=_(STATUS_MESSAGES.get(to_status, "")),
            url=application_url(application),
            dedupe_key=f"civil_registry:{application.pk}:{event.pk}",
        )
    return event


def _bump(application: Application, *fields: str) -> None:
    application.save(update_fields=[*fields, "updated_at"])


# --- Drafts ------------------------------------------------------------------------------------


def _active_service_type(service_type: ServiceType | str) -> ServiceType:
    if isinstance(service_type, ServiceType):
        service_type = service_type.code
    found = ServiceType.objects.filter(code=str(service_type), is_active=True).first()
    if found is None:
        raise _error(_("Jenis layanan tidak ditemukan atau sedang tidak dibuka."), "service_type")
    return found


def _applicant_name(nik: str, fallback: str) -> str:
    record = get_population_register().lookup_resident(nik)
    return record.full_name if record else fallback


@transaction.atomic
def application_draft_create(
    *, user, service_type: ServiceType | str, data: dict | None = None, applicant_nik: str = ""
) -> Application:
    """A new draft for ``user`` (the applicant is the user, identified by their NIK)."""
    if not (user and user.is_authenticated):
        raise PermissionDenied(_("Silakan masuk terlebih dahulu."))
    service_type = _active_service_type(service_type)
    nik = applicant_nik or user.nik or ""
    if not nik:
        raise CivilRegistryError(
            {"applicant_nik": [_("Isi NIK Anda terlebih dahulu (di profil atau formulir).")]}
        )
    try:
        nik = parse_nik(nik).value
    except ValidationError as exc:
        raise CivilRegistryError({"applicant_nik": exc.messages}) from None
    cleaned = _clean(service_type, data or {}, partial=True)
    return Application.objects.create(
        citizen=user,
        applicant_nik=nik,
        applicant_name=_applicant_name(nik, user.full_name or user.get_username())[:150],
        service_type=service_type,
        data=cleaned,
    )


@transaction.atomic
def application_create_assisted(
    *,
    officer,
    service_type: ServiceType | str,
    citizen_nik: str,
    consent_note: str,
    citizen_name: str = "",
    data: dict | None = None,
) -> Application:
    """A kelurahan/kecamatan officer applies on a citizen's behalf, with the citizen's consent."""
    ensure_can(officer, "civil_registry.create_assisted_application")
    service_type = _active_service_type(service_type)
    try:
        nik = parse_nik(citizen_nik).value
    except ValidationError as exc:
        raise CivilRegistryError({"citizen_nik": exc.messages}) from None
    consent_note = str(consent_note or "").strip()
    if not consent_note:
        raise CivilRegistryError(
            {
                "consent_note": [
                    _("Catat persetujuan warga (misalnya: setuju secara lisan di loket).")
                ]
            }
        )
    citizen = get_user_model().objects.filter(nik=nik, is_active=True).first()
    name = _applicant_name(nik, citizen_name or (citizen.full_name if citizen else ""))
    if not name:
        raise CivilRegistryError({"citizen_name": [_("Isi nama warga yang didampingi.")]})
    application = Application.objects.create(
        citizen=citizen,
        applicant_nik=nik,
        applicant_name=name[:150],
        service_type=service_type,
        data=_clean(service_type, data or {}, partial=True),
        assisted_by=officer,
        consent_recorded_at=timezone.now(),
        consent_note=consent_note[:300],
    )
    _record_event(
        application,
        to_status=Status.DRAFT,
        from_status="",
        actor=officer,
        kind=ApplicationEvent.Kind.NOTE,
        reason=_("Permohonan dibuat dengan pendampingan petugas. Persetujuan warga: %(note)s")
        % {"note": consent_note},
    )
    return application


def _clean(service_type: ServiceType, data: dict, *, partial: bool, only=None) -> dict:
    try:
        return clean_data(service_type.form_schema, data, partial=partial, only=only)
    except ValidationError as exc:
        raise CivilRegistryError(
            exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        ) from None


def _open_corrections(application: Application):
    return application.corrections.filter(resolved_at__isnull=True)


@transaction.atomic
def application_draft_update(
    *, application: Application, user, data: dict, version: int
) -> Application:
    """Save one step of the form. ``version`` is the one the form was loaded with: if someone
    saved in between (another device), refuse instead of overwriting their work."""
    application = _locked(application)
    ensure_can(user, "civil_registry.change_application", application)
    if application.status == Status.DRAFT:
        only = None
    elif application.status == Status.NEEDS_CORRECTION:
        only = set(
            _open_corrections(application)
            .exclude(field_name="")
            .values_list("field_name", flat=True)
        )
    else:
        raise _error(_("Permohonan yang sudah diajukan tidak dapat diubah."), "not_editable")
    try:
        version = int(version)
    except (TypeError, ValueError):
        raise _error(_("Versi formulir tidak valid."), "bad_version") from None
    if version != application.version:
        raise StaleFormError(
            _(
                "Permohonan ini sudah diubah di perangkat atau jendela lain. Muat ulang halaman "
                "untuk melihat data terbaru; isian Anda yang lain tetap tersimpan."
            ),
            code="stale_form",
        )
    cleaned = _clean(application.service_type, data, partial=True, only=only)
    application.data = {**application.data, **cleaned}
    application.version += 1
    _bump(application, "data", "version")
    return application


# --- Uploads -----------------------------------------------------------------------------------


def _read_upload(upload, limit: int) -> bytes:
    if isinstance(upload, bytes | bytearray):
        return bytes(upload[: limit + 1])
    if hasattr(upload, "seek"):
        upload.seek(0)
    return upload.read(limit + 1)


@transaction.atomic
def application_document_upload(
    *, application: Application, user, requirement_code: str, upload, original_name: str = ""
) -> ApplicationDocument:
    """Store the file for one requirement (replacing only that requirement's earlier file)."""
    application = _locked(application)
    ensure_can(user, "civil_registry.change_application", application)
    requirement = RequirementType.objects.filter(
        service_type_id=application.service_type_id, code=str(requirement_code)
    ).first()
    if requirement is None:
        raise _error(_("Persyaratan ini tidak ada pada layanan yang dipilih."), "requirement")
    if application.status == Status.NEEDS_CORRECTION:
        flagged = _open_corrections(application).filter(requirement=requirement).exists()
        if not flagged:
            raise _error(_("Berkas ini tidak diminta untuk diperbaiki."), "not_flagged")
    elif application.status != Status.DRAFT:
        raise _error(
            _("Berkas permohonan yang sudah diajukan tidak dapat diganti."), "not_editable"
        )
    limit = requirement.max_size
    content = _read_upload(upload, limit)
    if len(content) > limit:
        raise _error(
            _("Berkas terlalu besar: paling besar %(mb).1f MB."), "too_large", mb=limit / 1048576
        )
    if not content:
        raise _error(_("Berkas kosong."), "empty")
    try:
        content_type = sniff_content_type(content)
    except ValidationError as exc:
        raise _error(exc.messages[0], exc.code or "bad_type") from None
    if content_type not in requirement.content_types:
        accepted = ", ".join(LABELS.get(t, t) for t in requirement.content_types)
        raise _error(
            _("Persyaratan ini hanya menerima berkas %(types)s."), "bad_type", types=accepted
        )
    name = str(original_name or getattr(upload, "name", "") or "berkas")
    name = name.replace("\\", "/").rsplit("/", 1)[-1][:200] or "berkas"
    previous = ApplicationDocument.objects.filter(
        application=application, requirement=requirement
    ).first()
    document = previous or ApplicationDocument(application=application, requirement=requirement)
    old_file = previous.file.name if previous else ""
    document.original_name = name
    document.content_type = content_type
    document.size = len(content)
    document.sha256 = hashlib.sha256(content).hexdigest()
    document.uploaded_at = timezone.now()
    document.state = ApplicationDocument.State.OK
    document.correction_reason = ""
    document.file.save("upload", ContentFile(content), save=False)
    new_file = document.file.name
    # The new file is kept only if the row commits; the old one goes only after it commits.
    transaction.on_commit(partial(_delete_file, old_file) if old_file else (lambda: None))
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError:
        _delete_file(new_file)
        raise _error(_("Berkas sedang diunggah dari tempat lain; coba lagi."), "conflict") from None
    return document


def _delete_file(name: str) -> None:
    if name:
        try:
            default_storage.delete(name)
        except OSError:
            logger.warning("civil_registry: could not delete old upload %s", name)


# --- Submission ------------------------------------------------------------------------------


def _age_on(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _birth_checks(data: dict, errors: dict[str, list[str]]) -> None:
    today = timezone.localdate()
    birth = dt.date.fromisoformat(data["birth_date"]) if data.get("birth_date") else None
    if birth and birth > today:
        errors.setdefault("birth_date", []).append(_("Tanggal lahir tidak boleh setelah hari ini."))
    mother_nik = data.get("mother_nik", "")
    if mother_nik and birth:
        mother = parse_nik(mother_nik)
        record = get_population_register().lookup_resident(mother_nik)
        mother_birth = record.birth_date if record else mother.birth_date
        female = (record.sex == "P") if record else mother.is_female
        if not female:
            errors.setdefault("mother_nik", []).append(
                _("NIK ibu harus NIK perempuan (tanggal lahir pada NIK ditambah 40).")
            )
        age = _age_on(mother_birth, birth)
        if not MOTHER_MIN_AGE <= age <= MOTHER_MAX_AGE:
            errors.setdefault("mother_nik", []).append(
                _(
                    "Menurut data kependudukan, ibu berusia %(age)d tahun pada tanggal kelahiran; "
                    "usia ibu harus %(low)d–%(high)d tahun. Periksa kembali NIK ibu dan tanggal lahir."
                )
                % {"age": age, "low": MOTHER_MIN_AGE, "high": MOTHER_MAX_AGE}
            )
    if data.get("father_nik") and data.get("father_nik") == mother_nik:
        errors.setdefault("father_nik", []).append(_("NIK ayah tidak boleh sama dengan NIK ibu."))


def _death_checks(data: dict, errors: dict[str, list[str]]) -> None:
    death = data.get("death_date")
    if death and dt.date.fromisoformat(death) > timezone.localdate():
        errors.setdefault("death_date", []).append(
            _("Tanggal kematian tidak boleh setelah hari ini.")
        )


def _validate_complete(application: Application) -> None:
    """Everything a submission needs: required fields, rules per service, requirements."""
    service_type = application.service_type
    errors = missing_required(service_type.form_schema, application.data)
    try:
        clean_data(service_type.form_schema, application.data, partial=True)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if not errors:
        if service_type.code == BIRTH:
            _birth_checks(application.data, errors)
        elif service_type.code == DEATH:
            _death_checks(application.data, errors)
    uploaded = {
        code: state
        for code, state in application.documents.values_list("requirement__code", "state")
    }
    missing = []
    for requirement in service_type.requirements.all():
        codes = [requirement.code, *requirement.substitutes]
        if requirement.is_mandatory and not any(code in uploaded for code in codes):
            missing.append(requirement.name)
    if (
        service_type.code == BIRTH
        and application.data.get("marriage_recorded") == "tidak"
        and "sptjm_pasutri" not in uploaded
    ):
        missing.append(_("SPTJM kebenaran sebagai pasangan suami istri (F-2.04)"))
    if missing:
        errors.setdefault("documents", []).append(
            _("Berkas persyaratan belum lengkap: %(names)s.") % {"names": "; ".join(missing)}
        )
    if any(state != ApplicationDocument.State.OK for state in uploaded.values()):
        errors.setdefault("documents", []).append(
            _("Masih ada berkas yang diminta untuk diperbaiki.")
        )
    if errors:
        raise CivilRegistryError(errors)


def _new_tracking_number() -> str:
    from .models import new_tracking_number

    for _attempt in range(10):
        number = new_tracking_number()
        if not Application.objects.filter(tracking_number=number).exists():
            return number
    raise _error(_("Gagal membuat nomor lacak; coba lagi."), "tracking")  # pragma: no cover


def _district_code_for(application: Application) -> str:
    record = get_population_register().lookup_resident(application.applicant_nik)
    code = record.district_code if record and record.district_code else ""
    if not code:
        nik = application.applicant_nik
        code = f"{nik[0:2]}.{nik[2:4]}.{nik[4:6]}"
    return code if integrations.district_known(code) else ""


def _office_for(service_type: ServiceType, district_code: str):
    if service_type.handling_office == "kecamatan" and district_code:
        office = integrations.district_office(district_code)
        if office is not None:
            return office
    if service_type.public_service_id:
        service = integrations.catalogue_service(service_type.public_service.slug)
        if service is not None and service.opd.is_active:
            return service.opd
    office = integrations.office_by_code(
        getattr(settings, "CIVIL_REGISTRY_OFFICE_CODE", integrations.DISDUKCAPIL_CODE)
    )
    if office is None:
        raise _error(
            _("Belum ada kantor yang ditetapkan untuk menangani layanan ini. Hubungi admin."),
            "no_office",
        )
    return office


def _normalized_name(name: str) -> str:
    return " ".join(str(name).lower().split())


def duplicate_key_for(application: Application) -> str:
    data = application.data
    if application.service_type.code == BIRTH:
        return (
            f"birth:{data.get('mother_nik', '')}:{_normalized_name(data.get('child_name', ''))}:"
            f"{data.get('birth_date', '')}"
        )[:200]
    if application.service_type.code == DEATH:
        return f"death:{data.get('deceased_nik', '')}"
    return ""


def _detect_duplicates(application: Application) -> list[DuplicateFlag]:
    key = application.duplicate_key
    if not key:
        return []
    flags = []
    others = (
        Application.objects.filter(duplicate_key=key)
        .exclude(pk=application.pk)
        .exclude(status__in=[Status.DRAFT, Status.CANCELLED, Status.REJECTED])
        .values_list("pk", flat=True)[:20]
    )
    rule = "birth_mother_name_date" if key.startswith("birth:") else "death_nik"
    flags += [
        DuplicateFlag(application=application, other_application_id=pk, rule=rule) for pk in others
    ]
    data = application.data
    if key.startswith("birth:"):
        residents = Resident.objects.filter(
            mother_nik=data.get("mother_nik", ""),
            birth_date=data.get("birth_date"),
            full_name__iexact=str(data.get("child_name", "")).strip(),
        )
    else:
        residents = Resident.objects.filter(nik=data.get("deceased_nik", ""), is_alive=False)
    flags += [
        DuplicateFlag(application=application, resident=resident, rule=rule)
        for resident in residents[:20]
    ]
    return DuplicateFlag.objects.bulk_create(flags)


@transaction.atomic
def application_submit(
    *, application: Application, user, idempotency_key: str = ""
) -> SubmitResult:
    """Submit a complete draft: tracking number, PIN (returned once), office, due date,
    duplicate check, notification. A retry (double click, same ``idempotency_key``) returns the
    application already submitted instead of a second one."""
    key = str(idempotency_key or "").strip()[:64]
    application = _locked(application)
    ensure_can(user, "civil_registry.change_application", application)
    if key:
        same_key = (
            Application.objects.filter(citizen_id=application.citizen_id, idempotency_key=key)
            .exclude(pk=application.pk)
            .first()
        )
        if same_key is not None and application.citizen_id is not None:
            raise _error(
                _("Kunci idempotensi ini sudah dipakai untuk permohonan lain."), "idempotency"
            )
    if application.status != Status.DRAFT:
        if application.tracking_number and (
            not key or not application.idempotency_key or key == application.idempotency_key
        ):
            return SubmitResult(application, None, False)
        raise _error(_("Permohonan ini sudah diajukan."), "already_submitted")
    _validate_complete(application)
    pin = "".join(secrets.choice("0123456789") for _i in range(PIN_LENGTH))
    now = timezone.now()
    district_code = _district_code_for(application)
    application.office = _office_for(application.service_type, district_code)
    application.district_id = district_code or None
    application.tracking_number = _new_tracking_number()
    application.pin_hash = pin_digest(pin, application.tracking_number)
    application.idempotency_key = key
    application.submitted_at = now
    application.due_date = add_working_days(
        timezone.localdate(now), application.service_type.service_days
    )
    application.duplicate_key = duplicate_key_for(application)
    reason = ""
    if application.assisted_by_id:
        reason = _("Diajukan dengan pendampingan %(officer)s.") % {
            "officer": application.assisted_by.full_name
        }
    application.version += 1
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:  # the same key raced in on another draft, or a tracking collision
        raise _error(
            _("Pengajuan bertabrakan dengan pengajuan lain; muat ulang dan coba lagi."),
            "idempotency",
        ) from None
    _transition(application, Status.SUBMITTED, actor=user, reason=reason)
    _bump(application, "status")
    _detect_duplicates(application)
    return SubmitResult(application, pin, True)


@transaction.atomic
def application_cancel(*, application: Application, user, reason: str = "") -> Application:
    """The citizen withdraws the application; only before an officer starts processing it."""
    application = _locked(application)
    ensure_can(user, "civil_registry.change_application", application)
    if application.status not in (Status.DRAFT, Status.SUBMITTED):
        raise _error(
            _("Permohonan yang sudah mulai diproses tidak dapat dibatalkan."), "not_cancellable"
        )
    _transition(application, Status.CANCELLED, actor=user, reason=str(reason or "")[:500])
    _bump(application, "status")
    return application


# --- The officer's work ----------------------------------------------------------------------


def _officer_scopes(officer) -> frozenset:
    return user_role_scopes(officer, "service_officer") | user_role_scopes(officer, "verifier")


@transaction.atomic
def application_claim(*, application: Application, officer) -> Application:
    """Lock the application to ``officer``; two officers can never hold the same one."""
    application = _locked(application)
    ensure_can(officer, "civil_registry.process_application", application)
    if application.status == Status.IN_REVIEW:
        if application.claimed_by_id == officer.pk:
            return application
        raise _error(_("Permohonan ini sudah ditangani petugas lain."), "claimed")
    if application.status not in (Status.SUBMITTED, Status.RESUBMITTED):
        raise _error(_("Permohonan ini tidak sedang menunggu diperiksa."), "invalid_transition")
    _transition(
        application,
        Status.IN_REVIEW,
        actor=officer,
        reason=_("Ditangani oleh %(name)s.") % {"name": officer.full_name or officer.username},
    )
    application.claimed_by = officer
    application.claimed_at = timezone.now()
    _bump(application, "status", "claimed_by", "claimed_at")
    return application


@transaction.atomic
def application_claim_next(*, officer, service_type: str = "") -> Application | None:
    """Claim the waiting application due first in the officer's offices; rows another officer
    is claiming right now are skipped (SKIP LOCKED), so two officers never get the same one."""
    scopes = _officer_scopes(officer)
    if not scopes:
        raise PermissionDenied(_("Anda tidak berwenang melakukan tindakan ini."))
    waiting = Application.objects.filter(status__in=[Status.SUBMITTED, Status.RESUBMITTED])
    if None not in scopes:
        waiting = waiting.filter(office_id__in=[s for s in scopes if s is not None])
    if service_type:
        waiting = waiting.filter(service_type__code=service_type)
    candidate = (
        waiting.order_by("due_date", "submitted_at", "pk")
        .select_for_update(skip_locked=True, of=("self",))
        .first()
    )
    if candidate is None:
        return None
    return application_claim(application=candidate, officer=officer)


def _ensure_claimed_by(application: Application, officer) -> None:
    ensure_can(officer, "civil_registry.process_application", application)
    if application.status != Status.IN_REVIEW:
        raise _error(
            _("Tindakan ini tidak dapat dilakukan pada permohonan berstatus “%(status)s”."),
            "invalid_transition",
            status=Status(application.status).label,
        )
    if application.claimed_by_id != officer.pk:
        raise _error(
            _("Ambil permohonan ini terlebih dahulu; sekarang ditangani petugas lain."), "claimed"
        )


@transaction.atomic
def application_request_correction(
    *, application: Application, officer, items: list[dict], note: str = ""
) -> list[CorrectionRequest]:
    """Ask the citizen to fix named documents (``{"requirement": code, "reason": …}``) and/or
    fields (``{"field": name, "reason": …}``); each item needs a reason."""
    application = _locked(application)
    _ensure_claimed_by(application, officer)
    if not items:
        raise _error(_("Sebutkan berkas atau isian yang perlu diperbaiki."), "no_items")
    requirements = {r.code: r for r in application.service_type.requirements.all()}
    fields = {f["name"] for f in application.service_type.form_schema}
    corrections = []
    for item in items:
        reason = str(item.get("reason") or "").strip()[:500]
        if not reason:
            raise _error(_("Setiap permintaan perbaikan wajib diberi alasan."), "reason_required")
        code, field = item.get("requirement") or "", item.get("field") or ""
        if code:
            if code not in requirements:
                raise _error(_("Persyaratan %(code)s tidak dikenal."), "requirement", code=code)
            corrections.append(
                CorrectionRequest(
                    application=application,
                    requirement=requirements[code],
                    reason=reason,
                    requested_by=officer,
                )
            )
            ApplicationDocument.objects.filter(
                application=application, requirement=requirements[code]
            ).update(state=ApplicationDocument.State.NEEDS_CORRECTION, correction_reason=reason)
        elif field in fields:
            corrections.append(
                CorrectionRequest(
                    application=application, field_name=field, reason=reason, requested_by=officer
                )
            )
        else:
            raise _error(_("Sebutkan berkas atau isian yang perlu diperbaiki."), "no_items")
    created = CorrectionRequest.objects.bulk_create(corrections)
    summary = "; ".join(c.reason for c in corrections)
    _transition(
        application, Status.NEEDS_CORRECTION, actor=officer, reason=(note + " " + summary).strip()
    )
    application.version += 1
    _bump(application, "status", "version")
    return created


@transaction.atomic
def application_resubmit(*, application: Application, user) -> Application:
    """The citizen has fixed what was asked; the application returns to the office's queue
    with a fresh service time (the clock does not run while the citizen is fixing)."""
    application = _locked(application)
    ensure_can(user, "civil_registry.change_application", application)
    if application.status != Status.NEEDS_CORRECTION:
        raise _error(_("Permohonan ini tidak sedang menunggu perbaikan."), "invalid_transition")
    _validate_complete(application)
    open_items = _open_corrections(application)
    now = timezone.now()
    open_items.update(resolved_at=now)
    _transition(application, Status.RESUBMITTED, actor=user)
    application.due_date = add_working_days(
        timezone.localdate(now), application.service_type.service_days
    )
    application.duplicate_key = duplicate_key_for(application)
    application.version += 1
    _bump(application, "status", "due_date", "duplicate_key", "version")
    return application


@transaction.atomic
def application_reject(*, application: Application, officer, reason: str) -> Application:
    application = _locked(application)
    _ensure_claimed_by(application, officer)
    reason = str(reason or "").strip()
    if not reason:
        raise CivilRegistryError({"reason": [_("Alasan penolakan wajib diisi.")]})
    _transition(application, Status.REJECTED, actor=officer, reason=reason)
    application.decision_reason = reason
    application.decided_at = timezone.now()
    _bump(application, "status", "decision_reason", "decided_at")
    return application


@transaction.atomic
def duplicate_decide(*, flag: DuplicateFlag, officer, decision: str) -> DuplicateFlag:
    flag = DuplicateFlag.objects.select_for_update().get(pk=flag.pk)
    application = _locked(flag.application_id)
    ensure_can(officer, "civil_registry.process_application", application)
    if decision not in (DuplicateFlag.Decision.DUPLICATE, DuplicateFlag.Decision.NOT_DUPLICATE):
        raise _error(_("Pilih: duplikat atau bukan duplikat."), "decision")
    flag.decision = decision
    flag.decided_by = officer
    flag.decided_at = timezone.now()
    flag.save(update_fields=["decision", "decided_by", "decided_at"])
    _record_event(
        application,
        to_status=application.status,
        actor=officer,
        kind=ApplicationEvent.Kind.DUPLICATE,
        reason=f"{flag.rule}: {DuplicateFlag.Decision(decision).label}",
    )
    return flag


def registration_number_format(service_type: ServiceType, *, seq: int, on: dt.date) -> str:
    regency = getattr(settings, "CIVIL_REGISTRY_REGENCY_CODE", "3374")
    values = {"regency": regency, "kind": service_type.document_kind, "year": on.year}
    try:
        return service_type.number_format.format(date=on, seq=seq, **values)[:60]
    except (KeyError, IndexError, ValueError, AttributeError):
        logger.warning("civil_registry: bad number format for %s", service_type.code)
        return f"{regency}-{service_type.document_kind}-{on:%d%m%Y}-{seq:04d}"


def registration_number_next(service_type: ServiceType, on: dt.date) -> str:
    """The next gap-free number of this document kind this year (caller holds the transaction)."""
    seq = next_counter(service_type.document_kind, on.year)
    return registration_number_format(service_type, seq=seq, on=on)


def _person_name(nik: str) -> str:
    if not nik:
        return "-"
    record = get_population_register().lookup_resident(nik)
    return record.full_name if record else "-"


def _birth_pdf_builder(application: Application, office_name: str, issued_on: dt.date):
    data = application.data
    birth = dt.date.fromisoformat(data["birth_date"])
    mother, father = (
        _person_name(data.get("mother_nik", "")),
        _person_name(data.get("father_nik", "")),
    )
    unrecorded = data.get("marriage_recorded") == "tidak"
    parents = (
        f"dari ibu {mother} dan ayah {father}, yang perkawinannya belum tercatat"
        if unrecorded
        else f"dari ayah {father} dan ibu {mother}"
    )
    order = int(data.get("birth_order") or 1)
    from num2words import num2words

    place = data.get("birth_city") or "Semarang"
    paragraph = (
        f"Berdasarkan Akta Kelahiran Nomor {application.registration_number}, bahwa di {place} "
        f"pada tanggal {date_in_words(birth)} telah lahir {data.get('child_name')}, anak ke-"
        f"{num2words(order, lang='id')}, {'laki-laki' if data.get('child_sex') == 'L' else 'perempuan'}, "
        f"{parents}."
    )
    rows = [
        ("Nomor Induk Kependudukan", application.assigned_nik),
        ("Nama", data.get("child_name", "")),
        ("Tempat lahir", place),
        ("Tanggal lahir", f"{birth:%d-%m-%Y} ({date_in_words(birth)})"),
        ("Jenis kelamin", "Laki-laki" if data.get("child_sex") == "L" else "Perempuan"),
        ("Nama ayah", father),
        ("Nama ibu", mother),
        ("Diterbitkan di", "Semarang"),
        ("Tanggal terbit", date_in_words(issued_on)),
    ]

    def build(verification_url: str) -> bytes:
        return integrations.official_pdf(
            title="KUTIPAN AKTA KELAHIRAN",
            verification_url=verification_url,
            number=application.registration_number,
            rows=rows,
            paragraphs=[paragraph],
            office_name=office_name,
            signer_position=f"Pejabat Pencatatan Sipil, {office_name}",
            signer_name=getattr(settings, "CIVIL_REGISTRY_SIGNER_NAME", "Pejabat Pencatatan Sipil"),
            issued_on=issued_on,
        )

    return build


def _generic_pdf_builder(application: Application, office_name: str, issued_on: dt.date):
    labels = {f["name"]: f["label"] for f in application.service_type.form_schema}
    rows = [("Nama pemohon", application.applicant_name)] + [
        (labels[name], str(value)) for name, value in application.data.items() if name in labels
    ]

    def build(verification_url: str) -> bytes:
        return integrations.official_pdf(
            title=application.service_type.name.upper(),
            verification_url=verification_url,
            number=application.registration_number,
            rows=rows,
            paragraphs=[f"Diterbitkan pada tanggal {date_in_words(issued_on)}."],
            office_name=office_name,
            signer_position=f"Pejabat Pencatatan Sipil, {office_name}",
            signer_name=getattr(settings, "CIVIL_REGISTRY_SIGNER_NAME", "Pejabat Pencatatan Sipil"),
            issued_on=issued_on,
        )

    return build


@transaction.atomic
def application_approve(*, application: Application, officer, note: str = "") -> Application:
    """Approve: gap-free registration number, (for a birth) the child's NIK, the PDF for the
    signing official; the application then waits for the signature."""
    application = _locked(application)
    _ensure_claimed_by(application, officer)
    flags = application.duplicate_flags.values_list("decision", flat=True)
    if DuplicateFlag.Decision.PENDING in flags:
        raise _error(_("Putuskan dulu peringatan duplikat pada permohonan ini."), "duplicates")
    if DuplicateFlag.Decision.DUPLICATE in flags:
        raise _error(
            _("Permohonan ini ditandai duplikat; tolak permohonan dengan alasannya."), "duplicates"
        )
    service_type = application.service_type
    today = timezone.localdate()
    _transition(application, Status.APPROVED, actor=officer, reason=note)
    application.decided_at = timezone.now()
    if not service_type.output_kinds:
        _transition(
            application,
            Status.CLOSED,
            actor=officer,
            reason=_("Tidak ada dokumen yang diterbitkan."),
        )
        _bump(application, "status", "decided_at")
        return application
    application.registration_number = registration_number_next(service_type, today)
    office_name = application.office.name if application.office_id else ""
    if service_type.code == BIRTH:
        data = application.data
        district = ""
        if data.get("kk_number"):
            family = get_population_register().family_of(data["kk_number"])
            district = family.district_code if family else ""
        if not district:
            mother = get_population_register().lookup_resident(data.get("mother_nik", ""))
            district = mother.district_code if mother and mother.district_code else ""
        if not district:
            nik = data.get("mother_nik") or application.applicant_nik
            district = f"{nik[0:2]}.{nik[2:4]}.{nik[4:6]}"
        application.assigned_nik = get_population_register().next_nik(
            district_code=district,
            birth_date=dt.date.fromisoformat(data["birth_date"]),
            female=data.get("child_sex") == "P",
        )
        build = _birth_pdf_builder(application, office_name, today)
        subject_name, subject_nik = data.get("child_name", ""), application.assigned_nik
    else:
        build = _generic_pdf_builder(application, office_name, today)
        subject_name, subject_nik = application.applicant_name, application.applicant_nik
    application.document = integrations.document_create(
        kind=service_type.document_kind,
        number=application.registration_number,
        title=service_type.name,
        subject_name=subject_name,
        subject_nik=subject_nik,
        owner=application.citizen,
        source_id=str(application.pk),
        build_pdf=build,
        actor=officer,
    )
    _transition(
        application,
        Status.AWAITING_SIGNATURE,
        actor=officer,
        reason=_("Nomor registrasi %(number)s.") % {"number": application.registration_number},
    )
    _bump(application, "status", "decided_at", "registration_number", "assigned_nik", "document")
    return application


def _follow_up_family_card(application: Application, actor) -> Application | None:
    service_type = ServiceType.objects.filter(code=FAMILY_CARD_ADD, is_active=True).first()
    if service_type is None:
        return None
    data = application.data
    kk_number = data.get("kk_number") or ""
    if not kk_number:
        mother = get_population_register().lookup_resident(data.get("mother_nik", ""))
        kk_number = mother.kk_number if mother else ""
    now = timezone.now()
    follow_up = Application(
        citizen=application.citizen,
        applicant_nik=application.applicant_nik,
        applicant_name=application.applicant_name,
        service_type=service_type,
        data={
            "kk_number": kk_number,
            "member_nik": application.assigned_nik,
            "member_name": data.get("child_name", ""),
            "reason": "kelahiran",
        },
        parent=application,
        district_id=application.district_id,
        tracking_number=_new_tracking_number(),
        pin_hash="",  # none: followed when signed in, or by the parent's PIN
        submitted_at=now,
        due_date=add_working_days(timezone.localdate(now), service_type.service_days),
    )
    follow_up.office = _office_for(service_type, application.district_id or "")
    follow_up.save()
    _transition(
        follow_up,
        Status.SUBMITTED,
        actor=actor,
        reason=_("Tindak lanjut akta kelahiran %(number)s: anak ditambahkan ke KK.")
        % {"number": application.registration_number},
    )
    follow_up.save(update_fields=["status"])
    return follow_up


@transaction.atomic
def application_sign(
    *, application: Application, signer, passphrase: str | None = None
) -> Application:
    """The signing official signs the document; the application is issued, the population
    register updated, and (for a birth) the family-card update is filed for the household."""
    application = _locked(application)
    ensure_can(signer, "civil_registry.sign_application", application)
    if application.status != Status.AWAITING_SIGNATURE or application.document_id is None:
        raise _error(_("Permohonan ini tidak sedang menunggu tanda tangan."), "invalid_transition")
    integrations.document_sign(
        document=application.document, signer_user=signer, passphrase=passphrase
    )
    _transition(application, Status.ISSUED, actor=signer)
    _bump(application, "status")
    register = get_population_register()
    data = application.data
    if application.service_type.code == BIRTH:
        register.add_newborn(
            Newborn(
                full_name=data.get("child_name", ""),
                sex=data.get("child_sex", ""),
                birth_place=data.get("birth_city") or "Semarang",
                birth_date=dt.date.fromisoformat(data["birth_date"]),
                mother_nik=data.get("mother_nik", ""),
                father_nik=data.get("father_nik", ""),
                kk_number=data.get("kk_number", ""),
                nik=application.assigned_nik,
            )
        )
        _follow_up_family_card(application, signer)
    elif application.service_type.code == DEATH:
        register.record_death(
            nik=data.get("deceased_nik", ""),
            death_date=dt.date.fromisoformat(data["death_date"]),
        )
    return application


# --- Receipt ---------------------------------------------------------------------------------


def application_receipt_pdf(
    *, application: Application, pin: str | None, tracking_url: str
) -> bytes:
    """The e-Kitir: tracking number, PIN (only right after submitting: it is stored hashed)
    and a QR code to ``tracking_url`` (an absolute URL of the /lacak/ page)."""
    if not application.tracking_number:
        raise _error(_("Permohonan belum diajukan."), "not_submitted")
    rows = [
        ("Layanan", application.service_type.name),
        ("Pemohon", application.applicant_name),
        ("Diajukan", timezone.localtime(application.submitted_at).strftime("%d-%m-%Y %H:%M")),
        (
            "Perkiraan selesai",
            application.due_date.strftime("%d-%m-%Y") if application.due_date else "-",
        ),
        ("Kantor", application.office.name if application.office_id else "-"),
        ("PIN", pin or _("(ditampilkan sekali saat pengajuan)")),
    ]
    return integrations.receipt_pdf(
        title=_("Tanda Terima Permohonan"),
        tracking_url=tracking_url,
        tracking_number=application.tracking_number,
        rows=rows,
        paragraphs=[
            _(
                "Simpan nomor lacak dan PIN ini. Jangan berikan PIN kepada orang lain; petugas "
                "tidak pernah memintanya."
            )
        ],
        office_name=application.office.name if application.office_id else "",
    )


# --- Escalation ----------------------------------------------------------------------------------


def _office_officers(office_id):
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            role_assignments__role__in=["service_officer", "verifier"],
            role_assignments__opd_id=office_id,
        )
        .distinct()[:20]
    )


def applications_escalate_overdue(*, today: dt.date | None = None, batch: int = 500) -> int:
    """Escalate each overdue application once a day: to the direct supervisor of the officer
    handling it (or, while nobody has claimed it, to the office's officers). Returns the count."""
    today = today or timezone.localdate()
    done = 0
    while True:
        with transaction.atomic():
            rows = list(
                Application.objects.filter(status__in=OFFICE_STATUSES, due_date__lt=today)
                .exclude(last_escalated_on=today)
                .order_by("due_date", "pk")
                .select_for_update(skip_locked=True)[:batch]
            )
            for application in rows:
                _escalate(application, today)
            done += len(rows)
        if len(rows) < batch:
            return done


def _escalate(application: Application, today: dt.date) -> None:
    recipients = []
    if application.claimed_by_id:
        boss = integrations.supervisor_user(application.claimed_by)
        recipients = [boss] if boss is not None else [application.claimed_by]
    else:
        recipients = list(_office_officers(application.office_id))
    late = (today - application.due_date).days
    names = ", ".join(r.full_name or r.username for r in recipients) or "-"
    _record_event(
        application,
        to_status=application.status,
        actor=None,
        kind=ApplicationEvent.Kind.ESCALATION,
        reason=_("Melewati tenggat %(due)s; dieskalasi kepada %(names)s.")
        % {"due": application.due_date.isoformat(), "names": names},
    )
    application.last_escalated_on = today
    application.save(update_fields=["last_escalated_on"])
    for recipient in recipients:
        integrations.notify(
            recipient=recipient,
            title=_("Permohonan %(number)s melewati tenggat")
            % {"number": application.tracking_number},
            body=_("Tenggat %(due)s terlewati %(days)d hari. Status: %(status)s.")
            % {
                "due": application.due_date.isoformat(),
                "days": late,
                "status": Status(application.status).label,
            },
            url=application_url(application),
            dedupe_key=f"civil_registry:escalation:{application.pk}:{today.isoformat()}",
        )


# --- Seed data -------------------------------------------------------------------------------


@transaction.atomic
def service_types_load() -> tuple[int, int]:
    """Create or update the seeded service types and their requirements; returns (created,
    updated). Links each to its catalogue entry when the catalogue has it."""
    from .data.service_types import SERVICE_TYPES

    created = updated = 0
    for order, spec in enumerate(SERVICE_TYPES):
        spec = dict(spec)
        requirements = spec.pop("requirements")
        catalogue = integrations.catalogue_service(spec["code"])
        service_type, was_created = ServiceType.objects.update_or_create(
            code=spec["code"],
            defaults={
                **spec,
                "order": order,
                "public_service_id": catalogue.pk if catalogue else None,
            },
        )
        created += was_created
        updated += not was_created
        for req_order, requirement in enumerate(requirements):
            RequirementType.objects.update_or_create(
                service_type=service_type,
                code=requirement["code"],
                defaults={**requirement, "order": req_order},
            )
    return created, updated


# --- Appointments (antrean online) -------------------------------------------------------------


def _take_seat(slot_id: int) -> bool:
    """Add one booking to the slot if a seat is left: one conditional UPDATE, so concurrent
    bookings can never overbook (the CHECK constraint booked <= capacity is the last guard)."""
    return bool(
        AppointmentSlot.objects.filter(
            pk=slot_id, is_active=True, booked__lt=F("capacity"), starts_at__gt=timezone.now()
        ).update(booked=F("booked") + 1)
    )


def _free_seat(slot_id: int) -> None:
    AppointmentSlot.objects.filter(pk=slot_id, booked__gt=0).update(booked=F("booked") - 1)


@transaction.atomic
def appointment_book(*, citizen, slot, application: Application | None = None):
    """Book a seat in ``slot`` for ``citizen`` (optionally for one of their applications)."""
    if not (citizen and citizen.is_authenticated):
        raise PermissionDenied(_("Silakan masuk terlebih dahulu."))
    if application is not None:
        ensure_can(citizen, "civil_registry.change_application", application)
    if Appointment.objects.filter(
        citizen=citizen, slot=slot, state=Appointment.State.BOOKED
    ).exists():
        raise _error(_("Anda sudah memesan slot ini."), "already_booked")
    if not _take_seat(slot.pk):
        raise _error(
            _("Slot ini sudah penuh, ditutup, atau sudah lewat. Pilih jadwal lain."), "slot_full"
        )
    try:
        with transaction.atomic():
            return Appointment.objects.create(slot=slot, citizen=citizen, application=application)
    except IntegrityError:
        raise _error(_("Anda sudah memesan slot ini."), "already_booked") from None


def _own_booked_appointment(appointment, user):
    locked = Appointment.objects.select_for_update().get(pk=appointment.pk)
    ensure_can(user, "civil_registry.change_appointment", locked)
    if locked.state != Appointment.State.BOOKED:
        raise _error(_("Janji temu ini sudah tidak aktif."), "not_booked")
    return locked


@transaction.atomic
def appointment_cancel(*, appointment, user):
    appointment = _own_booked_appointment(appointment, user)
    appointment.state = appointment.State.CANCELLED
    appointment.cancelled_at = timezone.now()
    appointment.save(update_fields=["state", "cancelled_at", "updated_at"])
    _free_seat(appointment.slot_id)
    return appointment


@transaction.atomic
def appointment_reschedule(*, appointment, user, new_slot):
    """Move the booking to ``new_slot``: the new seat is taken before the old one is freed, in
    one transaction, so a full new slot leaves the old booking as it was."""
    appointment = _own_booked_appointment(appointment, user)
    if new_slot.pk == appointment.slot_id:
        return appointment
    if new_slot.service_type_id != appointment.slot.service_type_id:
        raise _error(_("Jadwal baru harus untuk layanan yang sama."), "slot_service")
    if not _take_seat(new_slot.pk):
        raise _error(
            _("Slot ini sudah penuh, ditutup, atau sudah lewat. Pilih jadwal lain."), "slot_full"
        )
    _free_seat(appointment.slot_id)
    appointment.slot = new_slot
    appointment.save(update_fields=["slot", "updated_at"])
    return appointment


@transaction.atomic
def appointment_check_in(*, code: str, officer):
    """The counter officer scans the booking's QR code (its code) on the day of the visit."""
    appointment = (
        Appointment.objects.select_for_update()
        .filter(code=str(code or "").strip().upper()[:12])
        .first()
    )
    if appointment is None:
        raise _error(_("Kode booking tidak ditemukan."), "not_found")
    ensure_can(officer, "civil_registry.check_in_appointment", appointment)
    if appointment.state != Appointment.State.BOOKED:
        raise _error(_("Janji temu ini sudah tidak aktif atau sudah hadir."), "not_booked")
    if timezone.localdate(appointment.slot.starts_at) != timezone.localdate():
        raise _error(
            _("Janji temu ini untuk tanggal %(date)s."),
            "wrong_day",
            date=timezone.localtime(appointment.slot.starts_at).strftime("%d-%m-%Y"),
        )
    appointment.state = Appointment.State.CHECKED_IN
    appointment.checked_in_at = timezone.now()
    appointment.checked_in_by = officer
    appointment.save(update_fields=["state", "checked_in_at", "checked_in_by", "updated_at"])
    return appointment


@transaction.atomic
def appointment_slots_generate(
    *,
    location,
    service_type: ServiceType,
    start: dt.date,
    days: int,
    times: list[tuple[str, str]] = (("08:00", "10:00"), ("10:00", "12:00"), ("13:00", "15:00")),
    capacity: int = 20,
) -> int:
    """Open slots on the next ``days`` working days from ``start`` (inclusive if working);
    existing slots are left alone. Returns how many were created."""
    created = 0
    day, opened = start, 0
    while opened < days:
        if is_working_day(day):
            opened += 1
            for begin, end in times:
                starts = timezone.make_aware(dt.datetime.combine(day, dt.time.fromisoformat(begin)))
                ends = timezone.make_aware(dt.datetime.combine(day, dt.time.fromisoformat(end)))
                _slot, was_created = AppointmentSlot.objects.get_or_create(
                    location=location,
                    service_type=service_type,
                    starts_at=starts,
                    defaults={"ends_at": ends, "capacity": capacity},
                )
                created += was_created
        day += dt.timedelta(days=1)
    return created


@transaction.atomic
def service_locations_load() -> int:
    """The civil-registration office, every active kecamatan office of Kota Semarang and the
    public service mall (MPP) as bookable locations. Returns how many were created."""
    created = 0
    disdukcapil = integrations.office_by_code(
        getattr(settings, "CIVIL_REGISTRY_OFFICE_CODE", integrations.DISDUKCAPIL_CODE)
    )
    specs = [("disdukcapil", "Dispendukcapil Kota Semarang", disdukcapil)]
    specs.append(("mpp-semarang", "Mal Pelayanan Publik Kota Semarang", disdukcapil))
    for office in integrations.district_offices():
        specs.append((office.code, office.name, office))
    for code, name, office in specs:
        _location, was_created = ServiceLocation.objects.get_or_create(
            code=code, defaults={"name": name, "office": office}
        )
        created += was_created
    return created
