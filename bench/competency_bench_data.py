"""Competency data at scale for bench/competency_bench.py: 150,000 civil servants (the demo
city's OPDs and units, more people in each) and five years of JP ledger (about five credits a
person a year), with the yearly totals the compliance pages read. Written with COPY: minutes,
not hours. Idempotent: it tops up to the target and says what is there (JSON, last line).

Run by the bench with its production environment:

    .venv/bin/python bench/competency_bench_data.py --employees 150000 --years 5
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balaikota.settings.production")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from balaikota.accounts.models import User  # noqa: E402
from balaikota.competency import services as competency_services  # noqa: E402
from balaikota.competency.models import JpTotal, JpYearTotal, LedgerEntry  # noqa: E402
from balaikota.organization.models import Employee, Position, Rank  # noqa: E402

FORMS = ("training", "bimtek", "webinar", "elearning", "seminar", "coaching", "workshop")
TITLES = (
    "Literasi Digital Dasar untuk ASN",
    "Keamanan Siber untuk ASN",
    "Bekerja dengan E-Office Balai Kota",
    "Webinar Transformasi Digital",
    "Pelayanan Prima di Era Digital",
    "Analisis Data dengan Spreadsheet",
    "Coaching kinerja",
)


def log(message: str) -> None:
    print(f"[data {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _nip(n: int) -> str:
    birth = dt.date(1965, 1, 1) + dt.timedelta(days=n % 12000)
    tmt_year = 1990 + (n // 12000) % 30
    return f"{birth:%Y%m%d}{tmt_year}01{1 + n % 2}{n % 1000:03d}"[:18]


def employees_top_up(target: int) -> int:
    have = Employee.objects.count()
    if have >= target:
        return 0
    positions = list(
        Position.objects.filter(is_head=False).values_list("pk", "unit_id").order_by("pk")
    )
    rank_id = Rank.objects.filter(scheme="pns", code="III/a").values_list("pk", flat=True).first()
    pppk_rank = Rank.objects.filter(scheme="pppk").values_list("pk", flat=True).first()
    rng = random.Random(2026)
    now = timezone.now()
    used = set(User.objects.values_list("username", flat=True))
    rows_user, people = [], []
    n = 0
    while len(people) < target - have:
        n += 1
        nip = _nip(n + 500_000)
        if nip in used:
            continue
        used.add(nip)
        position_id, unit_id = positions[rng.randrange(len(positions))]
        pppk = rng.random() < 0.15
        people.append((nip, position_id, unit_id, pppk))
    log(f"writing {len(people):,} accounts and civil servants")
    with transaction.atomic(), connection.cursor() as cursor:
        with cursor.copy(
            "COPY accounts_user (password, is_superuser, username, is_staff, is_active, "
            "date_joined, full_name, email, kind, nip, phone, role_scopes) FROM STDIN"
        ) as copy:
            for nip, *_rest in people:
                copy.write_row(
                    (
                        "!",
                        False,
                        nip,
                        False,
                        True,
                        now,
                        f"ASN Uji {nip[-6:]}",
                        "",
                        "employee",
                        nip,
                        "",
                        json.dumps({"civil_servant": [None]}),
                    )
                )
        ids = dict(
            User.objects.filter(username__in=[p[0] for p in people]).values_list("username", "pk")
        )
        with cursor.copy(
            "COPY organization_employee (user_id, nip, full_name, employment_type, rank_id, "
            "unit_id, position_id, is_active, created_at, updated_at) FROM STDIN"
        ) as copy:
            for nip, position_id, unit_id, pppk in people:
                copy.write_row(
                    (
                        ids[nip],
                        nip,
                        f"ASN Uji {nip[-6:]}",
                        "pppk" if pppk else "pns",
                        pppk_rank if pppk else rank_id,
                        unit_id,
                        position_id,
                        True,
                        now,
                        now,
                    )
                )
        rows_user = len(people)
    return rows_user


def year_totals_fill() -> None:
    """The yearly totals from the ledger, when the table is new or empty."""
    if JpYearTotal.objects.exists():
        return
    log("summing the yearly totals")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO competency_jpyeartotal (employee_id, year, jp) "
            "SELECT employee_id, year, SUM(jp) FROM competency_ledgerentry GROUP BY employee_id, year"
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE competency_jpyeartotal")


def ledger_top_up(*, years: int, per_year: float) -> int:
    if LedgerEntry.objects.filter(source_key__startswith="bench:").exists():
        return 0
    this_year = timezone.localdate().year
    first = this_year - years + 1
    employees = list(Employee.objects.values_list("pk", flat=True))
    rng = random.Random(7)
    written = 0
    log(f"writing about {int(len(employees) * years * per_year):,} ledger credits")
    with transaction.atomic(), connection.cursor() as cursor:
        with cursor.copy(
            'COPY competency_ledgerentry (employee_id, year, "on", jp, source, source_key, '
            "title, form, created_at) FROM STDIN"
        ) as copy:
            now = timezone.now()
            for employee_id in employees:
                keen = rng.random()  # some learn a lot, some little: every standing shows
                for year in range(first, this_year + 1):
                    last_day = timezone.localdate() if year == this_year else dt.date(year, 12, 31)
                    count = max(0, int(rng.gauss(per_year * (0.4 + keen), 1.5)))
                    for k in range(count):
                        on = dt.date(year, 1, 1) + dt.timedelta(
                            days=rng.randrange((last_day - dt.date(year, 1, 1)).days + 1)
                        )
                        copy.write_row(
                            (
                                employee_id,
                                year,
                                on,
                                rng.choice((2, 3, 4, 6, 8, 12)),
                                "adjustment",
                                f"bench:{employee_id}:{year}:{k}",
                                rng.choice(TITLES),
                                rng.choice(FORMS),
                                now,
                            )
                        )
                        written += 1
        log("summing the yearly and monthly totals")
        cursor.execute("DELETE FROM competency_jptotal")
        cursor.execute("DELETE FROM competency_jpyeartotal")
        cursor.execute(
            "INSERT INTO competency_jptotal (employee_id, year, month, jp) "
            'SELECT employee_id, year, EXTRACT(MONTH FROM "on")::int, SUM(jp) '
            'FROM competency_ledgerentry GROUP BY employee_id, year, EXTRACT(MONTH FROM "on")'
        )
    with connection.cursor() as cursor:
        cursor.execute(
            "ANALYZE competency_ledgerentry; ANALYZE competency_jptotal; ANALYZE organization_employee"
        )
    return written


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--employees", type=int, default=150_000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--per-year", type=float, default=5.0)
    args = parser.parse_args()
    started = time.monotonic()
    competency_services.competency_dictionary_load()
    competency_services.jp_settings_load()
    added = employees_top_up(args.employees)
    credits = ledger_top_up(years=args.years, per_year=args.per_year)
    year_totals_fill()
    competency_services.compliance_months_refresh()
    heavy = (LedgerEntry.objects.values("employee_id").order_by("-employee_id").first() or {}).get(
        "employee_id"
    )
    print(
        json.dumps(
            {
                "employees": Employee.objects.count(),
                "employees_added": added,
                "ledger": LedgerEntry.objects.count(),
                "ledger_added": credits,
                "jp_totals": JpTotal.objects.count(),
                "sample_employee": heavy,
                "seconds": round(time.monotonic() - started, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
