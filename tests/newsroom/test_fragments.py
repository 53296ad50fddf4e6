"""Rendered fragments and the home page's data are reused between page-cache misses, and
never outlive a content change or a scheduled moment."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_reporter, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fragments_on(settings):
    settings.FRAGMENT_CACHE_SECONDS = 3600
    settings.PAGE_CACHE_SECONDS = 0  # every request renders: only fragments are reused


def test_a_second_render_reuses_fragments_and_runs_fewer_queries(client):
    section = make_section("시흥시의회", slug="council")
    for n in range(5):
        make_article(headline=f"의회 소식 {n}", section=section, reporters=[make_reporter()])
    first = client.get("/")
    with CaptureQueriesContext(connection) as again:
        second = client.get("/")
    assert second.content == first.content
    assert len(again) <= 2, [q["sql"][:80] for q in again]


def test_list_items_and_home_follow_an_edit_at_once(client):
    section = make_section("시흥시의회", slug="council")
    article = make_article(headline="처음 제목", section=section)
    assert "처음 제목" in client.get("/section/council/").content.decode()
    assert "처음 제목" in client.get("/").content.decode()
    article.headline = "고친 제목"
    article.save()
    for url in ("/section/council/", "/"):
        html = client.get(url).content.decode()
        assert "고친 제목" in html and "처음 제목" not in html, url


def test_a_reporter_rename_reaches_cached_items(client):
    reporter = make_reporter("홍길동")
    make_article(section=make_section(slug="s1"), reporters=[reporter])
    assert "홍길동" in client.get("/section/s1/").content.decode()
    reporter.name = "김철수"
    reporter.save()
    assert "김철수" in client.get("/section/s1/").content.decode()


def test_home_data_ends_at_the_next_scheduled_article(client, move_clock):
    make_article(headline="이미 나간 기사")
    now = timezone.now()
    make_article(headline="예약된 기사", published_at=now + timedelta(minutes=10))
    assert "예약된 기사" not in client.get("/").content.decode()
    later = now + timedelta(minutes=11)
    move_clock(later)
    assert "예약된 기사" in client.get("/").content.decode()


def test_unpublished_story_leaves_related_and_lists(client):
    section = make_section(slug="s2")
    story = make_article(headline="본 기사", section=section, tags=["갯골"])
    other = make_article(headline="곁 기사", section=section, tags=["갯골"])
    assert "곁 기사" in client.get(story.get_absolute_url()).content.decode()
    other.status = Article.Status.UNPUBLISHED
    other.save()
    assert "곁 기사" not in client.get(story.get_absolute_url()).content.decode()
    assert "곁 기사" not in client.get("/section/s2/").content.decode()


def test_the_cached_weather_strip_still_goes_away_when_stale(client, move_clock, settings):
    from tests.weather.recorded import last_hour, table_at
    from weather import kma
    from weather.models import Observation

    Observation.objects.store(kma.parse(table_at(last_hour())))
    assert "기상청 제공" in client.get("/").content.decode()
    later = timezone.now() + settings.WEATHER_STALE_AFTER + timedelta(hours=1)
    move_clock(later)
    assert "기상청 제공" not in client.get("/").content.decode()


def test_the_nav_marks_the_current_section_even_when_cached(client):
    politics = make_section("정치", slug="politics")
    council = make_section("시흥시의회", slug="council", parent=politics)
    economy = make_section("경제", slug="economy")
    story = make_article(section=council)
    for url, current in (("/section/economy/", economy), (story.get_absolute_url(), politics)):
        html = client.get(url).content.decode()
        marked = f'<a href="{current.get_absolute_url()}" aria-current="page">'
        assert marked in html, url
        nav = html[
            html.index('class="site-nav"') : html.index("</nav>", html.index('class="site-nav"'))
        ]
        assert nav.count('aria-current="page"') == 1  # (the breadcrumbs mark the page too)


def test_one_page_render_reads_the_content_version_once(client):
    from unittest import mock

    from django.core.cache import caches

    from newsroom import pagecache

    make_article(section=make_section(slug="s3"), reporters=[make_reporter()])
    backend = type(caches["default"])
    with mock.patch.object(
        backend, "get_many", autospec=True, side_effect=backend.get_many
    ) as get_many:
        assert client.get("/section/s3/").status_code == 200
    site_version = pagecache.VERSION_PREFIX + pagecache.SITE
    version_reads = [call for call in get_many.call_args_list if site_version in call.args[1]]
    assert len(version_reads) <= 1
