"""Search benchmark: index throughput, index size and query latency (p50/p95).

Generates the archive with bench/generate.py (COPY, so no signals: the index is then built
here, timed, through the search backend in batches as rebuild_search_index does), then
times one-word, two-word, particle and phrase queries through the same code the search
page runs (SearchResults: the page of results and its bounded count).

Run: .venv/bin/python bench/search.py --articles 100000 \\
        --database-url postgres://postgres@127.0.0.1:5432/newsroom_search_bench
`make bench` runs it without arguments: it then only says how to run it.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = {
    "one word": ["시흥시의회", "축제", "주민", "예산", "학교"],
    "two words": ["시흥시의회 본회의", "주민 축제", "시청 예산", "학교 급식", "배곧 신도시"],
    "particle": ["시흥시의회는", "의원들이", "주민들은", "학교에서", "예산을"],
    "phrase": ['"시흥시의회 본회의"', '"주민 설명회"', '"예산 편성"', '"시민 안전"'],
    "compound": ["의회", "시흥시", "신도시", "본회의", "GTX-C"],
    "exclusion": ["시흥시의회 -본회의", "축제 -주민", "예산 -학교", "주민 -시흥시의회"],
    "no results": ["가나다라마바", "zzqx", "블록체인양자컴퓨터"],
}
REPEAT = 5


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    if not argv:
        print("bench/search.py: give --articles N --database-url URL (see --help).")
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--skip-generate", action="store_true", help="reuse the archive")
    parser.add_argument("--batch-size", type=int, default=500)
    options = parser.parse_args(argv)
    if not options.skip_generate:
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "bench" / "generate.py"),
                "--articles",
                str(options.articles),
                "--database-url",
                options.database_url,
                "--reset",
            ],
            check=True,
        )
    from bench.generate import setup_django

    setup_django(options.database_url)
    from django.db import connection

    from articles.models import Article
    from articles.search.analyzer import kiwi
    from articles.search.backend import get_backend
    from articles.search.forms import SearchForm
    from articles.search.results import SearchResults

    kiwi()  # loaded once per process; not part of the throughput
    backend = get_backend()
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    started = time.monotonic()
    for start in range(0, len(ids), options.batch_size):
        backend.index(ids[start : start + options.batch_size])
    elapsed = time.monotonic() - started
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_articlesearchindex")
        cursor.execute(
            "SELECT pg_total_relation_size('articles_articlesearchindex'),"
            " pg_relation_size('article_search_vector_gin')"
        )
        total_size, gin_size = cursor.fetchone()
    print(f"articles: {len(ids):,}")
    print(f"indexing: {len(ids) / elapsed:,.0f} stories/s ({elapsed:.0f} s)")
    print(f"index size: {total_size / 2**20:,.0f} MB (GIN {gin_size / 2**20:,.0f} MB)")

    def run(text, sort="relevance"):
        form = SearchForm({"q": text, "sort": sort})
        assert form.is_valid(), form.errors
        results = SearchResults.find(form)
        count = results.count
        page = list(results.articles[:20])
        results.annotate_snippets(page)
        return count

    def explain(text):
        form = SearchForm({"q": text, "sort": "relevance"})
        assert form.is_valid(), form.errors
        results = SearchResults.find(form)
        page_sql, page_params = results.articles[:20].query.sql_with_params()
        # The bounded count, as SearchResults.count runs it (LIMIT 1001 inside the count).
        count_sql, count_params = (
            results.articles.order_by().values("pk")[:1001].query.sql_with_params()
        )
        plans = []
        for sql, params in (
            (page_sql, page_params),
            (f"SELECT count(*) FROM ({count_sql}) AS bounded", count_params),
        ):
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS OFF) " + sql, params)
                lines = [row[0] for row in cursor.fetchall()]
            # The nodes that tell the story: scans (GIN bitmap or not), limits, timing.
            keep = ("Scan", "Limit", "Aggregate", "Sort Method", "Execution Time", "Recheck")
            plans.append("\n".join(line for line in lines if any(k in line for k in keep)))
        return "\n--- count:\n".join(plans)

    for text in ("시흥시의회 본회의", "의원들이"):
        plan = explain(text)
        print(f"--- EXPLAIN ANALYZE {text!r} (page of 20)")
        print(plan)
        print("GIN used:", "article_search_vector_gin" in plan)

    for kind, texts in QUERIES.items():
        for sort in ("relevance", "newest"):
            timings, counts = [], []
            for text in texts:
                run(text, sort)  # warm
                for _ in range(REPEAT):
                    began = time.perf_counter()
                    counts.append(run(text, sort))
                    timings.append((time.perf_counter() - began) * 1000)
            timings.sort()
            p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
            print(
                f"{kind:10} {sort:9} p50 {statistics.median(timings):6.1f} ms"
                f"  p95 {p95:6.1f} ms  (matches, bounded at 1001: {min(counts)}–{max(counts)})"
            )


if __name__ == "__main__":
    main()
