"""관련기사: EXPLAIN ANALYZE of ``related_for_readers`` for the newest stories of an archive,
its planning and execution times (median, max). ``--old`` measures the query as it was
(``pk IN (UNION ALL of walks)``) for comparison. Prints; not a test.

Run: .venv/bin/python bench/related.py --database-url postgres://…/newsroom_demo [--old]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scale  # noqa: E402


def use_old_candidates():
    from articles.models import ArticleQuerySet

    def newest_of_each(self, walks, size=0, *, also=None):
        walks = [walk if isinstance(walk, tuple) else (walk, size) for walk in walks]
        parts = [self.filter(w).order_by("-published_at", "-pk").values("pk")[:n] for w, n in walks]  # fmt: skip
        if also is not None:
            parts.append(self.filter(also).values("pk"))
        return self.filter(pk__in=parts[0].union(*parts[1:], all=True))

    ArticleQuerySet.newest_of_each = newest_of_each


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--stories", type=int, default=30, help="the newest N stories")
    parser.add_argument("--old", action="store_true", help="the query before the fix")
    args = parser.parse_args()
    scale.setup_django(args.database_url)

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from articles.models import Article

    if args.old:
        use_old_candidates()
    newest = Article.objects.published().order_by("-published_at")
    planning, execution = [], []
    for pk in newest.values_list("pk", flat=True)[: args.stories]:
        story = Article.objects.published().for_page().get(pk=pk)
        story.unpack_page_parts()
        with CaptureQueriesContext(connection) as captured:
            story.related_for_readers()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE) " + captured.captured_queries[-1]["sql"])
            rows = [row[0] for row in cursor.fetchall()]
        planning.append(float(rows[-2].split()[-2]))
        execution.append(float(rows[-1].split()[-2]))
    print(
        f"{'old' if args.old else 'new'}: {len(planning)} stories; planning median "
        f"{statistics.median(planning):.1f} max {max(planning):.1f} ms; execution median "
        f"{statistics.median(execution):.1f} max {max(execution):.1f} ms"
    )


if __name__ == "__main__":
    main()
