"""Where one page's time goes, in-process: cProfile over N requests through Django's WSGI handler.

Not a test and not a throughput figure (bench/serve_bench.py is): it answers "what does this page
spend its time on" with the same production settings, database and signed-in civil servant as the
serving benchmark, without gunicorn, wrk or the network in the way.

    .venv/bin/python bench/profile_page.py [--url /] [--requests 500] [--anonymous] [--top 25]

Prints the queries of one warm request, the mean wall time per request with and without the
profiler, and the functions with the most cumulative and own time.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, log, prepare, totp_now  # noqa: E402

sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="/")
    parser.add_argument("--requests", type=int, default=500)
    parser.add_argument("--anonymous", action="store_true")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--sort", default="cumulative", help="pstats sort key for the first list")
    args = parser.parse_args()

    prepared = prepare(skip_seed=True)
    os.environ.update(prepared.env)
    # As in serve_bench: the public API's per-address limit would answer 429 to one client.
    os.environ["BALAIKOTA_PUBLIC_API_RATE"] = "100000000/min"
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection
    from django.test import Client
    from django.test.client import RequestFactory
    from django.test.utils import CaptureQueriesContext

    cookie = ""
    if not args.anonymous:
        client = Client(SERVER_NAME="127.0.0.1")
        user = prepared.user
        response = client.post("/accounts/login/", {"login": user.nip, "password": user.password})
        response = client.post(response["Location"], {"code": totp_now(user.totp_secret)})
        if response.status_code != 302:
            raise SystemExit(f"the authenticator code was refused: {response.status_code}")
        cookie = "; ".join(f"{k}={v.value}" for k, v in client.cookies.items())

    handler = WSGIHandler()
    factory = RequestFactory()

    def one() -> int:
        environ = factory._base_environ(
            PATH_INFO=args.url, REQUEST_METHOD="GET", SERVER_NAME="127.0.0.1", HTTP_COOKIE=cookie
        )
        environ["HTTP_HOST"] = "127.0.0.1"
        status: list[str] = []
        body = b"".join(handler(environ, lambda s, h, exc_info=None: status.append(s)))
        if not status[0].startswith("200"):
            raise SystemExit(f"{args.url} answered {status[0]}")
        return len(body)

    for _ in range(20):  # warm: caches, the memoized chrome, the connection
        size = one()
    with CaptureQueriesContext(connection) as queries:
        one()
    log(f"{args.url}: {size:,} bytes, {len(queries)} queries on a warm request")
    for q in queries.captured_queries:
        print(f"  {q['time']}s  {q['sql'][:160]}")

    spent = [0.0]

    def timed(execute, sql, params, many, context):
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            spent[0] += time.perf_counter() - began

    started = time.perf_counter()
    with connection.execute_wrapper(timed):
        for _ in range(args.requests):
            one()
    plain = (time.perf_counter() - started) / args.requests
    log(f"of which {spent[0] / args.requests * 1000:.2f} ms executing SQL (round trips included)")
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    for _ in range(args.requests):
        one()
    profiler.disable()
    profiled = (time.perf_counter() - started) / args.requests
    log(f"{plain * 1000:.2f} ms a request ({profiled * 1000:.2f} ms under the profiler)")
    for key in (args.sort, "tottime"):
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(key)
        stats.print_stats(args.top)
        print(out.getvalue())


if __name__ == "__main__":
    main()
