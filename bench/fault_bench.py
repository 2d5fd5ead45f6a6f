"""Load and faults: citizens apply through the API while we kill Redis, the Celery worker,
PostgreSQL and gunicorn workers, and cut clients off with short timeouts.

Not a test: a bounded measurement on loopback, recorded in docs/benchmarks.md.

    .venv/bin/python bench/fault_bench.py [--users 10] [--redis-down 30] [--no-doc]

Builds its own stack with balaikota/testing/faults.py (a PostgreSQL cluster and a Redis of its
own on free ports — the machine's services are untouched — gunicorn with production settings,
a Celery worker and beat with the production sweep interval of 30 s). ``--users`` citizens
apply in a loop (draft, four uploads, submit), each with a 2 s client timeout (shorter in the
cut-off phase) and retrying with the same Idempotency-Key on a timeout, a refused connection
or a 5xx, as the mobile app does. One fault at a time, with quiet time between:

1. Redis (broker and cache) killed, started again empty after ``--redis-down`` seconds;
2. the Celery worker killed (SIGKILL, pool included), started again after 10 s;
3. PostgreSQL stopped (immediate: every connection dropped), started again after 10 s;
4. one gunicorn worker killed (SIGKILL) — the master starts another;
5. clients cut off: a 0.2 s client timeout (``--cut-timeout``) for 20 s.

Per fault it prints the requests answered 5xx (503 apart), client errors (timeouts, refused
connections), the seconds from the repair until the next accepted submission and until the
outbox backlog was empty again. At the end, after the e-mails drained: applications that
clients saw accepted but the database lacks, duplicates, PINs that do not match, orphan
drafts, files missing or not matching their hash, e-mails missing or sent twice.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import secrets
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balaikota.settings.test")

import requests  # noqa: E402
from _common import doc_section_replace as write_section  # noqa: E402
from _common import log, machine, now_local  # noqa: E402

from balaikota.testing import faults  # noqa: E402
from balaikota.testing.names import letters  # noqa: E402

DRAFTS = "/api/v1/kependudukan/applications/"
RETRY_FOR = 120  # seconds a client keeps retrying one request before it gives up


@dataclass
class Shared:
    """What every simulated citizen writes to (under one lock)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    stop: threading.Event = field(default_factory=threading.Event)
    timeout: float = 2.0
    requests: list[tuple[float, str, str]] = field(default_factory=list)  # (t, kind, outcome)
    accepted: list[dict] = field(default_factory=list)
    replayed: int = 0
    given_up: Counter = field(default_factory=Counter)  # (request, last answer) → applications
    last: dict = field(default_factory=dict)  # thread → the last answer it got
    refusals: list[str] = field(default_factory=list)  # 4xx answers that made a client stop

    def record(self, kind: str, outcome: str) -> None:
        with self.lock:
            self.requests.append((time.monotonic(), kind, outcome))
            self.last[threading.get_ident()] = f"{kind} {outcome}"

    def give_up(self) -> None:
        with self.lock:
            self.given_up[self.last.get(threading.get_ident(), "?")] += 1


def call(shared: Shared, stack, token: str, kind: str, method: str, path: str, **kwargs):
    """One request, retried (same headers, same key) until a 2xx or a 4xx; None on giving up."""
    deadline = time.monotonic() + RETRY_FOR
    while time.monotonic() < deadline:
        api = stack.api(token, timeout=shared.timeout)
        options = {k: v for k, v in kwargs.items() if k != "headers"}
        try:
            response = api.request(method, path, headers=dict(kwargs.get("headers", {})), **options)
        except requests.Timeout:
            shared.record(kind, "timeout")
        except requests.ConnectionError:
            shared.record(kind, "refused")
        else:
            shared.record(kind, str(response.status_code))
            if response.status_code < 400:
                return response
            if response.status_code < 500 and response.status_code not in (409, 429):
                with shared.lock:  # refused for a reason: the citizen would read it and stop
                    shared.refusals.append(f"{kind} {response.status_code}: {response.text[:300]}")
                return None
        time.sleep(0.5)
    return None


def citizen(shared: Shared, stack, number: int, run: str) -> None:
    token = stack.data["token"]
    serial = 0
    while not shared.stop.is_set():
        serial += 1
        child = f"Bench {run} {letters(number)} {letters(serial)}"
        data = dict(stack.data["birth_data"], child_name=child)
        draft = call(
            shared,
            stack,
            token,
            "draft",
            "POST",
            DRAFTS,
            json={"service_type": "akta-kelahiran", "data": data},
            headers={"Idempotency-Key": secrets.token_hex(8)},
        )
        if draft is None:
            shared.give_up()
            continue
        pk = draft.json()["id"]
        uploaded = True
        for code in ("surat_lahir", "ktp_orang_tua", "kk", "buku_nikah"):
            done = call(
                shared,
                stack,
                token,
                "upload",
                "POST",
                f"{DRAFTS}{pk}/documents/",
                data={"requirement": code},
                files={"file": ("berkas.pdf", faults._PDF, "application/pdf")},
            )
            uploaded = uploaded and done is not None
        if not uploaded:
            shared.give_up()
            continue
        submit = call(
            shared,
            stack,
            token,
            "submit",
            "POST",
            f"{DRAFTS}{pk}/submit/",
            headers={"Idempotency-Key": secrets.token_hex(12)},
        )
        if submit is None:
            shared.give_up()
            continue
        body = submit.json()
        with shared.lock:
            shared.accepted.append(
                {
                    "id": pk,
                    "number": body["application"]["tracking_number"],
                    "pin": body.get("pin") or "",
                    "child": child,
                }
            )
            shared.replayed += submit.headers.get("Idempotent-Replayed") == "true"


class Monitor(threading.Thread):
    """Polls the outbox backlog (straight from the database) twice a second."""

    def __init__(self, stack):
        super().__init__(daemon=True)
        self.stack = stack
        self.samples: list[tuple[float, int | None]] = []
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            pending = None
            with contextlib.suppress(Exception):
                [(pending,)] = self.stack.postgres.query(
                    "SELECT count(*) FROM core_outboxitem WHERE status IN ('pending', 'running')"
                )
            self.samples.append((time.monotonic(), pending))
            time.sleep(0.5)

    def drained_after(self, t: float) -> float | None:
        for at, pending in self.samples:
            if at >= t and pending == 0:
                return at - t
        return None


def summarise(shared: Shared, start: float, end: float) -> dict:
    outcomes = Counter(o for t, _k, o in shared.requests if start <= t < end)
    total = sum(outcomes.values())
    return {
        "requests": total,
        "5xx": sum(n for o, n in outcomes.items() if o.isdigit() and o.startswith("5")),
        "503": outcomes.get("503", 0),
        "500": outcomes.get("500", 0),
        "timeouts": outcomes.get("timeout", 0),
        "refused": outcomes.get("refused", 0),
        "409": outcomes.get("409", 0),
    }


def first_accepted_after(shared: Shared, t: float) -> float | None:
    times = [at for at, kind, o in shared.requests if kind == "submit" and at >= t and o == "201"]
    return (min(times) - t) if times else None


def ping_ceiling(stack, clients: int, seconds: float = 5.0) -> float:
    """Requests per second of /health/ping/ with ``clients`` threads of this same HTTP client:
    the framework's ceiling on this stack, for scale."""
    stop = time.monotonic() + seconds
    counts = [0] * clients

    def hammer(n: int) -> None:
        session = requests.Session()
        while time.monotonic() < stop:
            if session.get(stack.base_url + "/health/ping/", timeout=5).status_code == 200:
                counts[n] += 1

    workers = [threading.Thread(target=hammer, args=(n,)) for n in range(clients)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return sum(counts) / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=10, help="citizens applying at once (10)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn sync workers (4)")
    parser.add_argument("--quiet", type=float, default=20, help="seconds between faults (20)")
    parser.add_argument("--redis-down", type=float, default=30, help="seconds without Redis (30)")
    parser.add_argument("--sweep", type=float, default=30, help="outbox sweep interval (30)")
    parser.add_argument(
        "--cut-timeout", type=float, default=0.2, help="client timeout of the cut-off phase (0.2)"
    )
    parser.add_argument("--drain", type=float, default=180, help="max seconds to drain e-mails")
    parser.add_argument("--no-doc", action="store_true", help="print only; leave the doc alone")
    args = parser.parse_args()
    missing = faults.missing_binaries()
    if missing:
        sys.exit(f"the fault stack needs {', '.join(missing)}")
    started_at = now_local()
    root = Path(tempfile.mkdtemp(prefix="bk-fault-bench-"))
    log(f"building the stack in {root}")
    stack = faults.Stack.build(root, sweep_seconds=args.sweep, gunicorn_workers=args.workers)
    run = letters(secrets.randbelow(26**4))
    ceiling = ping_ceiling(stack, args.users)
    log(f"/health/ping/ ceiling: {ceiling:.0f} req/s with {args.users} clients")
    shared = Shared()
    monitor = Monitor(stack)
    monitor.start()
    threads = [
        threading.Thread(target=citizen, args=(shared, stack, n, run), daemon=True)
        for n in range(args.users)
    ]
    phases: list[dict] = []
    finished = False
    try:
        for thread in threads:
            thread.start()

        def phase(name: str, break_it, repair, down: float) -> None:
            time.sleep(args.quiet)
            log(f"fault: {name}")
            begin = time.monotonic()
            break_it()
            time.sleep(down)
            repaired = time.monotonic()
            repair()
            log(f"repaired: {name}")
            phases.append({"name": name, "begin": begin, "repaired": repaired})

        baseline_start = time.monotonic()
        time.sleep(args.quiet)
        phases.append({"name": "no fault (baseline)", "begin": baseline_start, "repaired": None})

        phase("Redis killed", stack.redis.kill, stack.redis.start, args.redis_down)
        phase("Celery worker killed", stack.worker.kill, stack.start_worker, 10)
        phase("PostgreSQL stopped", stack.postgres.stop, stack.postgres.start, 10)

        def kill_gunicorn_worker() -> None:
            children = Path(f"/proc/{stack.gunicorn.pid}/task/{stack.gunicorn.pid}/children")
            pids = [int(p) for p in children.read_text().split()]
            if pids:
                os.kill(pids[0], signal.SIGKILL)

        phase("a gunicorn worker killed", kill_gunicorn_worker, lambda: None, 0)

        def short_timeouts() -> None:
            shared.timeout = args.cut_timeout

        def normal_timeouts() -> None:
            shared.timeout = 2.0

        phase(f"clients cut off at {args.cut_timeout:g} s", short_timeouts, normal_timeouts, 20)
        time.sleep(args.quiet)
        end_of_load = time.monotonic()
        shared.stop.set()
        log("load stopped; waiting for the citizens to finish their last request")
        for thread in threads:
            thread.join(timeout=RETRY_FOR + 10)
        log("waiting for the outbox to drain")
        drain_start = time.monotonic()
        faults.wait_until(
            lambda: monitor.samples and monitor.samples[-1][1] == 0,
            timeout=args.drain,
            what="the outbox backlog to empty",
        )
        drain_seconds = time.monotonic() - drain_start
        time.sleep(3)
        monitor.done.set()

        accepted_path = root / "accepted.json"
        accepted_path.write_text(json.dumps(shared.accepted))
        audit = stack.python(
            "from balaikota.testing.faults import audit; "
            f"audit({str(accepted_path)!r}, {f'Bench {run} '!r})"
        )
        mail = Counter()
        for message in faults.sent_mail(stack.mail_dir):
            number = faults.subject(message).split(":", 1)[0]
            mail[number] += 1
        numbers = set(audit.pop("numbers"))
        emails_missing = sum(1 for n in numbers if mail[n] == 0)
        emails_twice = sum(1 for n in numbers if mail[n] > 1)
        [(failed_items,)] = stack.postgres.query(
            "SELECT count(*) FROM core_outboxitem WHERE status = 'failed'"
        )
        finished = True
    finally:
        shared.stop.set()
        monitor.done.set()
        stack.close()
        if finished:
            shutil.rmtree(root, ignore_errors=True)
        else:
            log(f"logs kept in {root}")

    rows = []
    for index, item in enumerate(phases):
        end = phases[index + 1]["begin"] if index + 1 < len(phases) else end_of_load
        figures = summarise(shared, item["begin"], end)
        repaired = item["repaired"]
        figures["submit_after"] = first_accepted_after(shared, repaired) if repaired else None
        figures["drained_after"] = monitor.drained_after(repaired) if repaired else None
        rows.append({"name": item["name"], **figures})
    totals = summarise(shared, 0, float("inf"))
    result = {
        "rows": rows,
        "totals": totals,
        "audit": audit,
        "emails_missing": emails_missing,
        "emails_twice": emails_twice,
        "outbox_failed": failed_items,
        "replayed_submits": shared.replayed,
        "given_up": sum(shared.given_up.values()),
        "given_up_after": dict(shared.given_up),
        "refusals": shared.refusals,
        "drain_seconds": drain_seconds,
        "ping_rps": ceiling,
        "load_seconds": end_of_load - phases[0]["begin"],
    }
    print(json.dumps(result, indent=2))
    if not args.no_doc:
        write_section("faults", report(result, args, started_at))


def _seconds(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def report(result: dict, args, started_at: str) -> str:
    m = machine()
    audit = result["audit"]
    lines = [
        "## Faults under load: what citizens were answered and what was lost",
        "",
        f"Measured {started_at} on {m['nproc']} CPUs ({m['cpu']}), {m['memory']}, by:",
        "",
        "```sh",
        f".venv/bin/python bench/fault_bench.py --users {args.users} --workers {args.workers} "
        f"--redis-down {args.redis_down:g} --sweep {args.sweep:g}",
        "```",
        "",
        f"{args.users} citizens apply through the API in a loop (draft, four uploads, submit; a "
        "2 s client timeout, retried with the same Idempotency-Key on a timeout, a refused "
        "connection or a 5xx) against gunicorn "
        f"({args.workers} sync workers, production settings), one Celery worker (prefork, "
        f"concurrency 1) and beat sweeping the outbox every {args.sweep:g} s, on a PostgreSQL "
        "cluster and a Redis that the script starts itself (`balaikota/testing/faults.py`). "
        "Each row counts the requests from the fault until the next one; *submit after* and "
        "*e-mails out after* are seconds from the repair until the next accepted submission "
        "and until the outbox backlog was empty. For scale, the framework's ceiling on this "
        f"stack, `/health/ping/` with the same {args.users} clients, was "
        f"**{result['ping_rps']:,.0f} req/s**; the citizens' load averaged "
        f"{result['totals']['requests'] / result['load_seconds']:,.0f} req/s over "
        f"{result['load_seconds']:.0f} s.",
        "",
        "| Fault | Requests | 5xx (of which 503) | 500 | Timeouts / refused | "
        "Submit after (s) | E-mails out after (s) |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in result["rows"]:
        lines.append(
            f"| {row['name']} | {row['requests']} | {row['5xx']} ({row['503']}) | {row['500']} "
            f"| {row['timeouts']} / {row['refused']} | {_seconds(row['submit_after'])} "
            f"| {_seconds(row['drained_after'])} |"
        )
    lines += [
        "",
        "After the load, once the outbox had drained "
        f"({result['drain_seconds']:.0f} s after the last request):",
        "",
        f"- applications clients saw accepted: **{audit['accepted']}**; missing from the "
        f"database: **{audit['missing']}**; duplicated: **{audit['duplicated']}**; PINs that do "
        f"not match the application: **{audit['wrong_pin']}**; accepted only through a replay of the "
        f"same Idempotency-Key: {result['replayed_submits']};",
        f"- submitted but never confirmed to the client (it gave up): "
        f"{audit['submitted_not_confirmed']}; drafts left unsubmitted: {audit['orphan_drafts']} "
        f"(applications given up by clients: {result['given_up']}"
        + (
            ", after " + ", ".join(f"{k} ×{v}" for k, v in result["given_up_after"].items())
            if result["given_up_after"]
            else ""
        )
        + ");",
        f"- uploaded files: {audit['files']}, missing or not matching their SHA-256: "
        f"**{audit['files_bad']}**;",
        f"- e-mails missing: **{result['emails_missing']}**; sent twice: "
        f"**{result['emails_twice']}**; outbox items failed: {result['outbox_failed']}.",
        "",
        "A 503 carries `Retry-After: 30` and the kernel's JSON body; while PostgreSQL is down "
        "every request that needs it is a 503. A refused connection is a gunicorn worker "
        "killed with the request in hand (the client retries). The scenarios are also fault "
        "tests in the suite (`balaikota/core/tests/test_faults.py`).",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    main()
