"""Writes of the satisfaction survey: invite, answer, follow up."""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from balaikota.core.errors import Conflict, Forbidden, InvalidInput, NotFound
from balaikota.notifications import services as notification_services

from .ikm import ELEMENT_CODES, ELEMENTS, SCALE
from .models import ImprovementAction, SatisfactionSurvey, SurveyInvitation

VALID_FOR = dt.timedelta(days=30)
TOPIC = "satisfaction.invitation"


def survey_url(invitation: SurveyInvitation) -> str:
    return reverse("satisfaction:answer", kwargs={"token": invitation.token})


def _notify(invitation: SurveyInvitation) -> None:
    if invitation.recipient_id is None:
        return
    notification_services.notify(
        recipient=invitation.recipient,
        topic=TOPIC,
        title=_("Bagaimana pelayanan kami?"),
        body=_(
            "Layanan %(service)s Anda sudah selesai. Mohon isi survei kepuasan (9 pertanyaan, "
            "1 menit); jawaban Anda tidak menyebut nama dan dipakai untuk memperbaiki layanan."
        )
        % {"service": invitation.service.name},
        url=survey_url(invitation),
        dedupe_key=f"survey:{invitation.pk}",
    )


@transaction.atomic
def survey_invite(*, service, source_app: str, source_id: int, recipient=None) -> SurveyInvitation:
    """Invite the person served by ``source_app``'s item ``source_id`` to the survey of
    ``service``, once: a second call for the same item returns the first invitation."""
    existing = SurveyInvitation.objects.filter(source_app=source_app, source_id=source_id).first()
    if existing is not None:
        return existing
    now = timezone.now()
    try:
        with transaction.atomic():
            invitation = SurveyInvitation.objects.create(
                token=secrets.token_urlsafe(32),
                service=service,
                source_app=source_app,
                source_id=source_id,
                recipient=recipient,
                created_at=now,
                expires_at=now + VALID_FOR,
            )
    except IntegrityError:  # the same item invited at the same moment by another process
        return SurveyInvitation.objects.get(source_app=source_app, source_id=source_id)
    _notify(invitation)
    return invitation


def _clean_answers(answers: Mapping[str, object]) -> dict[str, int]:
    cleaned, errors = {}, {}
    for code, label in ELEMENTS:
        value = answers.get(code)
        try:
            number = int(value) if value not in (None, "") else None
        except (TypeError, ValueError):
            number = None
        if number not in SCALE:
            errors[code] = [_("Pilih salah satu jawaban untuk “%(element)s”.") % {"element": label}]
        else:
            cleaned[code] = number
    if errors:
        raise InvalidInput(errors=errors)
    return cleaned


def invitation_open(token: str, *, lock: bool = False) -> SurveyInvitation:
    """The invitation of ``token`` when it may still be answered; else a clear refusal."""
    invitation = None
    if token and len(token) <= 64:
        rows = SurveyInvitation.objects.select_related("service")
        if lock:
            rows = rows.select_for_update(of=("self",))
        invitation = rows.filter(token=token).first()
    if invitation is None:
        raise NotFound(_("Tautan survei ini tidak dikenal. Periksa kembali tautannya."))
    if invitation.answered_at is not None:
        raise Conflict(
            _("Survei ini sudah diisi. Terima kasih atas jawaban Anda."), code="answered"
        )
    if invitation.expires_at <= timezone.now():
        raise Conflict(_("Masa pengisian survei ini sudah berakhir."), code="expired")
    return invitation


@transaction.atomic
def survey_answer(
    *,
    token: str,
    answers: Mapping[str, object],
    gender: str = "",
    age: int | None = None,
    education: str = "",
    occupation: str = "",
    suggestion: str = "",
) -> SatisfactionSurvey:
    """Record the answer to the invitation ``token``: once (a second submit is refused with
    409, so a double click keeps one answer), within its validity."""
    invitation = invitation_open(token, lock=True)  # two submits at once: the second waits
    cleaned = _clean_answers(answers)
    survey = SatisfactionSurvey(
        service=invitation.service,
        opd_id=invitation.service.opd_id,
        invitation=invitation,
        gender=gender or "",
        age=age,
        education=education or "",
        occupation=occupation or "",
        suggestion=(suggestion or "").strip(),
        **cleaned,
    )
    try:
        survey.full_clean(exclude=["invitation", "service", "opd"])
    except ValidationError as exc:  # the profile fields (age, choices, suggestion length)
        raise InvalidInput(errors=exc.message_dict) from exc
    survey.save()
    invitation.answered_at = survey.submitted_at
    invitation.save(update_fields=["answered_at"])
    return survey


@transaction.atomic
def improvement_action_save(
    *,
    actor,
    opd,
    element: str,
    year: int,
    action: str,
    target_date: dt.date,
    service=None,
    status: str = ImprovementAction.Status.PLANNED,
    result: str = "",
    instance: ImprovementAction | None = None,
) -> ImprovementAction:
    """Create or update an OPD's follow-up on a weak element; only that OPD's public-service
    manager (or the platform admin) may."""
    target = instance.opd if instance is not None else opd
    if not actor.has_perm("satisfaction.manage_improvement", target):
        raise Forbidden(_("Anda tidak mengelola pelayanan publik OPD ini."))
    if element not in ELEMENT_CODES:
        raise InvalidInput(errors={"element": [_("Pilih unsur survei.")]})
    if service is not None and service.opd_id != target.pk:
        raise InvalidInput(errors={"service": [_("Layanan ini bukan milik OPD tersebut.")]})
    if not (action or "").strip():
        raise InvalidInput(errors={"action": [_("Tuliskan tindak lanjutnya.")]})
    if status == ImprovementAction.Status.DONE and not (result or "").strip():
        raise InvalidInput(errors={"result": [_("Tuliskan hasilnya sebelum menandai selesai.")]})
    if instance is None:
        instance = ImprovementAction(opd=target, created_by=actor)
    else:
        instance = ImprovementAction.objects.select_for_update().get(pk=instance.pk)
    instance.service = service
    instance.element = element
    instance.year = year
    instance.action = action.strip()
    instance.target_date = target_date
    instance.status = status
    instance.result = (result or "").strip()
    instance.full_clean()
    instance.save()
    return instance
