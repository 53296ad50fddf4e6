"""The desk's queues and reports at archive size: queries, time and the plans behind them.

Against an archive made by bench/generate.py (100k stories: one database, made here when
missing), desk material is added once: tips, press releases, both portals' delivery rows
for every published story, banners with a year of hourly impressions and daily clicks,
council sessions. Then each desk page (the pages of tests/intake/test_desk_query_budget.py)
is requested through Django's test client as a superuser, caches off, a few times to warm,
then ``--runs`` more; the median time is printed with the page's query count, then
``EXPLAIN (ANALYZE, BUFFERS)`` of its main query (the page's slowest SELECT). Every SELECT
of every page reading ``articles_article`` is EXPLAINed as well, and a Seq Scan on that
table is flagged.

Prints figures; it is not a test.
Run: .venv/bin/python bench/desk.py \\
        --database-url postgres://postgres@127.0.0.1:5432/nr_bench_desk_100k [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scale  # noqa: E402

DEFAULT_URL = f"{scale.SERVER}/nr_bench_desk_100k"
NAVER = "Mozilla/5.0 (compatible; Yeti/1.1; +https://naver.me/spd)"
TIPS = 5_000
RELEASES = 8_000
BANNERS = 40
SEQ_SCAN = re.compile(r"Seq Scan on articles_article\b")


def seed_desk() -> None:
    """Desk material in proportion to the archive, added once (skipped when tips exist)."""

    from django.db import transaction

    from intake.models import Tip

    if Tip.objects.exists():
        return
    with transaction.atomic():
        _seed_desk()


def _seed_desk() -> None:
    from datetime import timedelta

    from django.db import connection
    from django.utils import timezone

    started = time.perf_counter()
    now = timezone.now()
    with connection.cursor() as cursor:
        # Tips over the last two years, one in five made into a (draft) story.
        cursor.execute(
            """
            INSERT INTO intake_tip (name, contact, text, consent_at, status, article_id, created_at)
            SELECT '', '010-0000-' || lpad(g::text, 4, '0'), '제보 ' || g || ': 정왕동 도로가 파였습니다.',
                   %(now)s - g * interval '3 hours',
                   (ARRAY['new','progress','story','closed'])[1 + g %% 4],
                   CASE WHEN g %% 5 = 0 THEN (SELECT max(id) FROM articles_article) - g END,
                   %(now)s - g * interval '3 hours'
            FROM generate_series(1, %(tips)s) g
            """,
            {"now": now, "tips": TIPS},
        )
        cursor.execute(
            "INSERT INTO intake_tipphoto (tip_id, file) SELECT id, 'intake/tips/t' || id || '-' || k || '.jpg'"
            " FROM intake_tip, generate_series(1, 3) k WHERE id % 4 = 0"
        )
        # Press releases, half linked to a 보도자료 story (one-to-one).
        cursor.execute(
            """
            WITH press AS (
                SELECT id, row_number() OVER (ORDER BY id DESC) AS n
                FROM articles_article WHERE origin = 'press')
            INSERT INTO intake_pressrelease (title, body, source, sender, organisation,
                received_at, sender_warning, status, article_id, added_by_id, created_at)
            SELECT '[보도자료] 시흥시 소식 ' || g, '<p>시흥시는 ' || g || '일 밝혔다.</p>',
                   (ARRAY['text','html','eml'])[1 + g %% 3], 'press@siheung.go.kr',
                   (ARRAY['시흥시','시흥시의회','시흥교육지원청','경기도'])[1 + g %% 4],
                   %(now)s - g * interval '2 hours',
                   CASE WHEN g %% 9 = 0 THEN '발신자 확인 필요: example.com' ELSE '' END,
                   CASE WHEN g %% 2 = 0 THEN 'story' ELSE 'new' END,
                   press.id, NULL, %(now)s - g * interval '2 hours'
            FROM generate_series(1, %(releases)s) g
            LEFT JOIN press ON g %% 2 = 0 AND press.n = g / 2
            """,
            {"now": now, "releases": RELEASES},
        )
        cursor.execute(
            "INSERT INTO intake_pressreleaseimage (release_id, file, filename, image_id)"
            " SELECT r.id, 'intake/press/p' || r.id || '-' || k || '.jpg', '사진' || k || '.jpg',"
            " (SELECT min(id) FROM articles_image) FROM intake_pressrelease r, generate_series(1, 4) k"
            " WHERE r.id % 3 = 0"
        )
        # Both portals fetched every story they could see; the newest 1 % changed since.
        cursor.execute(
            """
            INSERT INTO intake_portaldelivery (article_id, portal, first_fetched_at,
                last_fetched_at, delivered_change_at, deleted_delivered_at, fetch_count)
            SELECT a.id, p.portal, a.published_at + interval '5 minutes',
                   a.published_at + interval '10 minutes',
                   a.content_updated_at - CASE WHEN a.id %% 100 = 0 THEN interval '1 hour'
                                               ELSE interval '0' END,
                   NULL, 1 + a.id %% 7
            FROM articles_article a, (VALUES ('naver'), ('daum')) p(portal)
            WHERE a.published_at <= %(now)s AND a.status IN ('published', 'unpublished')
            """,
            {"now": now},
        )
        cursor.execute(
            "UPDATE articles_article SET deleted_at = %(now)s - (id %% 5) * interval '1 day'"
            " WHERE id IN (SELECT id FROM articles_article WHERE status = 'published'"
            " ORDER BY published_at DESC LIMIT 30 OFFSET 200)",
            {"now": now},
        )
    # Banners: a year of impressions by the hour, clicks by the day.
    from articles.models import Image
    from newsroom.models import Banner

    image = Image.objects.order_by("pk").first()
    slots = [choice for choice, _ in Banner._meta.get_field("slot").choices]
    Banner.objects.bulk_create(
        Banner(
            name=f"배너 {n}", advertiser=f"광고주 {n % 9}", slot=slots[n % len(slots)],
            image=image, alt_text=f"광고 {n}", url=f"https://example.kr/ad/{n}",
            starts_at=now - timedelta(days=10 * n), ends_at=now + timedelta(days=n - 5),
        )
        for n in range(BANNERS)
    )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO newsroom_bannerimpression (banner_id, hour, count)"
            " SELECT b.id, date_trunc('hour', %(now)s) - h * interval '1 hour', 50 + (b.id * h) %% 200"
            " FROM newsroom_banner b, generate_series(0, 24 * 365) h",
            {"now": now},
        )
        cursor.execute(
            "INSERT INTO newsroom_bannerclick (banner_id, day, count)"
            " SELECT b.id, (%(now)s::date - d), 1 + (b.id + d) %% 9"
            " FROM newsroom_banner b, generate_series(0, 365) d",
            {"now": now},
        )
    from council.models import Session

    today = timezone.localdate()
    Session.objects.bulk_create(
        Session(number=300 + n, kind="임시회", start_date=today - timedelta(days=30 * n),
                end_date=today - timedelta(days=30 * n - 7))
        for n in range(30)
    )  # fmt: skip
    print(f"desk material added in {time.perf_counter() - started:.0f} s", file=sys.stderr)


def desk_pages() -> dict[str, tuple[str, dict]]:
    from datetime import timedelta

    from django.utils import timezone

    from articles.models import Article
    from intake.models import PressRelease, Tip

    tip = Tip.objects.filter(photos__isnull=False, article__isnull=False).order_by("-pk").first()
    release = PressRelease.objects.filter(images__isnull=False).order_by("-pk").first()
    story = Article.objects.published().filter(portal_deliveries__isnull=False)
    story = story.order_by("-published_at").first()
    today = timezone.localdate()
    year, week, _ = today.isocalendar()
    last_month_end = today.replace(day=1) - timedelta(days=1)
    ad = f"start={last_month_end.replace(day=1).isoformat()}&end={last_month_end.isoformat()}"
    return {
        "tip list": ("/admin/intake/tip/", {}),
        "tip change": (f"/admin/intake/tip/{tip.pk}/change/", {}),
        "release list": ("/admin/intake/pressrelease/", {}),
        "release change": (f"/admin/intake/pressrelease/{release.pk}/change/", {}),
        "admin index": ("/admin/", {}),
        "delivery log": ("/admin/intake/portaldelivery/", {}),
        "story change": (f"/admin/articles/article/{story.pk}/change/", {}),
        "portal export": ("/portal/export.xml", {}),
        "export, naver": ("/portal/export.xml", {"HTTP_USER_AGENT": NAVER}),
        "origin month": ("/admin/intake/originreport/?by=month", {}),
        "origin week": ("/admin/intake/originreport/?by=week", {}),
        "origin csv": ("/admin/intake/originreport/?by=month&format=csv", {}),
        "ad report": (f"/admin/newsroom/banner/report/?{ad}", {}),
        "ad csv": (f"/admin/newsroom/banner/report/?{ad}&format=csv", {}),
        "calendar month": ("/admin/calendar/", {}),
        "calendar week": (f"/admin/calendar/?week={year}-W{week:02d}", {}),
    }


def measure(path: str, headers: dict, runs: int, warmup: int = 2) -> dict:
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(get_user_model().objects.get(username=scale.BENCH_ADMIN))
    timings = []
    for n in range(warmup + runs):
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(path, **headers)
            elapsed = time.perf_counter() - started
        if response.status_code != 200:
            raise SystemExit(f"{path}: {response.status_code}")
        if n >= warmup:
            timings.append(elapsed * 1000)
    selects = [
        q["sql"]
        for q in captured.captured_queries
        if q["sql"].lstrip().upper().startswith("SELECT")
    ]
    # The main query: the SELECT that takes Postgres longest (Django's clock rounds to ms).
    timed = [(execution_ms(plan), sql, plan) for sql in selects for plan in [explain(sql, analyze=True)]]  # fmt: skip
    main_ms, main, plan = max(timed, default=(0.0, "", ""), key=lambda row: row[0])
    return {
        "ms": statistics.median(timings),
        "queries": len(captured),
        "main": main,
        "main_ms": main_ms,
        "plan": plan,
        "selects": selects,
    }


def execution_ms(plan: str) -> float:
    found = re.search(r"Execution Time: ([\d.]+) ms", plan)
    return float(found[1]) if found else 0.0


def explain(sql: str, *, analyze: bool) -> str:
    from django.db import connection

    options = "ANALYZE, BUFFERS" if analyze else "COSTS OFF"
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN ({options}) {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=DEFAULT_URL)
    parser.add_argument("--articles", type=int, default=100_000, help="when generating one")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--plans", action="store_true", help="print every main query's plan")
    parser.add_argument("--only", action="append", help="one page by its name (repeatable)")
    options = parser.parse_args()

    scale.ensure_archive(options.articles, options.database_url)
    scale.setup_django(options.database_url)
    from django.contrib.auth import get_user_model

    from articles.models import Article

    User = get_user_model()
    if not User.objects.filter(username=scale.BENCH_ADMIN).exists():
        User.objects.create_superuser(scale.BENCH_ADMIN, password=None)
    seed_desk()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    from intake.models import PortalDelivery, PressRelease, Tip
    from newsroom.models import BannerImpression

    print(
        f"\ndesk pages, caches off, Django test client, superuser, median of {options.runs};"
        f" {Article.objects.count():,} articles, {Tip.objects.count():,} tips,"
        f" {PressRelease.objects.count():,} releases, {PortalDelivery.objects.count():,}"
        f" delivery rows, {BannerImpression.objects.count():,} impression rows"
        f" ({os.environ['DATABASE_URL'].rsplit('/', 1)[1]})"
    )
    print(f"{'page':<16}{'ms':>8}{'queries':>9}{'main q ms':>11}  main query plan (top node)")
    flagged, plans = [], {}
    for name, (path, headers) in desk_pages().items():
        if options.only and name not in options.only:
            continue
        result = measure(path, headers, options.runs)
        plan = result["plan"]
        plans[name] = (result["main"], plan)
        top = plan.splitlines()[0].strip()[:70] if plan else "-"
        print(
            f"{name:<16}{result['ms']:>8.1f}{result['queries']:>9}{result['main_ms']:>11.1f}  {top}"
        )
        for sql in result["selects"]:
            if "articles_article" in sql and SEQ_SCAN.search(explain(sql, analyze=False)):
                flagged.append((name, sql))
    print()
    if flagged:
        for name, sql in flagged:
            print(f"SEQ SCAN on articles_article: {name}: {sql[:400]}")
    else:
        print("no Seq Scan on articles_article in any desk page's query")
    if options.plans:
        for name, (sql, plan) in plans.items():
            print(f"\n== {name}\n{sql[:600]}\n{plan}")


if __name__ == "__main__":
    main()
