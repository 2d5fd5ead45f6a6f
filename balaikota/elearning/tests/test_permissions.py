"""E-learning's rules as a matrix: learners see published courses and only their own attempts;
the competency admin sees everyone's results and authors; nobody else."""

import pytest

from balaikota.accounts.models import Role
from balaikota.elearning import services
from balaikota.testing.matrix import ALL_ROLES, check_row, grant, permission_matrix

from .factories import make_course, pre_test

LEARNERS = set(ALL_ROLES) - {Role.CITIZEN}  # every staff role is held by a civil servant


def course_of(whose, people):
    return make_course(published=whose != "other")  # "other": an unpublished course


def attempt_of(whose, people):
    owner = {
        "own": lambda: people.actor,
        "own_opd": lambda: people.colleague(),
        "other_opd": lambda: people.colleague(in_opd=people.other_opd),
        "other": lambda: people.colleague(in_opd=people.other_opd),
    }[whose]()
    return services.attempt_start(user=owner, quiz=pre_test(make_course()))


ROWS = [
    *grant("elearning.learn", whose="none", to=LEARNERS),
    *grant("elearning.view_reports", whose="none", to={Role.COMPETENCY_ADMIN}),
    *grant("elearning.upload_scorm", whose="none", to={Role.COMPETENCY_ADMIN}),
    *grant("elearning.change_course", whose="none", to={Role.COMPETENCY_ADMIN}),
    *grant("elearning.view_answer", whose="none", to={Role.COMPETENCY_ADMIN}),
]
COURSE_ROWS = [
    *grant("elearning.open_course", whose="own", to=LEARNERS),  # "own": a published course
    *grant("elearning.open_course", whose="other", to={Role.COMPETENCY_ADMIN}),  # unpublished
]
ATTEMPT_ROWS = [
    # A citizen never has an attempt of their own (attempt_start refuses them: see below).
    *grant("elearning.view_attempt", whose="own", to=LEARNERS, roles=sorted(LEARNERS)),
    *grant("elearning.view_attempt", whose="own_opd", to={Role.COMPETENCY_ADMIN}),
    *grant("elearning.view_attempt", whose="other_opd", to={Role.COMPETENCY_ADMIN}),
    *grant("elearning.take_attempt", whose="own", to=LEARNERS, roles=sorted(LEARNERS)),
    *grant("elearning.take_attempt", whose="own_opd", to=set()),
]


@permission_matrix(ROWS)
def test_elearning_permissions(row, request):
    check_row(row, request)


@permission_matrix(COURSE_ROWS)
def test_course_permissions(row, request):
    check_row(row, request, subject=course_of)


@permission_matrix(ATTEMPT_ROWS)
def test_attempt_permissions(row, request):
    check_row(row, request, subject=attempt_of)


def test_a_citizen_cannot_start_an_attempt(alice):
    from balaikota.core.errors import NotFound

    with pytest.raises(NotFound):
        services.attempt_start(user=alice, quiz=pre_test(make_course()))
