"""The platform admin's back office comes from a migration: on a database with no demo data
they can manage services, units, positions, people and roles in /admin/, and cannot open
personal data there."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from balaikota.accounts.models import Role
from balaikota.accounts.services import role_grant, role_revoke
from balaikota.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_group_is_granted_by_the_migration_not_the_demo():
    granted = {
        f"{p.content_type.app_label}.{p.codename}"
        for p in Group.objects.get(name=Role.PLATFORM_ADMIN).permissions.select_related(
            "content_type"
        )
    }
    assert {
        "organization.add_unit",
        "organization.change_position",
        "catalogue.change_publicservice",
        "civil_registry.change_servicetype",
        "auth.change_group",
        "accounts.add_roleassignment",
    } <= granted
    assert "accounts.delete_user" not in granted
    assert not {p for p in granted if p.endswith(("_application", "_resident", "_family"))}


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/admin/", 200),
        ("/admin/auth/group/", 200),
        ("/admin/organization/unit/add/", 200),
        ("/admin/organization/position/", 200),
        ("/admin/catalogue/publicservice/", 200),
        ("/admin/civil_registry/servicetype/", 200),
        ("/admin/accounts/user/", 200),
        # personal data is read through the platform's own, access-logged pages
        ("/admin/civil_registry/application/", 403),
        ("/admin/civil_registry/resident/", 403),
        ("/admin/notifications/notification/", 403),
    ],
)
def test_what_the_platform_admin_can_open(client, staff_with_role, path, status):
    client.force_login(staff_with_role(Role.PLATFORM_ADMIN))
    assert client.get(path).status_code == status


def test_the_platform_admin_edits_a_role_group(client, staff_with_role):
    client.force_login(staff_with_role(Role.PLATFORM_ADMIN))
    group = Group.objects.get(name=Role.PLATFORM_ADMIN)
    response = client.get(f"/admin/auth/group/{group.pk}/change/")
    assert response.status_code == 200
    assert "platform_admin" in response.content.decode()


def test_the_platform_admin_cannot_delete_a_person(client, staff_with_role):
    client.force_login(staff_with_role(Role.PLATFORM_ADMIN))
    someone = UserFactory()
    assert client.get(f"/admin/accounts/user/{someone.pk}/delete/").status_code == 403


def test_other_staff_do_not_reach_the_back_office(client, staff_with_role):
    client.force_login(staff_with_role(Role.SERVICE_OFFICER))
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_granting_the_role_opens_the_back_office_and_revoking_closes_it():
    user = UserFactory()
    role_grant(user=user, role=Role.PLATFORM_ADMIN)
    user.refresh_from_db()
    assert user.is_staff and user.has_perm("organization.add_unit")
    role_revoke(user=user, role=Role.PLATFORM_ADMIN)
    user.refresh_from_db()
    assert not user.is_staff
