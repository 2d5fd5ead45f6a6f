"""Applications in /admin/: not for the platform admin (they read them through the officers'
pages, which log each view); a superuser (break-glass) may, and each record opened is logged."""

from __future__ import annotations

import pytest

from balaikota.accounts.models import Role
from balaikota.core.models import AccessLogEntry
from balaikota.testing.factories import UserFactory

from .test_views_citizen import submitted

pytestmark = pytest.mark.django_db


def test_a_superuser_opening_an_application_in_the_admin_is_logged(
    client, citizen, family, service_types
):
    application = submitted(citizen, family)
    root = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(root)

    response = client.get(f"/admin/civil_registry/application/{application.pk}/change/")

    assert response.status_code == 200
    entry = AccessLogEntry.objects.get(actor=root)
    assert entry.object_id == str(application.pk)
    assert entry.subject == citizen
    assert entry.purpose == "Dibuka di halaman admin"


def test_the_platform_admin_does_not_open_it_there(
    client, citizen, family, service_types, staff_with_role
):
    application = submitted(citizen, family)
    client.force_login(staff_with_role(Role.PLATFORM_ADMIN))
    url = f"/admin/civil_registry/application/{application.pk}/change/"
    assert client.get(url).status_code == 403
    assert not AccessLogEntry.objects.exists()
