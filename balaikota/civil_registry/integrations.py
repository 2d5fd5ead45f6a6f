"""The one place civil registration calls the apps built beside it: documents, notifications,
the service catalogue and the organisation. If their APIs move, only this module changes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from balaikota.accounts import selectors as account_selectors
from balaikota.catalogue import selectors as catalogue_selectors
from balaikota.documents import interfaces as document_interfaces
from balaikota.documents import services as document_services
from balaikota.documents.interfaces import OfficialDocument, SignatureBlock, build_official_pdf
from balaikota.notifications import services as notification_services
from balaikota.organization import selectors as organization_selectors
from balaikota.satisfaction import services as satisfaction_services

DISDUKCAPIL_CODE = "disdukcapil"


def verified_email(user) -> str:
    """The applicant's verified e-mail address ('' when none): where a new PIN may go."""
    return account_selectors.verified_email(user)


def verified_phone(user) -> str:
    """The applicant's verified phone number ('' when none): a new PIN's link goes there too."""
    return account_selectors.verified_phone(user)


def notify(
    *,
    recipient,
    title: str,
    body: str,
    url: str = "",
    dedupe_key: str = "",
    topic: str = "civil_registry.status",
    essential: bool = False,
) -> None:
    if recipient is None:
        return
    notification_services.notify(
        recipient=recipient,
        topic=topic,
        essential=essential,
        title=title,
        body=body,
        url=url,
        dedupe_key=dedupe_key,
    )


def document_create(
    *,
    kind: str,
    number: str,
    title: str,
    subject_name: str,
    subject_nik: str,
    owner,
    source_id: str,
    build_pdf: Callable[[str], bytes],
    actor=None,
    on_created: Callable | None = None,
):
    return document_services.document_create(
        kind=kind,
        number=number,
        title=title,
        subject_name=subject_name,
        subject_nik_masked=subject_nik,  # documents masks a full NIK itself
        owner=owner,
        source_app="civil_registry",
        source_id=str(source_id),
        build_pdf=build_pdf,
        actor=actor,
        on_created=on_created,
    )


def document_sign_request(*, document, signer_user):
    """Mark the document "being signed" (in the caller's transaction)."""
    return document_services.document_sign_request(document=document, signer_user=signer_user)


def document_sign_perform(*, document_id: int, passphrase: str | None = None):
    """Make the signature (after the request committed; no lock held while the signer works)."""
    return document_services.document_sign_perform(document_id=document_id, passphrase=passphrase)


def signer_requires_passphrase() -> bool:
    return document_services.signer_requires_passphrase()


def number_take(
    *, kind: str, unit: str, on: dt.date, format: str, context: dict, source_id: str, actor
) -> str:
    """The next gap-free number of the register (kind, unit, year), used at once (in the
    caller's transaction: a rolled-back approval gives its number back)."""
    number = document_interfaces.number_reserve(
        kind=kind,
        unit=unit,
        on=on,
        format=format,
        context=context,
        source_app="civil_registry",
        source_id=source_id,
        actor=actor,
        use=True,
    )
    if number.state != "used":  # a retry found the number reserved earlier: use it now
        number = document_interfaces.number_use(number=number)
    return number.number


def number_render(fmt: str, *, seq: int, on: dt.date, kind: str, unit: str, context: dict) -> str:
    return document_interfaces.number_render(
        fmt, seq=seq, on=on, kind=kind, unit=unit, year=on.year, context=context
    )


def sequence_next(*, kind: str, unit: str = "", year: int = 0, start_from: int = 0) -> int:
    return document_interfaces.sequence_next(kind=kind, unit=unit, year=year, start_from=start_from)


def official_pdf_builder(spec, *, number: str, office_name: str, issued_on: dt.date, signer=None):
    """A ``build_pdf(verification_url)`` for ``documents.document_create`` from a handler's
    ``DocumentSpec``. With ``signer`` (the official who signs) the block under the signature
    carries their name and NIP; before signing, the office's signing title stands there."""
    from .handlers import signer_title

    def build(verification_url: str) -> bytes:
        return official_pdf(
            title=spec.title,
            verification_url=verification_url,
            number=number,
            rows=spec.rows,
            paragraphs=spec.paragraphs,
            office_name=office_name,
            signer_position=f"Pejabat Pencatatan Sipil, {office_name}",
            signer_name=(signer.full_name if signer is not None else "") or signer_title(),
            signer_nip=(getattr(signer, "nip", "") or "") if signer is not None else "",
            issued_on=issued_on,
        )

    return build


def official_pdf(
    *,
    title: str,
    verification_url: str,
    number: str,
    rows: list[tuple[str, str]],
    paragraphs: list[str],
    office_name: str,
    signer_position: str,
    signer_name: str,
    issued_on: dt.date,
    signer_nip: str = "",
) -> bytes:
    document = OfficialDocument(
        title=title,
        verification_url=verification_url,
        header_lines=("PEMERINTAH KOTA SEMARANG", office_name.upper()),
        number=number,
        rows=rows,
        paragraphs=paragraphs,
        signature=SignatureBlock(
            place="Semarang",
            date=issued_on,
            position=signer_position,
            name=signer_name,
            nip=signer_nip,
        ),
    )
    return build_official_pdf(document)


def receipt_pdf(
    *,
    title: str,
    tracking_url: str,
    tracking_number: str,
    rows: list[tuple[str, str]],
    paragraphs: list[str],
    office_name: str,
) -> bytes:
    """An unsigned receipt (e-Kitir) whose QR code opens the tracking page."""
    document = OfficialDocument(
        title=title,
        verification_url=tracking_url,
        verification_code=tracking_number,
        header_lines=("PEMERINTAH KOTA SEMARANG", office_name.upper()),
        number=tracking_number,
        number_label="Nomor lacak",
        rows=rows,
        paragraphs=paragraphs,
        footer=(
            "Tanda terima ini bukan dokumen kependudukan. Pindai kode QR atau buka alamat di atas "
            "untuk melihat status permohonan dengan nomor lacak dan PIN."
        ),
    )
    return build_official_pdf(document)


def qr_png(text: str, *, box_size: int = 5) -> bytes:
    return document_interfaces.qr_png(text, box_size=box_size)


def register_document_source(
    *, on_signed, on_signing_failed, may_download, render_for_signer=None
) -> None:
    document_services.register_source(
        "civil_registry",
        on_signed=on_signed,
        on_signing_failed=on_signing_failed,
        may_download=may_download,
        render_for_signer=render_for_signer,
    )


def survey_invite(application) -> None:
    """Invite the applicant of an issued application to the satisfaction survey (once)."""
    service = application.service_type.public_service
    if service is None:
        return
    satisfaction_services.survey_invite(
        service=service,
        source_app="civil_registry",
        source_id=application.pk,
        recipient=application.citizen,
    )


def catalogue_service(slug: str):
    return catalogue_selectors.public_service_by_slug(slug, include_inactive=True)


def office_by_code(code: str):
    return organization_selectors.opds_active().filter(code=code).first()


def district_office(district_code: str):
    """The kecamatan office serving ``district_code``."""
    return (
        organization_selectors.opds_active()
        .filter(kind="kecamatan", district_id=district_code)
        .first()
    )


def district_offices():
    return list(organization_selectors.opds_active().filter(kind="kecamatan").order_by("code"))


def district_known(district_code: str) -> bool:
    return (
        organization_selectors.districts_of(district_code[:5]).filter(code=district_code).exists()
    )


def village_known(village_code: str) -> bool:
    return organization_selectors.villages_of(village_code[:5]).filter(code=village_code).exists()


def village_codes_of(regency_code: str) -> list[str]:
    return list(organization_selectors.villages_of(regency_code).values_list("code", flat=True))


def supervisor_user(user):
    """The account of ``user``'s direct supervisor (atasan langsung), or None."""
    employee = organization_selectors.employee_for_user(user)
    if employee is None:
        return None
    boss = organization_selectors.direct_supervisor(employee)
    return boss.user if boss is not None else None
