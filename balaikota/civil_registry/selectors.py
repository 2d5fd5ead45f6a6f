"""Every non-trivial read of civil registration: queues, a citizen's applications, tracking,
history, prefill from the register, and the citizen's data export (UU PDP)."""

from __future__ import annotations

import datetime as dt

from django.db.models import BooleanField, Case, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from balaikota.accounts.permissions import user_role_scopes
from balaikota.core.identity import mask_nik
from balaikota.core.models import AccessLogEntry
from balaikota.core.services import access_log_record

from .interfaces import ResidentRecord, get_population_register
from .models import (
    OFFICE_STATUSES,
    OPEN_STATUSES,
    Application,
    ApplicationDocument,
    ApplicationEvent,
    Appointment,
    CorrectionRequest,
    DuplicateFlag,
    RequirementType,
    Resident,
    ServiceType,
    Status,
)
from .pins import pin_digest, pin_matches

QUEUE_FIELDS = (
    "id",
    "tracking_number",
    "status",
    "applicant_name",
    "submitted_at",
    "due_date",
    "claimed_at",
    "service_type__id",
    "service_type__code",
    "service_type__name",
    "office__id",
    "office__name",
    "office__short_name",
    "district__code",
    "district__name",
    "claimed_by__id",
    "claimed_by__full_name",
    "claimed_by__username",
)


def service_types_active() -> QuerySet[ServiceType]:
    return ServiceType.objects.filter(is_active=True).prefetch_related(
        Prefetch("requirements", queryset=RequirementType.objects.order_by("order", "pk"))
    )


def service_type_by_code(code: str) -> ServiceType | None:
    return service_types_active().filter(code=str(code)).first()


def _scopes(user, roles: tuple[str, ...]) -> frozenset:
    scopes: frozenset = frozenset()
    for role in roles:
        scopes |= user_role_scopes(user, role)
    return scopes


def _in_scopes(queryset: QuerySet, scopes: frozenset) -> QuerySet:
    if None in scopes:
        return queryset
    return queryset.filter(office_id__in=[s for s in scopes if s is not None])


def officer_queue(
    officer,
    *,
    service: str = "",
    status: str = "",
    due_before: dt.date | None = None,
    district: str = "",
    mine: bool = False,
    today: dt.date | None = None,
) -> QuerySet[Application]:
    """The open applications of the officer's offices, due first, each marked ``overdue``.

    Nothing outside the offices where the officer holds service_officer, verifier or
    signing_official (a signing official alone sees what awaits signature). The query count is
    constant: one query per page whatever the number of rows.
    """
    today = today or timezone.localdate()
    process_scopes = _scopes(officer, ("service_officer", "verifier"))
    sign_scopes = _scopes(officer, ("signing_official",))
    if not process_scopes and not sign_scopes:
        return Application.objects.none()
    visible = Q(pk__in=[])
    if process_scopes:
        visible |= Q(status__in=sorted(OPEN_STATUSES)) & (
            Q() if None in process_scopes else Q(office_id__in=[s for s in process_scopes if s])
        )
    if sign_scopes:
        visible |= Q(status=Status.AWAITING_SIGNATURE) & (
            Q() if None in sign_scopes else Q(office_id__in=[s for s in sign_scopes if s])
        )
    queue = Application.objects.filter(visible)
    if service:
        queue = queue.filter(service_type__code=service)
    if status:
        queue = queue.filter(status=status)
    if due_before:
        queue = queue.filter(due_date__lte=due_before)
    if district:
        queue = queue.filter(district_id=district)
    if mine:
        queue = queue.filter(claimed_by=officer)
    return _queue_rows(queue, today)


def _queue_rows(queue: QuerySet[Application], today: dt.date) -> QuerySet[Application]:
    """A queue's rows in one query: the listed columns, ``overdue``, due first."""
    return (
        queue.select_related("service_type", "office", "district", "claimed_by")
        .only(*QUEUE_FIELDS)
        .annotate(
            overdue=Case(
                When(due_date__lt=today, status__in=OFFICE_STATUSES, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .order_by("due_date", "submitted_at", "pk")
    )


def applications_awaiting_signature(
    official, *, today: dt.date | None = None
) -> QuerySet[Application]:
    """What awaits signature in the offices where ``official`` holds signing_official, and
    nowhere else (an officer of another office does not sign there). One query per page."""
    scopes = _scopes(official, ("signing_official",))
    if not scopes:
        return Application.objects.none()
    awaiting = _in_scopes(Application.objects.filter(status=Status.AWAITING_SIGNATURE), scopes)
    return _queue_rows(awaiting, today or timezone.localdate())


def applications_for_citizen(user) -> QuerySet[Application]:
    """The citizen's own applications (and those filed for them by an officer), newest first."""
    if not (user and user.is_authenticated):
        return Application.objects.none()
    return (
        Application.objects.filter(citizen=user)
        .select_related("service_type", "office")
        .order_by("-created_at", "-pk")
    )


# A hash to compare against when the tracking number does not exist: the answer then takes as
# long as a wrong PIN, so timing does not tell which tracking numbers exist.


def application_for_tracking(tracking_number: str, pin: str) -> Application | None:
    """The application when the tracking number and PIN match (constant-time), else None.
    Rate limiting and lock-out are the caller's job (see ``tracking_attempt_allowed``)."""
    number = str(tracking_number or "").strip().upper()[:20]
    pin = str(pin or "").strip()[:12]
    application = (
        Application.objects.select_related("service_type", "office")
        .filter(tracking_number=number)
        .exclude(tracking_number__isnull=True)
        .first()
        if number
        else None
    )
    if application is None or not application.pin_hash:
        pin_matches(pin, number, pin_digest("000000", number))  # same work for unknown numbers
        return None
    return application if pin_matches(pin, number, application.pin_hash) else None


def application_history(application: Application) -> list[ApplicationEvent]:
    """Each step, when, who (for staff) and which office handled it, oldest first."""
    return list(
        ApplicationEvent.objects.filter(application=application)
        .select_related("actor", "office")
        .order_by("at", "pk")
    )


def application_for_user(
    user, pk, *, request=None, purpose: str = "Memeriksa permohonan"
) -> Application | None:
    """The application if ``user`` may see it (None otherwise: show a 404). A staff member's
    view is written to the access log (UU PDP)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    application = (
        Application.objects.select_related(
            "service_type", "office", "district", "claimed_by", "citizen", "assisted_by"
        )
        .filter(pk=pk)
        .first()
    )
    if application is None or not user.has_perm("civil_registry.view_application", application):
        return None
    if application.citizen_id != user.pk:
        access_log_record(
            actor=user,
            obj=application,
            purpose=purpose,
            subject=application.citizen,
            request=request,
        )
    return application


def application_document_for_user(user, document_id, *, request=None) -> ApplicationDocument | None:
    """An uploaded file for a download view: only for who may see its application (None
    otherwise: 404); a staff download is written to the access log. Serve ``document.file``
    with ``FileResponse(..., as_attachment=True)`` and ``document.content_type``."""
    try:
        document_id = int(document_id)
    except (TypeError, ValueError):
        return None
    document = (
        ApplicationDocument.objects.select_related("application__citizen", "requirement")
        .filter(pk=document_id)
        .first()
    )
    if document is None:
        return None
    application = document.application
    if not user.has_perm("civil_registry.view_application", application):
        return None
    if application.citizen_id != user.pk:
        access_log_record(
            actor=user,
            obj=application,
            purpose=f"Mengunduh berkas: {document.requirement.name}"[:200],
            subject=application.citizen,
            request=request,
        )
    return document


def application_documents(application: Application) -> list[ApplicationDocument]:
    return list(
        ApplicationDocument.objects.filter(application=application)
        .select_related("requirement")
        .order_by("requirement__order", "pk")
    )


def requirement_checklist(application: Application) -> list[dict]:
    """Per requirement: the uploaded file (or the substitute that stands in) and its state."""
    documents = {d.requirement.code: d for d in application_documents(application)}
    rows = []
    for requirement in application.service_type.requirements.order_by("order", "pk"):
        substitute = next((documents[c] for c in requirement.substitutes if c in documents), None)
        rows.append(
            {
                "requirement": requirement,
                "document": documents.get(requirement.code),
                "substitute": substitute,
                "satisfied": requirement.code in documents or substitute is not None,
            }
        )
    return rows


def corrections_open(application: Application) -> list[CorrectionRequest]:
    return list(
        application.corrections.filter(resolved_at__isnull=True)
        .select_related("requirement")
        .order_by("requested_at", "pk")
    )


def duplicate_flags(application: Application) -> list[DuplicateFlag]:
    """Warnings for the officer, each with the matching application or resident side by side."""
    return list(
        DuplicateFlag.objects.filter(application=application)
        .select_related("other_application__service_type", "resident", "decided_by")
        .order_by("created_at", "pk")
    )


def resident_prefill(user, nik: str) -> ResidentRecord | None:
    """Register data to prefill a form: a citizen gets their own record and their family
    members'; staff who may read the register get any (logged by the caller's view)."""
    record = get_population_register().lookup_resident(str(nik or ""))
    if record is None or not (user and user.is_authenticated):
        return None
    if user.has_perm("civil_registry.view_register"):
        return record
    if user.nik and user.nik == record.nik:
        return record
    own = get_population_register().lookup_resident(user.nik) if user.nik else None
    if own and own.kk_number and own.kk_number == record.kk_number:
        return record
    return None


class _RegisterEntry:
    """Stands in for a register record that has no row of ours (an external register), so the
    access log can name it: object type civil_registry.resident, id the NIK."""

    _meta = Resident._meta

    def __init__(self, record: ResidentRecord):
        self.pk = record.nik
        self._name = record.full_name

    def __str__(self) -> str:
        return self._name


def resident_lookup(
    *, user, nik: str, request=None, purpose: str = "Mencari data penduduk"
) -> ResidentRecord | None:
    """``resident_prefill`` for staff screens: the record if ``user`` may see it (None
    otherwise), and a staff member's look at someone else's record is written to the access log
    (UU PDP). A citizen reading their own family's record is not logged."""
    record = resident_prefill(user, nik)
    if record is None or (user.nik and user.nik == record.nik):
        return record
    if not user.has_perm("civil_registry.view_register"):
        return record  # a family member's record, read by the citizen themself
    resident = Resident.objects.filter(nik=record.nik).first()
    access_log_record(
        actor=user,
        obj=resident if resident is not None else _RegisterEntry(record),
        purpose=purpose,
        subject=_account_of(record.nik),
        request=request,
    )
    return record


def _account_of(nik: str):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(nik=nik).first() if nik else None


def application_prefill(*, user, service_type: ServiceType, nik: str, request=None) -> dict:
    """Initial form data from the population register: the applicant's own NIK and KK, and for
    a birth the parents (the applicant and their spouse in the same family). Staff lookups are
    written to the access log."""
    from .services import BIRTH

    record = (
        resident_lookup(
            user=user, nik=nik, request=request, purpose="Mengisi permohonan dari data penduduk"
        )
        if nik
        else None
    )
    if record is None:
        return {}
    names = {spec["name"] for spec in service_type.form_schema}
    data: dict = {}
    if "reporter_nik" in names:
        data["reporter_nik"] = record.nik
    if "kk_number" in names and record.kk_number:
        data["kk_number"] = record.kk_number
    if service_type.code == BIRTH:
        spouse = next(
            (
                m
                for m in record.family_members
                if m.nik != record.nik and m.relationship in ("kepala", "pasangan") and m.is_alive
            ),
            None,
        )
        mother, father = (record.nik, spouse.nik if spouse else "")
        if record.sex != "P":
            mother, father = (spouse.nik if spouse else ""), record.nik
        data.update({"mother_nik": mother, "father_nik": father})
        data["reporter_relationship"] = "ibu" if record.sex == "P" else "ayah"
        data = {k: v for k, v in data.items() if v}
    return data


def _event_dict(event: ApplicationEvent, *, for_citizen: bool) -> dict:
    return {
        "at": event.at.isoformat(),
        "kind": event.kind,
        "from_status": event.from_status,
        "to_status": event.to_status,
        "reason": event.reason,
        "office": event.office.name if event.office_id else "",
        "actor": "" if for_citizen or event.actor is None else str(event.actor),
    }


def personal_data_export(user) -> dict:
    """Everything civil registration holds about ``user`` and how it was processed (UU PDP):
    applications, form data, files' metadata, history, corrections, register record, and who
    on the staff looked at their applications."""
    applications = list(
        Application.objects.filter(Q(citizen=user) | Q(applicant_nik=user.nik or "-"))
        .select_related("service_type", "office", "district")
        .prefetch_related(
            Prefetch("events", queryset=ApplicationEvent.objects.select_related("office")),
            Prefetch(
                "documents", queryset=ApplicationDocument.objects.select_related("requirement")
            ),
            Prefetch(
                "corrections", queryset=CorrectionRequest.objects.select_related("requirement")
            ),
        )
        .order_by("created_at", "pk")
    )
    record = get_population_register().lookup_resident(user.nik) if user.nik else None
    access = AccessLogEntry.objects.filter(
        object_type="civil_registry.application",
        object_id__in=[str(a.pk) for a in applications],
    ).order_by("at")
    return {
        "generated_at": timezone.now().isoformat(),
        "subject": {"name": user.full_name, "nik": user.nik or "", "email": user.email},
        "lawful_basis": "Pelaksanaan tugas pelayanan publik (UU 24/2013; UU PDP No. 27/2022 ps. 20)",
        "population_register": None
        if record is None
        else {
            "nik": record.nik,
            "full_name": record.full_name,
            "sex": record.sex,
            "birth_place": record.birth_place,
            "birth_date": record.birth_date.isoformat(),
            "religion": record.religion,
            "marital_status": record.marital_status,
            "address": record.address,
            "village": record.village_name,
            "kk_number": record.kk_number,
            "family_members": [
                {
                    "nik": mask_nik(m.nik),
                    "full_name": m.full_name,
                    "relationship": m.relationship,
                }
                for m in record.family_members
            ],
        },
        "applications": [
            {
                "tracking_number": a.tracking_number,
                "service": a.service_type.name,
                "status": a.status,
                "created_at": a.created_at.isoformat(),
                "submitted_at": a.submitted_at.isoformat() if a.submitted_at else None,
                "office": a.office.name if a.office_id else "",
                "district": a.district.name if a.district_id else "",
                "applicant_nik": a.applicant_nik,
                "applicant_name": a.applicant_name,
                "data": a.data,
                "registration_number": a.registration_number,
                "assisted": a.assisted_by_id is not None,
                "consent_note": a.consent_note,
                "documents": [
                    {
                        "requirement": d.requirement.name,
                        "original_name": d.original_name,
                        "content_type": d.content_type,
                        "size": d.size,
                        "sha256": d.sha256,
                        "uploaded_at": d.uploaded_at.isoformat(),
                        "state": d.state,
                    }
                    for d in a.documents.all()
                ],
                "corrections": [
                    {
                        "target": c.requirement.name if c.requirement_id else c.field_name,
                        "reason": c.reason,
                        "requested_at": c.requested_at.isoformat(),
                        "resolved_at": c.resolved_at.isoformat() if c.resolved_at else None,
                    }
                    for c in a.corrections.all()
                ],
                "history": [_event_dict(e, for_citizen=True) for e in a.events.all()],
            }
            for a in applications
        ],
        "staff_access": [
            {"at": e.at.isoformat(), "object_id": e.object_id, "purpose": e.purpose} for e in access
        ],
    }


# --- Public tracking with lock-out -------------------------------------------------------------

TRACKING_MAX_WRONG = 5
TRACKING_LOCK_SECONDS = 15 * 60


class TrackingLocked(Exception):
    """Too many wrong PINs for this tracking number: try again after the lock-out."""


def _wrong_pin_key(number: str) -> str:
    import hashlib

    return "civil_registry:pin-wrong:" + hashlib.sha256(number.encode()).hexdigest()[:32]


def tracking_lookup(tracking_number: str, pin: str) -> Application | None:
    """``application_for_tracking`` with a lock-out: after 5 wrong PINs for one tracking number
    within 15 minutes, every attempt (even the right PIN) raises TrackingLocked for 15 minutes.
    (Limit attempts per client IP too: the API and the /lacak/ page use documents.ratelimit.)"""
    from django.core.cache import cache

    number = str(tracking_number or "").strip().upper()[:20]
    key = _wrong_pin_key(number)
    if (cache.get(key) or 0) >= TRACKING_MAX_WRONG:
        raise TrackingLocked
    application = application_for_tracking(number, pin)
    if application is None:
        if cache.add(key, 1, timeout=TRACKING_LOCK_SECONDS):
            return None
        try:
            count = cache.incr(key)
        except ValueError:
            cache.add(key, 1, timeout=TRACKING_LOCK_SECONDS)
            return None
        if count >= TRACKING_MAX_WRONG:  # the lock-out runs 15 minutes from the last try
            cache.set(key, count, timeout=TRACKING_LOCK_SECONDS)
        return None
    return application


# --- Appointments --------------------------------------------------------------------------------


def service_locations_active():
    from .models import ServiceLocation

    return ServiceLocation.objects.filter(is_active=True).order_by("name")


def appointment_slots_available(*, location, service_type, date_from: dt.date, date_to: dt.date):
    """Open future slots with a seat left, earliest first (``slot.remaining`` seats)."""
    from django.db.models import F

    from .models import AppointmentSlot

    start = timezone.make_aware(dt.datetime.combine(date_from, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(date_to, dt.time.max))
    return (
        AppointmentSlot.objects.filter(
            location=location,
            service_type=service_type,
            is_active=True,
            starts_at__gte=max(start, timezone.now()),
            starts_at__lte=end,
            booked__lt=F("capacity"),
        )
        .select_related("location", "service_type")
        .order_by("starts_at")
    )


def appointments_for_citizen(user):
    from .models import Appointment

    if not (user and user.is_authenticated):
        return Appointment.objects.none()
    return (
        Appointment.objects.filter(citizen=user)
        .select_related("slot__location", "slot__service_type", "application")
        .order_by("-slot__starts_at")
    )


def appointments_for_location_day(officer, *, location, day: dt.date):
    """The day's bookings at a counter, for the check-in list (officers of its office)."""
    from .models import Appointment

    if not officer.has_perm("civil_registry.check_in_appointment", location):
        return Appointment.objects.none()
    return (
        Appointment.objects.filter(
            slot__location=location, slot__starts_at__date=day, state__in=["booked", "checked_in"]
        )
        .select_related("slot", "citizen")
        .order_by("slot__starts_at", "pk")
    )


def service_types_needing_visit() -> QuerySet[ServiceType]:
    """Services with a step at a counter (KTP-el recording …): the ones a visit is booked for."""
    return ServiceType.objects.filter(is_active=True, needs_visit=True).order_by("name")


def service_locations_for_officer(officer):
    """The counters where ``officer`` may check visitors in (service_officer of the office)."""
    scopes = _scopes(officer, ("service_officer",))
    if not scopes:
        return service_locations_active().none()
    locations = service_locations_active()
    if None in scopes:
        return locations
    return locations.filter(office_id__in=[s for s in scopes if s is not None])


def appointment_for_citizen(user, pk) -> Appointment | None:
    """The citizen's own booking (None for anyone else's: show a 404)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        return None
    appointment = appointments_for_citizen(user).filter(pk=pk).first()
    if appointment is None or not user.has_perm("civil_registry.view_appointment", appointment):
        return None
    return appointment


def appointment_slot_by_id(pk):
    from .models import AppointmentSlot

    return AppointmentSlot.objects.select_related("location", "service_type").filter(pk=pk).first()
