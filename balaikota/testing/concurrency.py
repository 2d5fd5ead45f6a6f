"""Running functions at the same moment from several threads, each with its own database
connection (PostgreSQL concurrency tests: row locks, SKIP LOCKED, gap-free counters)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.db import connections


def run_together(functions: list[Callable[[], object]], *, timeout: float = 60) -> list:
    """Start every function at once (a barrier) and return what each returned or raised."""
    barrier = threading.Barrier(len(functions))
    results: list = [None] * len(functions)

    def runner(index, function):
        try:
            barrier.wait()
            results[index] = function()
        except Exception as exc:  # the test inspects what each thread got
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=runner, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout)
    return results
