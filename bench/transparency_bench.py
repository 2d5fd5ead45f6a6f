"""The public transparency page over 1 million applications: the hourly refresh that builds its
figures, and the page, its open data and its API served beside /health/ping/.

Not a test: a bounded measurement on loopback, recorded in docs/benchmarks.md.

    .venv/bin/python bench/transparency_bench.py [--count 1000000] [--skip-seed] [--duration 10]

Reuses the PostgreSQL database balaikota_bench (seed_demo), tops it up to ``--count`` bulk
applications spread over the last year (``manage.py seed_applications``: issued ones with their
issue event), times ``manage.py refresh_statistics`` (what beat runs hourly), then drives each
URL with wrk (4 connections: latency, not saturation) and reports p50/p95/p99.
"""

from __future__ import annotations

import argparse
import shlex
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (  # noqa: E402
    Gunicorn,
    log,
    machine,
    manage,
    now_local,
    prepare,
    require_binary,
    versions,
    wait_for_quiet,
)
from _common import doc_section_replace as write_section  # noqa: E402
from serve_bench import check_page, wrk  # noqa: E402

TARGET_P95_MS = 200  # issue 11: the transparency page over 1 million applications


def sql(env, statement: str):
    import psycopg

    with psycopg.connect(env["DATABASE_URL"], autocommit=True) as conn:
        cursor = conn.execute(statement)
        return cursor.fetchall() if cursor.description else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1_000_000, help="bulk applications (1M)")
    parser.add_argument("--duration", type=int, default=10, help="seconds per round (10)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers (4)")
    parser.add_argument("--skip-seed", action="store_true", help="no seed_demo (data is there)")
    parser.add_argument("--no-doc", action="store_true", help="print only; leave the doc alone")
    args = parser.parse_args()
    require_binary("wrk", "apt-get install -y wrk")

    prepared = prepare(skip_seed=args.skip_seed)
    env = prepared.env
    env["BALAIKOTA_PUBLIC_API_RATE"] = "100000000/min"  # wrk is one client address
    bulk = sql(
        env, "SELECT count(*) FROM civil_registry_application WHERE tracking_number LIKE 'KP-B%%'"
    )[0][0]
    seeded = ""
    if bulk < args.count:
        log(f"{bulk:,} bulk applications: adding {args.count - bulk:,}")
        started = time.monotonic()
        manage(env, "seed_applications", "--count", str(args.count - bulk), "--batch", "10000")
        seeded = f"; `seed_applications` added {args.count - bulk:,} in {time.monotonic() - started:.0f} s"
        log("VACUUM ANALYZE")
        sql(env, "VACUUM ANALYZE")
    applications = sql(env, "SELECT count(*) FROM civil_registry_application")[0][0]
    issued_events = sql(
        env, "SELECT count(*) FROM civil_registry_applicationevent WHERE action = 'issue'"
    )[0][0]

    refresh = []
    for n in range(2):  # the second run finds warm caches, as the hourly job does
        log(f"refresh_statistics, run {n + 1}")
        started = time.monotonic()
        manage(env, "refresh_statistics")
        refresh.append(time.monotonic() - started)
    stat_rows = sql(env, "SELECT count(*) FROM transparency_servicemonthstat")[0][0]

    scenarios = [
        ("ping", "`/health/ping/` (the minimal Django view)", "/health/ping/", "ok"),
        ("page", "`/transparansi/` (the public page)", "/transparansi/", "<svg"),
        (
            "page_opd",
            "`/transparansi/?opd=disdukcapil` (one OPD)",
            "/transparansi/?opd=disdukcapil",
            "<svg",
        ),
        ("json", "`/transparansi/data.json` (open data)", "/transparansi/data.json", "services"),
        ("api", "`/api/v1/statistik/` (the app's API)", "/api/v1/statistik/", "services"),
    ]
    results: dict[str, dict] = {}
    with Gunicorn(env, workers=args.workers) as server:
        for key, label, path, marker in scenarios:
            url = server.base_url + path
            size = check_page(url, "", marker)
            wrk(url, duration=3, connections=args.connections, threads=1)
            results[key] = {"label": label, "body_bytes": size, "rounds": []}
        wait_for_quiet(60)
        for n in range(1, args.rounds + 1):
            for key, _label, path, _marker in scenarios:
                log(f"round {n}/{args.rounds}: {path}")
                result = wrk(
                    server.base_url + path,
                    duration=args.duration,
                    connections=args.connections,
                    threads=1,
                )
                results[key]["rounds"].append(result)
                log(f"  {result['rps']:.0f} req/s, p95 {result['p95_us'] / 1000:.1f} ms")
        gunicorn_command = server.command()

    for entry in results.values():
        rounds = sorted(entry["rounds"], key=lambda r: r["p95_us"])
        entry.update(rounds[len(rounds) // 2])
        entry["errors"] = sum(r["errors"] for r in rounds)
    ceiling = results["ping"]["rps"]
    rows = []
    for key, result in results.items():
        p95 = result["p95_us"] / 1000
        verdict = "–" if key == "ping" else ("**met**" if p95 < TARGET_P95_MS else "**not met**")
        rows.append(
            f"| {result['label']} | {result['p50_us'] / 1000:.1f} | **{p95:.1f}** | "
            f"{result['p99_us'] / 1000:.1f} | {result['rps']:,.0f} | {result['rps'] / ceiling:.0%} | "
            f"{result['body_bytes']:,} | {result['errors']} | {verdict} |"
        )
    box, vers = machine(), versions(env)
    invocation = ".venv/bin/python bench/transparency_bench.py" + (
        " " + shlex.join(sys.argv[1:]) if sys.argv[1:] else ""
    )
    markdown = f"""
## Transparency over 1 million applications (`bench/transparency_bench.py`)

Measured {now_local()} with `{invocation}`: {applications:,} applications ({issued_events:,}
issue events){seeded}. The page never reads the applications: `manage.py refresh_statistics`
(beat, hourly) folds them into {stat_rows:,} `ServiceMonthStat` rows (per service and month,
with a histogram of working days so medians and 90th percentiles stay exact), which the page,
its open data and the API read.

**Refresh** (`manage.py refresh_statistics`, the whole process including start-up): first run
{refresh[0]:.1f} s, second run {refresh[1]:.1f} s.

| URL | p50 ms | p95 ms | p99 ms | req/s | of the ping ceiling | body bytes | errors | target p95 < {TARGET_P95_MS} ms |
|---|---:|---:|---:|---:|---:|---:|---:|---|
{chr(10).join(rows)}

wrk with {args.connections} connections, {args.rounds} rounds of {args.duration} s per URL
(the URLs alternating; the median round by p95), against `{gunicorn_command}` with production
settings. Machine: {box["nproc"]} CPUs, {box["memory"]} RAM. Versions: commit {vers["commit"]};
PostgreSQL {vers["postgresql"]}, Django {vers["django"]}.
"""
    print(markdown)
    if not args.no_doc:
        write_section("transparency_bench", markdown)
        log("wrote section 'transparency_bench' of docs/benchmarks.md")


if __name__ == "__main__":
    main()
