"""Background work of documents (Celery beat)."""

from __future__ import annotations

from celery import shared_task


@shared_task(name="documents.release_stalled_signing", ignore_result=True)
def release_stalled_signing() -> int:
    """Every 5 minutes: documents left "being signed" by a process that died go back to the
    draft, ready to be signed again."""
    from .services import documents_release_stalled_signing

    return documents_release_stalled_signing()
