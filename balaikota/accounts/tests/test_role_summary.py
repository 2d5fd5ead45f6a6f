"""The account's role summary (``User.role_scopes``) answers every role check of a request with
the account's own row: it must say exactly what the role rows say, after every kind of write."""

from __future__ import annotations

import pytest
from django.db import connection

from balaikota.accounts.models import Role, RoleAssignment, User, role_scopes_refresh
from balaikota.accounts.services import role_grant, role_revoke
from balaikota.testing.factories import unit_in_opd


def _from_rows(user) -> dict[str, frozenset]:
    scopes: dict[str, set] = {}
    for role, opd_id in RoleAssignment.objects.filter(user=user).values_list("role", "opd_id"):
        scopes.setdefault(role, set()).add(opd_id)
    return {role: frozenset(ids) for role, ids in scopes.items()}


def _fresh(user) -> User:
    return User.objects.get(pk=user.pk)


def test_grants_and_revokes_are_in_the_summary_at_once(staff_with_role, opd, other_opd):
    officer = staff_with_role(Role.SERVICE_OFFICER)
    role_grant(user=officer, role=Role.SERVICE_OFFICER, opd=other_opd)
    role_grant(user=officer, role=Role.LEADER)
    expected = {
        Role.CIVIL_SERVANT: frozenset({None}),
        Role.SERVICE_OFFICER: frozenset({opd.pk, other_opd.pk}),
        Role.LEADER: frozenset({None}),
    }
    assert _from_rows(officer) == expected
    assert _fresh(officer).role_scope_map() == expected
    assert officer.role_scope_map() == expected  # the instance the service was given, too

    role_revoke(user=officer, role=Role.SERVICE_OFFICER, opd=opd)
    role_revoke(user=officer, role=Role.LEADER)
    assert _fresh(officer).role_scope_map() == {
        Role.CIVIL_SERVANT: frozenset({None}),
        Role.SERVICE_OFFICER: frozenset({other_opd.pk}),
    }
    assert not _fresh(officer).has_role(Role.LEADER)


def test_a_stale_account_saved_later_does_not_bring_back_a_revoked_role(staff_with_role, opd):
    officer = staff_with_role(Role.SERVICE_OFFICER)
    stale = _fresh(officer)  # e.g. a request that loaded the account before the revoke
    assert stale.has_perm("civil_registry.create_assisted_application")

    role_revoke(user=_fresh(officer), role=Role.SERVICE_OFFICER, opd=opd)
    stale.full_name = "Nama Diperbarui"
    stale.save()  # a full save of every field…
    stale.save(update_fields=["full_name", "role_scopes"])  # …or one that names the summary

    reloaded = _fresh(officer)
    assert reloaded.full_name == "Nama Diperbarui"
    assert not reloaded.has_role(Role.SERVICE_OFFICER)
    assert not reloaded.has_perm("civil_registry.create_assisted_application")


def _edit_roles_in_the_admin(client, person, *, delete: set[str] = frozenset(), add=()):
    """Post the user admin's change form for ``person``: their role rows kept, those of
    ``delete`` ticked for deletion, ``add`` — (role, opd or None) — as new rows."""
    existing = list(RoleAssignment.objects.filter(user=person).order_by("pk"))
    assert client.get(f"/admin/accounts/user/{person.pk}/change/").status_code == 200
    form = {
        "username": person.username,
        "full_name": person.full_name,
        "email": person.email,
        "kind": person.kind,
        "nik": "",
        "nip": person.nip or "",
        "phone": "",
        "is_active": "on",
        "last_login_0": "",
        "last_login_1": "",
        "date_joined_0": "2026-01-05",
        "date_joined_1": "08:00:00",
        "role_assignments-TOTAL_FORMS": str(len(existing) + len(add)),
        "role_assignments-INITIAL_FORMS": str(len(existing)),
        "role_assignments-MIN_NUM_FORMS": "0",
        "role_assignments-MAX_NUM_FORMS": "1000",
    }
    if person.is_staff:
        form["is_staff"] = "on"
    for i, row in enumerate(existing):
        form |= {
            f"role_assignments-{i}-id": str(row.pk),
            f"role_assignments-{i}-user": str(person.pk),
            f"role_assignments-{i}-role": row.role,
            f"role_assignments-{i}-opd": str(row.opd_id or ""),
        }
        if row.role in delete:
            form[f"role_assignments-{i}-DELETE"] = "on"
    for j, (role, opd) in enumerate(add, start=len(existing)):
        form |= {
            f"role_assignments-{j}-user": str(person.pk),
            f"role_assignments-{j}-role": role,
            f"role_assignments-{j}-opd": str(opd.pk) if opd else "",
        }
    response = client.post(f"/admin/accounts/user/{person.pk}/change/", form)
    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.fixture
def superuser_client(client, db):
    from balaikota.testing.factories import UserFactory

    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_a_role_edited_in_the_back_office_is_in_the_summary(superuser_client, staff_with_role, opd):
    officer = staff_with_role(Role.SERVICE_OFFICER)
    _edit_roles_in_the_admin(
        superuser_client, officer, delete={Role.SERVICE_OFFICER}, add=[(Role.LEADER, None)]
    )
    expected = {Role.CIVIL_SERVANT: frozenset({None}), Role.LEADER: frozenset({None})}
    assert _from_rows(officer) == expected
    assert _fresh(officer).role_scope_map() == expected
    groups = set(_fresh(officer).groups.values_list("name", flat=True))
    assert Role.LEADER in groups and Role.SERVICE_OFFICER not in groups


def test_a_platform_admin_made_in_the_back_office_may_enter_it_and_leaves_it_with_the_role(
    superuser_client, staff_with_role
):
    person = staff_with_role(Role.CIVIL_SERVANT)
    assert not person.is_staff
    _edit_roles_in_the_admin(superuser_client, person, add=[(Role.PLATFORM_ADMIN, None)])
    person = _fresh(person)
    assert person.is_staff and person.groups.filter(name=Role.PLATFORM_ADMIN).exists()
    assert person.has_perm("organization.view_opd")  # the group's permissions (migration 0003)

    _edit_roles_in_the_admin(superuser_client, person, delete={Role.PLATFORM_ADMIN})
    person = _fresh(person)
    assert not person.is_staff
    assert not person.groups.filter(name=Role.PLATFORM_ADMIN).exists()


def test_the_migration_fills_the_summary_from_the_rows(staff_with_role, opd):
    from importlib import import_module

    from django.apps import apps

    officer = staff_with_role(Role.SERVICE_OFFICER)
    User.objects.filter(pk=officer.pk).update(role_scopes={})
    assert not _fresh(officer).has_role(Role.SERVICE_OFFICER)
    migration = import_module("balaikota.accounts.migrations.0005_user_role_scopes")
    migration.fill(apps, None)
    assert _fresh(officer).role_scope_map() == _from_rows(officer)


def test_the_role_checks_of_a_request_ask_no_query_of_their_own(
    staff_with_role, opd, django_assert_num_queries
):
    officer = _fresh(staff_with_role(Role.SERVICE_OFFICER))
    with django_assert_num_queries(0):
        assert officer.is_staff_role
        assert officer.has_role(Role.SERVICE_OFFICER)
        assert officer.role_scope_map()[Role.SERVICE_OFFICER] == {opd.pk}
        assert not officer.has_role(Role.LEADER)


def test_the_home_page_names_each_role_and_its_opd(client, staff_with_role, opd, other_opd):
    officer = staff_with_role(Role.SERVICE_OFFICER)
    role_grant(user=officer, role=Role.VERIFIER, opd=other_opd)
    role_grant(user=officer, role=Role.LEADER)
    client.force_login(officer)
    html = client.get("/").content.decode()
    assert "Petugas layanan @ Dinas Kependudukan dan Pencatatan Sipil" in html
    assert "Verifikator @ Dinas Komunikasi, Informatika, Statistik dan Persandian" in html
    assert ">Pimpinan<" in html

    role_revoke(user=officer, role=Role.VERIFIER, opd=other_opd)
    other_opd.name = "Dinas Komunikasi dan Informatika"
    other_opd.save()
    opd.name = "Disdukcapil Kota Semarang"
    opd.save()
    html = client.get("/").content.decode()
    assert "Verifikator" not in html
    assert "Petugas layanan @ Disdukcapil Kota Semarang" in html


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
def test_two_grants_at_once_both_reach_the_summary(opd, other_opd):
    from balaikota.testing.concurrency import run_together
    from balaikota.testing.factories import EmployeeFactory

    for _round in range(3):
        user = EmployeeFactory(position__unit=unit_in_opd(opd)).user
        results = run_together(
            [
                lambda u=user: role_grant(user=_fresh(u), role=Role.SERVICE_OFFICER, opd=opd),
                lambda u=user: role_grant(user=_fresh(u), role=Role.VERIFIER, opd=other_opd),
                lambda u=user: role_grant(user=_fresh(u), role=Role.LEADER),
            ]
        )
        assert all(isinstance(r, RoleAssignment) for r in results), results
        assert _fresh(user).role_scope_map() == _from_rows(user)
        assert set(_fresh(user).role_codes) >= {
            Role.SERVICE_OFFICER,
            Role.VERIFIER,
            Role.LEADER,
        }
    assert role_scopes_refresh(user.pk) == _fresh(user).role_scopes  # a refresh changes nothing
