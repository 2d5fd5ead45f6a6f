"""Demo survey answers for the last twelve months, so the public IKM pages show real figures.

Written in bulk (not through ``services.survey_answer``) because the answers are spread over
past months; every row still satisfies the model's constraints. Source ``demo``: idempotent,
a second run adds nothing.
"""

from __future__ import annotations

import datetime as dt
import random
import secrets

from django.db import transaction
from django.utils import timezone

from balaikota.accounts import selectors as account_selectors
from balaikota.catalogue import selectors as catalogue_selectors
from balaikota.organization import selectors as organization_selectors

from .ikm import ELEMENT_CODES
from .models import ImprovementAction, SatisfactionSurvey, SurveyInvitation

SOURCE = "demo"
# Per OPD, how the elements lean: waiting time (u3) and facilities (u8) are the usual weak ones.
WEAK = {"disdukcapil": ("u3",), "dpmptsp": ("u2", "u3"), "bapenda": ("u9",), "dishub": ("u8",)}


def _answer(rng: random.Random, weak: tuple[str, ...]) -> dict[str, int]:
    row = {}
    for code in ELEMENT_CODES:
        weights = (2, 10, 55, 33) if code not in weak else (6, 30, 50, 14)
        row[code] = rng.choices((1, 2, 3, 4), weights=weights)[0]
    if "u4" not in weak:
        row["u4"] = rng.choices((3, 4), weights=(15, 85))[0]  # most services are free
    return row


@transaction.atomic
def satisfaction_demo_seed(*, per_service: int = 30, seed: int = 2026) -> int:
    """Answers for every active service (fewer for the smaller OPDs); returns rows added."""
    if SurveyInvitation.objects.filter(source_app=SOURCE).exists():
        return 0
    rng = random.Random(seed)  # noqa: S311  (demo data)
    now = timezone.now()
    services = list(catalogue_selectors.public_services_active())
    invitations, answers = [], []
    next_id = 1
    for service in services:
        weak = WEAK.get(service.opd.code, ())
        served = per_service + rng.randint(0, per_service)
        for _ in range(served):
            at = now - dt.timedelta(days=rng.randint(0, 364), minutes=rng.randint(0, 600))
            invitation = SurveyInvitation(
                token=secrets.token_urlsafe(32),
                service=service,
                source_app=SOURCE,
                source_id=next_id,
                created_at=at,
                expires_at=at + dt.timedelta(days=30),
            )
            next_id += 1
            invitations.append(invitation)
            if rng.random() < 0.8:  # four in five answer
                invitation.answered_at = at + dt.timedelta(hours=rng.randint(1, 48))
                answers.append((invitation, _answer(rng, weak)))
    SurveyInvitation.objects.bulk_create(invitations, batch_size=1000)
    rows = [
        SatisfactionSurvey(
            service=invitation.service,
            opd_id=invitation.service.opd_id,
            invitation=invitation,
            submitted_at=invitation.answered_at,
            gender=rng.choice(["l", "p", ""]),
            age=rng.choice([None, rng.randint(18, 70)]),
            education=rng.choice(["sma", "s1", "diploma", "smp", ""]),
            occupation=rng.choice(["swasta", "wirausaha", "asn", "lainnya", ""]),
            **values,
        )
        for invitation, values in answers
    ]
    SatisfactionSurvey.objects.bulk_create(rows, batch_size=1000)
    _actions(now.date())
    return len(rows)


def _actions(today: dt.date) -> None:
    opd = organization_selectors.opds_active().filter(code="disdukcapil").first()
    if opd is None:
        return
    author = account_selectors.users_with_role("service_manager", opd_id=opd.pk).first()
    if author is None:
        return
    plans = [
        (
            "u3",
            "Menambah dua loket perekaman KTP-el pada Senin dan Selasa, hari dengan antrean "
            "terpanjang, dan membuka pesan jadwal daring tujuh hari ke depan.",
            ImprovementAction.Status.IN_PROGRESS,
            "",
        ),
        (
            "u8",
            "Mengganti kursi ruang tunggu dan menambah satu kipas angin di kantor kecamatan "
            "dengan nilai sarana terendah.",
            ImprovementAction.Status.DONE,
            "Selesai di Kecamatan Pedurungan dan Genuk.",
        ),
    ]
    for element, text, status, result in plans:
        ImprovementAction.objects.get_or_create(
            opd=opd,
            year=today.year,
            element=element,
            defaults={
                "action": text,
                "status": status,
                "result": result,
                "target_date": dt.date(today.year, 12, 31),
                "created_by": author,
            },
        )
