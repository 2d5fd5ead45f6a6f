"""The one place the e-office calls the apps beside it: organisation (who is whose supervisor,
who holds a post), documents (numbers, the PDF, signing) and notifications."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from balaikota.catalogue import selectors as catalogue_selectors
from balaikota.documents import interfaces as document_interfaces
from balaikota.documents import services as document_services
from balaikota.notifications import services as notification_services
from balaikota.organization import selectors as organization_selectors

SOURCE_APP = "eoffice"
DOCUMENT_KIND = "naskah-dinas"
NUMBER_KIND = "surat-keluar"
TOPIC = "eoffice.letter"

OfficialDocument = document_interfaces.OfficialDocument
SignatureBlock = document_interfaces.SignatureBlock
format_date_id = document_interfaces.format_date_id


# --- Organisation ---------------------------------------------------------------------------


def employee_for_user(user):
    return organization_selectors.employee_for_user(user)


def direct_supervisor(employee):
    return organization_selectors.direct_supervisor(employee)


def employees_by_nip(nips):
    return organization_selectors.employees_by_nip(nips)


def position_holders(position_ids):
    return organization_selectors.position_holders(position_ids)


def unit_members(unit_ids):
    return organization_selectors.unit_members(unit_ids)


def head_positions():
    return organization_selectors.head_positions()


def units_of_opd(opd_id: int):
    return organization_selectors.units_of_opd(opd_id)


# --- Documents ------------------------------------------------------------------------------


def register_document_source(*, on_signed, on_signing_failed, may_download) -> None:
    document_services.register_source(
        SOURCE_APP,
        on_signed=on_signed,
        on_signing_failed=on_signing_failed,
        may_download=may_download,
    )


def number_reserve(*, unit: str, on: dt.date, format: str, classification: str, letter_id, actor):
    """The next number of the OPD's outgoing register (in the caller's transaction); a retry of
    the same letter gets its live number back."""
    return document_interfaces.number_reserve(
        kind=NUMBER_KIND,
        unit=unit,
        on=on,
        format=format,
        context={"classification": classification},
        source_app=SOURCE_APP,
        source_id=str(letter_id),
        actor=actor,
    )


def number_use(*, number):
    return document_interfaces.number_use(number=number)


def number_cancel(*, number, actor, reason: str):
    return document_interfaces.number_cancel(number=number, actor=actor, reason=reason)


def number_format_validate(fmt: str) -> None:
    document_interfaces.number_format_validate(fmt, context={"classification": "000"})


def build_pdf(document) -> bytes:
    return document_interfaces.build_official_pdf(document)


def document_create(
    *, number: str, title: str, opd_name: str, owner, source_id: str, build, on_created
):
    return document_services.document_create(
        kind=DOCUMENT_KIND,
        number=number,
        title=title,
        subject_name=opd_name,
        subject_nik_masked="",
        owner=owner,
        source_app=SOURCE_APP,
        source_id=source_id,
        build_pdf=build,
        actor=owner,
        on_created=on_created,
    )


def document_sign_request(*, document, signer_user):
    return document_services.document_sign_request(document=document, signer_user=signer_user)


def document_sign_perform(*, document_id: int, passphrase: str | None = None):
    return document_services.document_sign_perform(document_id=document_id, passphrase=passphrase)


def document_discard(*, document, actor, reason: str) -> None:
    """A draft document whose number was cancelled is withdrawn (its QR then says so)."""
    if document.status == "draft":
        document_services.document_revoke(document=document, actor=actor, reason=reason)


def signer_requires_passphrase() -> bool:
    return document_services.signer_requires_passphrase()


def document_download_url(document) -> str:
    return f"/dokumen/{document.verification_code}/unduh/"


# --- Notifications --------------------------------------------------------------------------


def notify(*, recipient, title: str, body: str, url: str, dedupe_key: str) -> None:
    if recipient is None:
        return
    notification_services.notify(
        recipient=recipient,
        topic=TOPIC,
        title=title,
        body=body,
        url=url,
        dedupe_key=dedupe_key[:100],
    )


def letter_event_notify(letter, step) -> None:
    """Who hears of a step: the next verifier, the signer, or the drafter of a returned letter."""
    from .selectors import inbox_counts_forget

    url = letter.get_absolute_url()
    key = f"eoffice:{letter.pk}:{step.event.pk}"
    subject = letter_subject_for_notice(letter)
    name = step.action.name
    if name in {"submit", "initial"} and step.to_state == "in_review":
        notify(
            recipient=letter.current_verifier,
            title=_("Naskah menunggu paraf Anda"),
            body=subject,
            url=url,
            dedupe_key=key,
        )
        inbox_counts_forget(letter.current_verifier_id)
    elif name == "initial" and step.to_state == "ready":
        notify(
            recipient=letter.signer,
            title=_("Naskah menunggu tanda tangan Anda"),
            body=subject,
            url=url,
            dedupe_key=key,
        )
        inbox_counts_forget(letter.signer_id)
    elif name == "return":
        notify(
            recipient=letter.drafter,
            title=_("Naskah dikembalikan kepada Anda"),
            body=f"{subject}\n{step.event.reason}",
            url=url,
            dedupe_key=key,
        )
    elif name == "signing_failed":
        notify(
            recipient=letter.signer,
            title=_("Penandatanganan naskah gagal"),
            body=step.event.reason,
            url=url,
            dedupe_key=key,
        )


def letter_subject_for_notice(letter) -> str:
    """What a notification may say: the subject, except for a confidential letter's."""
    if letter.is_confidential:
        return _("Naskah bersifat %(class)s.") % {"class": letter.get_security_class_display()}
    return letter.subject


# ── Collaboration ──
# Letters are searched with the catalogue's Indonesian analysis (Sastrawi stems, stop words):
# one analysis for both databases, so a search finds the same letters on SQLite and PostgreSQL.


def search_index_text(*texts: str) -> str:
    return catalogue_selectors.search_index_text(*texts)


def search_query_stems(text: str) -> list[str]:
    return catalogue_selectors.search_query_stems(text)


def opds_active():
    return organization_selectors.opds_active()
