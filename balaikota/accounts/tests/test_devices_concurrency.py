"""Phones signing in at the same moment (PostgreSQL: real row locks, threads with their own
connections) never take a person past the device limit."""

import pytest
from django.db import connection

from balaikota.accounts import services
from balaikota.accounts.models import Device, Role
from balaikota.core.errors import Conflict
from balaikota.testing.concurrency import run_together

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def test_six_phones_at_once_make_five_devices(settings, staff_with_role):
    settings.BALAIKOTA_DEVICE_LIMIT = 5
    ratna = staff_with_role(Role.CIVIL_SERVANT)
    results = run_together(
        [
            lambda n=n: services.device_register(user=ratna, name=f"Ponsel {n}", with_mfa=False)
            for n in range(6)
        ]
    )
    refused = [r for r in results if isinstance(r, Exception)]
    assert len(refused) == 1 and isinstance(refused[0], Conflict), results
    assert refused[0].code == "device_limit"
    assert Device.objects.filter(user=ratna, ended_at__isnull=True).count() == 5
