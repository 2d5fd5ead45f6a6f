"""People the tests talk about: alice and bob are citizens; the rest hold one staff role each."""

import pytest
from hypothesis import settings as hypothesis_settings

from balaikota.accounts.models import OPD_SCOPED_ROLES, Role
from balaikota.accounts.services import role_grant
from balaikota.testing.factories import CitizenFactory, EmployeeFactory, OpdFactory

pytest_plugins = ["balaikota.testing.browser"]

# No timings in tests: hypothesis's 200 ms deadline per example fails on a loaded CI machine.
hypothesis_settings.register_profile("balaikota", deadline=None)
hypothesis_settings.load_profile("balaikota")


@pytest.fixture
def alice(db):
    return CitizenFactory(full_name="Alice Rahmawati", email="alice@contoh.id")


@pytest.fixture
def bob(db):
    return CitizenFactory(full_name="Bob Santoso", email="bob@contoh.id")


@pytest.fixture
def opd(db):
    return OpdFactory(name="Dinas Kependudukan dan Pencatatan Sipil", short_name="Disdukcapil")


@pytest.fixture
def other_opd(db):
    return OpdFactory(
        name="Dinas Komunikasi, Informatika, Statistik dan Persandian", short_name="Diskominfo"
    )


@pytest.fixture
def staff_with_role(db, opd):
    """Make a civil servant of ``opd`` holding ``role`` (scoped to ``opd`` where the role is)."""

    def make(role: str, *, in_opd=None):
        scope = in_opd or opd
        employee = EmployeeFactory(position__unit__opd=scope)
        if role != Role.CIVIL_SERVANT:
            role_grant(
                user=employee.user, role=role, opd=scope if role in OPD_SCOPED_ROLES else None
            )
        return employee.user

    return make


@pytest.fixture(autouse=True)
def _empty_cache():
    """Every test starts with an empty cache: allauth's rate limits, the cached ExtraHoliday
    dates and used TOTP codes would otherwise leak from one test into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
