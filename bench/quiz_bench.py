"""Quiz submission under load: 50 civil servants starting and submitting quiz attempts at once
(Locust, no think time) against gunicorn with the production settings, beside /health/ping/
driven the same way in the same run.

    .venv/bin/python bench/quiz_bench.py [--users 50] [--duration 30]

Uses the bench database of bench/competency_bench.py (its civil servants; the e-office demo
course's question bank) and gives 50 of them API tokens and a practice quiz of ten questions
with unlimited attempts. Figures go to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shlex
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import (  # noqa: E402
    BENCH_VAR,
    PYTHON,
    ROOT,
    VENV_BIN,
    Gunicorn,
    log,
    machine,
    now_local,
    prepare,
    versions,
    wait_for_quiet,
)
from _common import doc_section_replace as write_section  # noqa: E402

OUT = BENCH_VAR / "quiz"


def setup(users: int) -> dict:
    """In the bench environment: tokens for ``users`` civil servants and a practice quiz."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balaikota.settings.production")
    import django

    django.setup()
    from decimal import Decimal

    from rest_framework.authtoken.models import Token

    from balaikota.elearning.demo import elearning_demo_seed
    from balaikota.elearning.models import Course, Quiz
    from balaikota.organization.models import Employee

    elearning_demo_seed()  # the demo courses that are missing (the e-office one is new)
    course = Course.objects.get(title="Bekerja dengan E-Office Balai Kota")
    quiz, _ = Quiz.objects.get_or_create(
        course=course,
        kind=Quiz.Kind.QUIZ,
        title="Latihan beban (bench)",
        defaults={
            "question_count": 10,
            "time_limit_minutes": 15,
            "max_attempts": 30_000,
            "pass_mark": Decimal(70),
        },
    )
    people = Employee.objects.select_related("user").order_by("-pk")[:users]
    tokens = [Token.objects.get_or_create(user=p.user)[0].key for p in people]
    return {"quiz": quiz.pk, "tokens": tokens, "questions": course.questions.count()}


def locust(scenario: str, base_url: str, env: dict, *, users: int, duration: int) -> dict:
    prefix = OUT / f"locust_{scenario}"
    argv = [
        str(VENV_BIN / "locust"),
        "-f",
        str(ROOT / "bench" / "locust_quiz.py"),
        "--headless",
        "-u",
        str(users),
        "-r",
        str(users),
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
        "0",
    ]
    log(f"locust {scenario}: {users} users for {duration}s")
    subprocess.run(
        argv,
        cwd=ROOT,
        env={**env, "BENCH_SCENARIO": scenario},
        check=False,
        capture_output=True,
        timeout=duration + 120,
    )
    rows = {}
    with Path(str(prefix) + "_stats.csv").open() as handle:
        for row in csv.DictReader(handle):
            rows[row["Name"]] = {
                "requests": int(row["Request Count"]),
                "failures": int(row["Failure Count"]),
                "rps": float(row["Requests/s"]),
                "p50": float(row["50%"] or "nan"),
                "p95": float(row["95%"] or "nan"),
                "p99": float(row["99%"] or "nan"),
            }
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=30)
    parser.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1))
    parser.add_argument("--no-doc", action="store_true")
    parser.add_argument("--setup", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.setup:
        print(json.dumps(setup(args.setup)))
        return
    prepared = prepare(skip_seed=True)
    env = prepared.env
    OUT.mkdir(parents=True, exist_ok=True)
    out = subprocess.run(
        [PYTHON, str(Path(__file__).resolve()), "--setup", str(args.users)],
        cwd=ROOT,
        env=env,
        check=True,
        text=True,
        capture_output=True,
    )
    data = json.loads(out.stdout.strip().splitlines()[-1])
    tokens_file = OUT / "tokens.txt"
    tokens_file.write_text("\n".join(data["tokens"]) + "\n")
    env = {
        **env,
        "BENCH_QUIZ": str(data["quiz"]),
        "BENCH_TOKENS": str(tokens_file),
        "BALAIKOTA_PUBLIC_API_RATE": "100000000/min",
    }
    with Gunicorn(env, workers=args.workers) as server:
        wait_for_quiet(60)
        ping = locust("ping", server.base_url, env, users=args.users, duration=args.duration)
        quiz = locust("quiz", server.base_url, env, users=args.users, duration=args.duration)
        command = server.command()
    ceiling = ping["ping"]["rps"]
    rows = []
    for label, row in (
        ("`/health/ping/` (the framework's ceiling)", ping["ping"]),
        ("Start an attempt (`POST /api/v1/belajar/kuis/<id>/mulai/`)", quiz["start"]),
        ("**Submit an attempt** (`POST /api/v1/belajar/percobaan/<id>/kirim/`)", quiz["submit"]),
    ):
        rows.append(
            f"| {label} | {row['requests']:,} | {row['failures']} | {row['rps']:.1f} | "
            f"{row['p50']:.0f} | **{row['p95']:.0f}** | {row['p99']:.0f} | "
            f"{row['rps'] / ceiling:.0%} |"
        )
    box, vers = machine(), versions(env)
    invocation = ".venv/bin/python bench/quiz_bench.py" + (
        " " + shlex.join(sys.argv[1:]) if sys.argv[1:] else ""
    )
    markdown = f"""
## Quiz submission under load (`bench/quiz_bench.py`)

Measured {now_local()} with `{invocation}`.

| Request | requests | failures | req/s | p50 ms | p95 ms | p99 ms | of the ping ceiling |
|---|---:|---:|---:|---:|---:|---:|---:|
{chr(10).join(rows)}

{args.users} simulated civil servants (Locust, headless, no think time: {args.users} requests in
flight) for {args.duration} s each, first against `/health/ping/`, then each starting an attempt
of a ten-question practice quiz (questions and option order drawn and stored on the server) and
submitting its answers in one call — the submission locks the attempt, appends the answers,
scores them exactly and closes it. Client-side times on loopback; `{command}` with the production
settings, PostgreSQL `balaikota_bench` ({prepared.data["employees"]:,} civil servants), Redis.
Locust runs on the same {box["nproc"]} CPUs as the server.

- **Versions**: commit {vers["commit"]}; Python {vers["python"]}, Django {vers["django"]},
  PostgreSQL {vers["postgresql"]}.
"""
    print(markdown)
    if not args.no_doc:
        write_section("quiz_bench", markdown)


if __name__ == "__main__":
    main()
