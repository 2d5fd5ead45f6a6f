"""The one place competency development calls the apps beside it: organisation (who supervises
whom) and notifications."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from balaikota.documents import services as document_services
from balaikota.documents.interfaces import (
    OfficialDocument,
    SignatureBlock,
    build_official_pdf,
    format_date_id,
    number_reserve,
)
from balaikota.elearning import interfaces as elearning
from balaikota.notifications import services as notification_services
from balaikota.organization import selectors as organization_selectors

__all__ = ["format_date_id"]

CERTIFICATE_KIND = "sertifikat-kompetensi"
CERTIFICATE_FORMAT = "{seq}/STTPP/{unit}/{year}"

TOPIC = "competency"


def employee_for_user(user):
    return organization_selectors.employee_for_user(user)


def employee_for_user_id(user_id: int):
    return organization_selectors.employee_for_user_id(user_id)


def direct_supervisor(employee):
    return organization_selectors.direct_supervisor(employee)


def employee_by_pk(pk):
    return organization_selectors.employee_by_pk(pk)


def active_employees():
    return organization_selectors.employees_active()


def course_url(course_id: int) -> str:
    return elearning.course_url(course_id)


def course_progress(user, course_id: int):
    return elearning.progress_for(user, [course_id]).get(course_id)


def course_learning(course_id: int):
    return elearning.course_learning(course_id)


def course_options() -> list[tuple[int, str]]:
    return elearning.course_options()


def on_course_completed(callback) -> None:
    elearning.register_completion_listener(callback)


def positions_by_opd_and_name() -> dict[tuple[str, str], list[int]]:
    """(OPD code, position name) → the ids of those positions (an import's lookup)."""
    found: dict[tuple[str, str], list[int]] = {}
    for pk, opd_code, name in organization_selectors.positions_all().values_list(
        "pk", "unit__opd__code", "name"
    ):
        found.setdefault((opd_code, name), []).append(pk)
    return found


def positions_of_opd(opd_id: int):
    return organization_selectors.positions_all().filter(unit__opd_id=opd_id)


def employee_by_nip(nip: str):
    return organization_selectors.employees_active().filter(nip=nip).first()


def opds_active():
    return organization_selectors.opds_active()


def opd_by_code(code: str):
    return organization_selectors.opd_by_code(code)


def notify(user, *, title: str, body: str = "", url: str = "", key: str = "") -> None:
    if user is None:
        return
    notification_services.notify(
        recipient=user, topic=TOPIC, title=title, body=body, url=url, dedupe_key=key
    )


def event_notify(kind: str, obj, step) -> None:
    """The person hears of each decision on their request; the approver of each new request."""
    action = step.action.name
    text = _(step.action.public_text) if step.action.public_text else ""
    if step.action.public_reason and step.event.reason:
        text = f"{text} {_('Alasan')}: {step.event.reason}"
    key = f"{kind}:{obj.pk}:{step.event.pk}"
    if kind == "enrolment":
        title_for = obj.training_class.programme.title
        url = reverse("competency:class", args=[obj.training_class_id])
        if action == "request":
            if obj.approver_id:
                notify(
                    obj.approver.user,
                    title=_("Persetujuan pelatihan: %(name)s") % {"name": obj.employee.full_name},
                    body=_("%(name)s mengajukan %(programme)s.")
                    % {"name": obj.employee.full_name, "programme": title_for},
                    url=reverse("competency:approvals"),
                    key=key,
                )
            return
        notify(obj.employee.user, title=title_for, body=text, url=url, key=key)
    elif kind == "evidence":
        url = reverse("competency:evidence", args=[obj.pk])
        if action == "submit":
            if obj.approver_id:
                notify(
                    obj.approver.user,
                    title=_("Bukti pembelajaran menunggu validasi: %(name)s")
                    % {"name": obj.employee.full_name},
                    body=obj.title,
                    url=reverse("competency:evidence_queue"),
                    key=key,
                )
            return
        notify(obj.employee.user, title=obj.title, body=text, url=url, key=key)
    elif kind == "plan":
        if action == "submit":
            if obj.approver_id:
                notify(
                    obj.approver.user,
                    title=_("Rencana pengembangan menunggu persetujuan: %(name)s")
                    % {"name": obj.employee.full_name},
                    url=reverse("competency:approvals"),
                    key=key,
                )
            return
        notify(
            obj.employee.user,
            title=_("Rencana pengembangan %(year)s") % {"year": obj.year},
            body=text,
            url=reverse("competency:plan"),
            key=key,
        )
    elif kind == "assessment":
        notify(
            obj.employee.user,
            title=_("Penilaian %(competency)s") % {"competency": obj.competency.name},
            body=text,
            url=reverse("competency:profile"),
            key=key,
        )


# --- Certificates through documents ------------------------------------------------------------


def certificate_signer():
    """The head of the issuing OPD (``COMPETENCY_CERTIFICATE_OPD``), or None when vacant."""
    return organization_selectors.head_of_opd(settings.COMPETENCY_CERTIFICATE_OPD)


def certificate_number(*, enrolment_id: int, on: dt.date) -> str:
    """The next number of the issuing OPD's certificate register (runs in the caller's
    transaction; a retry for the same enrolment gets the same number)."""
    opd = organization_selectors.opd_by_code(settings.COMPETENCY_CERTIFICATE_OPD)
    unit = (opd.short_name if opd else settings.COMPETENCY_CERTIFICATE_OPD).upper()
    issued = number_reserve(
        kind=CERTIFICATE_KIND,
        unit=unit,
        on=on,
        format=CERTIFICATE_FORMAT,
        source_app="competency",
        source_id=str(enrolment_id),
        use=True,
    )
    return issued.number


def certificate_pdf(certificate, *, verification_url: str, signer) -> bytes:
    opd = organization_selectors.opd_by_code(settings.COMPETENCY_CERTIFICATE_OPD)
    opd_name = opd.name if opd else "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia"
    rows = [
        ("Nama", certificate.holder_name),
        ("NIP", certificate.holder_nip),
        ("Program", certificate.programme_title),
        ("Waktu pelaksanaan", certificate.period),
        ("Jumlah jam pelajaran", f"{certificate.jp.normalize():f} JP"),
    ]
    if certificate.competencies:
        rows.append(("Kompetensi yang dikembangkan", certificate.competencies))
    document = OfficialDocument(
        title="SERTIFIKAT",
        verification_url=verification_url,
        header_lines=("PEMERINTAH KOTA SEMARANG", opd_name.upper()),
        number=certificate.number,
        rows=rows,
        paragraphs=[
            "Diberikan kepada aparatur sipil negara di bawah ini, yang telah mengikuti dan "
            "dinyatakan lulus program pengembangan kompetensi:",
        ],
        closing_paragraphs=[
            "Jam pelajaran di atas diakui sebagai pengembangan kompetensi menurut PP Nomor 11 "
            "Tahun 2017 sebagaimana telah diubah dengan PP Nomor 17 Tahun 2020, dan tercatat "
            "dalam buku JP pemegangnya.",
        ],
        signature=SignatureBlock(
            place="Semarang",
            date=certificate.issued_on,
            position=(signer.position.name if signer else "Kepala")
            + f" {opd.short_name if opd else ''}".rstrip(),
            name=signer.full_name if signer else "",
            nip=signer.nip if signer else "",
        ),
    )
    return build_official_pdf(document)


def certificate_document(certificate, *, on_created):
    signer = certificate_signer()
    return document_services.document_create(
        kind=CERTIFICATE_KIND,
        number=certificate.number,
        title=f"Sertifikat {certificate.programme_title}",
        subject_name=certificate.holder_name,
        subject_nik_masked="",
        owner=certificate.employee.user,
        source_app="competency",
        source_id=f"certificate:{certificate.pk}",
        build_pdf=lambda url: certificate_pdf(certificate, verification_url=url, signer=signer),
        on_created=on_created,
    )


def certificate_sign(document) -> bool:
    """Sign at once when the signer needs no passphrase (the local PAdES signer); with BSrE the
    document waits for the official. Returns whether it was signed."""
    signer = certificate_signer()
    if signer is None or document_services.signer_requires_passphrase():
        return False
    document_services.document_sign(document=document, signer_user=signer.user)
    return True


def certificate_revoke_document(document, *, actor, reason: str) -> None:
    document_services.document_revoke(document=document, actor=actor, reason=reason)


def register_document_source(*, on_signed, may_download) -> None:
    document_services.register_source("competency", on_signed=on_signed, may_download=may_download)
