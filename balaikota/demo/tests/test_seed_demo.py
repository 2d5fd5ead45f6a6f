"""seed_demo: a deterministic demo city that a second run leaves exactly as it was."""

from collections import Counter
from pathlib import Path

import pytest
from allauth.account.models import EmailAddress
from auditlog.models import LogEntry
from django.conf import settings
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command

from balaikota.accounts.models import Device, Role, RoleAssignment, User
from balaikota.core.identity import parse_nik, parse_nip
from balaikota.demo.logins import DEMO_ACCOUNTS, demo_accounts_markdown
from balaikota.organization.models import Employee, Opd, Position, Unit, Village
from balaikota.organization.selectors import direct_supervisor

DOCS = Path(settings.BASE_DIR) / "docs" / "demo-accounts.md"


def _seed():
    call_command("seed_demo", "--areas=semarang", stdout=open("/dev/null", "w"))  # noqa: SIM115


def _snapshot() -> dict:
    return {
        "users": sorted(User.objects.values_list("username", "password", "email", "full_name")),
        "employees": sorted(
            Employee.objects.values_list(
                "nip", "full_name", "rank_id", "position_id", "supervisor_override_id"
            )
        ),
        "roles": sorted(RoleAssignment.objects.values_list("user_id", "role", "opd_id")),
        "emails": EmailAddress.objects.count(),
        "opds": Opd.objects.count(),
        "units": Unit.objects.count(),
        "positions": Position.objects.count(),
        "villages": Village.objects.count(),
        "audit": LogEntry.objects.count(),
        "devices": sorted(Device.objects.values_list("user_id", "name", "ended_at")),
    }


def test_the_demo_city(db, client):
    _seed()

    employees = list(Employee.objects.select_related("user", "rank", "position", "unit__opd"))
    citizens = list(User.objects.filter(kind=User.Kind.CITIZEN))
    assert len(employees) == 300 and len(citizens) == 50
    assert Village.objects.filter(district__regency_id="33.74").count() == 177

    # Employees: valid NIPs, ranks matching the employment type, ~15% PPPK, heads are PNS.
    kinds = Counter(e.employment_type for e in employees)
    assert kinds["pppk"] == 45
    for e in employees:
        nip = parse_nip(e.nip)
        assert e.rank.scheme == e.employment_type
        assert e.position.unit_id == e.unit_id
        assert e.user.username == e.nip and e.user.has_role(Role.CIVIL_SERVANT)
        if e.position.is_head:
            assert e.employment_type == "pns"
        assert (nip.tmt_year - nip.birth_date.year) >= 18
    assert len({e.user.email for e in employees}) == 300
    # Every head post of the showcase agencies is filled; every OPD head too.
    for code in ("disdukcapil", "diskominfo", "bkpsdm", "setda"):
        heads = Position.objects.filter(unit__opd__code=code, is_head=True)
        assert all(h.holders.exists() for h in heads), code
    for opd in Opd.objects.all():
        assert Employee.objects.filter(
            unit__opd=opd, unit__parent__isnull=True, position__is_head=True
        ).exists(), opd
    # Everyone below an OPD head has a supervisor.
    without = [e for e in employees if direct_supervisor(e) is None]
    assert all(e.position.is_head and e.unit.parent_id is None for e in without)
    assert Employee.objects.filter(unit__opd__code="disdukcapil").count() >= 20

    # Citizens: valid Semarang NIKs (women +40 on the day), verified e-mail.
    for citizen in citizens:
        nik = parse_nik(citizen.nik)
        assert nik.district_code.startswith("33.74.")
        assert citizen.has_role(Role.CITIZEN)
        assert EmailAddress.objects.filter(
            user=citizen, email=citizen.email, verified=True
        ).exists()

    # One demo account per role, and each one can sign in with the demo password.
    password = settings.BALAIKOTA_DEMO_PASSWORD
    assert {a.role for a in DEMO_ACCOUNTS} == set(Role)
    for account in DEMO_ACCOUNTS:
        user = authenticate(username=account.login, password=password)
        assert user is not None, account.login
        assert user.has_role(account.role)
        if account.opd_scoped:
            assert RoleAssignment.objects.filter(
                user=user, role=account.role, opd__code=account.opd
            ).exists()
    assert authenticate(username=DEMO_ACCOUNTS[0].login, password="salah-sandi") is None

    # The platform admin runs the Django admin without being a superuser.
    admin = User.objects.get(
        username=next(a.login for a in DEMO_ACCOUNTS if a.role == Role.PLATFORM_ADMIN)
    )
    assert admin.is_staff and not admin.is_superuser
    client.force_login(admin)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/organization/employee/").status_code == 200
    assert not User.objects.filter(is_superuser=True).exists()
    # The competency admin may import civil servants.
    competency = User.objects.get(
        username=next(a.login for a in DEMO_ACCOUNTS if a.role == Role.COMPETENCY_ADMIN)
    )
    assert competency.has_perm("organization.import_employees")

    # The demo civil servant's phone is signed in to the app (her profile lists it).
    ratna = User.objects.get(
        username=next(a.login for a in DEMO_ACCOUNTS if a.role == Role.CIVIL_SERVANT)
    )
    client.force_login(ratna)
    assert "Android Ratna" in client.get("/akun/profil/").content.decode()


def test_running_the_seed_twice_changes_nothing(db):
    _seed()
    first = _snapshot()
    _seed()
    assert _snapshot() == first


def test_the_docs_list_the_demo_accounts():
    text = DOCS.read_text()
    assert demo_accounts_markdown(settings.BALAIKOTA_DEMO_PASSWORD) in text


def test_the_seed_refuses_production_settings_without_force(settings):
    settings.SETTINGS_MODULE = "balaikota.settings.production"
    with pytest.raises(CommandError, match="--force"):
        call_command("seed_demo", "--areas=none")


def test_the_demo_city_publishes_the_civil_registration_catalogue(db, client):
    _seed()
    page = client.get("/layanan/akta-kelahiran/")
    assert page.status_code == 200
    assert "Gratis" in page.content.decode()
