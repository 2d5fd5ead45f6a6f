"""The demo seed makes applications in every state through the real services."""

import pytest
from django.core.management import call_command

from balaikota.civil_registry.demo import STATES
from balaikota.civil_registry.models import Application, Status

pytestmark = pytest.mark.django_db


def test_demo_has_every_state(settings, opd, staff_with_role, alice, bob):
    from balaikota.testing.matrix import People

    settings.CIVIL_REGISTRY_OFFICE_CODE = opd.code
    staff_with_role("service_officer")
    People(None, None, opd, None).colleague(role="signing_official")
    People(None, None, opd, None).colleague(role="verifier")
    call_command("seed_civil_registry_demo", per_state=1)
    states = set(Application.objects.values_list("status", flat=True))
    assert set(STATES) <= states
    assert Application.objects.filter(parent__isnull=False, status=Status.SUBMITTED).exists()
    # The demo's birth certificate goes through the verifier: the issued one has both steps.
    issued = Application.objects.get(status=Status.ISSUED, service_type__code="akta-kelahiran")
    actions = list(issued.events.order_by("at", "pk").values_list("action", flat=True))
    assert actions.index("forward") < actions.index("verify") < actions.index("issue")
    call_command("seed_civil_registry_demo")  # a second run adds nothing
    assert Application.objects.count() == len(STATES) + 1
