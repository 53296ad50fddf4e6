"""많이 본 뉴스: reads counted by a beacon (not by the HTML render), per hour, without bots."""

import itertools
from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import Sum
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from newsroom.counters import hour_of
from newsroom.models import ArticleRead
from newsroom.most_read import most_read
from tests.factories import make_article
from tests.newsroom.concurrency import hit_concurrently

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"


def reads(article):
    return ArticleRead.objects.filter(article=article).aggregate(n=Sum("count"))["n"] or 0


def beacon(client, article, **headers):
    headers.setdefault("HTTP_USER_AGENT", BROWSER)
    return client.post(f"/read/{article.pk}/", **headers)


_addresses = (f"203.0.113.{n}" for n in itertools.count(1))


def reader():
    """A different reader's address each call (a read counts once per reader and hour)."""
    return next(_addresses)


def read_at(article, hours_ago, count):
    ArticleRead.objects.create(
        article=article, hour=hour_of(timezone.now()) - timedelta(hours=hours_ago), count=count
    )


class TestBeacon:
    def test_beacon_counts_a_read(self, client):
        article = make_article()
        response = beacon(client, article)
        assert response.status_code == 204
        beacon(client, article, HTTP_SEC_FETCH_SITE="same-origin", REMOTE_ADDR=reader())
        assert reads(article) == 2

    def test_reads_of_an_hour_share_one_row(self, client):
        article = make_article()
        for _ in range(5):
            beacon(client, article, REMOTE_ADDR=reader())
        assert list(ArticleRead.objects.values_list("count", flat=True)) == [5]
        assert ArticleRead.objects.get().hour == hour_of(timezone.now())

    def test_counting_never_writes_the_article_row(self, client):
        article = make_article()
        before = Article.objects.get(pk=article.pk).updated_at
        beacon(client, make_article())  # the hour's salt is read once per process
        with CaptureQueriesContext(connection) as captured:
            beacon(client, article)
        assert not [q for q in captured if "articles_article" in q["sql"] and "UPDATE" in q["sql"]]
        assert Article.objects.get(pk=article.pk).updated_at == before
        assert len(captured) == 2  # is it published? then one guarded upsert

    def test_rendering_the_page_counts_nothing_and_carries_the_beacon(self, client):
        article = make_article()
        html = client.get(article.get_absolute_url()).content.decode()
        assert reads(article) == 0
        assert f'data-read-url="/read/{article.pk}/"' in html
        assert "read-beacon" in html

    def test_preview_carries_no_beacon(self, client):
        from tests.factories import make_editor

        article = make_article(published=False)
        client.force_login(make_editor())
        html = client.get(f"/preview/{article.pk}/").content.decode()
        assert "data-read-url" not in html

    def test_get_is_not_a_read(self, client):
        article = make_article()
        assert client.get(f"/read/{article.pk}/", HTTP_USER_AGENT=BROWSER).status_code == 405
        assert reads(article) == 0

    @pytest.mark.parametrize(
        "agent",
        [
            "",
            "Googlebot/2.1 (+http://www.google.com/bot.html)",
            "Mozilla/5.0 (compatible; Yeti/1.1; +http://naver.me/spd)",
            "Mozilla/5.0 (compatible; Daum/4.1; +http://cs.daum.net/)",
            "facebookexternalhit/1.1",
            "curl/8.5.0",
            "python-requests/2.32",
        ],
    )
    def test_robots_are_not_counted(self, client, agent):
        article = make_article()
        assert beacon(client, article, HTTP_USER_AGENT=agent).status_code == 204
        assert reads(article) == 0

    def test_another_sites_forged_beacon_is_not_counted(self, client):
        article = make_article()
        beacon(client, article, HTTP_SEC_FETCH_SITE="cross-site")
        assert reads(article) == 0

    @pytest.mark.parametrize(
        "fields",
        [{"published": False}, {"published_at": timezone.now() + timedelta(days=1)}],
        ids=["draft", "scheduled"],
    )
    def test_unpublished_article_is_not_counted(self, client, fields):
        article = make_article(**fields)
        beacon(client, article)
        assert reads(article) == 0

    def test_unknown_article_is_quietly_ignored(self, client):
        assert client.post("/read/999999/", HTTP_USER_AGENT=BROWSER).status_code == 204
        assert not ArticleRead.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_concurrent_reads_are_all_counted():
    article = make_article()
    per_thread, threads = 10, 8

    def read(client):
        response = client.post(f"/read/{article.pk}/", REMOTE_ADDR=reader())
        assert response.status_code == 204

    errors = hit_concurrently(read, threads=threads, per_thread=per_thread, user_agent=BROWSER)
    assert not errors
    assert reads(article) == per_thread * threads


@pytest.mark.django_db(transaction=True)
def test_one_client_hammering_the_beacon_counts_once():
    """300 beacons from one script in parallel: one read (the guard is in the same statement
    as the count, so concurrent repeats cannot both pass it)."""
    article = make_article()

    def read(client):
        assert client.post(f"/read/{article.pk}/", REMOTE_ADDR="198.51.100.7").status_code == 204

    errors = hit_concurrently(read, threads=6, per_thread=50, user_agent=BROWSER)
    assert not errors
    assert reads(article) == 1


class TestMostRead:
    def test_day_and_week_windows(self):
        today = make_article(headline="오늘 화제")
        this_week = make_article(headline="이번 주 화제")
        old = make_article(headline="지난달 화제")
        read_at(today, 1, 30)
        read_at(today, 30, 5)
        read_at(this_week, 30, 100)
        read_at(this_week, 2, 10)
        read_at(old, 24 * 8, 1000)

        lists = most_read()

        assert lists["day"] == [today, this_week]
        assert lists["week"] == [this_week, today]
        assert [a.read_total for a in lists["week"]] == [110, 35]

    def test_a_read_23_hours_ago_is_in_the_day_one_25_hours_ago_is_not(self):
        recent, older = make_article(), make_article()
        read_at(recent, 23, 1)
        read_at(older, 25, 1)
        lists = most_read()
        assert lists["day"] == [recent]
        assert set(lists["week"]) == {recent, older}

    def test_only_published_stories(self):
        withdrawn = make_article()
        read_at(withdrawn, 1, 500)
        Article.objects.filter(pk=withdrawn.pk).update(status=Article.Status.UNPUBLISHED)
        assert most_read() == {"day": [], "week": []}

    def test_length_is_the_setting(self, settings):
        settings.MOST_READ_COUNT = 3
        for n in range(5):
            read_at(make_article(), 1, n + 1)
        assert len(most_read()["day"]) == 3

    def test_one_query_then_cached(self):
        read_at(make_article(), 1, 3)
        with CaptureQueriesContext(connection) as captured:
            most_read()
            most_read()
        assert len(captured) == 1

    def test_shown_on_home_and_article_pages(self, client):
        story = make_article(headline="배곧 해안 산책로 개통")
        read_at(story, 1, 10)
        for url in ("/", story.get_absolute_url()):
            html = client.get(url).content.decode()
            box = html[html.index("많이 본 뉴스") :]
            assert "배곧 해안 산책로 개통" in box, url
            assert "24시간" in box and "7일" in box
