"""The own-story report: counts and shares by origin per month/week, section and reporter,
the 자체기사 threshold, an SVG chart, a CSV Excel opens, constant queries at 10k stories."""

import csv
import io
from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from articles.models import Article, Byline
from intake import origin_report
from tests.factories import (
    make_article,
    make_editor,
    make_reporter,
    make_reporter_user,
    make_section,
)

pytestmark = pytest.mark.django_db

URL = "/admin/intake/originreport/"


def kst(*args):
    return timezone.make_aware(datetime(*args))


@pytest.fixture
def stories(move_clock):
    move_clock(kst(2026, 12, 3, 12))
    politics, life = make_section("정치"), make_section("생활")
    kim, lee = make_reporter("김기자"), make_reporter("이기자")
    made = []

    def add(origin, when, section, reporters):
        made.append(
            make_article(origin=origin, published_at=when, section=section, reporters=reporters)
        )

    november = kst(2026, 11, 10, 9)
    add("own", november, politics, [kim])
    add("own", november, politics, [kim, lee])
    add("press", november, life, [lee])
    add("press", november, life, [lee])
    add("press", november, life, [])
    add("wire", november, politics, [kim])
    add("contribution", kst(2026, 11, 30, 23, 30), life, [lee])  # KST: still November
    add("own", kst(2026, 10, 5, 9), politics, [kim])
    # Not counted: a draft, a trashed story.
    make_article(origin="own", published=False, section=politics)
    make_article(origin="own", published_at=november, section=politics, deleted_at=november)
    return made


def test_month_counts_shares_section_reporter(stories):
    report = origin_report.build("month", kst(2026, 11, 15).date(), threshold=30)
    november = report.current
    assert november.counts == {"own": 2, "press": 3, "wire": 1, "contribution": 1}
    assert november.total == 7 and round(november.own_share, 1) == 28.6
    assert november.below(30) and not november.below(25)
    assert report.trend[-2].counts == {"own": 1} and len(report.trend) == 12
    sections = {row.label: row.counts for row in report.sections}
    assert sections == {"정치": {"own": 2, "wire": 1}, "생활": {"press": 3, "contribution": 1}}
    reporters = {row.label: row.counts for row in report.reporters}
    assert reporters["김기자"] == {"own": 2, "wire": 1}
    assert reporters["이기자"] == {"own": 1, "press": 2, "contribution": 1}
    assert reporters["기자 없음"] == {"press": 1}


def test_weeks_start_on_monday_in_kst(stories):
    report = origin_report.build("week", kst(2026, 11, 11).date())
    assert report.start.isoformat() == "2026-11-09" and report.label == "2026.11.09~11.15"
    assert report.current.total == 6


def test_admin_page_table_chart_threshold(client, stories, settings):
    settings.OWN_STORY_SHARE_THRESHOLD = 30
    client.force_login(make_editor())
    assert URL in client.get("/admin/").content.decode()
    page = client.get(URL, {"by": "month", "at": "2026-11-15"}).content.decode()
    assert "2026년 11월: 자체기사 2건 / 전체 7건 (28.6%)" in page and "기준 미달" in page
    assert "<svg" in page and "data-threshold" in page and "기준 30%" in page
    assert '<th scope="row">정치</th>' in page and "김기자" in page
    settings.OWN_STORY_SHARE_THRESHOLD = 20
    page = client.get(URL, {"at": "2026-11-15"}).content.decode()
    assert "기준 미달" not in page and "기준 20%" in page


def test_bad_date_is_a_message_not_an_error(client, stories):
    client.force_login(make_editor())
    r = client.get(URL, {"at": "2026-13-99"}, follow=True)
    assert r.status_code == 200 and "날짜는 2026-12-01처럼" in r.content.decode()


def test_editors_only(client):
    client.force_login(make_reporter_user())
    assert client.get(URL).status_code == 403


def test_csv_has_bom_korean_headers_and_parses(client, stories):
    client.force_login(make_editor())
    r = client.get(URL, {"by": "month", "at": "2026-11-01", "format": "csv"})
    assert r["Content-Type"].startswith("text/csv") and "attachment" in r["Content-Disposition"]
    assert r.content[:3] == b"\xef\xbb\xbf"
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    # every origin has its column, 광고 and 협찬 (기사형 광고) included
    assert rows[0][:8] == ["구분", "이름", "자체기사", "보도자료", "기고", "통신", "광고", "협찬"]
    assert rows[0][8:] == ["합계", "자체기사 비율(%)", "기준(30%) 미달"]
    november = next(row for row in rows if row[1] == "2026년 11월")
    assert november == ["월별", "2026년 11월", "2", "3", "1", "1", "0", "0", "7", "28.6", "미달"]
    assert ["섹션(2026년 11월)", "정치", "2", "0", "0", "1", "0", "0", "3", "66.7", ""] in rows


def test_constant_queries_at_ten_thousand_stories(client, django_assert_max_num_queries):
    sections = [make_section() for _ in range(5)]
    reporters = [make_reporter() for _ in range(10)]
    start = timezone.now() - timedelta(days=300)
    origins = [value for value, _ in Article.Origin.choices]
    articles = Article.objects.bulk_create(
        Article(
            headline=f"기사 {n}",
            body="<p>본문</p>",
            slug=f"a-{n}",
            section=sections[n % 5],
            origin=origins[n % len(origins)],
            status=Article.Status.PUBLISHED,
            published_at=start + timedelta(minutes=43 * n),
        )
        for n in range(10_000)
    )
    Byline.objects.bulk_create(
        Byline(article=article, reporter=reporters[n % 10], order=0)
        for n, article in enumerate(articles)
    )
    client.force_login(make_editor())
    client.get(URL)  # session, permissions warmed
    # session, user, 2 permission reads, 3 GROUP BYs, and the admin sidebar asking whether
    # the two singletons (site settings, comment policy) can still be added
    with django_assert_max_num_queries(9):
        page = client.get(URL, {"by": "month"})
    assert page.status_code == 200
    with django_assert_max_num_queries(9):
        assert client.get(URL, {"by": "week", "format": "csv"}).status_code == 200
