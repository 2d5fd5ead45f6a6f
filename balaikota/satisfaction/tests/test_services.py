"""Invitations and answers: once per completed application, once per invitation, in time."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.utils import timezone

from balaikota.core.errors import Conflict, InvalidInput, NotFound
from balaikota.notifications.models import Notification
from balaikota.satisfaction import selectors, services
from balaikota.satisfaction.models import SatisfactionSurvey, SurveyInvitation
from balaikota.testing.concurrency import run_together

from .factories import answered, invitation_for

pytestmark = pytest.mark.django_db


def test_an_invitation_is_made_once_per_item_and_notifies_the_person(alice):
    first = invitation_for(recipient=alice, source_id=7)
    again = services.survey_invite(
        service=first.service, source_app="test", source_id=7, recipient=alice
    )
    assert again.pk == first.pk and SurveyInvitation.objects.count() == 1
    notice = Notification.objects.get(recipient=alice, topic=services.TOPIC)
    assert notice.url.endswith(f"/survei/{first.token}/")
    assert first.service.name in notice.body


def test_an_answer_is_kept_once_and_a_second_is_refused():
    invitation = invitation_for()
    survey = answered(invitation, 4)
    assert survey.answers == [4] * 9 and survey.opd_id == invitation.service.opd_id
    with pytest.raises(Conflict) as refused:
        answered(invitation, 1)
    assert refused.value.code == "answered"
    assert SatisfactionSurvey.objects.count() == 1


def test_answers_outside_1_to_4_or_missing_are_refused_with_a_message_per_element():
    invitation = invitation_for()
    with pytest.raises(InvalidInput) as refused:
        services.survey_answer(token=invitation.token, answers={"u1": 5, "u2": "x", "u3": 3})
    errors = refused.value.field_errors
    assert set(errors) == {"u1", "u2", "u4", "u5", "u6", "u7", "u8", "u9"}
    assert "Persyaratan" in errors["u1"][0]
    assert SatisfactionSurvey.objects.count() == 0


def test_an_unknown_or_expired_invitation_is_refused():
    with pytest.raises(NotFound):
        services.survey_answer(token="tidak-ada", answers={})
    invitation = invitation_for()
    with (
        time_machine.travel(timezone.now() + dt.timedelta(days=31)),
        pytest.raises(Conflict) as refused,
    ):
        answered(invitation)
    assert refused.value.code == "expired"


def test_the_ikm_of_a_period_counts_its_answers_and_the_people_served(opd):
    from balaikota.catalogue.tests.factories import PublicServiceFactory

    service = PublicServiceFactory(opd=opd)
    for i, value in enumerate([4, 4, 3], start=1):
        answered(invitation_for(service, source_id=i), value)
    invitation_for(service, source_id=99)  # served, not answered
    period = selectors.current_period()
    total = selectors.ikm_total(period, opd=opd)
    assert (total.respondents, total.population) == (3, 4)
    assert total.ikm == Decimal("91.67")  # (4 + 4 + 3) / 3 × 25 = 91.666…
    assert total.grade == "A" and not total.is_reliable  # 4 served need 4 answers
    [row] = selectors.ikm_by_opd(period)
    assert row.key == opd.code and row.result.ikm == total.ikm
    [by_service] = selectors.ikm_by_service(period, opd=opd)
    assert by_service.key == service.slug
    last_year = selectors.Period(period.year - 1)
    assert selectors.ikm_total(last_year, opd=opd).respondents == 0


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
@pytest.mark.django_db(transaction=True)
def test_two_submits_at_once_keep_one_answer():
    invitation = invitation_for()
    results = run_together([lambda: answered(invitation, 4), lambda: answered(invitation, 2)])
    assert sorted(type(r).__name__ for r in results) == ["Conflict", "SatisfactionSurvey"]
    assert SatisfactionSurvey.objects.count() == 1


def test_a_wrong_profile_is_refused_with_its_field_and_the_invitation_stays_open():
    invitation = invitation_for()
    with pytest.raises(InvalidInput) as refused:
        services.survey_answer(
            token=invitation.token, answers={f"u{i}": 3 for i in range(1, 10)}, age=5
        )
    assert "age" in refused.value.field_errors
    assert SatisfactionSurvey.objects.count() == 0
    assert answered(invitation, 4).age is None  # answered afterwards, once
