"""Every write of civil registration: drafts, uploads, submission, the officer's decisions,
document generation, signing and issuing, duplicates, escalation, appointments.

Each service is one transaction that moves an application only through its workflow table
(``workflows.APPLICATION_WORKFLOW``: the row lock, the permission, the guard, the event row and
the notification are there). What differs per service type lives in ``handlers.py``. Refusals
are ``core.errors`` domain errors with a stable code; the web and the API show them as they are.
Slow work — rendering the document, signing it — runs after the decision has committed, outside
any row lock, and can be repeated safely.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from balaikota.core import idempotency, outbox
from balaikota.core.errors import Conflict, DomainError, Forbidden, InvalidInput, NotFound
from balaikota.core.identity import parse_nik
from balaikota.core.ratelimit import RateLimit
from balaikota.core.uploads import check_upload, delete_quietly
from balaikota.core.working_days import add_working_days, is_working_day

from . import integrations, selectors
from .handlers import handler_for
from .interfaces import get_population_register
from .models import (
    OFFICE_STATUSES,
    Application,
    ApplicationDocument,
    Appointment,
    AppointmentSlot,
    CorrectionRequest,
    DuplicateFlag,
    RequirementType,
    ServiceLocation,
    ServiceType,
    Status,
)
from .permissions import has_processing_scope, processing_scope
from .pins import pin_digest
from .schema import clean_data, missing_required
from .workflows import APPLICATION_QUEUE, APPLICATION_WORKFLOW, APPOINTMENT_WORKFLOW

logger = logging.getLogger(__name__)

PIN_LENGTH = 6
SOURCE_APP = "civil_registry"

#: Every refusal of this app is a ``core.errors.DomainError`` (kept under its old name).
CivilRegistryError = DomainError


class StaleFormError(Conflict):
    """The form was filled in on an older version of the application (another device saved)."""

    default_code = "stale_form"


@dataclass(frozen=True)
class SubmitResult:
    application: Application
    pin: str | None  # the plain PIN, only on the submit that created it
    created: bool  # False when a retry found the application already submitted


def ensure_can(user, perm: str, obj=None) -> None:
    if not (user and user.is_authenticated):
        raise Forbidden(_("Silakan masuk terlebih dahulu."), code="not_authenticated")
    if not user.has_perm(perm, obj):
        raise Forbidden(_("Anda tidak berwenang melakukan tindakan ini."))


def _locked(application: Application | int) -> Application:
    pk = application.pk if isinstance(application, Application) else application
    locked = (
        Application.objects.select_for_update(of=("self",))
        .select_related("service_type")
        .filter(pk=pk)
        .first()
    )
    if locked is None:
        raise NotFound(_("Permohonan tidak ditemukan."))
    return locked


def application_url(application: Application) -> str:
    try:
        return reverse("civil_registry:application_detail", kwargs={"pk": application.pk})
    except NoReverseMatch:
        return f"/kependudukan/permohonan/{application.pk}/"


def _save(application: Application, *fields: str) -> None:
    application.save(update_fields=[*fields, "updated_at"])


# --- Drafts ------------------------------------------------------------------------------------


def _active_service_type(service_type: ServiceType | str) -> ServiceType:
    if isinstance(service_type, ServiceType):
        service_type = service_type.code
    found = ServiceType.objects.filter(code=str(service_type), is_active=True).first()
    if found is None:
        raise InvalidInput(
            _("Jenis layanan tidak ditemukan atau sedang tidak dibuka."), code="service_type"
        )
    return found


def _applicant_name(nik: str, fallback: str) -> str:
    record = get_population_register().lookup_resident(nik)
    return record.full_name if record else fallback


def _clean(service_type: ServiceType, data: dict, *, partial: bool, only=None) -> dict:
    try:
        return clean_data(service_type.form_schema, data, partial=partial, only=only)
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            raise InvalidInput(errors=exc.message_dict) from None
        raise InvalidInput(" ".join(exc.messages)) from None


@transaction.atomic
def application_draft_create(
    *,
    user,
    service_type: ServiceType | str,
    data: dict | None = None,
    applicant_nik: str = "",
    idempotency_key: str = "",
) -> Application:
    """A new draft for ``user``, who applies under their own NIK (from their profile).

    ``applicant_nik`` is accepted only when it is the person's own NIK: a citizen never files
    under someone else's (an officer who helps a citizen uses ``application_create_assisted``).
    With an ``idempotency_key`` a retry returns the draft the first call created.
    """
    ensure_can(user, "civil_registry.create_application")
    service_type = _active_service_type(service_type)
    key = idempotency.clean_key(idempotency_key)
    if key:
        previous = idempotency.begin(
            DRAFT_SCOPE,
            owner_id=user.pk,
            key=key,
            fingerprint=idempotency.fingerprint("draft", service_type.code),
        )
        if previous is not None:
            return Application.objects.get(pk=previous["application_id"])
    own = user.nik or ""
    if not own:
        raise InvalidInput(
            errors={"applicant_nik": [_("Isi NIK Anda terlebih dahulu di halaman profil.")]}
        )
    if applicant_nik:
        try:
            given = parse_nik(applicant_nik).value
        except ValidationError as exc:
            raise InvalidInput(errors={"applicant_nik": exc.messages}) from None
        if given != own:
            raise Forbidden(
                _(
                    "Permohonan hanya dapat diajukan atas NIK Anda sendiri. Untuk anggota "
                    "keluarga, isi data mereka di formulir permohonan."
                ),
                code="not_own_nik",
            )
    try:
        nik = parse_nik(own).value
    except ValidationError as exc:
        raise InvalidInput(errors={"applicant_nik": exc.messages}) from None
    cleaned = _clean(service_type, data or {}, partial=True)
    application = Application.objects.create(
        citizen=user,
        applicant_nik=nik,
        applicant_name=_applicant_name(nik, user.full_name or user.get_username())[:150],
        service_type=service_type,
        data=cleaned,
    )
    if key:
        idempotency.finish(
            DRAFT_SCOPE, owner_id=user.pk, key=key, answer={"application_id": application.pk}
        )
    return application


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
        raise InvalidInput(errors={"citizen_nik": exc.messages}) from None
    consent_note = str(consent_note or "").strip()
    if not consent_note:
        raise InvalidInput(
            errors={
                "consent_note": [
                    _("Catat persetujuan warga (misalnya: setuju secara lisan di loket).")
                ]
            }
        )
    citizen = get_user_model().objects.filter(nik=nik, is_active=True).first()
    name = _applicant_name(nik, citizen_name or (citizen.full_name if citizen else ""))
    if not name:
        raise InvalidInput(errors={"citizen_name": [_("Isi nama warga yang didampingi.")]})
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
    APPLICATION_WORKFLOW.record(
        application,
        "note",
        from_state="",
        actor=officer,
        reason=_("Permohonan dibuat dengan pendampingan petugas. Persetujuan warga: %(note)s")
        % {"note": consent_note},
    )
    return application


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
        raise Conflict(_("Permohonan yang sudah diajukan tidak dapat diubah."), code="not_editable")
    try:
        version = int(version)
    except (TypeError, ValueError):
        raise InvalidInput(_("Versi formulir tidak valid."), code="bad_version") from None
    if version != application.version:
        raise StaleFormError(
            _(
                "Permohonan ini sudah diubah di perangkat atau jendela lain. Muat ulang halaman "
                "untuk melihat data terbaru; isian Anda yang lain tetap tersimpan."
            )
        )
    cleaned = _clean(application.service_type, data, partial=True, only=only)
    application.data = {**application.data, **cleaned}
    application.version += 1
    _save(application, "data", "version")
    return application


# --- Uploads -----------------------------------------------------------------------------------


@transaction.atomic
def application_document_upload(
    *, application: Application, user, requirement_code: str, upload, original_name: str = ""
) -> ApplicationDocument:
    """Store the file for one requirement (replacing only that requirement's earlier file).

    The content is checked by ``core.uploads`` (real type, size, no active content)."""
    application = _locked(application)
    ensure_can(user, "civil_registry.change_application", application)
    requirement = RequirementType.objects.filter(
        service_type_id=application.service_type_id, code=str(requirement_code)
    ).first()
    if requirement is None:
        raise InvalidInput(
            _("Persyaratan ini tidak ada pada layanan yang dipilih."), code="requirement"
        )
    if application.status == Status.NEEDS_CORRECTION:
        flagged = _open_corrections(application).filter(requirement=requirement).exists()
        if not flagged:
            raise InvalidInput(_("Berkas ini tidak diminta untuk diperbaiki."), code="not_flagged")
    elif application.status != Status.DRAFT:
        raise Conflict(
            _("Berkas permohonan yang sudah diajukan tidak dapat diganti."), code="not_editable"
        )
    checked = check_upload(
        upload,
        accepted=requirement.content_types,
        max_size=requirement.max_size,
        original_name=original_name or getattr(upload, "name", ""),
    )
    previous = ApplicationDocument.objects.filter(
        application=application, requirement=requirement
    ).first()
    document = previous or ApplicationDocument(application=application, requirement=requirement)
    old_file = previous.file.name if previous else ""
    document.original_name = checked.original_name
    document.content_type = checked.content_type
    document.size = checked.size
    document.sha256 = checked.sha256
    document.uploaded_at = timezone.now()
    document.state = ApplicationDocument.State.OK
    document.correction_reason = ""
    document.file.save("upload", ContentFile(checked.content), save=False)
    new_file = document.file.name
    # The new file is kept only if the row commits; the old one goes only after it commits.
    if old_file:
        transaction.on_commit(partial(delete_quietly, old_file))
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError:
        delete_quietly(new_file)
        raise Conflict(
            _("Berkas sedang diunggah dari tempat lain; coba lagi."), code="conflict"
        ) from None
    return document


# --- Submission ------------------------------------------------------------------------------


def _validate_complete(application: Application) -> None:
    """Everything a submission needs: required fields, rules per service, requirements."""
    service_type = application.service_type
    handler = handler_for(service_type)
    errors = missing_required(service_type.form_schema, application.data)
    try:
        clean_data(service_type.form_schema, application.data, partial=True)
    except ValidationError as exc:
        for field_name, messages in exc.message_dict.items():
            errors.setdefault(field_name, []).extend(messages)
    if not errors:
        handler.validate(application, errors)
    uploaded = {
        code: state
        for code, state in application.documents.values_list("requirement__code", "state")
    }
    missing = []
    for requirement in service_type.requirements.all():
        codes = [requirement.code, *requirement.substitutes]
        if requirement.is_mandatory and not any(code in uploaded for code in codes):
            missing.append(requirement.name)
    missing += handler.extra_missing_documents(application, uploaded)
    if missing:
        errors.setdefault("documents", []).append(
            _("Berkas persyaratan belum lengkap: %(names)s.") % {"names": "; ".join(missing)}
        )
    if any(state != ApplicationDocument.State.OK for state in uploaded.values()):
        errors.setdefault("documents", []).append(
            _("Masih ada berkas yang diminta untuk diperbaiki.")
        )
    if errors:
        raise InvalidInput(errors=errors)


def _new_tracking_number() -> str:
    from .models import new_tracking_number

    for _attempt in range(10):
        number = new_tracking_number()
        if not Application.objects.filter(tracking_number=number).exists():
            return number
    raise Conflict(_("Gagal membuat nomor lacak; coba lagi."), code="tracking")  # pragma: no cover


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
        raise Conflict(
            _("Belum ada kantor yang ditetapkan untuk menangani layanan ini. Hubungi admin."),
            code="no_office",
        )
    return office


def duplicate_key_for(application: Application) -> str:
    return handler_for(application.service_type).duplicate_key(application)


def _detect_duplicates(application: Application) -> list[DuplicateFlag]:
    key = application.duplicate_key
    handler = handler_for(application.service_type)
    if not key or not handler.duplicate_rule:
        return []
    rule = handler.duplicate_rule
    others = (
        Application.objects.filter(duplicate_key=key)
        .exclude(pk=application.pk)
        .exclude(status__in=[Status.DRAFT, Status.CANCELLED, Status.REJECTED])
        .values_list("pk", flat=True)[:20]
    )
    flags = [
        DuplicateFlag(application=application, other_application_id=pk, rule=rule) for pk in others
    ]
    flags += [
        DuplicateFlag(application=application, resident=resident, rule=rule)
        for resident in handler.duplicate_residents(application)[:20]
    ]
    return DuplicateFlag.objects.bulk_create(flags)


SUBMIT_SCOPE = "civil_registry.submit"
DRAFT_SCOPE = "civil_registry.draft"


@transaction.atomic
def application_submit(
    *, application: Application, user, idempotency_key: str = ""
) -> SubmitResult:
    """Submit a complete draft: tracking number, PIN (returned once), office, due date,
    duplicate check, notification. A retry (double click, same ``idempotency_key``) returns the
    application already submitted instead of a second one."""
    key = idempotency.clean_key(idempotency_key)
    application = _locked(application)
    ensure_can(user, "civil_registry.change_application", application)
    if key:
        previous = idempotency.begin(
            SUBMIT_SCOPE,
            owner_id=user.pk,
            key=key,
            fingerprint=idempotency.fingerprint("submit", application.pk),
        )
        if previous is not None:  # a retry: the first answer, the same PIN
            return SubmitResult(_locked(previous["application_id"]), previous.get("pin"), False)
        same_key = (
            Application.objects.filter(citizen_id=application.citizen_id, idempotency_key=key)
            .exclude(pk=application.pk)
            .first()
        )
        if same_key is not None and application.citizen_id is not None:
            raise Conflict(
                _("Kunci idempotensi ini sudah dipakai untuk permohonan lain."), code="idempotency"
            )
    replay = not key or not application.idempotency_key or key == application.idempotency_key
    if application.status != Status.DRAFT and application.tracking_number and replay:
        return SubmitResult(application, None, False)  # a retry: the submission already made
    APPLICATION_WORKFLOW.ensure(user, application, "submit")
    _validate_complete(application)
    pin = _new_pin()
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
    application.version += 1
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:  # the same key raced in on another draft, or a tracking collision
        raise Conflict(
            _("Pengajuan bertabrakan dengan pengajuan lain; muat ulang dan coba lagi."),
            code="idempotency",
        ) from None
    reason = ""
    if application.assisted_by_id:
        reason = _("Diajukan dengan pendampingan %(officer)s.") % {
            "officer": application.assisted_by.full_name
        }
    APPLICATION_WORKFLOW.transition(application, "submit", actor=user, reason=reason, locked=True)
    _detect_duplicates(application)
    if key:
        idempotency.finish(
            SUBMIT_SCOPE,
            owner_id=user.pk,
            key=key,
            answer={"application_id": application.pk, "pin": pin},
        )
    return SubmitResult(application, pin, True)


def _new_pin() -> str:
    return "".join(secrets.choice("0123456789") for _i in range(PIN_LENGTH))


# --- A lost PIN ------------------------------------------------------------------------------

PIN_RESET_SALT = "civil_registry.pin-reset"
PIN_RESET_MAX_AGE = 60 * 60  # seconds an e-mailed link to a new PIN stays valid
#: requests for a link per tracking number per hour (the mailbox is not flooded)
PIN_RESET_PER_NUMBER = RateLimit("civil_registry.pin_reset", limit=3, window=60 * 60)
#: requests for a link per client address per hour (no scanning of tracking numbers)
PIN_RESET_PER_ADDRESS = RateLimit(
    "civil_registry.pin_reset_address",
    limit=10,
    window=60 * 60,
    message=gettext_noop("Terlalu banyak permintaan PIN baru. Coba lagi dalam %(when)s."),
)


#: the one answer to "Lupa PIN?", on the page and in the API, whatever the number
PIN_RESET_SENT = gettext_noop(
    "Jika nomor lacak itu terdaftar dan pemohonnya memiliki e-mail atau nomor ponsel yang sudah "
    "diverifikasi, kami mengirim tautan untuk membuat PIN baru ke sana. Tautan berlaku 60 menit."
)


def _pin_reset_token(application: Application) -> str:
    # Bound to the current PIN: once a new PIN is made, every earlier link stops working.
    return signing.dumps(
        {"a": application.pk, "p": application.pin_hash[-16:]}, salt=PIN_RESET_SALT
    )


def pin_reset_request(*, tracking_number: str, request=None) -> None:
    """Someone lost the PIN of ``tracking_number``: send a link to make a new one to the
    applicant's verified e-mail address and verified phone number (SMS). The answer never tells whether the number exists or has an
    address (the caller shows one neutral message); the PIN itself changes only when the link
    is opened and confirmed, so asking cannot lock the applicant out of their PIN."""
    if request is not None:
        PIN_RESET_PER_ADDRESS.check(request)
    number = str(tracking_number or "").strip().upper()[:20]
    if not number or PIN_RESET_PER_NUMBER.hit(number) is not None:
        return  # quietly: the applicant already has links in their mailbox
    application = (
        Application.objects.filter(tracking_number=number, citizen__isnull=False)
        .select_related("citizen")
        .first()
    )
    if application is None or not application.pin_hash:
        return
    citizen = application.citizen
    if not citizen.is_active or not (
        integrations.verified_email(citizen) or integrations.verified_phone(citizen)
    ):
        return
    link = reverse("civil_registry_public:pin_new", kwargs={"token": _pin_reset_token(application)})
    with transaction.atomic():
        integrations.notify(
            recipient=application.citizen,
            topic="civil_registry.pin",
            title=_("%(number)s: membuat PIN baru") % {"number": number},
            body=_(
                "Ada permintaan PIN baru untuk permohonan %(number)s. Buka tautan ini dalam "
                "60 menit untuk membuat PIN baru; PIN lama tetap berlaku sampai Anda "
                "melakukannya. Abaikan pesan ini bila Anda tidak memintanya."
            )
            % {"number": number},
            url=link,
            dedupe_key=f"pin:{application.pk}:{secrets.token_hex(8)}",
            essential=True,  # asked for: sent even with e-mail or SMS switched off
        )


def pin_reset_application(token: str) -> Application:
    """The application an e-mailed link is for; ``InvalidInput`` when the link is expired,
    altered or already used (a new PIN was made since)."""
    expired = InvalidInput(
        _("Tautan PIN baru ini sudah tidak berlaku. Minta tautan baru di halaman Lacak."),
        code="pin_link_invalid",
    )
    try:
        claims = signing.loads(str(token), salt=PIN_RESET_SALT, max_age=PIN_RESET_MAX_AGE)
    except signing.BadSignature:  # SignatureExpired is one too
        raise expired from None
    application = (
        Application.objects.filter(pk=claims.get("a")).exclude(tracking_number="").first()
        if isinstance(claims, dict)
        else None
    )
    if application is None or application.pin_hash[-16:] != claims.get("p"):
        raise expired
    return application


@transaction.atomic
def application_pin_reset(
    *, application: Application, user=None, token: str = "", client: str = ""
) -> str:
    """Make a new PIN for a submitted application and return it (shown once; the old PIN and
    every earlier link stop working). Either the signed-in applicant asks (``user``) or the
    holder of an e-mailed link does (``token``). The applicant is told it changed."""
    if user is not None:
        application = _locked(application)
        ensure_can(user, "civil_registry.reset_pin", application)
    else:
        application = _locked(pin_reset_application(token))
        pin_reset_application(token)  # again under the lock: two tabs cannot both use one link
    pin = _new_pin()
    application.pin_hash = pin_digest(pin, application.tracking_number)
    Application.objects.filter(pk=application.pk).update(pin_hash=application.pin_hash)
    # The new PIN's maker, and every client together, start counting wrong guesses afresh.
    selectors.WRONG_PIN.reset(selectors.wrong_pin_key(application.tracking_number, client))
    selectors.WRONG_PIN_ANY_CLIENT.reset(application.tracking_number)
    integrations.notify(
        recipient=application.citizen,
        topic="civil_registry.pin",
        title=_("%(number)s: PIN diganti") % {"number": application.tracking_number},
        body=_(
            "PIN pelacakan permohonan %(number)s baru saja diganti; PIN lama tidak berlaku "
            "lagi. Bila bukan Anda yang menggantinya, hubungi Disdukcapil."
        )
        % {"number": application.tracking_number},
        url=application_url(application),
        dedupe_key=f"pin-changed:{application.pk}:{application.pin_hash[-16:]}",
        essential=True,  # a security notice
    )
    return pin


@transaction.atomic
def application_cancel(*, application: Application, user, reason: str = "") -> Application:
    """The citizen withdraws the application; only before an officer starts processing it."""
    application = _locked(application)
    APPLICATION_WORKFLOW.transition(
        application, "cancel", actor=user, reason=str(reason or "")[:500], locked=True
    )
    return application


@transaction.atomic
def application_resubmit(*, application: Application, user) -> Application:
    """The citizen has fixed what was asked; the application returns to the office's queue
    with a fresh service time (the clock does not run while the citizen is fixing)."""
    application = _locked(application)
    APPLICATION_WORKFLOW.ensure(user, application, "resubmit")
    _validate_complete(application)
    now = timezone.now()
    _open_corrections(application).update(resolved_at=now)
    application.version += 1
    APPLICATION_WORKFLOW.transition(
        application,
        "resubmit",
        actor=user,
        changes={
            "due_date": add_working_days(
                timezone.localdate(now), application.service_type.service_days
            ),
            "duplicate_key": duplicate_key_for(application),
            "version": application.version,
        },
        locked=True,
    )
    return application


# --- The officer's work ----------------------------------------------------------------------


def _handled_by(officer) -> str:
    return _("Ditangani oleh %(name)s.") % {"name": officer.full_name or officer.username}


@transaction.atomic
def application_claim(*, application: Application, officer) -> Application:
    """Give the application to ``officer``; two officers can never hold the same one."""
    application = _locked(application)
    return APPLICATION_QUEUE.claim(application, user=officer, reason=_handled_by(officer))


@transaction.atomic
def application_claim_next(*, officer, service_type: str = "") -> Application | None:
    """Claim the waiting application due first in the officer's offices; rows another officer
    is claiming right now are skipped (SKIP LOCKED), so two officers never get the same one."""
    if not has_processing_scope(officer):
        raise Forbidden(_("Anda tidak berwenang melakukan tindakan ini."))
    among = Application.objects.filter(processing_scope(officer))
    if service_type:
        among = among.filter(service_type__code=service_type)
    return APPLICATION_QUEUE.claim_next(
        user=officer, among=among, reason=lambda _app: _handled_by(officer)
    )


@transaction.atomic
def application_release(*, application: Application, officer, reason: str = "") -> Application:
    """Give a claimed application back to the office's queue (another officer may take it)."""
    application = _locked(application)
    return APPLICATION_QUEUE.release(application, user=officer, reason=str(reason or "")[:500])


@transaction.atomic
def application_request_correction(
    *, application: Application, officer, items: list[dict], note: str = ""
) -> list[CorrectionRequest]:
    """Ask the citizen to fix named documents (``{"requirement": code, "reason": …}``) and/or
    fields (``{"field": name, "reason": …}``); each item needs a reason."""
    application = _locked(application)
    APPLICATION_WORKFLOW.ensure(officer, application, "request_correction")
    if not items:
        raise InvalidInput(_("Sebutkan berkas atau isian yang perlu diperbaiki."), code="no_items")
    requirements = {r.code: r for r in application.service_type.requirements.all()}
    fields = {f["name"] for f in application.service_type.form_schema}
    corrections = []
    for item in items:
        reason = str(item.get("reason") or "").strip()[:500]
        if not reason:
            raise InvalidInput(
                _("Setiap permintaan perbaikan wajib diberi alasan."), code="reason_required"
            )
        code, field_name = item.get("requirement") or "", item.get("field") or ""
        if code:
            if code not in requirements:
                raise InvalidInput(
                    _("Persyaratan %(code)s tidak dikenal."),
                    code="requirement",
                    params={"code": code},
                )
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
        elif field_name in fields:
            corrections.append(
                CorrectionRequest(
                    application=application,
                    field_name=field_name,
                    reason=reason,
                    requested_by=officer,
                )
            )
        else:
            raise InvalidInput(
                _("Sebutkan berkas atau isian yang perlu diperbaiki."), code="no_items"
            )
    created = CorrectionRequest.objects.bulk_create(corrections)
    summary = "; ".join(c.reason for c in corrections)
    APPLICATION_WORKFLOW.transition(
        application,
        "request_correction",
        actor=officer,
        reason=(note + " " + summary).strip(),
        changes={"version": application.version + 1},
        locked=True,
    )
    return created


@transaction.atomic
def application_reject(*, application: Application, officer, reason: str) -> Application:
    application = _locked(application)
    APPLICATION_WORKFLOW.ensure(officer, application, "reject")
    reason = str(reason or "").strip()
    if not reason:
        raise InvalidInput(errors={"reason": [_("Alasan penolakan wajib diisi.")]})
    APPLICATION_WORKFLOW.transition(
        application,
        "reject",
        actor=officer,
        reason=reason,
        changes={"decision_reason": reason, "decided_at": timezone.now()},
        locked=True,
    )
    return application


@transaction.atomic
def duplicate_decide(*, flag: DuplicateFlag, officer, decision: str) -> DuplicateFlag:
    """The claiming officer says whether a warning is a real duplicate (an event of its own)."""
    if decision not in (DuplicateFlag.Decision.DUPLICATE, DuplicateFlag.Decision.NOT_DUPLICATE):
        raise InvalidInput(_("Pilih: duplikat atau bukan duplikat."), code="decision")
    application = _locked(flag.application_id)
    APPLICATION_WORKFLOW.ensure(officer, application, "decide_duplicate")
    flag = DuplicateFlag.objects.select_for_update().get(pk=flag.pk)
    flag.decision = decision
    flag.decided_by = officer
    flag.decided_at = timezone.now()
    flag.save(update_fields=["decision", "decided_by", "decided_at"])
    APPLICATION_WORKFLOW.transition(
        application,
        "decide_duplicate",
        actor=officer,
        reason=f"{flag.rule}: {DuplicateFlag.Decision(decision).label}",
        locked=True,
    )
    return flag


def _regency() -> str:
    return str(getattr(settings, "CIVIL_REGISTRY_REGENCY_CODE", "3374"))


def registration_number_format(service_type: ServiceType, *, seq: int, on: dt.date) -> str:
    """The number as the service type's format writes it (for previews and the admin)."""
    return integrations.number_render(
        service_type.number_format,
        seq=seq,
        on=on,
        kind=service_type.document_kind,
        unit=_regency(),
        context={"regency": _regency()},
    )


@transaction.atomic
def registration_number_next(service_type: ServiceType, on: dt.date) -> str:
    """The next gap-free registration number of the service's document kind (for numbers given
    outside an approval, e.g. a correction of the register); in the caller's transaction."""
    return integrations.number_take(
        kind=service_type.document_kind,
        unit=_regency(),
        on=on,
        format=service_type.number_format,
        context={"regency": _regency()},
        source_id="",
        actor=None,
    )


@transaction.atomic
def application_approve(*, application: Application, officer, note: str = "") -> Application:
    """Approve: a gap-free registration number and (for a birth) the child's NIK, in the
    officer's transaction; the document is rendered after it commits (``application_document_
    prepare``). A service that issues no document is closed at once. A service with two levels
    of review is forwarded (``application_forward``) and approved by the verifier instead."""
    return _approve(_locked(application), actor=officer, note=note, action="approve")


@transaction.atomic
def application_forward(*, application: Application, officer, note: str = "") -> Application:
    """The officer has checked everything: the verifier of the office validates it next."""
    application = _locked(application)
    APPLICATION_WORKFLOW.ensure(officer, application, "forward")
    _refuse_incomplete_document(application)
    APPLICATION_WORKFLOW.transition(application, "forward", actor=officer, reason=note, locked=True)
    return application


@transaction.atomic
def application_verify(*, application: Application, verifier, note: str = "") -> Application:
    """The verifier validates the officer's review and approves (numbering as ``approve``)."""
    return _approve(_locked(application), actor=verifier, note=note, action="verify")


@transaction.atomic
def application_return_to_officer(
    *, application: Application, verifier, reason: str
) -> Application:
    """The verifier sends the review back to the officer who made it, with the reason."""
    reason = str(reason or "").strip()
    if not reason:
        raise InvalidInput(
            _("Tulis alasan pengembalian untuk petugas."), errors={"reason": [_("Wajib diisi.")]}
        )
    application = _locked(application)
    APPLICATION_WORKFLOW.transition(
        application, "return_to_officer", actor=verifier, reason=reason[:1000], locked=True
    )
    officer = application.claimed_by
    if officer is not None:
        integrations.notify(
            recipient=officer,
            title=_("%(number)s dikembalikan verifikator")
            % {"number": application.tracking_number},
            body=reason[:1000],
            url=reverse("civil_registry:officer_review", kwargs={"pk": application.pk}),
        )
    return application


def _refuse_incomplete_document(application: Application) -> None:
    service_type = application.service_type
    gaps = (
        handler_for(service_type).certificate_gaps(application) if service_type.output_kinds else []
    )
    if gaps:  # no issued document ever prints an empty or "-" field it needs
        raise Conflict(
            _(
                "Belum dapat disetujui: %(missing)s belum ada, padahal dicetak pada dokumen. "
                "Minta perbaikan isian kepada pemohon."
            )
            % {"missing": ", ".join(gaps)},
            code="incomplete_document",
        )


def _approve(application: Application, *, actor, note: str, action: str) -> Application:
    APPLICATION_WORKFLOW.ensure(actor, application, action)
    service_type = application.service_type
    _refuse_incomplete_document(application)
    today = timezone.localdate()
    changes: dict = {"decided_at": timezone.now()}
    if service_type.output_kinds:
        changes["registration_number"] = integrations.number_take(
            kind=service_type.document_kind,
            unit=_regency(),
            on=today,
            format=service_type.number_format,
            context={"regency": _regency()},
            source_id=str(application.pk),
            actor=actor,
        )
        application.registration_number = changes["registration_number"]
        changes.update(handler_for(service_type).on_approve(application))
    APPLICATION_WORKFLOW.transition(
        application, action, actor=actor, reason=note, changes=changes, locked=True
    )
    if not service_type.output_kinds:
        APPLICATION_WORKFLOW.transition(
            application,
            "close",
            actor=actor,
            system=True,
            reason=_("Tidak ada dokumen yang diterbitkan."),
            locked=True,
        )
        return application
    document_prepare_enqueue(application.pk)
    return application


PREPARE_DOCUMENT = "civil_registry.prepare_document"


def document_prepare_enqueue(application_id: int, *, again: bool = False) -> None:
    """Put the document's rendering in the outbox (in the caller's transaction): it runs after
    the commit and is retried, or swept up again, until it is made."""
    outbox.enqueue(
        PREPARE_DOCUMENT,
        {"application_id": application_id},
        key=f"civil_registry.document:{application_id}",
        label=f"Dokumen permohonan #{application_id}",
        again=again,
    )


@transaction.atomic
def application_document_retry(*, application: Application, officer) -> Application:
    """The officer asks again for a document whose generation failed (idempotent)."""
    application = _locked(application)
    APPLICATION_WORKFLOW.transition(
        application,
        "retry_document",
        actor=officer,
        reason=_("Pembuatan dokumen diulang."),
        locked=True,
    )
    document_prepare_enqueue(application.pk, again=True)
    return application


def application_document_prepare(*, application_id: int) -> Application | None:
    """Render the approved application's document and hand it to the signing official.

    Runs after the approval committed (a task), outside any row lock: the PDF is built first,
    then a short transaction links it and moves the application on. Safe to repeat: a retry
    finds the document already made (documents keeps one live document per source) or the
    application already moved on."""
    application = (
        Application.objects.select_related("service_type", "office", "citizen")
        .filter(pk=application_id)
        .first()
    )
    if application is None or application.status != Status.APPROVED:
        return application
    service_type = application.service_type
    office_name = application.office.name if application.office_id else ""
    spec = handler_for(service_type).document(
        application, office_name=office_name, issued_on=timezone.localdate(application.decided_at)
    )

    def link(document) -> None:  # in the transaction that stores the document
        locked = _locked(application_id)
        if locked.status == Status.APPROVED:
            APPLICATION_WORKFLOW.transition(
                locked,
                "document_ready",
                actor=None,
                system=True,
                reason=_("Nomor registrasi %(number)s.") % {"number": locked.registration_number},
                changes={"document": document},
                locked=True,
            )

    integrations.document_create(
        kind=service_type.document_kind,
        number=application.registration_number,
        title=service_type.name,
        subject_name=spec.subject_name,
        subject_nik=spec.subject_nik,
        owner=application.citizen,
        source_id=str(application.pk),
        build_pdf=integrations.official_pdf_builder(
            spec,
            number=application.registration_number,
            office_name=office_name,
            issued_on=timezone.localdate(application.decided_at),
        ),
        on_created=link,
    )
    application.refresh_from_db()
    return application


def application_document_render(*, document, signer, verification_url: str) -> bytes | None:
    """The application's document again, with the signing official's name and NIP under the
    signature (documents calls this just before signing, outside any transaction)."""
    if not str(document.source_id).isdigit():
        return None
    application = (
        Application.objects.select_related("service_type", "office")
        .filter(pk=int(document.source_id))
        .first()
    )
    if application is None or application.decided_at is None:
        return None
    office_name = application.office.name if application.office_id else ""
    issued_on = timezone.localdate(application.decided_at)
    spec = handler_for(application.service_type).document(
        application, office_name=office_name, issued_on=issued_on
    )
    if spec is None:
        return None
    return integrations.official_pdf_builder(
        spec,
        number=application.registration_number,
        office_name=office_name,
        issued_on=issued_on,
        signer=signer,
    )(verification_url)


def application_sign(
    *, application: Application, signer, passphrase: str | None = None
) -> Application:
    """The signing official signs the document; once signed the application is issued.

    Two steps, so that the signer (BSrE: an HTTP call of up to 30 s) never runs while a row is
    locked: (1) a short transaction checks the rule and marks the document "sedang
    ditandatangani" — visible to everyone at once; (2) after it commits, the signature is made
    and a second short transaction records it and issues the application (``application_issue``,
    called back by documents). A failed signature leaves the document ready to sign again, with
    the reason in the history; the error is raised to the caller."""
    with transaction.atomic():
        application = _locked(application)
        APPLICATION_WORKFLOW.transition(
            application, "sign", actor=signer, reason=_("Penandatanganan dimulai."), locked=True
        )
        integrations.document_sign_request(document=application.document, signer_user=signer)
    integrations.document_sign_perform(document_id=application.document_id, passphrase=passphrase)
    application.refresh_from_db()
    return application


@transaction.atomic
def application_issue(*, document) -> Application | None:
    """Called by documents in the transaction that records the signature: the application is
    issued, the population register learns what it says, and follow-ups are filed."""
    application = _locked(int(document.source_id))
    if application.status != Status.AWAITING_SIGNATURE:
        return application  # a repeated callback: already issued
    APPLICATION_WORKFLOW.transition(
        application, "issue", actor=document.signed_by, system=True, locked=True
    )
    handler = handler_for(application.service_type)
    handler.on_issued(application)
    follow_up = handler.follow_up(application)
    if follow_up is not None:
        _file_follow_up(application, follow_up, actor=document.signed_by)
    return application


@transaction.atomic
def application_signing_failed(*, document, reason: str) -> None:
    """Called by documents when the signer refused or failed: a note in the history."""
    application = _locked(int(document.source_id))
    if application.status == Status.AWAITING_SIGNATURE:
        APPLICATION_WORKFLOW.transition(
            application,
            "signing_failed",
            actor=None,
            system=True,
            reason=_("Penandatanganan gagal: %(reason)s") % {"reason": reason},
            locked=True,
        )


def _file_follow_up(application: Application, follow_up, *, actor) -> Application | None:
    service_type = ServiceType.objects.filter(code=follow_up.service_code, is_active=True).first()
    if service_type is None:
        return None
    now = timezone.now()
    child = Application(
        citizen=application.citizen,
        applicant_nik=application.applicant_nik,
        applicant_name=application.applicant_name,
        service_type=service_type,
        data=follow_up.data,
        parent=application,
        district_id=application.district_id,
        tracking_number=_new_tracking_number(),
        pin_hash="",  # none: followed when signed in, or by the parent's PIN
        submitted_at=now,
        due_date=add_working_days(timezone.localdate(now), service_type.service_days),
    )
    child.office = _office_for(service_type, application.district_id or "")
    child.save()
    APPLICATION_WORKFLOW.transition(
        child, "file_follow_up", actor=actor, system=True, reason=follow_up.reason
    )
    return child


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
    return APPLICATION_QUEUE.escalate_overdue(
        overdue=Application.objects.filter(status__in=OFFICE_STATUSES, due_date__lt=today),
        today=today,
        escalate=_escalate,
        batch=batch,
    )


def _escalate(application: Application, today: dt.date) -> None:
    if application.claimed_by_id:
        boss = integrations.supervisor_user(application.claimed_by)
        recipients = [boss] if boss is not None else [application.claimed_by]
    else:
        recipients = list(_office_officers(application.office_id))
    late = (today - application.due_date).days
    names = ", ".join(r.full_name or r.username for r in recipients) or "-"
    APPLICATION_WORKFLOW.transition(
        application,
        "escalate",
        actor=None,
        system=True,
        reason=_("Melewati tenggat %(due)s; dieskalasi kepada %(names)s.")
        % {"due": application.due_date.isoformat(), "names": names},
        locked=True,
    )
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


def _slot_full() -> Conflict:
    return Conflict(
        _("Slot ini sudah penuh, ditutup, atau sudah lewat. Pilih jadwal lain."), code="slot_full"
    )


@transaction.atomic
def appointment_book(*, citizen, slot, application: Application | None = None):
    """Book a seat in ``slot`` for ``citizen`` (optionally for one of their applications, whose
    service the slot must be for)."""
    ensure_can(citizen, "civil_registry.book_appointment")
    if application is not None:
        ensure_can(citizen, "civil_registry.change_application", application)
        if application.service_type_id != slot.service_type_id:
            raise InvalidInput(_("Jadwal ini untuk layanan lain."), code="slot_service")
    if Appointment.objects.filter(
        citizen=citizen, slot=slot, state=Appointment.State.BOOKED
    ).exists():
        raise Conflict(_("Anda sudah memesan slot ini."), code="already_booked")
    if not _take_seat(slot.pk):
        raise _slot_full()
    try:
        with transaction.atomic():
            appointment = Appointment.objects.create(
                slot=slot, citizen=citizen, application=application
            )
    except IntegrityError:
        raise Conflict(_("Anda sudah memesan slot ini."), code="already_booked") from None
    APPOINTMENT_WORKFLOW.record(appointment, "book", from_state="", actor=citizen)
    return appointment


def _locked_appointment(appointment) -> Appointment:
    locked = (
        Appointment.objects.select_for_update(of=("self",))
        .select_related("slot__location")
        .filter(pk=appointment.pk)
        .first()
    )
    if locked is None:
        raise NotFound(_("Janji temu tidak ditemukan."))
    return locked


@transaction.atomic
def appointment_cancel(*, appointment, user):
    appointment = _locked_appointment(appointment)
    APPOINTMENT_WORKFLOW.transition(
        appointment, "cancel", actor=user, changes={"cancelled_at": timezone.now()}, locked=True
    )
    _free_seat(appointment.slot_id)
    return appointment


@transaction.atomic
def appointment_reschedule(*, appointment, user, new_slot):
    """Move the booking to ``new_slot``: the new seat is taken before the old one is freed, in
    one transaction, so a full new slot leaves the old booking as it was."""
    appointment = _locked_appointment(appointment)
    APPOINTMENT_WORKFLOW.ensure(user, appointment, "reschedule")
    if new_slot.pk == appointment.slot_id:
        return appointment
    if new_slot.service_type_id != appointment.slot.service_type_id:
        raise InvalidInput(_("Jadwal baru harus untuk layanan yang sama."), code="slot_service")
    if not _take_seat(new_slot.pk):
        raise _slot_full()
    old_slot = appointment.slot
    _free_seat(old_slot.pk)
    APPOINTMENT_WORKFLOW.transition(
        appointment,
        "reschedule",
        actor=user,
        reason=_("Dari %(old)s ke %(new)s.") % {"old": old_slot, "new": new_slot},
        changes={"slot": new_slot},
        locked=True,
    )
    return appointment


@transaction.atomic
def appointment_check_in(*, code: str, officer):
    """The counter officer scans the booking's QR code (its code) on the day of the visit."""
    appointment = (
        Appointment.objects.select_for_update(of=("self",))
        .select_related("slot__location", "citizen")
        .filter(code=str(code or "").strip().upper()[:12])
        .first()
    )
    if appointment is None:
        raise NotFound(_("Kode booking tidak ditemukan."))
    if not officer.has_perm("civil_registry.check_in_appointment", appointment):
        raise Forbidden(
            _("Kode booking ini untuk lokasi lain; arahkan warga ke lokasinya."),
            code="other_location",
        )
    APPOINTMENT_WORKFLOW.transition(
        appointment,
        "check_in",
        actor=officer,
        changes={"checked_in_at": timezone.now(), "checked_in_by": officer},
        locked=True,
    )
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


outbox.handler(PREPARE_DOCUMENT, max_attempts=6, lease_seconds=300)(
    lambda payload: application_document_prepare(application_id=payload["application_id"])
)
