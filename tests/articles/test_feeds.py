from datetime import timedelta

import feedparser
import pytest
from django.utils import timezone

from tests.factories import make_article, make_image, make_reporter, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories():
    council = make_section("시흥시의회", slug="council")
    shown = make_article(headline="공개된 의회 기사", section=council)
    draft = make_article(headline="초안 기사", section=council, published=False)
    make_article(
        headline="예약 기사", section=council, published_at=timezone.now() + timedelta(hours=1)
    )
    make_article(headline="다른 섹션 기사")
    return council, shown, draft


def read(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    return feed


def titles(feed):
    return [entry.title for entry in feed.entries]


def test_rss_lists_published_stories_only(client, stories):
    feed = read(client, "/rss/")
    assert "공개된 의회 기사" in titles(feed) and "다른 섹션 기사" in titles(feed)
    assert "초안 기사" not in titles(feed) and "예약 기사" not in titles(feed)
    assert feed.feed.language == "ko"


def test_section_rss_and_unknown_section(client, stories):
    feed = read(client, "/rss/council/")
    assert "공개된 의회 기사" in titles(feed) and "다른 섹션 기사" not in titles(feed)
    assert client.get("/rss/no-such/").status_code == 404


def test_an_item_carries_full_content_summary_image_author_category_and_korean_dates(
    client, media_root
):
    reporter = make_reporter("홍길동", email="hong@example.kr")
    make_article(
        headline="갯골축제 개막",
        summary="갯골생태공원에서 축제가 열렸다.",
        body="<p>첫 문단.</p><p><strong>둘째</strong> 문단.</p>",
        reporters=[reporter],
        tags=["축제"],
        section=make_section("문화", slug="culture"),
        lead_image=make_image(alt_text="축제 개막식"),
    )
    response = client.get("/rss/")
    xml = response.content.decode()
    entry = feedparser.parse(response.content).entries[0]
    assert entry.content[0].value == "<p>첫 문단.</p><p><strong>둘째</strong> 문단.</p>"
    assert entry.summary == "갯골생태공원에서 축제가 열렸다."
    assert entry.enclosures and entry.enclosures[0].type == "image/jpeg"
    assert entry.enclosures[0].href.startswith("http://testserver/")
    assert entry.media_content[0]["url"] == entry.enclosures[0].href
    assert "홍길동" in entry.author
    assert {tag.term for tag in entry.tags} == {"문화", "축제"}
    assert "+0900</pubDate>" in xml


def test_reporter_and_tag_feeds(client):
    reporter = make_reporter("김기자")
    make_article(headline="김기자 기사", reporters=[reporter], tags=["물왕저수지"])
    make_article(headline="다른 기사")
    make_article(headline="숨은 기사", tags=["비공개태그"], published=False)
    assert titles(read(client, f"/rss/reporter/{reporter.pk}/")) == ["김기자 기사"]
    assert titles(read(client, "/rss/tag/물왕저수지/")) == ["김기자 기사"]
    assert client.get("/rss/tag/비공개태그/").status_code == 404
    assert client.get("/rss/reporter/999999/").status_code == 404


@pytest.mark.parametrize(
    "url",
    ["/rss/", "/rss/council/", "/rss/reporter/{reporter}/", "/rss/tag/갯골/"],
    ids=["paper", "section", "reporter", "tag"],
)
def test_feeds_are_stored_and_an_edit_shows_in_the_next_request(client, settings, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = 300
    council = make_section("시흥시의회", slug="council")
    reporter = make_reporter("박기자")
    make_article(headline="먼저 나온 기사", section=council, reporters=[reporter], tags=["갯골"])
    draft = make_article(
        headline="새로 낸 기사",
        section=council,
        reporters=[reporter],
        tags=["갯골"],
        published=False,
    )
    url = url.format(reporter=reporter.pk)
    assert titles(read(client, url)) == ["먼저 나온 기사"]
    with CaptureQueriesContext(connection) as captured:
        stored = client.get(url)
    assert len(captured) == 0, url  # served from the store
    assert stored["Cache-Control"].startswith("public")

    draft.status = draft.Status.PUBLISHED
    draft.published_at = timezone.now() - timedelta(minutes=1)
    draft.save()
    assert titles(read(client, url)) == ["새로 낸 기사", "먼저 나온 기사"]
    draft.headline = "고친 제목"
    draft.save()
    assert titles(read(client, url))[0] == "고친 제목"
