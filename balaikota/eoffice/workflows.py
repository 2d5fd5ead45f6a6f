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
    if user is not None and letter.current_verifier_id not in (None, user.pk):
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
