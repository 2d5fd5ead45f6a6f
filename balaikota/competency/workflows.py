"""The tables of competency development (``core.workflow``): classes, enrolments, evidence and
self-assessments — who may do what, from which state."""

from __future__ import annotations

from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_noop as N

from balaikota.core.errors import Conflict
from balaikota.core.queues import WorkQueue
from balaikota.core.workflow import Action, Step, Workflow

from .models import (
    Assessment,
    AssessmentEvent,
    AssessmentStatus,
    ClassEvent,
    ClassStatus,
    DevelopmentPlan,
    Enrolment,
    EnrolmentEvent,
    EnrolmentStatus,
    Evidence,
    EvidenceEvent,
    EvidenceStatus,
    PlanEvent,
    PlanStatus,
    TrainingClass,
)

C = ClassStatus
E = EnrolmentStatus
V = EvidenceStatus
A = AssessmentStatus

MANAGE_CLASS = "competency.manage_class"
APPROVE = "competency.approve_enrolment"
WITHDRAW = "competency.withdraw_enrolment"
VALIDATE_EVIDENCE = "competency.validate_evidence"
VALIDATE_ASSESSMENT = "competency.validate_assessment"


def _notify(kind: str):
    def hook(obj, step: Step) -> None:
        from . import integrations

        integrations.event_notify(kind, obj, step)

    return hook


# --- Classes ----------------------------------------------------------------------------------

CLASS_WORKFLOW = Workflow(
    "competency.class",
    model=TrainingClass,
    event_model=ClassEvent,
    event_fk="training_class",
    noun=gettext_lazy("kelas"),
    actions=[
        Action(
            "open",
            gettext_lazy("Buka pendaftaran"),
            sources={C.PLANNED},
            target=C.OPEN,
            permission=MANAGE_CLASS,
            notify=False,
        ),
        Action(
            "close",
            gettext_lazy("Tutup pendaftaran"),
            sources={C.OPEN},
            target=C.PLANNED,
            permission=MANAGE_CLASS,
            notify=False,
        ),
        Action(
            "start",
            gettext_lazy("Mulai kelas"),
            sources={C.PLANNED, C.OPEN},
            target=C.RUNNING,
            permission=MANAGE_CLASS,
            notify=False,
        ),
        Action(
            "finish",
            gettext_lazy("Selesaikan kelas"),
            sources={C.RUNNING},
            target=C.FINISHED,
            permission=MANAGE_CLASS,
            notify=False,
        ),
        Action(
            "cancel",
            gettext_lazy("Batalkan kelas"),
            sources={C.PLANNED, C.OPEN, C.RUNNING},
            target=C.CANCELLED,
            permission=MANAGE_CLASS,
            notify=False,
        ),
        Action(
            "resize",
            gettext_lazy("Ubah kuota"),
            sources={C.PLANNED, C.OPEN, C.RUNNING},
            target=None,
            permission=MANAGE_CLASS,
            kind="note",
            notify=False,
        ),
    ],
)


# --- Enrolments -------------------------------------------------------------------------------


def seat_or_waitlist(enrolment: Enrolment) -> str:
    """Where an approved enrolment goes: a seat while the class has one, else the waiting
    list. Asked under the class's row lock (the services take it first)."""
    taken = Enrolment.objects.filter(
        training_class_id=enrolment.training_class_id, status=E.ENROLLED
    ).count()
    capacity = (
        TrainingClass.objects.filter(pk=enrolment.training_class_id)
        .values_list("capacity", flat=True)
        .get()
    )
    return E.ENROLLED if taken < capacity else E.WAITLISTED


def class_accepts_participants(user, enrolment):
    status = (
        TrainingClass.objects.filter(pk=enrolment.training_class_id)
        .values_list("status", flat=True)
        .first()
    )
    if status not in (C.OPEN, C.PLANNED, C.RUNNING):
        return Conflict(N("Kelas ini sudah selesai atau dibatalkan."), code="class_closed")
    return None


ENROLMENT_WORKFLOW = Workflow(
    "competency.enrolment",
    model=Enrolment,
    event_model=EnrolmentEvent,
    event_fk="enrolment",
    on_event=_notify("enrolment"),
    noun=gettext_lazy("pendaftaran"),
    actions=[
        Action(
            "request",
            gettext_lazy("Ajukan"),
            sources={E.PENDING},
            target=None,
            permission=None,
            public_text=N("Pendaftaran diajukan dan menunggu persetujuan atasan."),
        ),
        Action(
            "enrol",
            gettext_lazy("Daftarkan"),
            sources={E.ENROLLED, E.WAITLISTED},
            target=None,
            permission=None,
            public_text=N("Anda didaftarkan pada kelas ini."),
        ),
        Action(
            "approve",
            gettext_lazy("Setujui"),
            sources={E.PENDING},
            target=seat_or_waitlist,
            permission=APPROVE,
            guard=class_accepts_participants,
            public_text=N("Pendaftaran Anda disetujui atasan."),
        ),
        Action(
            "reject",
            gettext_lazy("Tolak"),
            sources={E.PENDING},
            target=E.REJECTED,
            permission=APPROVE,
            public_reason=True,
            public_text=N("Pendaftaran Anda tidak disetujui."),
        ),
        Action(
            "withdraw",
            gettext_lazy("Mengundurkan diri"),
            sources={E.PENDING, E.WAITLISTED, E.ENROLLED},
            target=E.WITHDRAWN,
            permission=WITHDRAW,
            public_text=N("Pendaftaran dibatalkan."),
            refused=N("Pendaftaran ini sudah selesai; tidak dapat dibatalkan."),
        ),
        Action(
            "promote",
            gettext_lazy("Naik dari daftar tunggu"),
            sources={E.WAITLISTED},
            target=E.ENROLLED,
            permission=None,
            public_text=N("Kursi tersedia: Anda kini terdaftar sebagai peserta."),
        ),
        Action(
            "complete",
            gettext_lazy("Nyatakan lulus"),
            sources={E.ENROLLED},
            target=E.COMPLETED,
            permission=MANAGE_CLASS,
            public_text=N("Selamat, Anda lulus. JP-nya tercatat di buku JP Anda."),
        ),
        Action(
            "fail",
            gettext_lazy("Nyatakan tidak lulus"),
            sources={E.ENROLLED},
            target=E.NOT_COMPLETED,
            permission=MANAGE_CLASS,
            public_reason=True,
            public_text=N("Anda belum memenuhi syarat kelulusan kelas ini."),
        ),
        Action(
            "cancel",
            gettext_lazy("Batalkan"),
            sources={E.PENDING, E.WAITLISTED, E.ENROLLED},
            target=E.CANCELLED,
            permission=None,
            public_reason=True,
            public_text=N("Kelas dibatalkan penyelenggara."),
        ),
    ],
)


# --- Evidence ---------------------------------------------------------------------------------


def not_claimed_by_another(user, evidence):
    if (
        evidence.status == V.IN_REVIEW
        and evidence.claimed_by_id
        and user is not None
        and evidence.claimed_by_id != user.pk
    ):
        return Conflict(N("Bukti ini sedang diperiksa orang lain."), code="claimed")
    return None


EVIDENCE_WORKFLOW = Workflow(
    "competency.evidence",
    model=Evidence,
    event_model=EvidenceEvent,
    event_fk="evidence",
    on_event=_notify("evidence"),
    noun=gettext_lazy("bukti pembelajaran"),
    actions=[
        Action(
            "submit",
            gettext_lazy("Ajukan"),
            sources={V.SUBMITTED},
            target=None,
            permission=None,
            public_text=N("Bukti pembelajaran diajukan untuk divalidasi."),
        ),
        Action(
            "claim",
            gettext_lazy("Periksa"),
            sources={V.SUBMITTED},
            target=V.IN_REVIEW,
            permission=VALIDATE_EVIDENCE,
            kind="claim",
            notify=False,
        ),
        Action(
            "release",
            gettext_lazy("Kembalikan ke antrean"),
            sources={V.IN_REVIEW},
            target=V.SUBMITTED,
            permission=VALIDATE_EVIDENCE,
            notify=False,
        ),
        Action(
            "validate",
            gettext_lazy("Validasi"),
            sources={V.SUBMITTED, V.IN_REVIEW},
            target=V.VALIDATED,
            permission=VALIDATE_EVIDENCE,
            guard=not_claimed_by_another,
            public_text=N("Bukti pembelajaran Anda divalidasi; JP-nya tercatat."),
        ),
        Action(
            "reject",
            gettext_lazy("Tolak"),
            sources={V.SUBMITTED, V.IN_REVIEW},
            target=V.REJECTED,
            permission=VALIDATE_EVIDENCE,
            guard=not_claimed_by_another,
            public_reason=True,
            public_text=N("Bukti pembelajaran Anda ditolak."),
        ),
    ],
)

EVIDENCE_QUEUE = WorkQueue(
    workflow=EVIDENCE_WORKFLOW,
    waiting={V.SUBMITTED},
    claimed_state=V.IN_REVIEW,
    order=("due_date", "submitted_at", "pk"),
    claimed_message=N("Bukti ini sedang diperiksa orang lain."),
)


# --- Self-assessments -------------------------------------------------------------------------

ASSESSMENT_WORKFLOW = Workflow(
    "competency.assessment",
    model=Assessment,
    event_model=AssessmentEvent,
    event_fk="assessment",
    on_event=_notify("assessment"),
    noun=gettext_lazy("penilaian"),
    actions=[
        Action(
            "submit",
            gettext_lazy("Ajukan"),
            sources={A.SUBMITTED},
            target=None,
            permission=None,
            notify=False,
        ),
        Action(
            "enter",
            gettext_lazy("Catat hasil asesmen"),
            sources={A.VALIDATED},
            target=None,
            permission=None,
            notify=False,
        ),
        Action(
            "validate",
            gettext_lazy("Validasi"),
            sources={A.SUBMITTED},
            target=A.VALIDATED,
            permission=VALIDATE_ASSESSMENT,
            public_text=N("Penilaian mandiri Anda divalidasi atasan."),
        ),
        Action(
            "reject",
            gettext_lazy("Tolak"),
            sources={A.SUBMITTED},
            target=A.REJECTED,
            permission=VALIDATE_ASSESSMENT,
            public_reason=True,
            public_text=N("Penilaian mandiri Anda dikembalikan atasan."),
        ),
    ],
)


# --- Development plans (AKPK) ------------------------------------------------------------------

P = PlanStatus


def plan_has_items(user, plan):
    if not plan.items.exists():
        return Conflict(
            N("Pilih paling sedikit satu program sebelum mengajukan rencana."), code="empty_plan"
        )
    return None


PLAN_WORKFLOW = Workflow(
    "competency.plan",
    model=DevelopmentPlan,
    event_model=PlanEvent,
    event_fk="plan",
    on_event=_notify("plan"),
    noun=gettext_lazy("rencana"),
    actions=[
        Action(
            "submit",
            gettext_lazy("Ajukan ke atasan"),
            sources={P.DRAFT, P.RETURNED},
            target=P.SUBMITTED,
            permission="competency.edit_plan",
            guard=plan_has_items,
            public_text=N("Rencana pengembangan diajukan ke atasan."),
        ),
        Action(
            "approve",
            gettext_lazy("Setujui"),
            sources={P.SUBMITTED},
            target=P.APPROVED,
            permission="competency.decide_plan",
            public_text=N("Rencana pengembangan Anda disetujui atasan."),
        ),
        Action(
            "return",
            gettext_lazy("Kembalikan"),
            sources={P.SUBMITTED},
            target=P.RETURNED,
            permission="competency.decide_plan",
            public_reason=True,
            public_text=N("Rencana pengembangan Anda dikembalikan untuk diperbaiki."),
        ),
    ],
)
