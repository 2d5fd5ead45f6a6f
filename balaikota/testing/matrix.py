"""Permission matrices: role × permission × whose object → allowed or not, one test id per row.

Every app tests its ``permissions.py`` as a table. Copy this shape into
``<app>/tests/test_permissions.py``::

    from balaikota.accounts.models import Role
    from balaikota.testing.matrix import ALL_ROLES, Row, check_row, grant, permission_matrix

    def application_of(whose, people):
        # Build the object the row talks about; ``people`` holds actor, opd, other_opd, …
        if whose == "none":
            return None
        owner = people.actor if whose == "own" else people.stranger
        opd = people.other_opd if whose == "other_opd" else people.opd
        return ApplicationFactory(applicant=owner, service__opd=opd)

    ROWS = [
        *grant("civil_registry.view_application", whose="own", to={Role.CITIZEN}),
        *grant("civil_registry.view_application", whose="own_opd",
               to={Role.SERVICE_OFFICER, Role.VERIFIER}),
        *grant("civil_registry.view_application", whose="other_opd", to={Role.LEADER}),
        # A single row, where a table would say nothing more:
        Row(Role.CITIZEN, "civil_registry.approve_application", "own", False),
    ]

    @permission_matrix(ROWS)
    def test_civil_registry_permissions(row, request):
        check_row(row, request, subject=application_of)

Test ids read ``citizen-view_application-own-allowed``; a failing row names itself.

Who acts: ``Role.CITIZEN`` is the ``alice`` fixture; every other role is a civil servant of
``opd`` holding that role (``staff_with_role``), scoped to ``opd`` where the role is OPD-bound.
Whose object ("whose"):

- ``own``       the actor's own object (for a User: the actor)
- ``other``     someone else's (for a User: ``bob``, a citizen)
- ``own_opd``   an object of the actor's OPD (``opd``) that is not the actor's
- ``other_opd`` an object of another OPD (``other_opd``)
- ``none``      no object: the model-level question ``user.has_perm(perm)``

``people.colleague(in_opd=…)`` makes another civil servant for objects that belong to one. (Do
not call ``staff_with_role`` twice for the same OPD in one test: each call makes the OPD's root
unit, and an OPD has one; ``colleague`` and ``factories.unit_in_opd`` avoid that.)
Declare every role for every permission you test (``grant`` does that): a row nobody wrote is a
rule nobody checked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pytest

from balaikota.accounts.models import Role

WHOSE = ("own", "other", "own_opd", "other_opd", "none")
ALL_ROLES: tuple[str, ...] = tuple(Role.values)


@dataclass(frozen=True)
class Row:
    role: str
    perm: str
    whose: str
    allowed: bool

    def __post_init__(self) -> None:
        if self.role not in ALL_ROLES:
            raise ValueError(f"unknown role {self.role!r}")
        if self.whose not in WHOSE:
            raise ValueError(f"whose must be one of {WHOSE}, not {self.whose!r}")
        if "." not in self.perm:
            raise ValueError(f"permission {self.perm!r} must be 'app_label.codename'")

    @property
    def id(self) -> str:
        codename = self.perm.split(".", 1)[1]
        return f"{self.role}-{codename}-{self.whose}-{'allowed' if self.allowed else 'denied'}"


def grant(
    perm: str, *, whose: str, to: Iterable[str], roles: Iterable[str] = ALL_ROLES
) -> list[Row]:
    """One row per role: allowed for the roles in ``to``, denied for every other."""
    allowed = {str(role) for role in to}
    unknown = allowed - set(ALL_ROLES)
    if unknown:
        raise ValueError(f"unknown roles {sorted(unknown)}")
    return [Row(str(role), perm, whose, str(role) in allowed) for role in roles]


def permission_matrix(rows: Iterable[Row]):
    """``pytest.mark.parametrize`` over ``row`` with readable ids; refuses duplicate rows."""
    rows = list(rows)
    seen: dict[tuple[str, str, str], Row] = {}
    for row in rows:
        key = (row.role, row.perm, row.whose)
        if key in seen:
            raise ValueError(f"row declared twice: {row.id} and {seen[key].id}")
        seen[key] = row
    return pytest.mark.parametrize("row", [pytest.param(row, id=row.id) for row in rows])


@dataclass
class People:
    """The people and agencies of one matrix row, built from the conftest fixtures."""

    actor: object
    stranger: object  # bob: a citizen who is not the actor
    opd: object  # the actor's OPD (every staff actor works there)
    other_opd: object

    def colleague(self, *, in_opd=None, role: str = Role.CIVIL_SERVANT):
        """Another civil servant (holding ``role``) of ``opd`` unless told otherwise."""
        from balaikota.accounts.models import OPD_SCOPED_ROLES
        from balaikota.accounts.services import role_grant
        from balaikota.testing.factories import EmployeeFactory, unit_in_opd

        scope = in_opd or self.opd
        user = EmployeeFactory(position__unit=unit_in_opd(scope)).user
        if role != Role.CIVIL_SERVANT:
            role_grant(user=user, role=role, opd=scope if role in OPD_SCOPED_ROLES else None)
        return user


def build_people(row: Row, request: pytest.FixtureRequest) -> People:
    """alice for the citizen role, else ``staff_with_role(row.role)`` in ``opd``."""
    get = request.getfixturevalue
    opd = get("opd")
    if row.role == Role.CITIZEN:
        actor = get("alice")
    else:
        actor = get("staff_with_role")(row.role, in_opd=opd)
    return People(actor=actor, stranger=get("bob"), opd=opd, other_opd=get("other_opd"))


def user_subject(whose: str, people: People):
    """Subjects for permissions on people (accounts.User)."""
    return {
        "own": lambda: people.actor,
        "other": lambda: people.stranger,
        "own_opd": lambda: people.colleague(),
        "other_opd": lambda: people.colleague(in_opd=people.other_opd),
        "none": lambda: None,
    }[whose]()


def check_row(
    row: Row,
    request: pytest.FixtureRequest,
    *,
    subject: Callable[[str, People], object] = user_subject,
) -> None:
    """Build the row's people and object, and assert ``has_perm`` answers as the row says."""
    people = build_people(row, request)
    obj = subject(row.whose, people)
    if row.whose != "none" and obj is None:
        raise ValueError(f"subject() returned None for whose={row.whose!r}")
    actual = people.actor.has_perm(row.perm, obj)
    verb = "may" if actual else "may not"
    assert actual is row.allowed, f"{row.role} {verb} {row.perm} on {row.whose!r} ({obj!r})"
