"""Demo applications in every state, made through the real services (so every one has its
events, notifications, numbers and documents): ``manage.py seed_civil_registry_demo``."""

from __future__ import annotations

import datetime as dt
import io
import random
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from . import services
from .models import Application, Resident, ServiceType, Status
from .seed import FEMALE, MALE, population_seed

STATES = (
    Status.DRAFT,
    Status.SUBMITTED,
    Status.IN_REVIEW,
    Status.AWAITING_VERIFICATION,
    Status.NEEDS_CORRECTION,
    Status.RESUBMITTED,
    Status.AWAITING_SIGNATURE,
    Status.ISSUED,
    Status.REJECTED,
    Status.CANCELLED,
)
BIRTH_DOCS = ("surat_lahir", "ktp_orang_tua", "kk", "buku_nikah")


@dataclass
class DemoResult:
    created: dict[str, int] = field(default_factory=dict)
    skipped: str = ""


def _users_with_role(role: str, office_code: str | None = None):
    users = get_user_model().objects.filter(is_active=True, role_assignments__role=role)
    if office_code:
        users = users.filter(role_assignments__opd__code=office_code)
    return list(users.distinct().order_by("pk")[:20])


def _blank_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _mothers(rng: random.Random, today: dt.date, count: int) -> list[Resident]:
    mothers = list(
        Resident.objects.filter(
            sex="P",
            relationship="pasangan",
            is_alive=True,
            birth_date__gte=today - dt.timedelta(days=40 * 365),
            birth_date__lte=today - dt.timedelta(days=20 * 365),
        )
        .select_related("family")
        .order_by("nik")[: count * 3]
    )
    rng.shuffle(mothers)
    return mothers[:count]


def civil_registry_demo_seed(
    *, per_state: int = 2, seed: int = 2026, office_code: str | None = None, force: bool = False
) -> DemoResult:
    """Birth-certificate applications in every state for the demo citizens, handled by the demo
    officers of Disdukcapil; a few are overdue so the queue shows what is late."""
    result = DemoResult()
    if Application.objects.exists() and not force:
        result.skipped = "Sudah ada permohonan; tidak ada yang ditambahkan."
        return result
    office_code = office_code or getattr(settings, "CIVIL_REGISTRY_OFFICE_CODE", "disdukcapil")
    services.service_types_load()
    # The demo's birth certificate is checked at two levels: officer, then verifier.
    ServiceType.objects.filter(code="akta-kelahiran").update(needs_verification=True)
    if Resident.objects.count() < 500:
        population_seed(residents=2000, seed=seed)
    officers = _users_with_role("service_officer", office_code)
    signers = _users_with_role("signing_official", office_code)
    verifiers = _users_with_role("verifier", office_code)
    citizens = [u for u in _users_with_role("citizen") if u.nik]
    if not officers or not signers or not verifiers or not citizens:
        result.skipped = (
            "Butuh petugas layanan, verifikator dan pejabat penandatangan di kantor "
            f"'{office_code}' serta warga ber-NIK (jalankan seed_demo dulu)."
        )
        return result
    rng = random.Random(seed)  # noqa: S311  (demo data)
    today = timezone.localdate()
    mothers = _mothers(rng, today, per_state * len(STATES))
    pdf = _blank_pdf()
    for index, mother in enumerate(mothers):
        state = STATES[index % len(STATES)]
        citizen = citizens[index % len(citizens)]
        officer = officers[index % len(officers)]
        female = rng.random() < 0.5
        birth = today - dt.timedelta(days=rng.randint(2, 50))
        data = {
            "child_name": f"{rng.choice(FEMALE if female else MALE)} "
            f"{rng.choice(FEMALE if female else MALE)}",
            "child_sex": "P" if female else "L",
            "birth_date": birth.isoformat(),
            "birth_time": f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}",
            "birth_place_kind": rng.choice(["rs", "puskesmas", "rs", "polindes"]),
            "birth_place_name": rng.choice(
                ["RSUD K.R.M.T. Wongsonegoro", "RS Telogorejo", "Puskesmas Halmahera"]
            ),
            "birth_city": "Semarang",
            "birth_order": rng.randint(1, 3),
            "mother_nik": mother.nik,
            "father_nik": mother.family.head.nik if mother.family and mother.family.head else "",
            "marriage_recorded": "ya",
            "kk_number": mother.family.kk_number if mother.family else "",
            "reporter_nik": citizen.nik,
            "reporter_relationship": "keluarga",
        }
        application = services.application_draft_create(
            user=citizen, service_type="akta-kelahiran", data=data, applicant_nik=citizen.nik
        )
        for code in BIRTH_DOCS:
            services.application_document_upload(
                application=application,
                user=citizen,
                requirement_code=code,
                upload=pdf,
                original_name=f"{code}.pdf",
            )
        result.created[state] = result.created.get(state, 0) + 1
        if state == Status.DRAFT:
            continue
        services.application_submit(application=application, user=citizen)
        if state == Status.CANCELLED:
            services.application_cancel(application=application, user=citizen, reason="Demo")
            continue
        if state == Status.SUBMITTED:
            if index % 2:  # some are late: the queue shows them first, marked overdue
                Application.objects.filter(pk=application.pk).update(
                    due_date=today - dt.timedelta(days=3)
                )
            continue
        services.application_claim(application=application, officer=officer)
        if state == Status.IN_REVIEW:
            continue
        if state == Status.REJECTED:
            services.application_reject(
                application=application,
                officer=officer,
                reason="Surat keterangan lahir bukan untuk anak yang dilaporkan.",
            )
            continue
        for flag in application.duplicate_flags.all():
            services.duplicate_decide(flag=flag, officer=officer, decision="not_duplicate")
        if state in (Status.NEEDS_CORRECTION, Status.RESUBMITTED):
            services.application_request_correction(
                application=application,
                officer=officer,
                items=[{"requirement": "kk", "reason": "Foto KK buram; unggah ulang yang jelas."}],
            )
            if state == Status.RESUBMITTED:
                services.application_document_upload(
                    application=application, user=citizen, requirement_code="kk", upload=pdf
                )
                services.application_resubmit(application=application, user=citizen)
            continue
        if application.service_type.needs_verification:
            services.application_forward(application=application, officer=officer)
            if state == Status.AWAITING_VERIFICATION:
                continue
            services.application_verify(
                application=application, verifier=verifiers[index % len(verifiers)]
            )
        else:
            services.application_approve(application=application, officer=officer)
        # The document is rendered after the approval commits (a task); the demo may run inside
        # one long transaction, so make it now (idempotent: a no-op if the task already ran).
        services.application_document_prepare(application_id=application.pk)
        if state == Status.ISSUED:
            services.application_sign(application=application, signer=signers[index % len(signers)])
    return result
