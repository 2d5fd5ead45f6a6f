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


def employees_active():
    return organization_selectors.employees_active()


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


def is_signer_failure(error) -> bool:
    """The signing service itself failed or refused the signer (not this one letter)."""
    return isinstance(error, document_services.SigningError)


def dispatch_email(dispatch):
    """The e-mail that carries a signed letter to one outside addressee: the signed PDF
    attached and the address where anyone can check it."""
    from django.conf import settings
    from django.core.mail import EmailMessage

    from balaikota.documents.selectors import verification_url_for

    letter, recipient = dispatch.letter, dispatch.recipient
    document = letter.document
    with document.signed_file.open("rb") as handle:
        pdf = handle.read()
    values = {
        "kind": letter.kind.name,
        "number": letter.number,
        "date": format_date_id(letter.dated) if letter.dated else "",
        "subject": letter.subject,
        "opd": letter.opd.name,
        "name": recipient.name,
        "agency": recipient.agency,
        "url": verification_url_for(document.verification_code),
    }
    greeting = _("Yth. %(name)s") % values
    if recipient.agency:
        greeting += f"\n{recipient.agency}"
    body = "\n\n".join(
        [
            greeting,
            _(
                "Bersama ini kami sampaikan %(kind)s Nomor %(number)s tanggal %(date)s, hal: "
                "%(subject)s, dari %(opd)s Kota Semarang. Naskah terlampir ditandatangani secara "
                "elektronik."
            )
            % values,
            _("Keaslian naskah dapat diperiksa di %(url)s") % values,
            _("Hormat kami,\n%(opd)s\nPemerintah Kota Semarang") % values,
        ]
    )
    message = EmailMessage(
        subject=_("%(kind)s Nomor %(number)s: %(subject)s") % values,
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[recipient.email],
        headers={"X-Balaikota-Naskah": letter.number},
    )
    safe = "".join(c if c.isalnum() else "-" for c in letter.number).strip("-") or "naskah"
    message.attach(f"{safe}.pdf", pdf, "application/pdf")
    return message


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
        from .selectors import position_holder_today  # the post's holder today: a Plt/Plh

        holder = position_holder_today(letter.signer_position)
        signer = holder.user if holder is not None else letter.signer
        notify(
            recipient=signer,
            title=_("Naskah menunggu tanda tangan Anda"),
            body=subject,
            url=url,
            dedupe_key=key,
        )
        inbox_counts_forget(getattr(signer, "pk", None))
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


# ── Incoming letters and dispositions ──

INCOMING_NUMBER_KIND = "surat-masuk"
INCOMING_NUMBER_FORMAT = "{seq}/AGENDA/{unit}/{year}"
MAX_DEPTH = 8


def direct_reports(employee, *, limit: int = 50):
    return organization_selectors.direct_reports(employee, limit=limit)


def employee_for_user_id(user_id: int):
    return organization_selectors.employee_for_user_id(user_id)


def is_below(employee, boss) -> bool:
    """Whether ``boss`` is up ``employee``'s chain of direct supervisors (at most 8 steps)."""
    if employee is None or boss is None or employee.pk == boss.pk:
        return False
    seen, current = {employee.pk}, employee
    for _step in range(MAX_DEPTH):
        current = direct_supervisor(current)
        if current is None or current.pk in seen:
            return False
        if current.pk == boss.pk:
            return True
        seen.add(current.pk)
    return False


def subordinates(employee, *, limit: int = 200) -> list:
    """Everyone below ``employee`` (their reports, their reports' reports…), nearest first."""
    if employee is None:
        return []
    found, seen, level = [], {employee.pk}, [employee]
    for _depth in range(MAX_DEPTH):
        following = []
        for boss in level:
            if boss is not employee and not boss.position.is_head:
                continue  # below the first level only heads lead anyone: spare the queries
            for person in direct_reports(boss, limit=limit):
                if person.pk not in seen:
                    seen.add(person.pk)
                    found.append(person)
                    following.append(person)
        if not following or len(found) >= limit:
            break
        level = following
    return found[:limit]


def agenda_number_reserve(*, unit: str, on: dt.date, incoming_key: str, actor):
    """The next agenda number of the OPD's incoming register, used at once (it is printed on
    the letter's disposition sheet as soon as the clerk registers it)."""
    return document_interfaces.number_reserve(
        kind=INCOMING_NUMBER_KIND,
        unit=unit,
        on=on,
        format=INCOMING_NUMBER_FORMAT,
        source_app=SOURCE_APP,
        source_id=incoming_key,
        actor=actor,
        use=True,
    )


def incoming_subject_for_notice(incoming) -> str:
    if incoming.is_confidential:
        return _("Surat masuk bersifat %(class)s.") % {
            "class": incoming.get_security_class_display()
        }
    return incoming.subject


def incoming_event_notify(incoming, step) -> None:
    """The addressee hears of a registered letter; the clerk of a finished one."""
    from .selectors import inbox_counts_forget

    url = incoming.get_absolute_url()
    subject = incoming_subject_for_notice(incoming)
    key = f"eoffice:in:{incoming.pk}:{step.event.pk}"
    if step.action.name == "register":
        notify(
            recipient=incoming.addressee,
            title=_("Surat masuk menunggu disposisi Anda: %(agenda)s")
            % {"agenda": incoming.agenda_number},
            body=subject,
            url=url,
            dedupe_key=key,
        )
        inbox_counts_forget(incoming.addressee_id)
    elif step.action.name == "complete":
        notify(
            recipient=incoming.registered_by,
            title=_("Surat masuk %(agenda)s selesai ditindaklanjuti")
            % {"agenda": incoming.agenda_number},
            body=subject,
            url=url,
            dedupe_key=key,
        )


def disposition_event_notify(disposition, step) -> None:
    """The recipient hears of a new disposition; the author of a closed one."""
    incoming = disposition.incoming
    url = incoming.get_absolute_url()
    subject = incoming_subject_for_notice(incoming)
    key = f"eoffice:disp:{disposition.pk}:{step.event.pk}"
    name = step.action.name
    if name == "create":
        notify(
            recipient=disposition.recipient,
            title=_("Disposisi untuk Anda: %(agenda)s") % {"agenda": incoming.agenda_number},
            body=subject,
            url=url,
            dedupe_key=key,
        )
    elif name == "close":
        notify(
            recipient=disposition.author,
            title=_("Disposisi selesai: %(name)s") % {"name": disposition.recipient.full_name},
            body=f"{subject}\n{disposition.report[:300]}",
            url=url,
            dedupe_key=key,
        )
    elif name == "withdraw":
        notify(
            recipient=disposition.recipient,
            title=_("Disposisi ditarik: %(agenda)s") % {"agenda": incoming.agenda_number},
            body=subject,
            url=url,
            dedupe_key=key,
        )


def overdue_notify(*, supervisor, disposition) -> None:
    incoming = disposition.incoming
    notify(
        recipient=supervisor,
        title=_("Disposisi terlambat: %(name)s") % {"name": disposition.recipient.full_name},
        body=_("%(subject)s — batas waktu %(date)s.")
        % {
            "subject": incoming_subject_for_notice(incoming),
            "date": format_date_id(disposition.deadline),
        },
        url=incoming.get_absolute_url(),
        dedupe_key=f"eoffice:overdue:{disposition.pk}",
    )


# ── Archive and retention ──

HEAD_OPD_TTL = 600


def head_opd_id(user) -> int | None:
    """The OPD whose root unit ``user`` heads now (None: none) — one query."""
    employee = organization_selectors.employee_for_user(user)
    if (
        employee is not None
        and employee.is_active
        and employee.position.is_head
        and employee.unit.parent_id is None
    ):
        return employee.unit.opd_id
    return None


def head_opd_id_cached(user) -> int | None:
    """``head_opd_id`` at most ten minutes old, from the shared cache: for showing the archive
    menu without a query on every page. Never for a decision: the rules ask ``head_opd_id``."""
    from django.core.cache import cache

    key = f"eoffice:head-opd:1:{user.pk}"
    found = cache.get(key)
    if found is not None:
        return found[0]
    opd_id = head_opd_id(user)
    cache.set(key, (opd_id,), HEAD_OPD_TTL)
    return opd_id


# ── Collaboration ──
# Letters are searched with the catalogue's Indonesian analysis (Sastrawi stems, stop words):
# one analysis for both databases, so a search finds the same letters on SQLite and PostgreSQL.


def search_index_text(*texts: str) -> str:
    return catalogue_selectors.search_index_text(*texts)


def search_query_stems(text: str) -> list[str]:
    return catalogue_selectors.search_query_stems(text)


def opds_active():
    return organization_selectors.opds_active()
