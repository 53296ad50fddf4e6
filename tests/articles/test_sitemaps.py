"""Sitemap index, per-kind sitemaps and the Google News sitemap, read by an XML parser."""

from datetime import timedelta
from xml.etree import ElementTree

import pytest
from django.utils import timezone

from tests.factories import make_article, make_reporter, make_section

pytestmark = pytest.mark.django_db

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def parse(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return ElementTree.fromstring(response.content)


def locations(root):
    return [element.text for element in root.iterfind(".//sm:loc", NS)]


@pytest.fixture
def archive():
    section = make_section("시흥시의회", slug="council")
    reporter = make_reporter("홍길동")
    hidden_reporter = make_reporter("숨은기자")
    shown = make_article(headline="공개 기사", section=section, reporters=[reporter], tags=["갯골"])
    draft = make_article(
        headline="초안",
        section=section,
        published=False,
        reporters=[hidden_reporter],
        tags=["비밀"],
    )
    return section, reporter, hidden_reporter, shown, draft


def test_sitemap_xml_is_an_index_of_every_kind_with_lastmod(client, archive):
    root = parse(client, "/sitemap.xml")
    assert root.tag == f"{{{NS['sm']}}}sitemapindex"
    urls = locations(root)
    for kind in ("sections", "reporters", "tags", "articles"):
        assert f"http://testserver/sitemap-{kind}.xml" in urls, kind
    assert root.find(".//sm:sitemap/sm:lastmod", NS) is not None


def test_each_sitemap_lists_only_what_readers_may_see(client, archive):
    section, reporter, hidden_reporter, shown, draft = archive
    articles = locations(parse(client, "/sitemap-articles.xml"))
    assert f"http://testserver{shown.get_absolute_url()}" in articles
    assert not any(f"/articles/{draft.pk}/" in url for url in articles)
    assert parse(client, "/sitemap-articles.xml").find(".//sm:lastmod", NS) is not None
    assert f"http://testserver{section.get_absolute_url()}" in locations(
        parse(client, "/sitemap-sections.xml")
    )
    reporters = locations(parse(client, "/sitemap-reporters.xml"))
    assert f"http://testserver{reporter.get_absolute_url()}" in reporters
    assert f"http://testserver{hidden_reporter.get_absolute_url()}" not in reporters
    tags = "".join(locations(parse(client, "/sitemap-tags.xml")))
    assert "/tag/%EA%B0%AF%EA%B3%A8/" in tags or "/tag/갯골/" in tags
    assert "비밀" not in tags and "%EB%B9%84%EB%B0%80" not in tags


def test_article_sitemap_files_are_id_ranges_of_at_most_the_limit(client, archive, monkeypatch):
    from articles.sitemaps import ArticleSitemap

    section, reporter, hidden_reporter, shown, draft = archive
    monkeypatch.setattr(ArticleSitemap, "limit", 2)
    second = make_article(headline="둘째 공개 기사")
    make_article(headline="예약 기사", published_at=timezone.now() + timedelta(hours=3))
    # File n holds ids ((n-1)·2, n·2]; the last file is the newest visible story's.
    last = -(-second.pk // 2)
    index = locations(parse(client, "/sitemap.xml"))
    assert f"http://testserver/sitemap-articles.xml?p={last}" in index
    assert f"http://testserver/sitemap-articles.xml?p={last + 1}" not in index
    for story in (shown, second):
        page = -(-story.pk // 2)
        url = "/sitemap-articles.xml" + (f"?p={page}" if page > 1 else "")
        found = locations(parse(client, url))
        assert f"http://testserver{story.get_absolute_url()}" in found
        assert len(found) <= 2
    assert client.get(f"/sitemap-articles.xml?p={last + 1}").status_code == 404
    assert client.get("/sitemap-articles.xml?p=abc").status_code == 404
    assert client.get("/sitemap-nothing.xml").status_code == 404


def test_the_sitemap_index_counts_no_stories(client, archive):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cache.clear()
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/sitemap.xml").status_code == 200
    story_counts = [
        q["sql"] for q in captured if 'COUNT(*) AS "__count" FROM "articles_article"' in q["sql"]
    ]
    assert story_counts == []


def test_an_edit_shows_in_the_next_sitemap_request(client, archive, settings):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PAGE_CACHE_SECONDS = 300
    section, reporter, hidden_reporter, shown, draft = archive
    assert f"/articles/{draft.pk}/" not in client.get("/sitemap-articles.xml").content.decode()
    client.get("/sitemap-news.xml")
    with CaptureQueriesContext(connection) as captured:
        stored = client.get("/sitemap-articles.xml")
        assert client.get("/sitemap-news.xml").status_code == 200
    assert len(captured) == 0  # both stored
    assert "public" in stored["Cache-Control"] and "home" in stored["xkey"].split()
    assert len(stored["xkey"].split()) < 10  # one key for all its stories, not one each
    draft.status = draft.Status.PUBLISHED
    draft.published_at = timezone.now() - timedelta(minutes=5)
    draft.save()
    assert f"/articles/{draft.pk}/" in client.get("/sitemap-articles.xml").content.decode()
    assert f"/articles/{draft.pk}/" in client.get("/sitemap-news.xml").content.decode()
    shown.status = shown.Status.UNPUBLISHED
    shown.save()
    assert f"/articles/{shown.pk}/" not in client.get("/sitemap-articles.xml").content.decode()


def test_news_sitemap_lists_the_last_48_hours(client, archive):
    old = make_article(headline="사흘 전 기사", published_at=timezone.now() - timedelta(hours=72))
    root = parse(client, "/sitemap-news.xml")
    urls = locations(root)
    _, _, _, shown, draft = archive
    assert f"http://testserver{shown.get_absolute_url()}" in urls
    assert not any(f"/articles/{pk}/" in url for url in urls for pk in (old.pk, draft.pk))
    news = root.find(".//news:news", NS)
    assert news.find("news:publication/news:name", NS).text
    assert news.find("news:publication/news:language", NS).text == "ko"
    assert news.find("news:title", NS).text == "공개 기사"
    assert news.find("news:publication_date", NS).text.endswith("+09:00")


def test_robots_names_both_sitemaps(client):
    robots = client.get("/robots.txt")
    assert robots["Content-Type"].startswith("text/plain")
    text = robots.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in text
    assert "Sitemap: http://testserver/sitemap-news.xml" in text


def test_control_characters_in_a_story_do_not_break_the_sitemaps(client):
    make_article(headline="제어\x0b문자 \x1b 기사")
    for url in ("/sitemap-articles.xml", "/sitemap-news.xml"):
        response = client.get(url)
        assert response.status_code == 200
        ElementTree.fromstring(response.content)
