"""Control characters stored in a story must not break any XML we serve.

Saves clean them (newsroom/text.py), but a row written around ``save()`` (an old import,
psql, ``QuerySet.update``) or a body entity such as ``&#11;`` that turns into a control
character once the teaser unescapes it still reaches the feeds, the sitemaps and the
portal export. Each output here is read by a real XML parser: one bad character and the
portals' crawlers drop the whole document.
"""

from xml.etree import ElementTree

import feedparser
import pytest
from django.db import connection
from django.utils import timezone

from tests.factories import make_article, make_reporter, make_section

pytestmark = pytest.mark.django_db

# Every character XML 1.0 cannot carry that a Postgres text column can hold (not NUL).
CONTROLS = "".join(chr(n) for n in [*range(1, 9), 0x0B, 0x0C, *range(0x0E, 0x20)]) + "\ufffe\uffff"
# The same again as character references, which survive until the body is unescaped.
REFERENCES = "&#11;&#x1;&#xFFFE;&#31;"


@pytest.fixture
def dirty_story():
    section = make_section("의회", slug="council")
    reporter = make_reporter("홍길동")
    article = make_article(section=section, reporters=[reporter], tags=["갯골"])
    make_article(section=section, headline="멀쩡한 기사")
    # Straight into the rows, past the pre_save cleaning, as an old import would write them.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE articles_article SET headline = %s, subheadline = %s, summary = %s, "
            "body = %s, slug = %s WHERE id = %s",
            [
                f"제목{CONTROLS}끝",
                f"부제{CONTROLS}끝",
                f"요약{CONTROLS}끝",
                f"<p>본문{CONTROLS}{REFERENCES}끝</p>",
                f"s{CONTROLS}l",
                article.pk,
            ],
        )
        cursor.execute(
            "UPDATE articles_section SET name = %s, description = %s WHERE id = %s",
            [f"의{CONTROLS}회", f"설명{CONTROLS}", section.pk],
        )
        cursor.execute(
            "UPDATE articles_reporter SET name = %s WHERE id = %s",
            [f"홍{CONTROLS}길동", reporter.pk],
        )
        cursor.execute(
            "UPDATE taggit_tag SET name = %s WHERE slug = %s", [f"갯{CONTROLS}골", "갯골"]
        )
    return article


def assert_clean_feed(content):
    feed = feedparser.parse(content)
    assert not feed.bozo, feed.get("bozo_exception")
    ElementTree.fromstring(content)
    return feed


def entry_with(feed, text):
    return next(entry for entry in feed.entries if text in entry.title)


@pytest.mark.parametrize(
    "url",
    ["/rss/", "/rss/council/", "/rss/reporter/{reporter}/", "/rss/tag/갯골/"],
    ids=["paper", "section", "reporter", "tag"],
)
def test_every_feed_parses(client, dirty_story, url):
    reporter = dirty_story.bylines.get().reporter
    response = client.get(url.format(reporter=reporter.pk))
    assert response.status_code == 200
    feed = assert_clean_feed(response.content)
    entry = entry_with(feed, "제목끝")
    assert entry.title == "제목끝"
    assert "요약끝" in entry.summary
    # The references stay text inside the escaped HTML: legal XML, for the reader to drop.
    assert entry.content[0].value.startswith("<p>본문&#11;")
    assert "갯골" in [tag.term for tag in entry.tags]
    assert "홍길동" in entry.author
    assert "\x0b" not in feed.feed.title
    if "council" in url:
        assert "의회" in feed.feed.title


@pytest.mark.parametrize("full_text", [True, False])
def test_the_portal_export_parses(client, dirty_story, settings, full_text):
    settings.PORTAL_EXPORT_FULL_TEXT = full_text
    response = client.get(settings.PORTAL_EXPORT_PATH)
    assert response.status_code == 200
    entry = entry_with(assert_clean_feed(response.content), "제목끝")
    assert entry.title == "제목끝"
    assert "홍길동" in entry.author
    assert ("content" in entry) is full_text


def test_a_deleted_story_in_the_portal_export_parses(client, dirty_story, settings):
    from articles.models import Article
    from intake.models import PortalDelivery

    now = timezone.now()
    PortalDelivery.objects.create(
        article=dirty_story,
        portal=PortalDelivery.Portal.NAVER,
        first_fetched_at=now,
        last_fetched_at=now,
        delivered_change_at=now,
    )
    Article.objects.filter(pk=dirty_story.pk).update(status=Article.Status.UNPUBLISHED)
    response = client.get(settings.PORTAL_EXPORT_PATH)
    assert response.status_code == 200
    entry = entry_with(assert_clean_feed(response.content), "제목끝")
    assert entry.portal_status == "deleted"


def sitemap_urls(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    root = ElementTree.fromstring(response.content)
    return [element.text for element in root.iter() if element.tag.endswith("loc")]


def test_the_sitemap_index_and_every_sitemap_parse(client, dirty_story):
    pages = sitemap_urls(client, "/sitemap.xml")
    assert pages
    found = []
    for page in pages:
        found += sitemap_urls(client, page.removeprefix("http://testserver"))
    assert any(f"/articles/{dirty_story.pk}/" in loc for loc in found)


def test_the_google_news_sitemap_parses(client, dirty_story):
    response = client.get("/sitemap-news.xml")
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    titles = [element.text for element in root.iter() if element.tag.endswith("title")]
    assert "제목끝" in titles
