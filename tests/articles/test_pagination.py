"""Story lists page without counting: numbered pages up to a cap, then keyset pages."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import pagination
from articles.models import Article
from tests.factories import make_article, make_reporter, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_pages(settings, monkeypatch):
    settings.ARTICLES_PER_PAGE = 2
    monkeypatch.setattr(pagination, "NUMBERED_PAGES", 3)


def next_link(html: str) -> str | None:
    found = re.search(r'<a href="([^"]+)" rel="next">', html)
    return found.group(1).replace("&amp;", "&") if found else None


def headlines(html: str) -> list[str]:
    return re.findall(r'class="item__title"><a href="[^"]+">([^<]+)</a>', html)


def walk(client, url: str) -> tuple[list[str], list[str]]:
    """Every headline met following "다음" / "더 지난 기사" from ``url``, and the URLs."""
    seen, urls = [], []
    while url:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        seen += headlines(html)
        urls.append(url)
        url = next_link(html)
    return seen, urls


def test_every_story_is_reached_once_in_order_through_numbered_then_keyset_pages(
    client, small_pages
):
    section = make_section(slug="council")
    moment = timezone.now() - timedelta(days=1)
    # Ties in publication time are ordered by id, across a page boundary too.
    stories = [
        make_article(headline=f"기사 {n:02d}", section=section, published_at=moment - timedelta(minutes=n // 3))
        for n in range(13)
    ]  # fmt: skip
    make_article(headline="초안", section=section, published=False)
    seen, urls = walk(client, "/section/council/")
    expected = [a.headline for a in sorted(stories, key=lambda a: (a.published_at, a.pk), reverse=True)]  # fmt: skip
    assert seen == expected
    assert urls[:3] == ["/section/council/", "/section/council/?page=2", "/section/council/?page=3"]
    assert all(re.fullmatch(r"/section/council/\?before=\d+", u) for u in urls[3:]), urls


def test_keyset_pages_offer_the_way_back_to_the_newest(client, small_pages):
    section = make_section(slug="council")
    for n in range(8):
        make_article(headline=f"기사 {n}", section=section)
    oldest_of_page_three = Article.objects.published().for_lists()[5]
    html = client.get(f"/section/council/?before={oldest_of_page_three.pk}").content.decode()
    assert '<a href="/section/council/" rel="prev">최신 기사</a>' in html
    assert "더 지난 기사" not in html  # two stories left: the last page
    assert len(headlines(html)) == 2


def test_no_list_page_counts_its_list(client, small_pages):
    section = make_section(slug="council")
    reporter = make_reporter()
    for _ in range(9):
        make_article(section=section, reporters=[reporter], tags=["본회의"])
    last = Article.objects.published().for_lists().last()
    urls = [
        "/section/council/",
        "/section/council/?page=3",
        f"/section/council/?before={last.pk + 1}",
        "/tag/본회의/?page=2",
        reporter.get_absolute_url(),
        # Search counts, bounded (COUNT over LIMIT 1001): tests/articles/test_search.py.
    ]
    for url in urls:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200, url
        counts = [q["sql"] for q in captured if "COUNT(" in q["sql"].upper()]
        assert counts == [], (url, counts)


def test_page_past_the_numbered_ones_is_a_korean_404_pointing_the_way(client, small_pages):
    section = make_section(slug="council")
    for _ in range(3):
        make_article(section=section)
    response = client.get("/section/council/?page=4")
    assert response.status_code == 404
    html = response.content.decode()
    assert "3쪽 이후는 쪽 번호로 볼 수 없습니다" in html
    assert 'href="/section/council/?page=3"' in html


@pytest.mark.parametrize(
    "query",
    ["page=abc", "page=0", "page=-1", "page=2", "page=1.5", "before=abc", "before=0",
     "before=-4", "before=999999999", "page=99999999999999999999", "before=99999999999999999999"],
)  # fmt: skip
def test_bad_or_past_the_end_pages_are_404_never_500(client, query):
    section = make_section(slug="council")
    make_article(section=section)
    assert client.get(f"/section/council/?{query}").status_code == 404


def test_keyset_pages_show_only_what_readers_may_see(client, small_pages):
    section = make_section(slug="council")
    visible = [make_article(headline=f"공개 {n}", section=section) for n in range(3)]
    cursor = make_article(headline="커서", section=section, published_at=timezone.now() - timedelta(minutes=1))  # fmt: skip
    make_article(headline="예약", section=section, published_at=timezone.now() + timedelta(days=1))
    make_article(
        headline="취소", section=section, status=Article.Status.UNPUBLISHED,
        published_at=timezone.now() - timedelta(hours=2),
    )  # fmt: skip
    html = client.get(f"/section/council/?before={cursor.pk}").content.decode()
    assert set(headlines(html)) <= {a.headline for a in visible}
    assert "예약" not in html and "취소" not in html


def test_search_pages_keep_the_query_in_their_links(client, small_pages):
    section = make_section(slug="council")
    for n in range(5):
        make_article(headline=f"본회의 소식 {n}", section=section)
    html = client.get("/search/?q=본회의").content.decode()
    assert next_link(html) == "/search/?q=%EB%B3%B8%ED%9A%8C%EC%9D%98&page=2"
    second = client.get(next_link(html)).content.decode()
    assert '<a href="/search/?q=%EB%B3%B8%ED%9A%8C%EC%9D%98" rel="prev">이전</a>' in second


class TestAdminList:
    def test_admin_article_list_never_counts_or_dates_the_whole_table(self, admin_client):
        for _ in range(3):
            make_article()
        with CaptureQueriesContext(connection) as captured:
            response = admin_client.get("/admin/articles/article/")
        assert response.status_code == 200
        sql = [q["sql"].upper() for q in captured]
        assert not [q for q in sql if "COUNT(" in q and "LIMIT" not in q], sql
        assert not [q for q in sql if "DATE_TRUNC" in q], sql
        # The fixed periods take the place of the year/month links.
        assert "published_at__gte=" in response.content.decode()

    def test_unfiltered_count_is_postgres_estimate_and_filtered_counts_are_capped(
        self, monkeypatch
    ):
        for _ in range(5):
            make_article()
        make_article(published=False)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE articles_article")
        monkeypatch.setattr(pagination.EstimatedCountPaginator, "COUNT_CAP", 2)
        with CaptureQueriesContext(connection) as captured:
            whole = pagination.EstimatedCountPaginator(Article.objects.all(), 50).count
        assert whole == 6
        assert not [q for q in captured if "COUNT(" in q["sql"].upper()]
        published = Article.objects.published()
        assert pagination.EstimatedCountPaginator(published, 50).count == 2
        monkeypatch.setattr(pagination.EstimatedCountPaginator, "COUNT_CAP", 100)
        assert pagination.EstimatedCountPaginator(published, 50).count == 5
