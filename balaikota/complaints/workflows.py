"""The complaint's table: who may do what, from which state (``core.workflow``)."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_noop as N

from balaikota.core.errors import Conflict
from balaikota.core.queues import WorkQueue
from balaikota.core.workflow import Action, Step, Workflow

from .models import Complaint, ComplaintEvent, Status

S = Status
PROCESS = "complaints.process_complaint"
RESPOND = "complaints.respond_complaint"
WAITING = {S.SUBMITTED, S.REOPENED}
REOPEN_WITHIN_DAYS = 30
MAX_REOPENS = 3


def not_claimed_by_another(user, complaint):
    if (
        complaint.status == S.IN_PROGRESS
        and complaint.claimed_by_id
        and user is not None
        and complaint.claimed_by_id != user.pk
    ):
        return Conflict(N("Pengaduan ini sedang ditangani petugas lain."), code="claimed")
    return None


def may_reopen(user, complaint):
    if complaint.reopen_count >= MAX_REOPENS:
        return Conflict(
            N("Pengaduan ini sudah dibuka kembali tiga kali; ajukan pengaduan baru."),
            code="reopen_limit",
        )
    if complaint.answered_at and (timezone.now() - complaint.answered_at).days > REOPEN_WITHIN_DAYS:
        return Conflict(
            N("Pengaduan hanya dapat dibuka kembali dalam 30 hari sejak dijawab."),
            code="reopen_late",
        )
    return None


def previous_waiting(complaint) -> str:
    claimed_from = (
        ComplaintEvent.objects.filter(complaint_id=complaint.pk, action="claim")
        .order_by("-at", "-pk")
        .values_list("from_status", flat=True)
        .first()
    )
    return claimed_from if claimed_from in WAITING else S.SUBMITTED


def _on_event(complaint: Complaint, step: Step) -> None:
    from . import integrations

    integrations.complaint_event_notify(complaint, step)


COMPLAINT_WORKFLOW = Workflow(
    "complaints.complaint",
    model=Complaint,
    event_model=ComplaintEvent,
    event_fk="complaint",
    on_event=_on_event,
    noun=gettext_lazy("pengaduan"),
    actions=[
        Action(
            "submit",
            gettext_lazy("Kirim"),
            sources={S.SUBMITTED},
            target=None,
            permission=None,
            public_text=N("Pengaduan Anda diterima dan diteruskan ke OPD yang berwenang."),
        ),
        Action(
            "claim",
            gettext_lazy("Tangani"),
            sources=WAITING,
            target=S.IN_PROGRESS,
            permission=PROCESS,
            kind="claim",
            public_text=N("Pengaduan Anda sedang ditangani."),
        ),
        Action(
            "release",
            gettext_lazy("Kembalikan ke antrean"),
            sources={S.IN_PROGRESS},
            target=previous_waiting,
            permission=PROCESS,
            notify=False,
        ),
        Action(
            "answer",
            gettext_lazy("Jawab"),
            sources={S.SUBMITTED, S.IN_PROGRESS, S.REOPENED},
            target=S.ANSWERED,
            permission=PROCESS,
            guard=not_claimed_by_another,
            public_text=N("Pengaduan Anda sudah dijawab."),
        ),
        Action(
            "forward",
            gettext_lazy("Teruskan ke OPD lain"),
            sources={S.SUBMITTED, S.IN_PROGRESS, S.REOPENED},
            target=S.SUBMITTED,
            permission=PROCESS,
            guard=not_claimed_by_another,
            public_text=N("Pengaduan Anda diteruskan ke OPD yang berwenang."),
            public_reason=True,
        ),
        Action(
            "reject",
            gettext_lazy("Tidak dapat ditindaklanjuti"),
            sources={S.SUBMITTED, S.IN_PROGRESS, S.REOPENED},
            target=S.REJECTED,
            permission=PROCESS,
            guard=not_claimed_by_another,
            public_text=N("Pengaduan Anda tidak dapat ditindaklanjuti."),
            public_reason=True,
        ),
        Action(
            "respond",
            gettext_lazy("Tanggapi"),
            sources={S.ANSWERED},
            target=None,
            permission=RESPOND,
            kind="note",
            public_text=N("Pelapor menanggapi jawaban."),
        ),
        Action(
            "reopen",
            gettext_lazy("Buka kembali"),
            sources={S.ANSWERED},
            target=S.REOPENED,
            permission=RESPOND,
            guard=may_reopen,
            public_text=N("Pelapor membuka kembali pengaduan ini."),
            public_reason=True,
        ),
        Action(
            "close",
            gettext_lazy("Selesai, saya puas"),
            sources={S.ANSWERED},
            target=S.CLOSED,
            permission=RESPOND,
            public_text=N("Pengaduan ditutup oleh pelapor."),
        ),
        Action(
            "auto_close",
            gettext_lazy("Ditutup otomatis"),
            sources={S.ANSWERED},
            target=S.CLOSED,
            permission=None,
            public_text=N("Pengaduan ditutup karena tidak ada tanggapan dalam 14 hari."),
        ),
    ],
)

QUEUE = WorkQueue(
    workflow=COMPLAINT_WORKFLOW,
    waiting=WAITING,
    claimed_state=S.IN_PROGRESS,
    order=("due_date", "submitted_at", "pk"),
    claimed_message=N("Pengaduan ini sedang ditangani petugas lain."),
)
