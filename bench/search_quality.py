"""How well and how fast the catalogue search finds what citizens type.

Builds a scratch test database on the configured backend (SQLite by default; PostgreSQL with
``DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres``), loads every seeded OPD and the
whole seed catalogue, then runs the real-life queries of
``balaikota/catalogue/data/semarang.py`` (SEARCH_QUERIES) and reports:

- hit rate: the expected service first, among the first three; "nothing" queries that found
  nothing — for this search and for the search it replaced (``icontains`` on name and summary)
  and, on PostgreSQL, for the built-in ``indonesian`` full-text configuration;
- time per search (p50/p95 over every query, repeated), in-process, warm.

    .venv/bin/python bench/search_quality.py [--repeat 20] [--misses]
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
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "balaikota.settings.test")


def _seed():
    from balaikota.catalogue import services
    from balaikota.organization.data.semarang_opd import SEMARANG_OPDS
    from balaikota.testing.factories import OpdFactory

    for spec in SEMARANG_OPDS:
        OpdFactory(code=spec.code, name=spec.name, short_name=spec.short_name)
    for name in [
        "Banyumanik",
        "Candisari",
        "Gajahmungkur",
        "Gayamsari",
        "Genuk",
        "Gunungpati",
        "Mijen",
        "Ngaliyan",
        "Pedurungan",
        "Tembalang",
        "Tugu",
    ] + [
        "Semarang Barat",
        "Semarang Selatan",
        "Semarang Tengah",
        "Semarang Timur",
        "Semarang Utara",
    ]:
        OpdFactory(
            code="kec-" + name.lower().replace(" ", "-"),
            name=f"Kecamatan {name}",
            short_name=f"Kec. {name}",
        )
    return services.service_catalogue_load()


def _ours(query: str) -> list[str]:
    from balaikota.catalogue import selectors

    return [s.slug for s in selectors.public_services_search(query).services]


def _old(query: str) -> list[str]:
    """The search this replaced: the whole query as a substring of the name or summary."""
    from django.db.models import Q

    from balaikota.catalogue.models import PublicService

    rows = PublicService.objects.filter(is_active=True).filter(
        Q(name__icontains=query.strip()) | Q(summary__icontains=query.strip())
    )
    return list(rows.order_by("name").values_list("slug", flat=True))


def _postgres_indonesian(query: str) -> list[str]:
    """PostgreSQL's own ``indonesian`` configuration over name, summary and requirements."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT slug FROM catalogue_publicservice WHERE is_active AND "
            "to_tsvector('indonesian', name || ' ' || summary || ' ' || requirements) "
            "@@ plainto_tsquery('indonesian', %s) ORDER BY ts_rank(to_tsvector('indonesian', "
            "name || ' ' || summary || ' ' || requirements), plainto_tsquery('indonesian', %s)) "
            "DESC, name",
            [query, query],
        )
        return [row[0] for row in cursor.fetchall()]


def _score(search, queries) -> dict:
    first = top3 = none_ok = misses = 0
    wrong = []
    for query, expected in queries:
        slugs = search(query)
        if expected is None:
            none_ok += slugs == []
            if slugs:
                wrong.append((query, expected, slugs[:3]))
            continue
        first += slugs[:1] == [expected]
        top3 += expected in slugs[:3]
        if expected not in slugs[:3]:
            misses += 1
            wrong.append((query, expected, slugs[:3]))
    expected_some = sum(1 for _q, e in queries if e is not None)
    expected_none = len(queries) - expected_some
    hits = top3 + none_ok
    return {
        "first": first,
        "top3": top3,
        "none_ok": none_ok,
        "some": expected_some,
        "none": expected_none,
        "rate": hits / len(queries),
        "wrong": wrong,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--misses", action="store_true", help="list the misses of every search")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    from balaikota.catalogue.data.semarang import SEARCH_QUERIES
    from balaikota.catalogue.models import PublicService, SearchTerm

    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        result = _seed()
        print(
            f"database: {connection.vendor}; services: "
            f"{PublicService.objects.filter(is_active=True).count()} "
            f"({result.created} loaded); vocabulary: {SearchTerm.objects.count()} words; "
            f"queries: {len(SEARCH_QUERIES)}"
        )
        searches = [("this search", _ours), ("icontains (before)", _old)]
        if connection.vendor == "postgresql":
            searches.append(("PostgreSQL 'indonesian'", _postgres_indonesian))
        for label, search in searches:
            score = _score(search, SEARCH_QUERIES)
            print(
                f"{label:26} hit rate {score['rate']:6.1%}  first {score['first']}/{score['some']}"
                f"  top-3 {score['top3']}/{score['some']}  nothing-when-nothing "
                f"{score['none_ok']}/{score['none']}"
            )
            if args.misses:
                for query, expected, got in score["wrong"]:
                    print(f"    {query!r:32} expected {expected}, got {got}")

        _ours("akte lahir")  # warm: vocabulary and stems
        timings = []
        for _ in range(args.repeat):
            for query, _expected in SEARCH_QUERIES:
                start = time.perf_counter()
                _ours(query)
                timings.append((time.perf_counter() - start) * 1000)
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(
            f"time per search ({len(timings)} searches): p50 {statistics.median(timings):.2f} ms,"
            f" p95 {p95:.2f} ms, max {timings[-1]:.2f} ms"
        )
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


if __name__ == "__main__":
    main()
