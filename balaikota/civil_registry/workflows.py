"""The workflows of civil registration, each declared once as a table (see ``core.workflow``).

Read ``APPLICATION_WORKFLOW`` top to bottom to know everything an application can go through:
who may do each step, from which statuses, to which, and what the applicant is told. The
services call ``transition()``; templates, the API (``allowed_actions``) and the navigation ask
``can()`` — so a button is shown exactly when its action would succeed.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_noop as N

from balaikota.core.errors import Conflict
from balaikota.core.queues import WorkQueue
from balaikota.core.workflow import Action, Step, Workflow, all_of

from .models import (
    OFFICE_STATUSES,
    Application,
    ApplicationEvent,
    Appointment,
    AppointmentEvent,
    DuplicateFlag,
    Status,
)

S = Status
ALL_STATUSES = frozenset(Status.values)
WAITING = frozenset({S.SUBMITTED, S.RESUBMITTED})


# --- Guards (cheap preconditions beyond the status; each a DomainError or None) ----------------


def claimed_by_actor(user, application):
    """Only the officer who claimed the application decides it."""
    if user is None or application.claimed_by_id == user.pk:
        return None
    return Conflict(
        _("Ambil permohonan ini terlebih dahulu; sekarang ditangani petugas lain."), code="claimed"
    )


def duplicates_decided(user, application):
    """Approval waits until every duplicate warning is decided, and a duplicate is rejected."""
    decisions = set(
        DuplicateFlag.objects.filter(application_id=application.pk).values_list(
            "decision", flat=True
        )
    )
    if DuplicateFlag.Decision.PENDING in decisions:
        return Conflict(
            _("Putuskan dulu peringatan duplikat pada permohonan ini."), code="duplicates"
        )
    if DuplicateFlag.Decision.DUPLICATE in decisions:
        return Conflict(
            _("Permohonan ini ditandai duplikat; tolak permohonan dengan alasannya."),
            code="duplicates",
        )
    return None


def verification_needed(user, application):
    """The service is checked at two levels: the officer forwards, a verifier approves."""
    if application.service_type.needs_verification:
        return None
    return Conflict(
        _("Layanan ini tidak memakai verifikasi kedua; setujui langsung."), code="no_verification"
    )


def no_verification_needed(user, application):
    """The officer approves alone only where the service has no second level."""
    if not application.service_type.needs_verification:
        return None
    return Conflict(
        _("Layanan ini diverifikasi dulu: teruskan ke verifikator."), code="needs_verification"
    )


def not_reviewed_by_actor(user, application):
    """Four eyes: the verifier is not the officer who checked the application."""
    if user is None or application.claimed_by_id != user.pk:
        return None
    return Conflict(
        _("Permohonan yang Anda periksa sendiri diverifikasi oleh verifikator lain."),
        code="own_review",
    )


def document_not_made(user, application):
    """The document is (re)made only while none exists yet."""
    if application.document_id is None:
        return None
    return Conflict(_("Dokumen permohonan ini sudah dibuat."), code="document_exists")


def document_signable(user, application):
    """The generated PDF exists and is not being signed right now."""
    document = application.document if application.document_id else None
    if document is None:
        return Conflict(
            _("Dokumen belum selesai dibuat; muat ulang halaman sebentar lagi."),
            code="document_not_ready",
        )
    if document.status == "signing" and not document.signing_is_stale():
        return Conflict(_("Dokumen ini sedang ditandatangani."), code="signing")
    if document.status not in ("draft", "signing"):
        return Conflict(_("Dokumen ini tidak dapat ditandatangani lagi."), code="not_draft")
    return None


def previous_waiting_status(application) -> str:
    """Where a released application returns: the waiting status it was claimed from."""
    claimed_from = (
        ApplicationEvent.objects.filter(application_id=application.pk, action="claim")
        .order_by("-at", "-pk")
        .values_list("from_status", flat=True)
        .first()
    )
    return claimed_from if claimed_from in WAITING else S.SUBMITTED


# --- The application's table ---------------------------------------------------------------

PROCESS = "civil_registry.process_application"
CHANGE = "civil_registry.change_application"
SIGN = "civil_registry.sign_application"
VERIFY = "civil_registry.verify_application"


def _on_event(application: Application, step: Step) -> None:
    _notify_applicant(application, step)
    if step.to_state == S.ISSUED:
        from . import integrations

        integrations.survey_invite(application)  # after the "issued" notice


def _notify_applicant(application: Application, step: Step) -> None:
    from . import integrations
    from .services import application_url

    if not (application.citizen_id and application.tracking_number and step.action.public_text):
        return
    body = _(step.action.public_text)
    if step.action.public_reason and step.event.reason:
        body = f"{body} {step.event.reason}"  # the reason is addressed to them
    integrations.notify(
        recipient=application.citizen,
        title=_("%(number)s: %(status)s")
        % {"number": application.tracking_number, "status": Status(step.to_state).label},
        body=body,
        url=application_url(application),
        dedupe_key=f"civil_registry:{application.pk}:{step.event.pk}",
    )


APPLICATION_WORKFLOW = Workflow(
    "civil_registry.application",
    model=Application,
    event_model=ApplicationEvent,
    event_fk="application",
    event_fields=lambda application: {"office_id": application.office_id},
    on_event=_on_event,
    noun=gettext_lazy("permohonan"),
    actions=[
        # The citizen (or the officer assisting them)
        Action(
            "submit",
            gettext_lazy("Ajukan"),
            sources={S.DRAFT},
            target=S.SUBMITTED,
            permission=CHANGE,
            public_text=N("Permohonan Anda sudah kami terima dan menunggu diperiksa petugas."),
            refused=N("Permohonan ini sudah diajukan."),
            refused_code="already_submitted",
        ),
        # The platform itself: an application filed because another was issued (the family
        # card after a birth). The reason tells the citizen why, and that they need do nothing.
        Action(
            "file_follow_up",
            gettext_lazy("Ajukan sebagai tindak lanjut"),
            sources={S.DRAFT},
            target=S.SUBMITTED,
            permission=None,
            public_text=N("Permohonan lanjutan:"),
            public_reason=True,
            refused=N("Permohonan ini sudah diajukan."),
            refused_code="already_submitted",
        ),
        Action(
            "cancel",
            gettext_lazy("Batalkan"),
            sources={S.DRAFT, S.SUBMITTED},
            target=S.CANCELLED,
            permission=CHANGE,
            public_text=N("Permohonan Anda dibatalkan."),
            public_reason=True,
            refused=N("Permohonan yang sudah mulai diproses tidak dapat dibatalkan."),
            refused_code="not_cancellable",
        ),
        Action(
            "resubmit",
            gettext_lazy("Kirim perbaikan"),
            sources={S.NEEDS_CORRECTION},
            target=S.RESUBMITTED,
            permission=CHANGE,
            public_text=N("Perbaikan Anda sudah kami terima dan akan diperiksa kembali."),
            refused=N("Permohonan ini tidak sedang menunggu perbaikan."),
        ),
        # The officer of the handling office
        Action(
            "claim",
            gettext_lazy("Ambil"),
            sources=WAITING,
            target=S.IN_REVIEW,
            permission=PROCESS,
            public_text=N("Permohonan Anda sedang diperiksa petugas."),
            refused=N("Permohonan ini tidak sedang menunggu diperiksa."),
        ),
        Action(
            "release",
            gettext_lazy("Kembalikan ke antrean"),
            sources={S.IN_REVIEW},
            target=previous_waiting_status,
            permission=PROCESS,
            guard=claimed_by_actor,
            notify=False,
        ),
        Action(
            "request_correction",
            gettext_lazy("Minta perbaikan"),
            sources={S.IN_REVIEW},
            target=S.NEEDS_CORRECTION,
            permission=PROCESS,
            guard=claimed_by_actor,
            public_text=N(
                "Petugas meminta perbaikan. Buka permohonan untuk melihat apa yang perlu "
                "diperbaiki."
            ),
            public_reason=True,
        ),
        Action(
            "decide_duplicate",
            gettext_lazy("Putuskan duplikat"),
            sources={S.IN_REVIEW},
            target=None,
            permission=PROCESS,
            guard=claimed_by_actor,
            notify=False,
            kind=ApplicationEvent.Kind.DUPLICATE,
        ),
        Action(
            "reject",
            gettext_lazy("Tolak"),
            sources={S.IN_REVIEW},
            target=S.REJECTED,
            permission=PROCESS,
            guard=claimed_by_actor,
            public_text=N("Permohonan Anda ditolak. Alasan penolakan tercantum pada permohonan."),
            public_reason=True,
        ),
        Action(
            "approve",
            gettext_lazy("Setujui"),
            sources={S.IN_REVIEW},
            target=S.APPROVED,
            permission=PROCESS,
            guard=all_of(claimed_by_actor, duplicates_decided, no_verification_needed),
            public_text=N("Permohonan Anda disetujui."),
        ),
        Action(
            "forward",
            gettext_lazy("Teruskan ke verifikator"),
            sources={S.IN_REVIEW},
            target=S.AWAITING_VERIFICATION,
            permission=PROCESS,
            guard=all_of(claimed_by_actor, duplicates_decided, verification_needed),
            public_text=N("Berkas Anda sudah diperiksa petugas dan sedang diverifikasi."),
        ),
        # The verifier of the office (a service type with two levels)
        Action(
            "verify",
            gettext_lazy("Setujui (verifikasi)"),
            sources={S.AWAITING_VERIFICATION},
            target=S.APPROVED,
            permission=VERIFY,
            guard=not_reviewed_by_actor,
            public_text=N("Permohonan Anda disetujui."),
            refused=N("Permohonan ini tidak sedang menunggu verifikasi."),
        ),
        Action(
            "return_to_officer",
            gettext_lazy("Kembalikan ke petugas"),
            sources={S.AWAITING_VERIFICATION},
            target=S.IN_REVIEW,
            permission=VERIFY,
            guard=not_reviewed_by_actor,
            notify=False,  # internal: the officer fixes the review, the citizen waits
            refused=N("Permohonan ini tidak sedang menunggu verifikasi."),
        ),
        Action(
            "retry_document",
            gettext_lazy("Buat ulang dokumen"),
            sources={S.APPROVED},
            target=None,
            permission=PROCESS,
            guard=document_not_made,
            notify=False,
            kind=ApplicationEvent.Kind.NOTE,
        ),
        # After the decision, outside the officer's transaction (the system)
        Action(
            "document_ready",
            gettext_lazy("Dokumen dibuat"),
            sources={S.APPROVED},
            target=S.AWAITING_SIGNATURE,
            permission=None,
            public_text=N(
                "Dokumen Anda sudah dibuat dan menunggu tanda tangan elektronik pejabat."
            ),
        ),
        Action(
            "close",
            gettext_lazy("Selesaikan"),
            sources={S.APPROVED, S.ISSUED},
            target=S.CLOSED,
            permission=None,
            public_text=N("Permohonan Anda selesai."),
        ),
        # The signing official of the office
        Action(
            "sign",
            gettext_lazy("Tanda tangani"),
            sources={S.AWAITING_SIGNATURE},
            target=None,
            permission=SIGN,
            guard=document_signable,
            notify=False,
            kind=ApplicationEvent.Kind.NOTE,
            refused=N("Permohonan ini tidak sedang menunggu tanda tangan."),
        ),
        Action(
            "issue",
            gettext_lazy("Terbitkan"),
            sources={S.AWAITING_SIGNATURE},
            target=S.ISSUED,
            permission=None,
            public_text=N("Dokumen Anda sudah terbit dan dapat diunduh."),
        ),
        Action(
            "signing_failed",
            gettext_lazy("Penandatanganan gagal"),
            sources={S.AWAITING_SIGNATURE},
            target=None,
            permission=None,
            notify=False,
            kind=ApplicationEvent.Kind.NOTE,
        ),
        # Bookkeeping that changes no status
        Action(
            "escalate",
            gettext_lazy("Eskalasi"),
            sources=OFFICE_STATUSES,
            target=None,
            permission=None,
            notify=False,
            kind=ApplicationEvent.Kind.ESCALATION,
        ),
        Action(
            "note",
            gettext_lazy("Catatan"),
            sources=ALL_STATUSES,
            target=None,
            permission=None,
            notify=False,
            kind=ApplicationEvent.Kind.NOTE,
        ),
    ],
)

#: The officer's work queue: waiting applications, claimed into review, due first.
APPLICATION_QUEUE = WorkQueue(
    workflow=APPLICATION_WORKFLOW,
    waiting=WAITING,
    claimed_state=S.IN_REVIEW,
    order=("due_date", "submitted_at", "pk"),
    claimed_message=N("Permohonan ini sudah ditangani petugas lain."),
)


# --- The appointment's table -------------------------------------------------------------


def on_the_day(user, appointment):
    """Check-in happens on the day of the visit."""
    day = timezone.localdate(appointment.slot.starts_at)
    if day == timezone.localdate():
        return None
    return Conflict(
        _("Janji temu ini untuk tanggal %(date)s."),
        code="wrong_day",
        params={"date": date_format(day, "j F Y")},
    )


A = Appointment.State
APPOINTMENT_WORKFLOW = Workflow(
    "civil_registry.appointment",
    model=Appointment,
    event_model=AppointmentEvent,
    event_fk="appointment",
    state_field="state",
    noun=gettext_lazy("janji temu"),
    actions=[
        Action(
            "book",
            gettext_lazy("Pesan"),
            sources=frozenset(),  # a booking is born booked: the event is written at creation
            target=A.BOOKED,
            permission=None,
            public_text=N("Jadwal kunjungan dipesan."),
        ),
        Action(
            "reschedule",
            gettext_lazy("Pindah jadwal"),
            sources={A.BOOKED},
            target=None,
            permission="civil_registry.change_appointment",
            public_text=N("Jadwal kunjungan dipindahkan."),
            refused=N("Janji temu ini sudah tidak aktif."),
            refused_code="not_booked",
        ),
        Action(
            "cancel",
            gettext_lazy("Batalkan"),
            sources={A.BOOKED},
            target=A.CANCELLED,
            permission="civil_registry.change_appointment",
            public_text=N("Janji temu dibatalkan."),
            refused=N("Janji temu ini sudah tidak aktif."),
            refused_code="not_booked",
        ),
        Action(
            "check_in",
            gettext_lazy("Catat kehadiran"),
            sources={A.BOOKED},
            target=A.CHECKED_IN,
            permission="civil_registry.check_in_appointment",
            guard=on_the_day,
            public_text=N("Kehadiran Anda di loket sudah dicatat."),
            refused=N("Janji temu ini sudah tidak aktif atau sudah hadir."),
            refused_code="not_booked",
        ),
    ],
)
