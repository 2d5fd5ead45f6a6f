"""Competency at scale: the compliance view for the whole city and for one OPD, and a person's
JP ledger, over 150,000 civil servants and five years of ledger on PostgreSQL — server time
(the full Django stack, in-process) beside ``/health/ping/`` measured in the same run.

    .venv/bin/python bench/competency_bench.py [--employees 150000] [--years 5] [--requests 60]

Prepares the bench database like the other benches (migrate, seed_demo, static files), then
``bench/competency_bench_data.py`` tops the data up with COPY, then each URL is asked
``--requests`` times after a warm-up, alternating, by Django's test client in one process with
the production settings (MFA for staff is lifted there: it guards the sign-in, not the page).
Figures go to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import PYTHON, ROOT, log, machine, now_local, prepare, versions  # noqa: E402
from _common import doc_section_replace as write_section  # noqa: E402

TARGETS = {"city": 300.0, "opd": 100.0, "ledger": 50.0}


def measure(requests: int, sample_employee: int) -> dict:
    """Runs in a child process with the bench's production environment."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balaikota.settings.production")
    import django

    django.setup()
    from django.db.models import Count
    from django.test import Client

    from balaikota.accounts.models import User
    from balaikota.organization.models import Employee, Opd

    leader = User.objects.get(username="196811201994031008")  # the demo leader (Sekda)
    person = Employee.objects.select_related("user").get(pk=sample_employee)
    biggest = (
        Opd.objects.annotate(n=Count("units__employees")).order_by("-n").values_list("code", "n")
    ).first()
    anonymous, leader_client, own = Client(), Client(), Client()
    leader_client.force_login(leader)
    own.force_login(person.user)
    cases = {
        "ping": (anonymous, "/health/ping/", "ok"),
        "city": (leader_client, "/kompetensi/kepatuhan/", "Kepatuhan JP"),
        "opd": (leader_client, f"/kompetensi/kepatuhan/{biggest[0]}/", "Pegawai"),
        "ledger": (own, "/kompetensi/jp/", "Buku JP saya"),
    }
    for client, path, marker in cases.values():
        for _ in range(5):  # warm: connections, templates, the cache
            response = client.get(path, HTTP_HOST="127.0.0.1")
        body = response.content.decode()
        if response.status_code != 200 or marker not in body:
            raise SystemExit(f"{path} answered {response.status_code}; not measuring it")
    timings: dict[str, list[float]] = {key: [] for key in cases}
    for _ in range(requests):
        for key, (client, path, _marker) in cases.items():
            started = time.perf_counter()
            client.get(path, HTTP_HOST="127.0.0.1")
            timings[key].append((time.perf_counter() - started) * 1000)
    ledger_rows = person.jp_entries.filter(year=time.localtime().tm_year).count()
    return {
        "timings": timings,
        "opd": {"code": biggest[0], "people": biggest[1]},
        "ledger_rows_this_year": ledger_rows,
    }


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--employees", type=int, default=150_000)
    parser.add_argument("--years", type=int, default=5)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument(
        "--skip-seed", action="store_true", help="reuse the demo data already there"
    )
    parser.add_argument("--no-doc", action="store_true")
    parser.add_argument("--measure", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.requests, args.measure)))
        return

    prepared = prepare(skip_seed=args.skip_seed)
    env = prepared.env
    log("topping up competency data (COPY)")
    started = time.monotonic()
    out = subprocess.run(
        [
            PYTHON,
            str(ROOT / "bench" / "competency_bench_data.py"),
            "--employees",
            str(args.employees),
            "--years",
            str(args.years),
        ],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        capture_output=True,
    )
    sys.stderr.write(out.stderr)
    data = json.loads(out.stdout.strip().splitlines()[-1])
    data_seconds = time.monotonic() - started
    log(f"data: {data}")
    measure_env = {**env, "BALAIKOTA_STAFF_MFA_REQUIRED": "false"}
    out = subprocess.run(
        [
            PYTHON,
            str(Path(__file__).resolve()),
            "--measure",
            str(data["sample_employee"]),
            "--requests",
            str(args.requests),
        ],
        cwd=ROOT,
        env=measure_env,
        check=True,
        text=True,
        capture_output=True,
    )
    result = json.loads(out.stdout.strip().splitlines()[-1])
    labels = {
        "ping": "`/health/ping/` (the framework's ceiling)",
        "city": "Compliance, whole city (`/kompetensi/kepatuhan/`)",
        "opd": f"Compliance, one OPD (`/kompetensi/kepatuhan/{result['opd']['code']}/`, "
        f"{result['opd']['people']:,} people, first page)",
        "ledger": f"A person's JP ledger (`/kompetensi/jp/`, {result['ledger_rows_this_year']} "
        "credits this year)",
    }
    rows = []
    ping_p50 = percentile(result["timings"]["ping"], 0.5)
    for key, values in result["timings"].items():
        p50, p95 = percentile(values, 0.5), percentile(values, 0.95)
        target = TARGETS.get(key)
        verdict = (
            "–"
            if target is None
            else ("**met**" if p95 < target else "not met") + f" (< {target:.0f} ms)"
        )
        rows.append(
            f"| {labels[key]} | {p50:.1f} | **{p95:.1f}** | {max(values):.1f} | "
            f"{ping_p50 / p50:.0%} | {verdict} |"
        )
    box, vers = machine(), versions(env)
    invocation = ".venv/bin/python bench/competency_bench.py" + (
        " " + shlex.join(sys.argv[1:]) if sys.argv[1:] else ""
    )
    markdown = f"""
## Competency at 150,000 civil servants (`bench/competency_bench.py`)

Measured {now_local()} with `{invocation}`.

| What | p50 ms | p95 ms | max ms | ping's share (p50) | target (server p95) |
|---|---:|---:|---:|---:|---|
{chr(10).join(rows)}

Server time: each URL asked {args.requests} times after five warm-up requests, the URLs
alternating, by Django's test client in one process through the whole middleware stack
(sessions, authentication, CSRF, the page, its template) with the production settings, on
PostgreSQL `balaikota_bench` — no network and no gunicorn, so the ping row is the framework's
floor measured in the same run. "Ping's share" is the ping's p50 divided by the row's p50.
Compliance reads `JpYearTotal` (one row per person and year, kept with the ledger in the same
transaction), never the ledger itself: one query for the city's OPDs, one for an OPD's units,
one page of people (it summed the monthly `JpTotal` rows per person before: the whole city took
5.8 s and one OPD 330 ms in the first run; an OPD's page then listed 50 people, 105 ms, and
lists 25 since).

- **Data**: {data["employees"]:,} civil servants, {data["ledger"]:,} ledger credits over
  {args.years} years ({data["jp_totals"]:,} monthly totals), written by
  `bench/competency_bench_data.py` with COPY (140 s for the first 3 million credits; {data_seconds:.0f} s
  this run, which only checked they were there); the demo city's OPDs and
  units ({prepared.seeded_with}).
- **Machine**: {box["nproc"]} CPUs ({box["cpu"]}), {box["memory"]} RAM, Linux {box["kernel"]}.
- **Versions**: commit {vers["commit"]}; Python {vers["python"]}, Django {vers["django"]},
  psycopg {vers["psycopg"]}, PostgreSQL {vers["postgresql"]}.
- Quiz submission under load (Locust, 50 users): `bench/quiz_bench.py`, its own section.
"""
    print(markdown)
    if not args.no_doc:
        write_section("competency_bench", markdown)


if __name__ == "__main__":
    main()
