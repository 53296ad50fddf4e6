"""Search benchmark: index throughput, index size and query latency (p50/p95).

Generates the archive with bench/generate.py --search-index (COPY, so no signals: the
generator writes each story's vector from a pool of paragraphs analysed once, since Kiwi
indexes ~100 stories/s and 100,000 stories would take 17 minutes), then times the search
backend's own indexing on a sample (``--index-sample`` stories re-indexed in batches as
rebuild_search_index does: the stories/s figure) and checks that its vectors have the
generator's terms and weights, then times one-word, two-word, particle and phrase
queries through the same code the search page runs (SearchResults: the page of results,
its bounded count from one pass over the matches, and on a miss the respaced retry). ``--index-sample 0`` re-indexes
every story through the backend instead.

Run: .venv/bin/python bench/search.py --articles 100000 \\
        --database-url postgres://postgres@127.0.0.1:5432/newsroom_search_bench
`make bench` runs it without arguments: it then only says how to run it.
"""

from __future__ import annotations

import argparse
import os
import random
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


def _vectors(connection, ids) -> dict[int, str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT article_id, search_vector::text FROM articles_articlesearchindex"
            " WHERE article_id = ANY(%s)",
            [list(ids)],
        )
        return dict(cursor.fetchall())


def _terms(vector: str, weights: str = "ABCD") -> dict[str, frozenset[str]]:
    """A tsvector's terms and the weights each has (positions left out)."""
    found = {}
    for entry in vector.split(" "):
        term, _, positions = entry.rpartition(":")
        held = frozenset(p.lstrip("0123456789") or "D" for p in positions.split(","))
        if held & set(weights):
            found[term] = held & set(weights)
    return found


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
    parser.add_argument(
        "--index-sample",
        type=int,
        default=5000,
        help="stories re-indexed through the backend for the stories/s figure (0: all)",
    )
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
                "--search-index",
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
    from articles.search.results import BoundedPaginator, SearchResults

    kiwi()  # loaded once per process; not part of the throughput
    backend = get_backend()
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True))
    sample = ids
    if options.index_sample:
        sample = random.Random(1).sample(ids, min(options.index_sample, len(ids)))
    written = _vectors(connection, sample)
    started = time.monotonic()
    for start in range(0, len(sample), options.batch_size):
        backend.index(sample[start : start + options.batch_size])
    elapsed = time.monotonic() - started
    if written:
        rewritten = _vectors(connection, sample)
        same = sum(_terms(written[pk]) == _terms(rewritten[pk]) for pk in written)
        body_same = sum(
            _terms(written[pk], "BCD") == _terms(rewritten[pk], "BCD") for pk in written
        )
        print(
            f"generator's vectors: {same:,} of {len(written):,} sampled have the backend's"
            f" terms and weights; {body_same:,} leaving out weight A (Kiwi reads the joined tag"
            " names in the order the backend's prefetch returns them, which is arbitrary)"
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE articles_articlesearchindex")
        cursor.execute(
            "SELECT pg_total_relation_size('articles_articlesearchindex'),"
            " pg_relation_size('article_search_vector_gin')"
        )
        total_size, gin_size = cursor.fetchone()
    print(f"articles: {len(ids):,}")
    print(f"indexing: {len(sample) / elapsed:,.0f} stories/s ({len(sample):,} in {elapsed:.0f} s)")
    print(f"index size: {total_size / 2**20:,.0f} MB (GIN {gin_size / 2**20:,.0f} MB)")

    def run(text, sort="relevance"):
        form = SearchForm({"q": text, "sort": sort})
        assert form.is_valid(), form.errors
        results = SearchResults.find(form)
        count = results.count
        page = BoundedPaginator(results.articles, 20, count).get_page(1).object_list
        results.annotate_snippets(page)
        if not count:
            # The no-results page: the respaced retry and the latest stories.
            results.respaced  # noqa: B018
            list(Article.objects.published().for_lists()[:5])
        return count

    def explain(text, sort):
        """The plans of the one pass over the matches (page order and bounded count) and
        of the page's 20 stories fetched by pk."""
        from articles.search.results import COUNT_LIMIT

        form = SearchForm({"q": text, "sort": sort})
        assert form.is_valid(), form.errors
        results = SearchResults.find(form)
        through_gin = backend._through_gin(results.query, results.within, COUNT_LIMIT + 1)
        passes = backend.match_rows(
            results.query, within=results.within, order=sort, limit=COUNT_LIMIT + 1
        )
        page = results.within.filter(pk__in=results.matches.ids[:20])
        plans = [f"(matches through the {'GIN set' if through_gin else 'date-order walk'})"]
        steps = [("one pass", passes)]
        if results.matches.ids:
            steps.append(("page of 20 by pk", page))
        for label, queryset in steps:
            sql, params = queryset.query.sql_with_params()
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql, params)
                lines = [row[0] for row in cursor.fetchall()]
            # The nodes that tell the story: scans (GIN bitmap or not), limits, timing.
            keep = (
                "Scan",
                "Limit",
                "Sort",
                "Execution Time",
                "Recheck",
                "Rows Removed",
                "Buffers",
            )
            plans.append(
                f"--- {label}:\n"
                + "\n".join(line for line in lines if any(k in line for k in keep))
            )
        return "\n".join(plans)

    for kind, texts in QUERIES.items():
        for sort in ("relevance", "newest"):
            print(f"=== EXPLAIN ANALYZE {texts[0]!r} ({kind}, {sort})")
            print(explain(texts[0], sort))

    def miss(text):
        """Where a miss's time goes: the page, the count, the respaced retry."""
        form = SearchForm({"q": text, "sort": "relevance"})
        assert form.is_valid(), form.errors
        results = SearchResults.find(form)
        spent = {}
        for step, work in (
            ("one pass", lambda: results.count),
            ("page", lambda: list(results.articles[:20])),
            ("respaced", lambda: results.respaced),
            ("latest", lambda: list(Article.objects.published().for_lists()[:5])),
        ):
            began = time.perf_counter()
            work()
            spent[step] = (time.perf_counter() - began) * 1000
        return "  ".join(f"{step} {ms:.1f} ms" for step, ms in spent.items())

    for text in QUERIES["no results"]:
        miss(text)
        print(f"miss {text!r}: {miss(text)}")

    table = {}
    slowest = {}
    for kind, texts in QUERIES.items():
        for sort in ("relevance", "newest"):
            timings, counts, per_text = [], [], {}
            for text in texts:
                run(text, sort)  # warm
                for _ in range(REPEAT):
                    began = time.perf_counter()
                    counts.append(run(text, sort))
                    spent = (time.perf_counter() - began) * 1000
                    timings.append(spent)
                    per_text[text] = max(per_text.get(text, 0), spent)
            timings.sort()
            p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
            table[kind, sort] = (statistics.median(timings), p95)
            slowest[kind, sort] = max(per_text, key=per_text.get)
            print(
                f"{kind:10} {sort:9} p50 {statistics.median(timings):6.1f} ms"
                f"  p95 {p95:6.1f} ms  (matches, bounded at 1001: {min(counts)}–{max(counts)})"
            )
    load = " ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"\n{len(ids):,} stories, {os.cpu_count()} CPUs, load average {load} at the end")
    print("| query kind | 정확도 p50 / p95 ms | 최신순 p50 / p95 ms | slowest query (정확도) |")
    print("|---|---:|---:|---|")
    for kind in QUERIES:
        cells = ["{:.0f} / {:.0f}".format(*table[kind, sort]) for sort in ("relevance", "newest")]
        print(f"| {kind} | {cells[0]} | {cells[1]} | `{slowest[kind, 'relevance']}` |")


if __name__ == "__main__":
    main()
