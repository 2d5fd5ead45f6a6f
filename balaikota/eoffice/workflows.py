"""The letter's table: who may do what, from which state (``core.workflow``).

draft ─submit─▶ in_review ─initial (last verifier)─▶ ready ─sign─▶ signing ─signed─▶ signed
  ▲  ╲cancel       │ ╲initial (next verifier)         │              │ signing_failed   │
  │   ▼            │  ↺                               │              ▼                  ▼
  │ cancelled      └─return──▶ returned ◀──return─────┘            ready     dispatch─▶ sent
  └───────────────────edit/submit──┘
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from balaikota.core.errors import Conflict, Forbidden, InvalidInput
from balaikota.core.workflow import Action, Step, Workflow, all_of

from .models import (
    EDITABLE_STATES,
    CommentStatus,
    Dispatch,
    DispatchEvent,
    Letter,
    LetterComment,
    LetterCommentEvent,
    LetterEvent,
    Status,
)

S = Status


def has_signer(user, letter):
    if not letter.signer_position_id:
        return InvalidInput(
            errors={"signer_position": [_("Pilih jabatan penandatangan naskah ini.")]},
            code="no_signer",
        )
    return None


def has_route(user, letter):
    if not letter.route.exists():
        return InvalidInput(
            errors={"route": [_("Tentukan paling sedikit satu pemaraf sebelum naskah diajukan.")]},
            code="no_route",
        )
    return None


def is_their_turn(user, letter):
    # Their own turn, or (by a delegation) the turn of someone they act for: the rule's answer.
    from .permissions import is_verifier_now

    if (
        user is not None
        and letter.current_verifier_id is not None
        and not is_verifier_now(user, letter)
    ):
        return Conflict(
            _("Belum giliran Anda memaraf: naskah ini menunggu paraf pemaraf sebelumnya."),
            code="not_your_turn",
        )
    return None


def after_initial(letter) -> str:
    """Ready to sign after the last verifier's paraf; still in review otherwise."""
    waiting = letter.route.filter(initialled_at__isnull=True).count()
    # The service stamps this verifier's step after the transition: one step is still open.
    return S.READY if waiting <= 1 else S.IN_REVIEW


def _on_event(letter: Letter, step: Step) -> None:
    from . import integrations

    integrations.letter_event_notify(letter, step)


LETTER_WORKFLOW = Workflow(
    "eoffice.letter",
    model=Letter,
    event_model=LetterEvent,
    event_fk="letter",
    on_event=_on_event,
    # who acted in whose name (a delegate): the service sets it on the letter for the step
    event_fields=lambda letter: {"on_behalf_of": getattr(letter, "_on_behalf_of", None)},
    noun=gettext_lazy("naskah"),
    actions=[
        Action(
            "create",
            gettext_lazy("Buat konsep"),
            sources={S.DRAFT},
            target=None,
            permission=None,
            notify=False,
            kind="note",
        ),
        Action(
            "edit",
            gettext_lazy("Ubah"),
            sources=set(EDITABLE_STATES),
            target=None,
            permission="eoffice.change_letter",
            notify=False,
            kind="note",
            refused=gettext_noop(
                "Naskah ini tidak dapat diubah lagi: sudah diajukan atau ditandatangani."
            ),
            refused_code="not_editable",
        ),
        Action(
            "submit",
            gettext_lazy("Ajukan untuk diparaf"),
            sources=set(EDITABLE_STATES),
            target=S.IN_REVIEW,
            permission="eoffice.change_letter",
            guard=all_of(has_signer, has_route),
            refused=gettext_noop("Naskah ini sudah diajukan."),
            refused_code="already_submitted",
        ),
        Action(
            "initial",
            gettext_lazy("Paraf"),
            sources={S.IN_REVIEW},
            target=after_initial,
            permission="eoffice.initial_letter",
            guard=is_their_turn,
            refused=gettext_noop("Naskah ini tidak sedang menunggu paraf."),
            refused_code="not_in_review",
        ),
        Action(
            "return",
            gettext_lazy("Kembalikan ke konseptor"),
            sources={S.IN_REVIEW, S.READY},
            target=S.RETURNED,
            permission="eoffice.return_letter",
            refused=gettext_noop("Naskah ini tidak dapat dikembalikan pada tahap ini."),
            refused_code="not_returnable",
        ),
        Action(
            "sign",
            gettext_lazy("Tandatangani"),
            sources={S.READY},
            target=S.SIGNING,
            permission="eoffice.sign_letter",
            refused=gettext_noop(
                "Naskah ini belum dapat ditandatangani: semua pemaraf harus memaraf lebih dulu, "
                "sesuai urutan."
            ),
            refused_code="not_ready_to_sign",
        ),
        Action(
            "signing_failed",
            gettext_lazy("Penandatanganan gagal"),
            sources={S.SIGNING},
            target=S.READY,
            permission=None,
        ),
        Action(
            "signed",
            gettext_lazy("Ditandatangani"),
            sources={S.SIGNING},
            target=S.SIGNED,
            permission=None,
            notify=False,
        ),
        Action(
            "dispatch",
            gettext_lazy("Kirim ke tujuan"),
            sources={S.SIGNED},
            target=S.SENT,
            permission=None,
        ),
        Action(
            "cancel",
            gettext_lazy("Batalkan konsep"),
            sources=set(EDITABLE_STATES),
            target=S.CANCELLED,
            permission="eoffice.change_letter",
            notify=False,
        ),
    ],
)


# --- Outside dispatch: one outside addressee's copy of a signed letter -----------------------
#
#   antre ─sent─▶ terkirim            menunggu_kurir ─hand_over─▶ diserahkan
#     │  ▲                                  ▲
#     │  └─resend─┐                         │
#     └─failed──▶ gagal ─to_courier─────────┘

D = Dispatch.State

DISPATCH_WORKFLOW = Workflow(
    "eoffice.dispatch",
    model=Dispatch,
    event_model=DispatchEvent,
    event_fk="dispatch",
    noun=gettext_lazy("pengiriman"),
    actions=[
        Action(
            "sent",
            gettext_lazy("Terkirim"),
            sources={D.QUEUED},
            target=D.SENT,
            permission=None,
            notify=False,
        ),
        Action(
            "failed",
            gettext_lazy("Gagal dikirim"),
            sources={D.QUEUED},
            target=D.FAILED,
            permission=None,
            notify=False,
        ),
        Action(
            "resend",
            gettext_lazy("Kirim ulang e-mail"),
            sources={D.FAILED},
            target=D.QUEUED,
            permission="eoffice.manage_dispatch",
            notify=False,
            refused=gettext_noop("Pengiriman ini tidak gagal; tidak perlu dikirim ulang."),
            refused_code="not_failed",
        ),
        Action(
            "to_courier",
            gettext_lazy("Kirim lewat kurir"),
            sources={D.FAILED},
            target=D.WAITING,
            permission="eoffice.manage_dispatch",
            notify=False,
            refused=gettext_noop("Hanya pengiriman e-mail yang gagal dapat dialihkan ke kurir."),
            refused_code="not_failed",
        ),
        Action(
            "hand_over",
            gettext_lazy("Catat serah terima ke kurir"),
            sources={D.WAITING},
            target=D.HANDED,
            permission="eoffice.manage_dispatch",
            notify=False,
            refused=gettext_noop("Naskah ini tidak sedang menunggu kurir."),
            refused_code="not_waiting_courier",
        ),
    ],
)


# ── Incoming letters and dispositions ──
#
# incoming letter:  registered ─dispose─▶ in_progress ─complete (every disposition closed)─▶ done
#                        ▲                    │
#                        └──reopen (every disposition withdrawn)
# disposition:      open ─close─▶ closed      open ─withdraw (unread)─▶ withdrawn
#                   open ─forward─▶ open (disposed further: an event, children below it)

from .models import (  # noqa: E402
    Disposition,
    DispositionEvent,
    DispositionStatus,
    IncomingLetter,
    IncomingLetterEvent,
    IncomingStatus,
)

IS = IncomingStatus
DS = DispositionStatus


def not_read_yet(user, disposition):
    if disposition.read_at is not None:
        return Conflict(
            _("Disposisi ini sudah dibaca penerimanya dan tidak dapat ditarik lagi."),
            code="already_read",
        )
    return None


def _incoming_event(incoming, step) -> None:
    from . import integrations

    integrations.incoming_event_notify(incoming, step)


def _disposition_event(disposition, step) -> None:
    from . import integrations

    integrations.disposition_event_notify(disposition, step)


INCOMING_WORKFLOW = Workflow(
    "eoffice.incoming",
    model=IncomingLetter,
    event_model=IncomingLetterEvent,
    event_fk="incoming",
    on_event=_incoming_event,
    noun=gettext_lazy("surat masuk"),
    actions=[
        Action(
            "register",
            gettext_lazy("Catat surat masuk"),
            sources={IS.REGISTERED},
            target=None,
            permission=None,
            kind="note",
        ),
        Action(
            "dispose",
            gettext_lazy("Disposisikan"),
            sources={IS.REGISTERED, IS.IN_PROGRESS},
            target=IS.IN_PROGRESS,
            permission="eoffice.dispose_incoming",
            notify=False,
            refused=gettext_noop("Surat ini sudah selesai ditindaklanjuti."),
            refused_code="incoming_done",
        ),
        Action(
            "complete",
            gettext_lazy("Semua disposisi selesai"),
            sources={IS.IN_PROGRESS},
            target=IS.DONE,
            permission=None,
        ),
        Action(
            "reopen",
            gettext_lazy("Semua disposisi ditarik"),
            sources={IS.IN_PROGRESS},
            target=IS.REGISTERED,
            permission=None,
            notify=False,
        ),
    ],
)


DISPOSITION_WORKFLOW = Workflow(
    "eoffice.disposition",
    model=Disposition,
    event_model=DispositionEvent,
    event_fk="disposition",
    on_event=_disposition_event,
    noun=gettext_lazy("disposisi"),
    actions=[
        Action(
            "create",
            gettext_lazy("Disposisi diberikan"),
            sources={DS.OPEN},
            target=None,
            permission=None,
            kind="note",
        ),
        Action(
            "forward",
            gettext_lazy("Disposisikan lebih lanjut"),
            sources={DS.OPEN},
            target=None,
            permission="eoffice.forward_disposition",
            notify=False,
            kind="note",
            refused=gettext_noop("Disposisi ini sudah selesai atau ditarik."),
            refused_code="disposition_not_open",
        ),
        Action(
            "withdraw",
            gettext_lazy("Tarik disposisi"),
            sources={DS.OPEN},
            target=DS.WITHDRAWN,
            permission="eoffice.withdraw_disposition",
            guard=not_read_yet,
            refused=gettext_noop("Disposisi ini sudah selesai atau ditarik."),
            refused_code="disposition_not_open",
        ),
        Action(
            "close",
            gettext_lazy("Selesaikan dengan laporan"),
            sources={DS.OPEN},
            target=DS.CLOSED,
            permission="eoffice.close_disposition",
            refused=gettext_noop("Disposisi ini sudah selesai atau ditarik."),
            refused_code="disposition_not_open",
        ),
        Action(
            "escalate",
            gettext_lazy("Terlambat: atasan diberi tahu"),
            sources={DS.OPEN},
            target=None,
            permission=None,
            notify=False,
            kind="note",
        ),
    ],
)


# ── Archive and retention ──
# A disposal proposal (usul musnah):
#
# draft ─submit─▶ proposed ─approve_records─▶ records_ok ─approve_head─▶ head_ok ─execute─▶
#   executing ─executed─▶ executed   (execution_failed: back to head_ok); reject from any open
#   state before execution ─▶ rejected. The two approvals are two distinct people.

from .models import DisposalEvent, DisposalProposal, DisposalStatus, LegalHold  # noqa: E402

D = DisposalStatus


def has_items(user, proposal):
    if not proposal.items.filter(removed_at__isnull=True).exists():
        return InvalidInput(
            errors={"letters": [_("Usul musnah ini tidak memuat arsip yang dapat dimusnahkan.")]},
            code="no_items",
        )
    return None


def is_second_person(user, proposal):
    if user is not None and proposal.records_approved_by_id == user.pk:
        return Conflict(
            _(
                "Persetujuan kepala OPD harus diberikan orang lain: Anda sudah menyetujui usul "
                "ini sebagai unit kearsipan."
            ),
            code="same_person",
        )
    return None


def nothing_held(user, proposal):
    if not proposal.items.filter(removed_at__isnull=True).exists():
        return has_items(user, proposal)
    held = proposal.items.filter(
        removed_at__isnull=True,
        letter_id__in=LegalHold.objects.filter(lifted_at__isnull=True).values("letter_id"),
    ).exists()
    if held:
        return Conflict(
            _("Ada arsip dalam usul ini yang sedang ditahan (legal hold); pemusnahan ditunda."),
            code="on_hold",
        )
    return None


DISPOSAL_WORKFLOW = Workflow(
    "eoffice.disposal",
    model=DisposalProposal,
    event_model=DisposalEvent,
    event_fk="proposal",
    noun=gettext_lazy("usul musnah"),
    actions=[
        Action(
            "create",
            gettext_lazy("Buat usul musnah"),
            sources={D.DRAFT},
            target=None,
            permission=None,
            kind="note",
        ),
        Action(
            "submit",
            gettext_lazy("Ajukan usul musnah"),
            sources={D.DRAFT},
            target=D.PROPOSED,
            permission="eoffice.propose_disposal",
            guard=has_items,
            refused=gettext_noop("Usul musnah ini sudah diajukan."),
            refused_code="already_submitted",
        ),
        Action(
            "approve_records",
            gettext_lazy("Setujui (unit kearsipan)"),
            sources={D.PROPOSED},
            target=D.RECORDS_APPROVED,
            permission="eoffice.approve_disposal_records",
            refused=gettext_noop(
                "Usul musnah ini tidak sedang menunggu persetujuan unit kearsipan."
            ),
            refused_code="not_waiting_records",
        ),
        Action(
            "approve_head",
            gettext_lazy("Setujui (kepala OPD)"),
            sources={D.RECORDS_APPROVED},
            target=D.HEAD_APPROVED,
            permission="eoffice.approve_disposal_head",
            guard=is_second_person,
            refused=gettext_noop(
                "Kepala OPD menyetujui setelah unit kearsipan; usul ini tidak sedang menunggu "
                "persetujuan kepala OPD."
            ),
            refused_code="not_waiting_head",
        ),
        Action(
            "execute",
            gettext_lazy("Musnahkan dan buat berita acara"),
            sources={D.HEAD_APPROVED},
            target=D.EXECUTING,
            permission="eoffice.execute_disposal",
            guard=nothing_held,
            refused=gettext_noop(
                "Pemusnahan memerlukan persetujuan unit kearsipan dan kepala OPD (dua orang "
                "berbeda) dan dilaksanakan sekali saja."
            ),
            refused_code="not_approved",
        ),
        Action(
            "execution_failed",
            gettext_lazy("Pemusnahan gagal"),
            sources={D.EXECUTING},
            target=D.HEAD_APPROVED,
            permission=None,
        ),
        Action(
            "executed",
            gettext_lazy("Arsip dimusnahkan"),
            sources={D.EXECUTING},
            target=D.EXECUTED,
            permission=None,
        ),
        Action(
            "reject",
            gettext_lazy("Tolak usul musnah"),
            sources={D.DRAFT, D.PROPOSED, D.RECORDS_APPROVED, D.HEAD_APPROVED},
            target=D.REJECTED,
            permission="eoffice.reject_disposal",
            refused=gettext_noop("Usul musnah ini sudah diputus dan tidak dapat ditolak lagi."),
            refused_code="closed",
        ),
        Action(
            "item_removed",
            gettext_lazy("Arsip dikeluarkan dari usul"),
            sources={D.DRAFT, D.PROPOSED, D.RECORDS_APPROVED, D.HEAD_APPROVED},
            target=None,
            permission=None,
            kind="note",
        ),
    ],
)


# ── Collaboration ──
# A comment: posted ─edit (author, within EDIT_WINDOW)─▶ posted ─delete (author)─▶ deleted.

EDIT_WINDOW_MINUTES = 15


def is_author(user, comment):
    # Asked here as well as in the rule: a superuser's has_perm says yes to everything.
    if user is None or comment.author_id != user.pk:
        return Forbidden(_("Hanya penulis yang dapat mengubah atau menghapus komentarnya."))
    return None


def within_edit_window(user, comment):
    from django.utils import timezone

    if timezone.now() - comment.created_at > dt.timedelta(minutes=EDIT_WINDOW_MINUTES):
        return Conflict(
            _("Komentar hanya dapat diubah dalam %(minutes)s menit setelah dikirim.")
            % {"minutes": EDIT_WINDOW_MINUTES},
            code="edit_window_closed",
        )
    return None


COMMENT_WORKFLOW = Workflow(
    "eoffice.comment",
    model=LetterComment,
    event_model=LetterCommentEvent,
    event_fk="comment",
    noun=gettext_lazy("komentar"),
    actions=[
        Action(
            "post",
            gettext_lazy("Kirim komentar"),
            sources={CommentStatus.POSTED},
            target=None,
            permission=None,
            notify=False,
            kind="note",
        ),
        Action(
            "edit",
            gettext_lazy("Ubah komentar"),
            sources={CommentStatus.POSTED},
            target=None,
            permission="eoffice.change_comment",
            guard=all_of(is_author, within_edit_window),
            notify=False,
            kind="note",
            refused=gettext_noop("Komentar ini sudah dihapus."),
            refused_code="comment_deleted",
        ),
        Action(
            "delete",
            gettext_lazy("Hapus komentar"),
            sources={CommentStatus.POSTED},
            target=CommentStatus.DELETED,
            permission="eoffice.change_comment",
            guard=is_author,
            notify=False,
            refused=gettext_noop("Komentar ini sudah dihapus."),
            refused_code="comment_deleted",
        ),
    ],
)
