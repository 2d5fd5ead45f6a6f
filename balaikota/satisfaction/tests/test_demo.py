"""The demo answers: realistic figures on the public pages, loaded once."""

import pytest

from balaikota.catalogue.tests.factories import PublicServiceFactory
from balaikota.satisfaction import selectors
from balaikota.satisfaction.demo import satisfaction_demo_seed

pytestmark = pytest.mark.django_db


def test_the_demo_fills_a_year_of_answers_once(opd):
    PublicServiceFactory(opd=opd)
    PublicServiceFactory(opd=opd)
    added = satisfaction_demo_seed(per_service=20)
    assert added > 0
    assert satisfaction_demo_seed(per_service=20) == 0
    total = selectors.ikm_total(selectors.Period(selectors.current_period().year - 1))
    this_year = selectors.ikm_total(selectors.current_period())
    assert total.respondents + this_year.respondents == added
    assert 25 <= (this_year.ikm or total.ikm) <= 100
