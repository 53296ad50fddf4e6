"""Where a cold page's time goes: its queries (with EXPLAIN ANALYZE of the slow ones) and
a pyinstrument profile of the Python side, caches off.

Uses the archives of bench/scale.py (bench/generate.py makes them). Prints; not a test.
Run: .venv/bin/python bench/profile_pages.py [--database-url URL] [--page article …]
        [--explain-ms 5] [--profile]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scale  # noqa: E402


def explain(sql: str) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", default=scale.ARCHIVES["1M"][1])
    parser.add_argument(
        "--page", action="append", help="a page name of bench/scale.py (repeatable)"
    )
    parser.add_argument(
        "--explain-ms", type=float, default=5.0, help="EXPLAIN queries slower than this"
    )
    parser.add_argument(
        "--profile", action="store_true", help="add a pyinstrument profile per page"
    )
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    try:
        import psycopg

        psycopg.connect(options.database_url, connect_timeout=3).close()
    except Exception as exc:
        print(f"bench/profile_pages.py: skipped, {options.database_url} unreachable ({exc}); "
              "make the archive with bench/generate.py or bench/scale.py")  # fmt: skip
        return
    scale.setup_django(options.database_url)
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    pages = scale.sample_pages()
    for name in options.page or pages:
        path = pages[name]
        figures = scale.measure(path, options.runs)
        print(
            f"\n===== {name}: {path}  {figures['ms']:.1f} ms median, {figures['queries']} queries"
        )
        client = scale.client_for(path)
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            client.get(path)
        for query in captured.captured_queries:
            ms = float(query["time"]) * 1000
            print(f"  {ms:7.1f} ms  {query['sql'][:160]}")
            if ms >= options.explain_ms and query["sql"].lstrip().upper().startswith("SELECT"):
                print("    " + explain(query["sql"]).replace("\n", "\n    "))
        if options.profile:
            from pyinstrument import Profiler

            cache.clear()
            profiler = Profiler(interval=0.0005)
            with profiler:
                for _ in range(options.runs):
                    cache.clear()
                    client.get(path)
            print(profiler.output_text(unicode=True, color=False, show_all=False, short_mode=True))


if __name__ == "__main__":
    main()
