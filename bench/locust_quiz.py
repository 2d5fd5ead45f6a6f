"""Locust scenarios of bench/quiz_bench.py: civil servants taking a quiz at the same time.

    BENCH_SCENARIO   ping | quiz
    BENCH_QUIZ       the quiz's id
    BENCH_TOKENS     a file with one API token per line (one per simulated civil servant)

Each simulated civil servant starts an attempt (ten questions drawn on the server), then submits
its answers in one call (the submission is timed on its own, as "submit"); no think time, so 50
users are 50 requests in flight.
"""

from __future__ import annotations

import os
from itertools import count
from pathlib import Path

from locust import FastHttpUser, constant, task

SCENARIO = os.environ.get("BENCH_SCENARIO", "quiz")
QUIZ = os.environ.get("BENCH_QUIZ", "0")
TOKENS = [
    line.strip()
    for line in Path(os.environ.get("BENCH_TOKENS", "/dev/null")).read_text().splitlines()
    if line.strip()
]
_next = count()


class CivilServant(FastHttpUser):
    wait_time = constant(0)

    def on_start(self) -> None:
        token = TOKENS[next(_next) % len(TOKENS)] if TOKENS else ""
        self.headers = {"Authorization": f"Token {token}", "Accept": "application/json"}

    @task
    def work(self) -> None:
        if SCENARIO == "ping":
            self.client.get("/health/ping/", name="ping")
            return
        with self.client.post(
            f"/api/v1/belajar/kuis/{QUIZ}/mulai/",
            headers=self.headers,
            name="start",
            catch_response=True,
        ) as response:
            if response.status_code != 201:
                response.failure(f"start {response.status_code}: {response.text[:200]}")
                return
            attempt = response.json()
        answers = {
            str(q["id"]): [q["options"][0]["id"]] for q in attempt["questions"] if q["options"]
        }
        with self.client.post(
            f"/api/v1/belajar/percobaan/{attempt['id']}/kirim/",
            json={"answers": answers},
            headers=self.headers,
            name="submit",
            catch_response=True,
        ) as response:
            if response.status_code != 200 or response.json().get("status") == "open":
                response.failure(f"submit {response.status_code}: {response.text[:200]}")
