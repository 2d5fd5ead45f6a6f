"""Requests per second and latency of the home page (anonymous, signed in) against /health/ping/.

Not a test: a bounded measurement on loopback, recorded in docs/benchmarks.md.

    .venv/bin/python bench/serve_bench.py [--duration 20] [--connections 16] [--workers N]

Creates or reuses the PostgreSQL database balaikota_bench, migrates, seeds (manage.py seed_demo),
collects static files, serves with gunicorn and production settings on 127.0.0.1, signs a civil
servant in (NIP, password, TOTP code) and drives each URL with wrk for a fixed time.
"""

from __future__ import annotations

import argparse
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (  # noqa: E402
    CONN_MAX_AGE,
    ROOT,
    Gunicorn,
    http_get,
    log,
    machine,
    now_local,
    prepare,
    require_binary,
    sign_in,
    versions,
    wait_for_quiet,
)
from _common import doc_section_replace as write_section  # noqa: E402

WRK_SCRIPT = ROOT / "bench" / "wrk_report.lua"


def wrk(url: str, *, duration: int, connections: int, threads: int, cookie: str = "") -> dict:
    argv = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{duration}s",
        "--timeout",
        "10s",
        "-s",
        str(WRK_SCRIPT),
    ]
    if cookie:
        argv += ["-H", f"Cookie: {cookie}"]
    argv.append(url)
    out = subprocess.run(argv, check=True, text=True, capture_output=True).stdout
    line = next(line for line in out.splitlines() if line.startswith("WRK_JSON "))
    result = json.loads(line.removeprefix("WRK_JSON "))
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    result["errors"] = sum(v for k, v in result.items() if k.startswith("errors_"))
    return result


def wrk_version() -> str:
    out = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
    return (out.stdout + out.stderr).strip().splitlines()[0].split(" [")[0]


def check_page(url: str, cookie: str, must_contain: str) -> int:
    status, _headers, body = http_get(url, {"Cookie": cookie} if cookie else {})
    text = body.decode("utf-8", "replace")
    if status != 200 or must_contain not in text:
        raise SystemExit(f"{url} answered {status} without {must_contain!r}: not benchmarking it")
    return len(body)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds per round (10)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per URL, median kept (3)")
    parser.add_argument("--warmup", type=int, default=3, help="seconds of warm-up per URL")
    parser.add_argument("--connections", type=int, default=16, help="open connections (16)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (2)")
    parser.add_argument(
        "--workers",
        type=int,
        default=2 * (os.cpu_count() or 1),
        help="gunicorn sync workers (default 2 × nproc)",
    )
    parser.add_argument(
        "--wait-idle",
        type=float,
        default=120,
        help="wait up to this many seconds for a 1-min load average below 1 (120)",
    )
    parser.add_argument("--skip-seed", action="store_true", help="reuse the data already there")
    parser.add_argument("--fresh", action="store_true", help="drop balaikota_bench first")
    parser.add_argument("--no-doc", action="store_true", help="print only; leave the doc alone")
    args = parser.parse_args()
    require_binary("wrk", "apt-get install -y wrk")

    prepared = prepare(skip_seed=args.skip_seed, fresh=args.fresh)
    env = prepared.env
    # wrk is one client address: lift the public API's per-address limit for the run.
    env["BALAIKOTA_PUBLIC_API_RATE"] = "100000000/min"
    results: dict[str, dict] = {}
    with Gunicorn(env, workers=args.workers) as server:
        cookies = sign_in(server.base_url, prepared.user)
        session_cookie = f"sessionid={cookies['sessionid']}"
        scenarios = [
            ("ping", "`/health/ping/` (the minimal Django view)", "/health/ping/", "", "ok"),
            ("anonymous", "`/` anonymous (landing page)", "/", "", "Daftar sebagai warga"),
            (
                "catalogue_api",
                "`/api/v1/layanan/` (the service list API, kept 5 min in the cache)",
                "/api/v1/layanan/",
                "",
                "akta-kelahiran",
            ),
            (
                "service_page",
                "`/layanan/akta-kelahiran/` (a service page, anonymous)",
                "/layanan/akta-kelahiran/",
                "",
                "Penyampaian pelayanan",
            ),
            (
                "search_api",
                "`/api/v1/layanan/?q=akte+lahir` (a search, kept like the list)",
                "/api/v1/layanan/?q=akte+lahir",
                "",
                "akta-kelahiran",
            ),
            (
                "signed_in",
                f"`/` signed in as a civil servant (unit head, team of {prepared.user.team_size})",
                "/",
                session_cookie,
                "Selamat datang",
            ),
        ]
        for key, label, path, cookie, marker in scenarios:
            url = server.base_url + path
            size = check_page(url, cookie, marker)
            log(f"warm-up {path} {'(signed in)' if cookie else ''}")
            wrk(url, duration=args.warmup, connections=args.connections, threads=1, cookie=cookie)
            results[key] = {"label": label, "body_bytes": size, "rounds": []}
        wait_for_quiet(args.wait_idle)
        load_before = os.getloadavg()
        # Rounds alternate the URLs, so a burst of other work on the machine hits all of them.
        for n in range(1, args.rounds + 1):
            for key, _label, path, cookie, _marker in scenarios:
                log(f"round {n}/{args.rounds}: {key} {path} for {args.duration}s")
                result = wrk(
                    server.base_url + path,
                    duration=args.duration,
                    connections=args.connections,
                    threads=args.threads,
                    cookie=cookie,
                )
                results[key]["rounds"].append(result)
                log(
                    f"  {result['rps']:.0f} req/s, p50 {result['p50_us'] / 1000:.1f} ms, "
                    f"p95 {result['p95_us'] / 1000:.1f} ms, errors {result['errors']}"
                )
        load_after = os.getloadavg()
        gunicorn_command = server.command()

    for entry in results.values():
        rounds = sorted(entry["rounds"], key=lambda r: r["rps"])
        entry.update(rounds[len(rounds) // 2])  # the median round, figures kept together
        entry["rps_range"] = (rounds[0]["rps"], rounds[-1]["rps"])
        entry["errors"] = sum(r["errors"] for r in rounds)
    ceiling = results["ping"]["rps"]
    rows = []
    for result in results.values():
        low, high = result["rps_range"]
        rows.append(
            f"| {result['label']} | **{result['rps']:,.0f}** ({low:,.0f}–{high:,.0f}) | "
            f"{result['p50_us'] / 1000:.1f} | {result['p95_us'] / 1000:.1f} | "
            f"{result['p99_us'] / 1000:.1f} | {result['rps'] / ceiling:.0%} | "
            f"{result['body_bytes']:,} | {result['errors']} |"
        )
    box = machine()
    vers = versions(env)
    invocation = ".venv/bin/python bench/serve_bench.py" + (
        " " + shlex.join(sys.argv[1:]) if sys.argv[1:] else ""
    )
    wrk_command = (
        f"wrk -t{args.threads} -c{args.connections} -d{args.duration}s --timeout 10s "
        f"-s bench/wrk_report.lua [-H 'Cookie: sessionid=…'] http://127.0.0.1:PORT/…"
    )
    data = prepared.data
    markdown = f"""
## Serving: requests per second (`bench/serve_bench.py`)

Measured {now_local()} with `{invocation}`.

| URL | req/s (range) | p50 ms | p95 ms | p99 ms | of the ping ceiling | body bytes | errors |
|---|---:|---:|---:|---:|---:|---:|---:|
{chr(10).join(rows)}

Each URL ran {args.rounds} rounds of {args.duration} s, the URLs alternating; the table shows the
median round (its req/s and latencies) and, in brackets, the slowest and fastest round's req/s.
"Of the ping ceiling" divides each page's requests per second by those of `/health/ping/`, the
smallest response Django can give through the full middleware stack: what remains is the cost of
the page itself (templates, queries, session).

- **Server**: `DJANGO_SETTINGS_MODULE=balaikota.settings.production` (DEBUG off, whitenoise,
  `SECURE_SSL_REDIRECT=false` because there is no TLS proxy on loopback), PostgreSQL database
  `balaikota_bench` with `CONN_MAX_AGE={CONN_MAX_AGE}`, cache on Redis, sessions read from Redis
  and kept in the database (`balaikota.core.sessions`).
  `{gunicorn_command}` — {args.workers} sync workers (2 × nproc) on 127.0.0.1 only.
- **Load**: `{wrk_command}`, {args.warmup} s warm-up per URL first. wrk runs on the same
  {box["nproc"]} CPUs as the server, so the figures are a floor for a dedicated app server.
  Sync workers close the connection after each response, as behind nginx. Load average
  {load_before[0]:.1f} before and {load_after[0]:.1f} after the rounds (1 min): other work on
  the machine, when there is some, lowers the figures.
- **Signed in**: the head of the most populated unit, signed in over HTTP with NIP, password
  and a TOTP code (production requires MFA for staff); the dashboard shows their employee card,
  supervisor and team.
- **Data**: {prepared.seeded_with}; {data["users"]:,} accounts ({data["citizens"]:,} citizens),
  {data["employees"]:,} civil servants, {data["opds"]:,} OPDs, {data["units"]:,} units,
  {data["villages_semarang"]:,} villages of Kota Semarang.
- **Machine**: {box["nproc"]} CPUs ({box["cpu"]}), {box["memory"]} RAM, Linux {box["kernel"]}.
- **Versions**: commit {vers["commit"]}; Python {vers["python"]}, Django {vers["django"]},
  gunicorn {vers["gunicorn"]}, psycopg {vers["psycopg"]}, PostgreSQL {vers["postgresql"]},
  Redis {vers["redis"]}, {wrk_version()}.
"""
    print(markdown)
    if not args.no_doc:
        write_section("serve_bench", markdown)


if __name__ == "__main__":
    main()
