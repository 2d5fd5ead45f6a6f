"""Prepare the civil servant the benchmarks sign in as; print them (and the data size) as JSON.

Run by bench/_common.py with the bench's production environment. It picks the head of the most
populated unit (the heaviest ASN dashboard: employee card, supervisor, team), gives that account a
fresh password, a verified e-mail and a fresh TOTP authenticator. With --fallback (no
`manage.py seed_demo` yet) it first loads Kota Semarang's areas and OPDs and staffs one unit.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balaikota.settings.production")

import django  # noqa: E402

django.setup()

from allauth.account.models import EmailAddress  # noqa: E402
from allauth.mfa.models import Authenticator  # noqa: E402
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.db.models import Count, Q  # noqa: E402

from balaikota.accounts.models import User  # noqa: E402
from balaikota.accounts.services import employee_account_provision  # noqa: E402
from balaikota.organization import selectors as org  # noqa: E402
from balaikota.organization.models import (  # noqa: E402
    Employee,
    Opd,
    Position,
    Rank,
    Unit,
    Village,
)

FALLBACK_TEAM = 8


def _nip(seq: int) -> str:
    # born 1980-01-01, appointed 2005-01, male, sequence: a well-formed NIP
    return f"19800101200501{1}{seq:03d}"


@transaction.atomic
def fallback_data() -> None:
    if not Village.objects.filter(district__regency_id="33.74").exists():
        call_command("load_areas", regency="33.74")
    if not Opd.objects.exists():
        call_command("load_opds")
    if Employee.objects.exists():
        return
    head_position = (
        Position.objects.filter(is_head=True, unit__parent__isnull=False)
        .select_related("unit")
        .order_by("unit__opd__name", "unit__name")
        .first()
    )
    unit = head_position.unit
    rank = Rank.objects.filter(scheme="pns").order_by("order").last()
    people = [("Bench Kepala Bidang", head_position)]
    for n in range(FALLBACK_TEAM):
        position, _ = Position.objects.get_or_create(
            unit=unit, name=f"Analis Bench {n + 1}", defaults={"kind": Position.Kind.EXECUTOR}
        )
        people.append((f"Bench Anggota {n + 1}", position))
    for seq, (name, position) in enumerate(people, start=1):
        user = employee_account_provision(nip=_nip(seq), full_name=name)
        Employee.objects.create(
            user=user,
            nip=user.nip,
            full_name=name,
            employment_type=Employee.EmploymentType.PNS,
            rank=rank,
            unit=unit,
            position=position,
        )


def bench_supervisor() -> Employee:
    units = (
        Unit.objects.annotate(active=Count("employees", filter=Q(employees__is_active=True)))
        .filter(positions__is_head=True, positions__holders__is_active=True)
        .order_by("-active", "pk")
    )
    for unit in units[:20]:
        head = (
            Employee.objects.filter(unit=unit, position__is_head=True, is_active=True)
            .select_related("user", "unit__opd", "position")
            .order_by("full_name", "pk")
            .first()
        )
        if head is not None and org.direct_reports(head, limit=1):
            return head
    raise SystemExit("no unit head with a team in the bench database")


@transaction.atomic
def bench_account(head: Employee) -> dict:
    user: User = head.user
    password = f"Bench-{secrets.token_urlsafe(12)}"  # new every run; printed for the bench only
    user.set_password(password)
    if not user.email:
        user.email = f"bench.{user.nip}@semarangkota.go.id"
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=user.email.lower(), defaults={"verified": True, "primary": True}
    )
    Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return {
        "nip": user.nip or user.username,
        "password": password,
        "totp_secret": secret,
        "full_name": user.full_name,
        "team_size": len(org.direct_reports(head, limit=1000)),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--fallback", action="store_true", help="create minimal data first")
    args = parser.parse_args()
    if args.fallback:
        fallback_data()
    head = bench_supervisor()
    data = {
        "users": User.objects.count(),
        "citizens": User.objects.filter(kind=User.Kind.CITIZEN).count(),
        "employees": Employee.objects.count(),
        "opds": Opd.objects.count(),
        "units": Unit.objects.count(),
        "villages_semarang": Village.objects.filter(district__regency_id="33.74").count(),
    }
    print(json.dumps({"user": bench_account(head), "data": data}))


if __name__ == "__main__":
    main()
