"""An e-learning programme: passing its course completes the class (ledger, certificate); a
course taken on one's own still earns its JP; a failed post-test earns nothing."""

from decimal import Decimal

import pytest

from balaikota.competency.models import Certificate, Enrolment, LedgerEntry
from balaikota.elearning import services as elearning_services
from balaikota.elearning.tests.factories import (
    correct_answers,
    finish_lessons,
    make_course,
    post_test,
    pre_test,
)

from .factories import ProgrammeFactory, TrainingClassFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _take(user, course, *, right=None):
    attempt = elearning_services.attempt_start(user=user, quiz=pre_test(course))
    elearning_services.attempt_submit(
        user=user, attempt=attempt, answers=correct_answers(attempt, right=0)
    )
    finish_lessons(user, course)
    attempt = elearning_services.attempt_start(user=user, quiz=post_test(course))
    elearning_services.attempt_submit(
        user=user, attempt=attempt, answers=correct_answers(attempt, right=right)
    )


def test_passing_the_course_completes_the_class_with_jp_and_certificate(team):
    from balaikota.competency import services

    course = make_course(title="Keamanan Siber untuk ASN")
    programme = ProgrammeFactory(mode="elearning", jp=Decimal("8"), course=course)
    training_class = TrainingClassFactory(programme=programme)
    enrolment = services.enrolment_add(
        training_class=training_class, employee=team.member, actor=team.admin.user
    )
    _take(team.member.user, course)
    enrolment = Enrolment.objects.get(pk=enrolment.pk)
    assert enrolment.status == "completed"
    assert "Lulus kursus e-learning" in enrolment.events.get(action="complete").reason
    assert LedgerEntry.objects.get(employee=team.member).source_key == f"enrolment:{enrolment.pk}"
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.document.status == "signed"


def test_the_course_on_one_s_own_earns_its_jp_once(team):
    course = make_course(title="Literasi Data")
    ProgrammeFactory(mode="elearning", jp=Decimal("10"), course=course)
    _take(team.peer.user, course)
    entry = LedgerEntry.objects.get(employee=team.peer)
    assert entry.source == "elearning" and entry.jp == Decimal("10")
    assert not Certificate.objects.exists()


def test_a_failed_post_test_earns_nothing(team):
    course = make_course(title="Kursus Gagal")
    ProgrammeFactory(mode="elearning", jp=Decimal("10"), course=course)
    _take(team.peer.user, course, right=0)
    assert not LedgerEntry.objects.exists()
