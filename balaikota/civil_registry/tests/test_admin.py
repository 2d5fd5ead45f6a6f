"""The admin pages of civil registration open (service types are configured there)."""

import pytest
from django.urls import reverse

from balaikota.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

MODELS = [
    "servicetype",
    "application",
    "applicationevent",
    "resident",
    "family",
    "correctionrequest",
    "duplicateflag",
    "servicelocation",
    "appointmentslot",
    "appointment",
]


def test_admin_pages_open(client, service_types):
    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    for model in MODELS:
        response = client.get(reverse(f"admin:civil_registry_{model}_changelist"))
        assert response.status_code == 200, model
    from balaikota.civil_registry.models import ServiceType

    birth = ServiceType.objects.get(code="akta-kelahiran")
    response = client.get(reverse("admin:civil_registry_servicetype_change", args=[birth.pk]))
    assert response.status_code == 200
    assert b"sptjm_kelahiran" in response.content
