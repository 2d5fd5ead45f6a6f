"""Time the civil-registration pages in-process (Django's test client, no HTTP, no gunicorn) on
the benchmark database: the officer queue, the citizen's status page and its API. Without a
load generator and worker pool in the way, two commits can be compared on the same data,
alternating runs (check out the other commit in a git worktree and run it there too).

    .venv/bin/python bench/inprocess_pages.py            # after civil_registry_bench.py
    .venv/bin/python bench/inprocess_pages.py --rounds 5 --requests 40
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from _common import production_env  # noqa: E402


def _secret_key() -> str:
    path = ROOT / "var" / "bench" / "civil_registry" / "secret_key"
    return path.read_text().strip() if path.exists() else "bench-" + "x" * 50


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    os.environ.update(production_env(_secret_key()))
    os.environ["ALLOWED_HOSTS"] = "testserver"
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from balaikota.civil_registry.models import Application

    users = get_user_model().objects
    citizen = users.get(email__iexact="warga@balaikota.example")
    officer = users.get(username="199511072020121003")
    application = Application.objects.filter(citizen=citizen, status="issued").first()
    pages = {
        "officer queue": (officer, "/kependudukan/petugas/"),
        "citizen status page": (citizen, f"/kependudukan/permohonan/{application.pk}/"),
        "citizen status API": (citizen, f"/api/v1/kependudukan/applications/{application.pk}/"),
    }
    for label, (user, path) in pages.items():
        client = Client()
        client.force_login(user)
        assert client.get(path).status_code == 200, path
        per_round = []
        for _round in range(args.rounds):
            started = time.perf_counter()
            for _ in range(args.requests):
                client.get(path)
            per_round.append((time.perf_counter() - started) / args.requests * 1000)
        print(
            f"{label}: min {min(per_round):.1f} ms, median {statistics.median(per_round):.1f} ms "
            f"per request ({args.rounds} × {args.requests})"
        )


if __name__ == "__main__":
    main()
