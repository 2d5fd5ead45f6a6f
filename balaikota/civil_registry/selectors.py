"""Every non-trivial read of civil registration: queues, a citizen's applications, tracking,
history, prefill from the register, and the citizen's data export (UU PDP)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import BooleanField, Case, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from balaikota.core.identity import mask_nik
from balaikota.core.models import AccessLogEntry
from balaikota.core.ratelimit import Lockout, RateLimit
from balaikota.core.services import access_log_record

from . import integrations
from .handlers import handler_for
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
from .permissions import citizen_scope, processing_scope, signing_scope
from .pins import pin_digest, pin_matches
from .workflows import APPLICATION_WORKFLOW

QUEUE_FIELDS = (
    "id",
    "citizen_id",  # the row's buttons ask the rules, which look at who applied
    "assisted_by_id",
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
    "document_id",
)


def service_types_active() -> QuerySet[ServiceType]:
    return ServiceType.objects.filter(is_active=True).prefetch_related(
        Prefetch("requirements", queryset=RequirementType.objects.order_by("order", "pk"))
    )


def service_type_by_code(code: str) -> ServiceType | None:
    return service_types_active().filter(code=str(code)).first()


def verification_list(user, *, limit: int = 200) -> list[Application]:
    """Applications forwarded to a verifier, in the offices where ``user`` verifies, due first
    (those ``user`` reviewed themselves are left for another verifier)."""
    from .permissions import verification_scope

    return list(
        Application.objects.filter(verification_scope(user), status=Status.AWAITING_VERIFICATION)
        .exclude(claimed_by=user)
        .select_related("service_type", "claimed_by", "office")
        .order_by("due_date", "submitted_at", "pk")[:limit]
    )


def register_checks(application: Application) -> list:
    """Each person the form names by NIK (a birth: mother, father), with the register's name,
    whether it was found and whether a typed name agrees — what the officer compares."""
    return handler_for(application.service_type).parents(application)


def service_type_code_for(public_service) -> str:
    """The code of the open service type behind a catalogue entry ('' when it takes no online
    applications)."""
    if public_service is None or not getattr(public_service, "is_online", True):
        return ""
    return (
        service_types_active()
        .filter(public_service_id=public_service.pk)
        .values_list("code", flat=True)
        .first()
        or ""
    )


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
    visible = (Q(status__in=sorted(OPEN_STATUSES)) & processing_scope(officer)) | (
        Q(status=Status.AWAITING_SIGNATURE) & signing_scope(officer)
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
        # the row's "sign" button asks the workflow, whose guard looks at the document: one
        # query for the page's documents (a fifth join would cost more to plan than to run)
        .prefetch_related("document")
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
    awaiting = Application.objects.filter(
        Q(status=Status.AWAITING_SIGNATURE) & signing_scope(official)
    )
    return (
        _queue_rows(awaiting, today or timezone.localdate())
        .select_related("document")
        .only(*QUEUE_FIELDS, "document__id", "document__status", "document__signing_error")
    )


def recently_signed(official, *, limit: int = 20) -> list[Application]:
    """What ``official`` signed last (issued), newest first, with the document to download it
    again (the download is access-logged: it is the citizen's document). One query."""
    return list(
        Application.objects.filter(
            status=Status.ISSUED, document__signed_by=official, document__signed_at__isnull=False
        )
        .select_related("service_type", "document")
        .only(
            "pk",
            "tracking_number",
            "applicant_name",
            "registration_number",
            "service_type__name",
            "document__id",
            "document__verification_code",
            "document__signed_at",
        )
        .order_by("-document__signed_at", "-pk")[:limit]
    )


def citizen_actions(user) -> list:
    """What waits for the citizen on their home page, in one query: a correction the officer
    asked for (urgent: the deadline runs), then drafts left half-filled."""
    from django.urls import reverse

    from balaikota.core.navigation import ActionItem

    if not getattr(user, "is_authenticated", False):
        return []
    import rules

    # the rule itself (not Django's model-permission backend, two queries): staff do not apply
    # here (their work is in their queues), so nothing is read for them
    if not rules.has_perm("civil_registry.create_application", user):
        return []
    waiting = (
        Application.objects.filter(
            citizen_scope(user), status__in=[Status.NEEDS_CORRECTION, Status.DRAFT]
        )
        .select_related("service_type")
        .only("pk", "status", "tracking_number", "service_type__name", "created_at")
        .order_by("-created_at", "-pk")[:10]
    )
    items = []
    for application in waiting:
        url = reverse("civil_registry:application_detail", kwargs={"pk": application.pk})
        if application.status == Status.NEEDS_CORRECTION:
            items.append(
                ActionItem(
                    title=_("%(service)s %(number)s perlu diperbaiki")
                    % {
                        "service": application.service_type.name,
                        "number": application.tracking_number,
                    },
                    detail=_(
                        "Petugas meminta perbaikan. Kirim perbaikan agar permohonan diproses."
                    ),
                    url=url,
                    label=_("Lihat yang perlu diperbaiki"),
                    urgent=True,
                )
            )
        else:
            items.append(
                ActionItem(
                    title=_("%(service)s belum diajukan")
                    % {"service": application.service_type.name},
                    detail=_("Draf tersimpan. Lengkapi dan ajukan bila sudah siap."),
                    url=url,
                    label=_("Lanjutkan mengisi"),
                )
            )
    return items


def applications_for_citizen(user) -> QuerySet[Application]:
    """The citizen's own applications (and those filed for them by an officer), newest first."""
    return (
        Application.objects.filter(citizen_scope(user))
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
    # Few joins on purpose: planning an eight-table join cost PostgreSQL ~7 ms on every page,
    # more than the small look-ups of the people a staff page shows (claimed_by, assisted_by).
    application = (
        Application.objects.select_related("service_type", "office", "document")
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


#: NIK checks per person per minute while typing a form (the masked name is still a hint)
NIK_CHECK_LIMIT = RateLimit(
    "civil_registry.nik_check",
    limit=30,
    window=60,
    message=gettext_noop("Terlalu banyak pemeriksaan NIK. Coba lagi dalam %(when)s."),
)


@dataclass(frozen=True)
class NikCheck:
    nik: str
    found: bool
    masked_name: str  # "S*** W*****": enough to recognise, not to identify


def nik_check(*, user, nik: str, request=None) -> NikCheck:
    """Whether the population register knows ``nik`` (a parent's, typed into a form), with the
    name masked. Limited per person and written to the access log: it reads another person's
    register entry."""
    NIK_CHECK_LIMIT.check(request, key=f"user:{user.pk}")
    record = get_population_register().lookup_resident(nik)
    if record is None:
        return NikCheck(nik=nik, found=False, masked_name="")
    if record.nik != (user.nik or ""):
        resident = Resident.objects.filter(nik=record.nik).first()
        access_log_record(
            actor=user,
            obj=resident if resident is not None else _RegisterEntry(record),
            purpose=_("Cek NIK pada formulir (nama disamarkan)"),
            subject=_account_of(record.nik),
            request=request,
        )
    return NikCheck(nik=nik, found=True, masked_name=mask_name(record.full_name))


def _account_of(nik: str):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(nik=nik).first() if nik else None


def application_prefill(*, user, service_type: ServiceType, nik: str, request=None) -> dict:
    """Initial form data from the population register: the applicant's own NIK and KK, and for
    a birth the parents (the applicant and their spouse in the same family). Staff lookups are
    written to the access log."""
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
    return handler_for(service_type).prefill(record, names)


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
                "history": [
                    {
                        "at": e.at.isoformat(),
                        "kind": e.kind,
                        "from_status": e.from_status,
                        "to_status": e.to_status,
                        "reason": e.text,
                        "office": e.office,
                    }
                    for e in public_history(a, events=a.events.all())
                ],
            }
            for a in applications
        ],
        "staff_access": [
            {"at": e.at.isoformat(), "object_id": e.object_id, "purpose": e.purpose} for e in access
        ],
    }


# --- Public tracking with lock-out -------------------------------------------------------------

#: look-ups per client address per minute, on the /lacak/ page and in the tracking API alike
TRACKING_LIMIT = RateLimit(
    "civil_registry.track",
    limit=20,
    window=60,
    message=gettext_noop("Terlalu banyak percobaan. Coba lagi dalam %(when)s."),
)
TRACKING_MAX_WRONG = 5
TRACKING_LOCK_SECONDS = 15 * 60
WRONG_PIN = Lockout(
    "civil_registry.pin",
    failures=TRACKING_MAX_WRONG,
    seconds=TRACKING_LOCK_SECONDS,
    message=gettext_noop(
        "Terlalu banyak PIN salah untuk nomor lacak ini. Demi keamanan, pelacakan dikunci "
        "selama %(when)s. Coba lagi nanti, atau masuk ke akun Anda."
    ),
)


#: Every client together, per tracking number: slow enough that guessing a 6-digit PIN takes
#: years (100 a day), far above what an owner mistypes; a new PIN ("Lupa PIN?") lifts it.
TRACKING_MAX_WRONG_ANY_CLIENT = 100
WRONG_PIN_ANY_CLIENT = Lockout(
    "civil_registry.pin_any_client",
    failures=TRACKING_MAX_WRONG_ANY_CLIENT,
    seconds=24 * 60 * 60,
    message=gettext_noop(
        "Terlalu banyak PIN salah untuk nomor lacak ini. Demi keamanan, pelacakan dengan PIN "
        "dikunci selama %(when)s. Buat PIN baru lewat “Lupa PIN?”, atau masuk ke "
        "akun Anda."
    ),
)


def wrong_pin_key(tracking_number: str, client: str) -> str:
    """The lock-out key of one client's guesses at one tracking number."""
    return f"{tracking_number}|{client}"


def tracking_lookup(tracking_number: str, pin: str, *, client: str = "") -> Application | None:
    """``application_for_tracking`` with lock-outs nobody can turn against the owner: after 5
    wrong PINs for one tracking number from one client (``client``: its address) within 15
    minutes, that client is refused (``TooManyRequests``, code ``locked_out``) for 15 minutes,
    even with the right PIN — a client elsewhere, the owner's, is not. All clients together
    may get 100 wrong a day. Limit attempts per client address too (``core.ratelimit``)."""
    number = str(tracking_number or "").strip().upper()[:20]
    mine = wrong_pin_key(number, client)
    WRONG_PIN.ensure_open(mine)
    WRONG_PIN_ANY_CLIENT.ensure_open(number)
    application = application_for_tracking(number, pin)
    if application is None:
        WRONG_PIN.failure(mine)
        WRONG_PIN_ANY_CLIENT.failure(number)
    return application


@dataclass(frozen=True)
class PublicEvent:
    """One step as the applicant (or whoever holds the PIN) sees it: no staff names, no
    internal notes — only what the workflow table says the applicant is told."""

    at: dt.datetime
    kind: str
    from_status: str
    to_status: str
    to_status_label: str
    text: str
    office: str


@dataclass(frozen=True)
class PublicApplicationView:
    """The one public view of an application, served by /lacak/ and the tracking API."""

    tracking_number: str
    service_name: str
    status: str
    status_label: str
    submitted_at: dt.datetime | None
    due_date: dt.date | None
    office: str
    masked_name: str
    masked_nik: str
    history: list[PublicEvent]


def mask_name(name: str) -> str:
    """ "Budi Hartono" → "B*** H******": enough to recognise, not to identify."""
    return " ".join(w[0] + "*" * (len(w) - 1) for w in str(name).split() if w)


def public_history(application: Application, *, events=None) -> list[PublicEvent]:
    """The status changes of ``application`` with the text the applicant is told (and, where
    the table says so, the reason addressed to them: a rejection, a correction request).
    ``events``: the application's events already loaded (a prefetch), else one query."""
    if events is None:
        events = (
            ApplicationEvent.objects.filter(application=application)
            .select_related("office")
            .order_by("at", "pk")
        )
    else:
        events = sorted(events, key=lambda e: (e.at, e.pk))
    history = []
    for event in events:
        if event.kind != ApplicationEvent.Kind.TRANSITION or event.from_status == event.to_status:
            continue
        text = _(event.public_text) if event.public_text else Status(event.to_status).label
        if event.reason and APPLICATION_WORKFLOW.public_reason(event):
            text = f"{text} {event.reason}"
        history.append(
            PublicEvent(
                at=event.at,
                kind=event.kind,
                from_status=event.from_status,
                to_status=event.to_status,
                to_status_label=str(Status(event.to_status).label),
                text=str(text),
                office=event.office.name if event.office_id else "",
            )
        )
    return history


def public_application_view(application: Application) -> PublicApplicationView:
    return PublicApplicationView(
        tracking_number=application.tracking_number or "",
        service_name=application.service_type.name,
        status=application.status,
        status_label=application.get_status_display(),
        submitted_at=application.submitted_at,
        due_date=application.due_date,
        office=application.office.name if application.office_id else "",
        masked_name=mask_name(application.applicant_name),
        masked_nik=mask_nik(application.applicant_nik),
        history=public_history(application),
    )


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
    from .permissions import check_in_scope

    return service_locations_active().filter(check_in_scope(officer))


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


# --- Read models of the pages (the views only render them) ---------------------------------------


def field_labels(application: Application) -> dict[str, str]:
    return {spec["name"]: spec["label"] for spec in application.service_type.form_schema}


def _display_value(spec: dict, value) -> str:
    if value in ("", None):
        return ""
    if spec.get("type") == "choice":
        return next(
            (text for key, text in spec.get("choices", []) if str(key) == str(value)), value
        )
    if spec.get("type") == "date":  # "23 November 2026", as a person reads a date
        from django.utils.formats import date_format

        try:
            return date_format(dt.date.fromisoformat(str(value)), "j F Y")
        except ValueError:
            return str(value)
    return str(value)


def application_summary(application: Application, steps) -> list[dict]:
    """The form data per step, with display values (the review page and the officer's)."""
    return [
        {
            "step": step,
            "rows": [
                {
                    "name": spec["name"],
                    "label": spec["label"],
                    "value": _display_value(spec, application.data.get(spec["name"], "")),
                    "required": bool(spec.get("required")),
                }
                for spec in step.fields
            ],
        }
        for step in steps
    ]


def missing_fields(application: Application, steps) -> list[dict]:
    """Required fields still empty, each with the step that asks for it."""
    return [
        {"label": spec["label"], "step": step.number}
        for step in steps
        for spec in step.fields
        if spec.get("required") and application.data.get(spec["name"], "") in ("", None)
    ]


def register_names(*, user, application: Application, request=None) -> dict[str, str]:
    """Names from the population register for the NIK fields the person may look up."""
    names = {}
    for spec in application.service_type.form_schema:
        nik = application.data.get(spec["name"]) if spec.get("type") == "nik" else ""
        if nik:
            record = resident_lookup(
                user=user, nik=nik, request=request, purpose=_("Mengisi permohonan")
            )
            if record is not None:
                names[spec["name"]] = record.full_name
    return names


def corrections_with_targets(application: Application) -> list[CorrectionRequest]:
    """The open correction requests, each with ``target``: the document's or field's name."""
    labels = field_labels(application)
    corrections = corrections_open(application)
    for correction in corrections:
        correction.target = (
            correction.requirement.name
            if correction.requirement_id
            else labels.get(correction.field_name, correction.field_name)
        )
    return corrections


def requirement_rows(application: Application) -> list[dict]:
    """The checklist for the citizen's upload page: each requirement with its file, what may
    stand in for it, the size limit and the open correction request."""
    checklist = requirement_checklist(application)
    by_code = {row["requirement"].code: row["requirement"] for row in checklist}
    corrections = {
        c.requirement.code: c for c in corrections_open(application) if c.requirement_id is not None
    }
    rows = []
    for row in checklist:
        requirement = row["requirement"]
        row = dict(row)
        row["substitute_names"] = [by_code[c].name for c in requirement.substitutes if c in by_code]
        row["substitute_for"] = [
            r.name for r in by_code.values() if requirement.code in r.substitutes
        ]
        row["max_mb"] = requirement.max_size / (1024 * 1024)
        row["correction"] = corrections.get(requirement.code)
        rows.append(row)
    return rows


def duplicate_comparisons(application: Application) -> list[DuplicateFlag]:
    """The duplicate warnings, each with ``comparison``: the fields the rule looks at, this
    application beside the matching application or register entry."""
    handler = handler_for(application.service_type)
    labels = field_labels(application)
    flags = duplicate_flags(application)
    for flag in flags:
        if flag.other_application_id:
            other = flag.other_application.data
        else:
            other = handler.resident_values(flag.resident) if flag.resident_id else {}
        flag.comparison = [
            {
                "label": labels[name],
                "this": application.data.get(name, ""),
                "other": other.get(name, ""),
                "same": str(application.data.get(name, "")).strip().lower()
                == str(other.get(name, "")).strip().lower(),
            }
            for name in handler.comparison_fields
            if name in labels
        ]
    return flags


def allowed_actions(user, application: Application) -> set[str]:
    """What ``user`` may do with ``application`` now (the buttons a page shows)."""
    return set(APPLICATION_WORKFLOW.allowed_actions(user, application))


def applications_waiting_for_a_document(*, decided_before: dt.datetime):
    """Ids of approved applications that still have no document (their task was lost)."""
    return (
        Application.objects.filter(
            status=Status.APPROVED, document__isnull=True, decided_at__lt=decided_before
        )
        .order_by("decided_at", "pk")
        .values_list("pk", flat=True)
    )


RECEIPT_PIN_SECONDS = 30 * 60  # how long the receipt page's PDF link carries the PIN


def receipt_pin_token(application: Application, pin: str) -> str:
    """The PIN sealed (encrypted) for this application's receipt PDF link."""
    from balaikota.core import crypto

    return crypto.seal({"a": application.pk, "pin": pin}, purpose="receipt")


def receipt_pin(application: Application, token: str) -> str | None:
    """The PIN from a receipt link made for this application in the last 30 minutes, and only
    while it is still the application's PIN."""
    from balaikota.core import crypto

    if not token:
        return None
    sealed = crypto.unseal(token, purpose="receipt", max_age=RECEIPT_PIN_SECONDS) or {}
    pin = str(sealed.get("pin", ""))
    if sealed.get("a") != application.pk or not pin_matches(
        pin, application.tracking_number, application.pin_hash
    ):
        return None
    return pin


def application_receipt_pdf(
    application: Application, *, tracking_url: str, pin: str | None = None
) -> bytes:
    """The e-Kitir, the one receipt of an application (page and API): tracking number, the
    applicant with a masked NIK, office, expected date, and a QR code to ``tracking_url`` (an
    absolute URL of /lacak/). The PIN is printed only when given (right after submitting: it
    is stored hashed)."""
    from django.utils.formats import date_format
    from django.utils.translation import gettext as _t

    submitted = timezone.localtime(application.submitted_at)
    rows = [
        (_t("Nomor lacak"), application.tracking_number),
        *([("PIN", pin)] if pin else []),
        (_t("Layanan"), application.service_type.name),
        (_t("Pemohon"), application.applicant_name),
        (_t("NIK pemohon"), mask_nik(application.applicant_nik)),
        (_t("Diajukan"), f"{date_format(submitted, 'j F Y')}, {submitted:%H.%M}"),
        *([(_t("Kantor"), application.office.name)] if application.office_id else []),
        *(
            [(_t("Perkiraan selesai"), date_format(application.due_date, "j F Y"))]
            if application.due_date
            else []
        ),
    ]
    return integrations.receipt_pdf(
        title=_t("TANDA TERIMA PERMOHONAN"),
        tracking_url=tracking_url,
        tracking_number=application.tracking_number,
        rows=rows,
        paragraphs=[
            _t(
                "Simpan tanda terima ini. Status permohonan dapat diikuti dengan masuk ke akun "
                "Anda, atau di alamat pada kode QR dengan nomor lacak dan PIN 6 angka yang "
                "ditampilkan saat permohonan diajukan. Jangan berikan PIN kepada orang lain; "
                "petugas tidak pernah memintanya."
            )
        ],
        office_name=application.office.name if application.office_id else "",
    )


def approve_refusal(user, application: Application) -> str:
    """Why approval is not possible now (e.g. undecided duplicates), for the review page."""
    refused = APPLICATION_WORKFLOW.refusal(user, application, "approve")
    return refused.text if refused is not None else ""


def appointment_booked_in(user, slot) -> Appointment | None:
    """The citizen's live booking in ``slot`` (the first of a double tap), or None."""
    return appointments_for_citizen(user).filter(slot=slot, state=Appointment.State.BOOKED).first()


def signing_outcome(application: Application) -> tuple[bool, str]:
    """After a signature: (issued?, what the official is told): issued at once, or still being
    signed in the background."""
    if application.status == Status.ISSUED:
        text = _("Dokumen %(number)s ditandatangani dan terbit.")
        return True, text % {"number": application.registration_number}
    text = _("Dokumen %(number)s sedang ditandatangani.")
    return False, text % {"number": application.registration_number}


def rejection_reason(application: Application) -> str:
    """The reason shown on a rejected application's page ("" for any other)."""
    return application.decision_reason if application.status == Status.REJECTED else ""


def document_download_url(user, application: Application) -> str:
    """Where ``user`` downloads the application's signed document, or "" (none yet, or not
    theirs to download)."""
    from django.urls import reverse

    document = application.document if application.document_id else None
    if document is None or document.signed_at is None:
        return ""
    if not user.has_perm("documents.download_issueddocument", document):
        return ""
    return reverse("documents:download", kwargs={"code": document.verification_code})


def document_progress(application: Application) -> str:
    """Where the application's document stands, for the staff pages: "" (none due),
    "being_made" (approved, the task is rendering it), "ready" (to sign), "signing" (a
    signature under way), "signing_failed" (the last attempt failed: sign again), "signed",
    "revoked". The document must be loaded with the application (select or prefetch)."""
    document = application.document if application.document_id else None
    if document is None:
        return "being_made" if application.status == Status.APPROVED else ""
    if document.status == "signing":
        return "ready" if document.signing_is_stale() else "signing"
    if document.status == "draft":
        return "signing_failed" if document.signing_error else "ready"
    return document.status


# --- Public statistics (the transparency pages read these through a periodic refresh) ------


@dataclass
class MonthStats:
    """One service's applications in one month: what the transparency page publishes."""

    public_service_id: int
    month: dt.date
    received: int = 0
    received_online: int = 0
    completed: int = 0
    completed_on_time: int = 0
    working_days: list[int] | None = None  # processing time of each completed application


def application_month_stats(*, since: dt.date) -> list[MonthStats]:
    """Per catalogue service and month since ``since``: applications received (submitted),
    received online (not entered at a counter), completed (issued), completed by their due date,
    and each completed one's processing time in working days (submitted → issued).

    Streams two narrow queries; meant for a periodic job, not a page."""
    from django.db.models import OuterRef, Subquery

    from balaikota.core.working_days import working_days_between

    zone = timezone.get_current_timezone()
    start = dt.datetime.combine(since, dt.time.min, tzinfo=zone)
    service_of = dict(
        ServiceType.objects.exclude(public_service_id=None).values_list("pk", "public_service_id")
    )
    stats: dict[tuple[int, dt.date], MonthStats] = {}

    def row(service_type_id, moment) -> MonthStats | None:
        service_id = service_of.get(service_type_id)
        if service_id is None:
            return None
        month = timezone.localtime(moment, zone).date().replace(day=1)
        key = (service_id, month)
        if key not in stats:
            stats[key] = MonthStats(service_id, month, working_days=[])
        return stats[key]

    received = Application.objects.filter(submitted_at__gte=start).values_list(
        "service_type_id", "submitted_at", "assisted_by_id"
    )
    for service_type_id, submitted_at, assisted_by_id in received.iterator(chunk_size=5000):
        target = row(service_type_id, submitted_at)
        if target is not None:
            target.received += 1
            target.received_online += assisted_by_id is None
    issued_at = (
        ApplicationEvent.objects.filter(application_id=OuterRef("pk"), action="issue")
        .order_by("-at")
        .values("at")[:1]
    )
    completed = (
        Application.objects.filter(status__in=[Status.ISSUED, Status.CLOSED])
        .exclude(submitted_at=None)
        .annotate(issued_at=Subquery(issued_at))
        .filter(issued_at__gte=start)
        .values_list("service_type_id", "submitted_at", "issued_at", "due_date")
    )
    for service_type_id, submitted_at, done_at, due_date in completed.iterator(chunk_size=5000):
        target = row(service_type_id, done_at)
        if target is None:
            continue
        done_day = timezone.localtime(done_at, zone).date()
        target.completed += 1
        target.completed_on_time += due_date is None or done_day <= due_date
        target.working_days.append(
            max(0, working_days_between(timezone.localtime(submitted_at, zone).date(), done_day))
        )
    return list(stats.values())
