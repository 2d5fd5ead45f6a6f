"""Who may do what with people's accounts, the access log and the employee import."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
import rules

from balaikota.accounts.models import Role
from balaikota.accounts.permissions import has_role_in_opd_of, user_role_scopes
from balaikota.accounts.services import role_grant, role_revoke
from balaikota.testing.factories import unit_in_opd
from balaikota.testing.matrix import ALL_ROLES, Row, check_row, grant, permission_matrix

ADMIN = {Role.PLATFORM_ADMIN}

ROWS = [
    # A person sees and edits their own account; only the platform admin sees anyone else's.
    *grant("accounts.view_user", whose="own", to=ALL_ROLES),
    *grant("accounts.view_user", whose="other", to=ADMIN),
    *grant("accounts.view_user", whose="own_opd", to=ADMIN),
    *grant("accounts.view_user", whose="other_opd", to=ADMIN),
    *grant("accounts.view_user", whose="none", to=ADMIN),
    *grant("accounts.change_user", whose="own", to=ALL_ROLES),
    *grant("accounts.change_user", whose="other", to=ADMIN),
    *grant("accounts.change_user", whose="own_opd", to=ADMIN),
    *grant("accounts.change_user", whose="other_opd", to=ADMIN),
    *grant("accounts.change_user", whose="none", to=ADMIN),
    # Nobody grants themselves a role; the platform admin grants everyone's.
    *grant("accounts.assign_roles", whose="own", to=ADMIN),
    *grant("accounts.assign_roles", whose="other", to=ADMIN),
    *grant("accounts.assign_roles", whose="own_opd", to=ADMIN),
    *grant("accounts.assign_roles", whose="none", to=ADMIN),
    # The access log and audit trail are read by the platform admin only.
    *grant("core.view_accesslogentry", whose="none", to=ADMIN),
    *grant("core.view_outboxitem", whose="none", to=ADMIN),
    *grant("core.resend_outboxitem", whose="none", to=ADMIN),
    *grant("core.view_audit_trail", whose="none", to=ADMIN),
    # Importing civil servants: platform admin and competency admin (BKPSDM).
    *grant("organization.import_employees", whose="none", to=ADMIN | {Role.COMPETENCY_ADMIN}),
]


@permission_matrix(ROWS)
def test_accounts_permissions(row, request):
    check_row(row, request)


def test_the_matrix_covers_every_role():
    for perm in {row.perm for row in ROWS}:
        for whose in {row.whose for row in ROWS if row.perm == perm}:
            roles = {row.role for row in ROWS if row.perm == perm and row.whose == whose}
            assert roles == set(ALL_ROLES), (perm, whose)


def test_row_ids_read_as_sentences():
    assert Row(Role.CITIZEN, "accounts.view_user", "own", True).id == (
        "citizen-view_user-own-allowed"
    )
    with pytest.raises(ValueError):
        Row(Role.CITIZEN, "accounts.view_user", "mine", True)
    with pytest.raises(ValueError):
        permission_matrix([Row(Role.CITIZEN, "a.b", "own", True)] * 2)


def test_an_object_with_the_same_pk_is_not_yourself(alice):
    impostor = SimpleNamespace(pk=alice.pk)
    assert not alice.has_perm("accounts.view_user", impostor)
    assert alice.has_perm("accounts.view_user", alice)


def test_a_django_superuser_may_do_everything(db):
    from balaikota.testing.factories import UserFactory

    root = UserFactory(is_superuser=True)
    assert root.has_perm("accounts.assign_roles")
    assert root.has_perm("core.view_accesslogentry")


def test_anonymous_visitors_may_do_nothing(bob):
    from django.contrib.auth.models import AnonymousUser

    anonymous = AnonymousUser()
    for perm in {row.perm for row in ROWS}:
        assert not anonymous.has_perm(perm)
        assert not anonymous.has_perm(perm, bob)


# --- has_role_in_opd_of: roles that only count inside one agency -----------------------------

RULE = "tests.serve_unit"


@pytest.fixture
def serve_unit_rule():
    """A rule like later apps will write: the service officer of the object's OPD."""
    rules.add_perm(RULE, has_role_in_opd_of(Role.SERVICE_OFFICER, lambda unit: unit.opd_id))
    yield
    rules.remove_perm(RULE)


def test_service_officer_acts_in_their_own_opd_only(
    staff_with_role, opd, other_opd, serve_unit_rule
):
    officer = staff_with_role(Role.SERVICE_OFFICER)
    assert officer.has_perm(RULE, unit_in_opd(opd))
    assert not officer.has_perm(RULE, unit_in_opd(other_opd))
    assert not officer.has_perm(RULE, None)


def test_the_same_role_in_another_opd_does_not_count(
    staff_with_role, opd, other_opd, serve_unit_rule
):
    verifier_elsewhere = staff_with_role(Role.VERIFIER, in_opd=opd)
    role_grant(user=verifier_elsewhere, role=Role.SERVICE_OFFICER, opd=other_opd)
    assert not verifier_elsewhere.has_perm(RULE, unit_in_opd(opd))
    assert verifier_elsewhere.has_perm(RULE, unit_in_opd(other_opd))


def test_a_new_grant_or_revoke_is_seen_on_the_same_user_object(
    staff_with_role, opd, other_opd, serve_unit_rule
):
    officer = staff_with_role(Role.SERVICE_OFFICER)
    unit_elsewhere = unit_in_opd(other_opd)
    assert not officer.has_perm(RULE, unit_elsewhere)  # caches the scopes on the instance
    role_grant(user=officer, role=Role.SERVICE_OFFICER, opd=other_opd)
    assert officer.has_perm(RULE, unit_elsewhere)
    role_revoke(user=officer, role=Role.SERVICE_OFFICER, opd=other_opd)
    assert not officer.has_perm(RULE, unit_elsewhere)


def test_a_city_wide_grant_counts_in_every_opd(staff_with_role, opd, other_opd):
    leader = staff_with_role(Role.LEADER)
    predicate = has_role_in_opd_of(Role.LEADER, lambda unit: unit.opd_id)
    assert user_role_scopes(leader, Role.LEADER) == {None}
    assert predicate.test(leader, unit_in_opd(opd))
    assert predicate.test(leader, unit_in_opd(other_opd))


def test_an_object_without_an_opd_is_nobody_elses(staff_with_role, serve_unit_rule):
    officer = staff_with_role(Role.SERVICE_OFFICER)
    assert not officer.has_perm(RULE, SimpleNamespace(opd_id=None))
