"""Civil registration with 1 million applications: the officer queue, a citizen's status page,
submissions with uploads (Locust, 50 users) and PDF generation + signing per document.

Not a test: a bounded measurement on loopback, recorded in docs/benchmarks.md.

    .venv/bin/python bench/civil_registry_bench.py [--count 1000000] [--duration 60] [--users 50]
        [--sign 50] [--fresh] [--skip-seed] [--no-doc]

Creates or reuses the PostgreSQL database balaikota_bench (rebuilt when its tables do not match
the models, or with --fresh), migrates, runs seed_demo --force (service types, population
register, counters, demo applications), tops the bulk applications up to --count with
seed_applications, VACUUM ANALYZE, then:

1. EXPLAIN ANALYZE of the queries behind both pages (var/bench/civil_registry_explain.txt);
2. approve (registration number + PDF) and sign (PAdES, pyHanko) --sign applications in-process,
   each timed;
3. gunicorn with production settings on 127.0.0.1 (Redis cache, --workers sync workers, access
   log with each request's time), the demo officer signed in with NIP + password + TOTP, the demo
   citizen with e-mail + password, and Locust headless for each scenario: a warm-up, then
   --users users for --duration seconds. Server time comes from gunicorn's access log (%(D)s,
   the time from the request read to the response written, queueing before a worker excluded).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import secrets
import shlex
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (  # noqa: E402
    BENCH_VAR,
    CONN_MAX_AGE,
    DB_NAME,
    PG_ADMIN_URL,
    PYTHON,
    ROOT,
    VENV_BIN,
    Gunicorn,
    _Session,
    ensure_database,
    log,
    machine,
    manage,
    now_local,
    production_env,
    totp_now,
    versions,
    wait_for_quiet,
)
from _common import doc_section_replace as write_section  # noqa: E402

HELPER = ROOT / "bench" / "civil_registry_bench_data.py"
LOCUSTFILE = ROOT / "bench" / "locust_civil_registry.py"
OUT = BENCH_VAR / "civil_registry"
DB_URL = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{DB_NAME}"
ACCESS_FORMAT = "%(m)s %(U)s %(s)s %(D)s"
SIGNER_NIP = "197406151999031005"  # the demo signing official (docs/demo-accounts.md)
TARGETS = {"queue": 150.0, "status": 50.0, "sign": 300.0}


# --- Data ------------------------------------------------------------------------------------


def schema_matches(env: dict[str, str]) -> bool:
    """True when every model's table exists (a changed, already-applied migration leaves holes)."""
    code = (
        "from django.apps import apps; from django.db import connection;"
        "have=set(connection.introspection.table_names());"
        "need={m._meta.db_table for m in apps.get_models() if m._meta.managed};"
        "missing=sorted(need-have); print('MISSING', ','.join(missing))"
    )
    out = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        text=True,
        capture_output=True,
        check=True,
    ).stdout
    missing = out.split("MISSING", 1)[1].strip()
    if missing:
        log(f"tables missing from {DB_NAME}: {missing[:200]}")
    return not missing


def sql(statement: str, *, fetch: bool = True):
    import psycopg

    with psycopg.connect(DB_URL, autocommit=True) as conn:
        cursor = conn.execute(statement)
        return cursor.fetchall() if fetch else None


def prepare(args) -> tuple[dict[str, str], dict]:
    BENCH_VAR.mkdir(parents=True, exist_ok=True)
    OUT.mkdir(parents=True, exist_ok=True)
    env = production_env(os.environ.get("BENCH_SECRET_KEY") or bench_secret_key())
    timings: dict[str, float] = {}
    if ensure_database(fresh=args.fresh):
        log(f"created database {DB_NAME}")
    manage(env, "migrate", "--noinput", "-v", "0")
    if not schema_matches(env):
        log(f"{DB_NAME} does not match the models: rebuilding it")
        ensure_database(fresh=True)
        manage(env, "migrate", "--noinput", "-v", "0")
    if not args.skip_seed:
        manage(env, "seed_demo", "--force")
        manage(env, "collectstatic", "--noinput", "-v", "0")
        bulk = sql(
            "SELECT count(*) FROM civil_registry_application WHERE tracking_number LIKE 'KP-B%%'"
        )[0][0]
        if bulk < args.count:
            started = time.monotonic()
            manage(env, "seed_applications", "--count", str(args.count - bulk), "--batch", "10000")
            timings["seed_applications_s"] = time.monotonic() - started
            timings["seeded_rows"] = args.count - bulk
        else:
            log(f"{bulk:,} bulk applications already there: not seeding")
        started = time.monotonic()
        log("VACUUM ANALYZE")
        sql("VACUUM ANALYZE", fetch=False)
        timings["vacuum_analyze_s"] = time.monotonic() - started
    # The officials' signing keys are encrypted with SECRET_KEY: issue the signing official a
    # certificate under this one (the newest active certificate is the one used).
    manage(env, "signing_ca", "init")
    manage(env, "signing_ca", "issue", "--user", SIGNER_NIP)
    return env, timings


def bench_secret_key() -> str:
    """One SECRET_KEY kept across runs (var/bench/civil_registry/secret_key, mode 600)."""
    path = OUT / "secret_key"
    if not path.exists():
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


def helper(env: dict[str, str], *argv: str, timeout: int = 900) -> dict:
    log("bench/civil_registry_bench_data.py " + " ".join(argv))
    out = subprocess.run(
        [PYTHON, str(HELPER), *argv],
        cwd=ROOT,
        env=env,
        check=False,
        text=True,
        capture_output=True,
        timeout=timeout,
    )
    if out.returncode != 0:
        raise SystemExit(f"{HELPER.name} {' '.join(argv)} failed:\n{out.stderr[-4000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


# --- Serving ---------------------------------------------------------------------------------


class LoggedGunicorn(Gunicorn):
    """bench/_common's gunicorn plus an access log with each request's time in microseconds."""

    access_log = OUT / "access.log"

    @property
    def argv(self) -> list[str]:
        return super().argv + [
            "--access-logfile",
            str(self.access_log),
            "--access-logformat",
            ACCESS_FORMAT,
        ]

    def command(self) -> str:
        return (
            super()
            .command()
            .replace(str(self.access_log), "var/bench/civil_registry/access.log")
            .replace(ACCESS_FORMAT, shlex.quote(ACCESS_FORMAT))
        )


def sign_in(base_url: str, login: str, password: str, totp_secret: str = "") -> dict[str, str]:
    session = _Session(base_url)
    status, location = session.post_form("/accounts/login/", {"login": login, "password": password})
    if totp_secret:
        if status != 302 or not location or "/2fa/" not in location:
            raise SystemExit(f"sign-in of {login} did not ask for the code: {status} → {location}")
        status, location = session.post_form(location, {"code": totp_now(totp_secret)})
    if status != 302 or "sessionid" not in session.cookies:
        raise SystemExit(f"sign-in of {login} failed: {status} → {location}")
    return session.cookies


def cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{k}={v}" for k, v in cookies.items() if k in ("sessionid", "csrftoken"))


def check(session_cookies: dict[str, str], base_url: str, path: str, marker: str) -> int:
    session = _Session(base_url)
    session.cookies = dict(session_cookies)
    status, location, body = session.request("GET", path)
    if status != 200 or marker not in body:
        raise SystemExit(f"{path} answered {status} ({location}) without {marker!r}")
    return len(body.encode())


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def server_times(log_path: Path, offset: int, patterns: dict[str, tuple[str, str]]) -> dict:
    """p50/p95 of the access log's request times since ``offset``, per (method, path regex)."""
    with log_path.open() as handle:
        handle.seek(offset)
        lines = handle.read().splitlines()
    found: dict[str, dict] = {}
    for key, (method, regex) in patterns.items():
        pattern = re.compile(regex)
        ms, statuses = [], {}
        for line in lines:
            parts = line.split()
            if len(parts) != 4 or parts[0] != method or not pattern.fullmatch(parts[1]):
                continue
            statuses[parts[2]] = statuses.get(parts[2], 0) + 1
            ms.append(int(parts[3]) / 1000)
        found[key] = {
            "n": len(ms),
            "p50": percentile(ms, 0.50),
            "p95": percentile(ms, 0.95),
            "p99": percentile(ms, 0.99),
            "statuses": statuses,
        }
    return found


def locust(
    scenario: str, base_url: str, env: dict[str, str], *, users: int, rate: int, duration: int
) -> tuple[dict, str]:
    prefix = OUT / f"locust_{scenario}"
    argv = [
        str(VENV_BIN / "locust"),
        "-f",
        str(LOCUSTFILE),
        "--headless",
        "-u",
        str(users),
        "-r",
        str(rate),
        "-t",
        f"{duration}s",
        "--host",
        base_url,
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "WARNING",
        "--stop-timeout",
        "0",  # stop at -t: what completed within the run is what counts
    ]
    log(f"locust {scenario}: {users} users for {duration}s")
    run_env = {**env, "BENCH_SCENARIO": scenario}
    subprocess.run(
        argv, cwd=ROOT, env=run_env, check=False, capture_output=True, timeout=duration + 120
    )
    rows = {}
    with (Path(str(prefix) + "_stats.csv")).open() as handle:
        for row in csv.DictReader(handle):
            rows[row["Name"]] = {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "rps": float(row["Requests/s"]),
                "p50": float(row["50%"] or "nan"),
                "p95": float(row["95%"] or "nan"),
                "p99": float(row["99%"] or "nan"),
            }
    failures_csv = Path(str(prefix) + "_failures.csv")
    failures = failures_csv.read_text() if failures_csv.exists() else ""
    command = (
        f"BENCH_SCENARIO={scenario} locust -f bench/locust_civil_registry.py --headless "
        f"-u {users} -r {rate} -t {duration}s --host http://127.0.0.1:PORT "
        f"--csv var/bench/civil_registry/locust_{scenario}"
    )
    return {"rows": rows, "failures": failures.strip()}, command


# --- Report ----------------------------------------------------------------------------------


def verdict(value: float, target: float) -> str:
    return (
        f"**met** ({value:.0f} < {target:.0f} ms)"
        if value < target
        else (f"**not met** ({value:.0f} ≥ {target:.0f} ms)")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1_000_000, help="bulk applications (1M)")
    parser.add_argument("--duration", type=int, default=60, help="seconds per Locust run (60)")
    parser.add_argument("--warmup", type=int, default=10, help="seconds of warm-up per run (10)")
    parser.add_argument("--users", type=int, default=50, help="Locust users (50)")
    parser.add_argument("--spawn-rate", type=int, default=10, help="users started per second")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers (4)")
    parser.add_argument("--sign", type=int, default=50, help="documents approved and signed (50)")
    parser.add_argument(
        "--scenarios", default="ping,queue,status,submit", help="Locust scenarios to run, in order"
    )
    parser.add_argument(
        "--solo", type=int, default=20, help="seconds of a 1-user run of queue and status (20)"
    )
    parser.add_argument(
        "--wait-idle",
        type=float,
        default=120,
        help="wait up to this many seconds for a 1-min load average below 1 (120)",
    )
    parser.add_argument(
        "--idle-threshold", type=float, default=1.0, help="load average that counts as quiet"
    )
    parser.add_argument("--skip-seed", action="store_true", help="reuse the data already there")
    parser.add_argument("--fresh", action="store_true", help="drop balaikota_bench first")
    parser.add_argument("--no-doc", action="store_true", help="print only; leave the doc alone")
    args = parser.parse_args()
    started_at = now_local()

    env, prep = prepare(args)
    data = helper(env, "accounts")
    explain = helper(env, "explain")

    results: dict[str, dict] = {}
    commands: list[str] = []
    scenarios = [s for s in args.scenarios.split(",") if s]
    submit_json = OUT / "submit.json"
    submit_json.write_text(
        json.dumps(
            {
                "run": "".join(secrets.choice("abcdefghij") for _ in range(6)).capitalize(),
                "citizen_nik": data["citizen"]["nik"],
                "mothers": data["mothers"],
                "template": {
                    "child_sex": "L",
                    "birth_date": time.strftime(
                        "%Y-%m-%d", time.localtime(time.time() - 5 * 86400)
                    ),
                    "birth_time": "08:30",
                    "birth_place_kind": "rs",
                    "birth_place_name": "RSUD K.R.M.T. Wongsonegoro",
                    "birth_city": "Semarang",
                    "birth_order": 1,
                    "marriage_recorded": "ya",
                    "reporter_nik": data["citizen"]["nik"],
                    "reporter_relationship": "keluarga",
                },
            }
        )
    )
    status_pk = data["status_application"]["pk"]
    patterns = {
        "ping": {"ping": ("GET", r"/health/ping/")},
        "queue": {"queue page": ("GET", r"/kependudukan/petugas/")},
        "status": {
            "status page": ("GET", r"/kependudukan/permohonan/\d+/"),
            "status API": ("GET", r"/api/v1/kependudukan/applications/\d+/"),
        },
        "submit": {
            "draft": ("POST", r"/api/v1/kependudukan/applications/"),
            "upload": ("POST", r"/api/v1/kependudukan/applications/\d+/documents/"),
            "submit": ("POST", r"/api/v1/kependudukan/applications/\d+/submit/"),
        },
    }
    wait_for_quiet(args.wait_idle, args.idle_threshold)
    load_at_start = os.getloadavg()[0]
    signing = helper(env, "sign", str(args.sign)) if args.sign else None
    if signing:
        log(
            f"approve p50 {signing['approve_ms']['p50']:.0f} ms, sign p50 "
            f"{signing['sign_ms']['p50']:.0f} ms (p95 {signing['sign_ms']['p95']:.0f})"
        )
    with LoggedGunicorn(env, workers=args.workers) as server:
        officer = data["officer"]
        citizen = data["citizen"]
        officer_cookies = sign_in(
            server.base_url, officer["login"], officer["password"], officer["totp_secret"]
        )
        citizen_cookies = sign_in(server.base_url, citizen["login"], citizen["password"])
        sizes = {
            "queue": check(officer_cookies, server.base_url, "/kependudukan/petugas/", "antrean"),
            "status": check(
                citizen_cookies, server.base_url, f"/kependudukan/permohonan/{status_pk}/", "KP-"
            ),
        }
        locust_env = {
            **os.environ,
            "BENCH_OFFICER_COOKIE": cookie_header(officer_cookies),
            "BENCH_CITIZEN_COOKIE": cookie_header(citizen_cookies),
            "BENCH_CITIZEN_CSRF": citizen_cookies.get("csrftoken", ""),
            "BENCH_STATUS_PK": str(status_pk),
            "BENCH_SUBMIT_JSON": str(submit_json),
        }
        load = {}
        for scenario in scenarios:
            if args.warmup and scenario != "submit":
                locust(
                    scenario, server.base_url, locust_env, users=10, rate=10, duration=args.warmup
                )
            offset = server.access_log.stat().st_size
            load_before = os.getloadavg()[0]
            result, command = locust(
                scenario,
                server.base_url,
                locust_env,
                users=args.users,
                rate=args.spawn_rate,
                duration=args.duration,
            )
            load[scenario] = (load_before, os.getloadavg()[0])
            time.sleep(1)
            result["server"] = server_times(server.access_log, offset, patterns[scenario])
            results[scenario] = result
            commands.append(command)
            for key, figures in result["server"].items():
                log(
                    f"  {key}: server p50 {figures['p50']:.1f} ms, p95 {figures['p95']:.1f} ms "
                    f"(n={figures['n']}, {figures['statuses']})"
                )
        # One user, no contention: what one request costs when the machine is not saturated.
        solo = [s for s in scenarios if s in ("ping", "queue", "status")] if args.solo else []
        for scenario in solo:
            offset = server.access_log.stat().st_size
            result, _command = locust(
                scenario, server.base_url, locust_env, users=1, rate=1, duration=args.solo
            )
            time.sleep(1)
            result["server"] = server_times(server.access_log, offset, patterns[scenario])
            results[f"{scenario}_solo"] = result
        gunicorn_command = server.command()
    after = helper(env, "accounts")["counts"]
    report = {
        "prep": prep,
        "data": data,
        "after": after,
        "explain": explain,
        "signing": signing,
        "results": results,
        "sizes": sizes,
        "load": load,
        "load_at_start": load_at_start,
    }
    (OUT / "report.json").write_text(json.dumps(report, indent=1, default=str))
    markdown = render(args, report, commands, gunicorn_command, started_at, env)
    print(markdown)
    if not args.no_doc:
        write_section("civil_registry_bench", markdown)


def _row(
    label: str, client: dict | None, server: dict, target: float | None, ceiling: float = 0
) -> str:
    """One line of the table; ``ceiling``: the req/s of /health/ping/ with as many users."""
    share = f"{client['rps'] / ceiling:.0%}" if client and ceiling else "–"
    c50 = f"{client['p50']:.0f}" if client else "–"
    c95 = f"{client['p95']:.0f}" if client else "–"
    rps = f"{client['rps']:.1f}" if client else "–"
    fails = f"{client['failures']}" if client else "–"
    goal = verdict(server["p95"], target) if target else "–"
    return (
        f"| {label} | {server['p50']:.1f} | **{server['p95']:.1f}** | {server['p99']:.1f} | "
        f"{c50} | {c95} | {rps} | {share} | {server['n']:,} | {fails} | {goal} |"
    )


def render(args, report, commands, gunicorn_command, started_at, env) -> str:
    data, results, signing = report["data"], report["results"], report["signing"]
    counts = data["counts"]
    box = machine()
    vers = versions(env)
    invocation = ".venv/bin/python bench/civil_registry_bench.py" + (
        " " + shlex.join(sys.argv[1:]) if sys.argv[1:] else ""
    )
    rows = []

    def ping_rps(key: str) -> float:
        client = results.get(key, {}).get("rows", {}).get("ping: /health/ping/")
        return client["rps"] if client else 0.0

    ceiling, solo_ceiling = ping_rps("ping"), ping_rps("ping_solo")
    if "ping" in results:
        r = results["ping"]
        rows.append(
            _row(
                "`/health/ping/` (the framework's ceiling: the smallest response through the "
                "full middleware stack)",
                r["rows"].get("ping: /health/ping/"),
                r["server"]["ping"],
                None,
                ceiling,
            )
        )
    if "queue" in results:
        r = results["queue"]
        client = r["rows"].get("queue: /kependudukan/petugas/")
        rows.append(
            _row(
                f"Officer queue, first page (`/kependudukan/petugas/`, "
                f"{data['queue_rows']:,} open rows in scope)",
                client,
                r["server"]["queue page"],
                TARGETS["queue"],
                ceiling,
            )
        )
    if "status" in results:
        r = results["status"]
        rows.append(
            _row(
                "Citizen status page (`/kependudukan/permohonan/<pk>/`)",
                r["rows"].get("status: /kependudukan/permohonan/<pk>/"),
                r["server"]["status page"],
                TARGETS["status"],
                ceiling,
            )
        )
        rows.append(
            _row(
                "Citizen status, API (`GET /api/v1/kependudukan/applications/<pk>/`)",
                r["rows"].get("status: /api/v1/kependudukan/applications/<pk>/"),
                r["server"]["status API"],
                TARGETS["status"],
                ceiling,
            )
        )
    solo_labels = {
        "ping_solo": [("ping", "ping: /health/ping/", "`/health/ping/`")],
        "queue_solo": [
            ("queue page", "queue: /kependudukan/petugas/", "Officer queue, first page")
        ],
        "status_solo": [
            ("status page", "status: /kependudukan/permohonan/<pk>/", "Citizen status page"),
            (
                "status API",
                "status: /api/v1/kependudukan/applications/<pk>/",
                "Citizen status, API",
            ),
        ],
    }
    for key, entries in solo_labels.items():
        if key not in results:
            continue
        for server_key, name, label in entries:
            target = {"queue_solo": TARGETS["queue"], "status_solo": TARGETS["status"]}.get(key)
            rows.append(
                _row(
                    f"{label}, **1 user** (no contention, {args.solo} s)",
                    results[key]["rows"].get(name),
                    results[key]["server"][server_key],
                    target,
                    solo_ceiling,
                )
            )
    submit_text = ""
    if "submit" in results:
        r = results["submit"]
        steps = [
            ("draft", "submit 1: POST applications/ (draft)", "1. create the draft (JSON)"),
            (
                "upload",
                "submit 2: POST applications/<pk>/documents/ (upload)",
                "2. upload one file (×4: 2 PDF, 2 PNG)",
            ),
            (
                "submit",
                "submit 3: POST applications/<pk>/submit/",
                "3. submit with Idempotency-Key",
            ),
        ]
        for key, name, label in steps:
            rows.append(
                _row(
                    f"Submission step {label}",
                    r["rows"].get(name),
                    r["server"][key],
                    None,
                    ceiling,
                )
            )
        submitted = r["server"]["submit"]["statuses"].get("201", 0)
        per_s = submitted / args.duration
        submit_text = (
            f"**Submissions: {per_s:.1f} applications/s** ({submitted:,} submitted with 201 in "
            f"{args.duration} s by {args.users} users, each application = 1 draft + 4 uploads + "
            f"1 submit = 6 requests; failures: "
            f"{r['rows'].get('Aggregated', {}).get('failures', 0)} of "
            f"{r['rows'].get('Aggregated', {}).get('requests', 0):,} requests)."
        )
    sign_text = ""
    if signing:
        a, s, t = signing["approve_ms"], signing["sign_ms"], signing["total_ms"]
        d, g = signing["decision_ms"], signing["document_ms"]
        sign_text = f"""
| Per document ({s["n"]} birth certificates, in-process on PostgreSQL) | p50 ms | p95 ms | max ms | first ms |
|---|---:|---:|---:|---:|
| `application_verify` (what the verifier waits for; the birth certificate has two levels of review, the officer's forward is not timed): gap-free number, child's NIK, the decision | {d["p50"]:.0f} | {d["p95"]:.0f} | {d["max"]:.0f} | {d["first"]:.0f} |
| `application_document_prepare` (after the commit, a worker's task): the birth-certificate PDF | {g["p50"]:.0f} | {g["p95"]:.0f} | {g["max"]:.0f} | {g["first"]:.0f} |
| approval + document together | {a["p50"]:.0f} | {a["p95"]:.0f} | {a["max"]:.0f} | {a["first"]:.0f} |
| `application_sign`: "being signed" (one short transaction), PAdES signature outside any lock (pyHanko, `{signing["signer_backend"]}` signer), then issue, register update, family-card follow-up (a second short transaction) | {s["p50"]:.0f} | **{s["p95"]:.0f}** | {s["max"]:.0f} | {s["first"]:.0f} |
| both (generation + signing) | {t["p50"]:.0f} | **{t["p95"]:.0f}** | {t["max"]:.0f} | {t["first"]:.0f} |

Signing target (< {TARGETS["sign"]:.0f} ms per document): signing alone p95 {verdict(s["p95"], TARGETS["sign"])}; generation + signing p95 {verdict(t["p95"], TARGETS["sign"])}.
"""
    explain_rows = []
    for label, queries in report["explain"]["queries"].items():
        for q in queries:
            explain_rows.append(
                f"| {label} | `{q['sql'][:110].replace('|', '/')}…` | {q['planning_ms']:.2f} | "
                f"{q['execution_ms']:.2f} |"
            )
    by_status = ", ".join(f"{k} {v:,}" for k, v in counts["by_status"].items())
    prep = report["prep"]
    seeded = (
        f"`seed_applications` added {prep['seeded_rows']:,} rows in "
        f"{prep['seed_applications_s']:.0f} s; "
        if "seeded_rows" in prep
        else ""
    )
    dirty = subprocess.run(
        ["git", "-C", str(ROOT), "status", "--porcelain", "--", "balaikota"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.split("\n")
    dirty_text = ", ".join(f"`{line[3:]}`" for line in dirty if line.strip()) or "none"
    load_text = ", ".join(f"{k} {a:.1f}→{b:.1f}" for k, (a, b) in report["load"].items())
    return f"""
## Civil registration at 1 million applications (`bench/civil_registry_bench.py`)

Measured {started_at} with `{invocation}`.

| What | server p50 ms | server p95 ms | server p99 ms | client p50 ms | client p95 ms | req/s | of the ping ceiling | requests | failures | target (server p95) |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|
{chr(10).join(rows)}

{submit_text}

**Of the ping ceiling**: each row's req/s divided by that of `/health/ping/` with as many users
in the same run (50, or 1 for the rows marked so).

The ping rows are Locust's own ceiling as much as the server's (one Locust process on the same
2 CPUs sends at most ~1,400 req/s; wrk reaches ~3,000 on `/health/ping/` in
`bench/serve_bench.py`), and the status page and its API share one scenario's users, so each of
those rows carries half of its rate.

**Server time** is gunicorn's own request time (`%(D)s` in the access log: from the request read
by a worker to the response written), i.e. what the application spends; **client** figures are
Locust's, and include waiting for one of the {args.workers} workers: with {args.users} users and
no think time there are {args.users} requests in flight for {args.workers} workers, so client
latency is mostly queueing (≈ users ÷ req/s). The targets are judged on server time.
{sign_text}
Queries behind the two pages, as the views run them (second, warm pass; full plans in
`var/bench/civil_registry_explain.txt`):

| Page | Query | planning ms | execution ms |
|---|---|---:|---:|
{chr(10).join(explain_rows)}

- **Data**: {counts["applications"]:,} applications ({counts["bulk_applications"]:,} from
  `manage.py seed_applications`, the rest from `seed_demo --force` and earlier bench runs;
  {by_status}), {counts["events"]:,} events, {counts["residents"]:,} residents; table +
  indexes {counts["table_size"]}; {seeded}`VACUUM ANALYZE` before measuring. After the runs:
  {report["after"]["applications"]:,} applications.
- **Officer**: the demo service officer of Disdukcapil (NIP 199511072020121003, see
  docs/demo-accounts.md), signed in over HTTP with NIP, password and a TOTP code (a fresh
  authenticator is set for the bench, as `bench/bench_data.py` does); the queue shows the open
  applications of Disdukcapil, due first, 25 per page ({report["sizes"]["queue"]:,} bytes).
- **Citizen**: warga@balaikota.example, e-mail + password; their application #{data["status_application"]["pk"]}
  ({data["status_application"]["status"]}, {data["status_application"]["events"]} events;
  page {report["sizes"]["status"]:,} bytes). Submissions go through the REST API as the mobile
  app does (session cookie + CSRF header), all by this citizen; each upload is a real PDF or
  PNG (sniffed, hashed, stored under MEDIA_ROOT on the local disk).
- **Load**: Locust {_locust_version()}, `FastHttpUser`, no think time, {args.spawn_rate} users/s
  ramp, {args.warmup} s warm-up at 10 users before the queue and status runs (not counted).
  Commands: {"; ".join(f"`{c}`" for c in commands)}. Load average (1 min) when the
  measurements started (after waiting up to {args.wait_idle:.0f} s for it to fall below
  {args.idle_threshold}): {report["load_at_start"]:.1f}; before→after each run: {load_text}. The
  machine is shared with other work: a higher load average means slower figures.
- **Server**: `{gunicorn_command}` with `DJANGO_SETTINGS_MODULE=balaikota.settings.production`,
  `CONN_MAX_AGE={CONN_MAX_AGE}`, cache on Redis, sessions read from Redis and kept in
  PostgreSQL (`balaikota.core.sessions`), 127.0.0.1 only. Locust, gunicorn, PostgreSQL and Redis share the same {box["nproc"]} CPUs.
- **Machine**: {box["nproc"]} CPUs ({box["cpu"]}, shared), {box["memory"]} RAM, Linux
  {box["kernel"]}.
- **Versions**: commit {vers["commit"]}; Python {vers["python"]}, Django {vers["django"]},
  gunicorn {vers["gunicorn"]}, psycopg {vers["psycopg"]}, PostgreSQL {vers["postgresql"]},
  Redis {vers["redis"]}. Application files differing from that commit when the report was
  written (work in progress of other sessions, served as they were): {dirty_text}.
"""


def _locust_version() -> str:
    out = subprocess.run(
        [str(VENV_BIN / "locust"), "--version"], capture_output=True, text=True, check=False
    )
    return (out.stdout or out.stderr).split()[1] if (out.stdout or out.stderr) else "?"


if __name__ == "__main__":
    main()
