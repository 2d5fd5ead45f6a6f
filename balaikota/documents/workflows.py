"""The life of an issued document, as a table (see ``core.workflow``).

A document is created as a draft (the unsigned PDF), is signed once — through a visible
"being signed" state, so the slow signer never runs under a row lock and a failure returns it to
the draft, ready to sign again — and may be revoked.
"""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_noop as N

from balaikota.core.errors import Conflict
from balaikota.core.workflow import Action, Workflow

from .models import DocumentEvent, IssuedDocument

S = IssuedDocument.Status


def not_being_signed(user, document):
    """A signature already under way blocks a second one, unless it is stale (its process
    died: the signer never answered)."""
    if document.status == S.SIGNING and not document.signing_is_stale(timezone.now()):
        return Conflict(_("Dokumen ini sedang ditandatangani."), code="signing")
    return None


DOCUMENT_WORKFLOW = Workflow(
    "documents.issueddocument",
    model=IssuedDocument,
    event_model=DocumentEvent,
    event_fk="document",
    noun=gettext_lazy("dokumen"),
    actions=[
        Action(
            "create",
            gettext_lazy("Buat"),
            sources=frozenset(),  # born a draft: the event is written at creation
            target=S.DRAFT,
            permission=None,
        ),
        Action(
            "request_signing",
            gettext_lazy("Tanda tangani"),
            sources={S.DRAFT, S.SIGNING},
            target=S.SIGNING,
            permission=None,  # the source app decides who signs its documents
            guard=not_being_signed,
            refused=N("Dokumen ini sudah ditandatangani atau dicabut."),
            refused_code="not_draft",
        ),
        Action(
            "signed",
            gettext_lazy("Ditandatangani"),
            sources={S.SIGNING},
            target=S.SIGNED,
            permission=None,
            public_text=N("Dokumen ditandatangani secara elektronik."),
        ),
        Action(
            "signing_failed",
            gettext_lazy("Penandatanganan gagal"),
            sources={S.SIGNING},
            target=S.DRAFT,
            permission=None,
        ),
        Action(
            "revoke",
            gettext_lazy("Cabut"),
            sources={S.DRAFT, S.SIGNED},
            target=S.REVOKED,
            permission=None,  # the owning app decides who may revoke its documents
            refused=N("Dokumen ini sudah dicabut."),
            refused_code="already_revoked",
            public_text=N("Dokumen dicabut."),
            public_reason=True,
        ),
    ],
)
