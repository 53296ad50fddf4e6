"""Canonical links, OpenGraph and JSON-LD (CollectionPage, BreadcrumbList) of the list
pages, and the article's BreadcrumbList (newsroom/seo.py, newsroom/templatetags/seo.py)."""

import json
import re

import pytest
from taggit.models import Tag

from tests.factories import make_article, make_reporter, make_section

pytestmark = pytest.mark.django_db

_SCRIPT = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def jsonld(html: str) -> dict[str, dict]:
    """The page's JSON-LD objects by @type, parsed as a crawler would."""
    found = {}
    for payload in _SCRIPT.findall(html):
        data = json.loads(payload)
        found[data["@type"]] = data
    return found


def crumbs(data: dict) -> list[tuple[str, str]]:
    items = data["itemListElement"]
    assert [item["position"] for item in items] == list(range(1, len(items) + 1))
    return [(item["name"], item["item"]) for item in items]


def test_section_page_has_canonical_og_collection_and_breadcrumbs(client):
    parent = make_section("지역", slug="local")
    section = make_section("시흥시의회", slug="council", parent=parent, description="의회 소식")
    make_article(section=section)
    html = client.get("/section/council/").content.decode()
    assert '<link rel="canonical" href="http://testserver/section/council/">' in html
    assert '<meta property="og:type" content="website">' in html
    assert '<meta property="og:url" content="http://testserver/section/council/">' in html
    assert 'property="og:title" content="시흥시의회 - ' in html
    data = jsonld(html)
    page = data["CollectionPage"]
    assert page["name"] == "시흥시의회" and page["url"] == "http://testserver/section/council/"
    assert page["description"] == "의회 소식" and page["inLanguage"] == "ko"
    assert crumbs(data["BreadcrumbList"]) == [
        ("홈", "http://testserver/"),
        ("지역", "http://testserver/section/local/"),
        ("시흥시의회", "http://testserver/section/council/"),
    ]


def test_a_later_page_is_its_own_canonical(client, settings):
    section = make_section("사회", slug="society")
    for n in range(25):
        make_article(section=section, headline=f"기사 {n}")
    html = client.get("/section/society/?page=2").content.decode()
    assert '<link rel="canonical" href="http://testserver/section/society/?page=2">' in html


def test_tag_and_reporter_pages(client):
    reporter = make_reporter("홍길동")
    article = make_article(reporters=[reporter], tags=["배곧신도시"])
    tag = Tag.objects.get(name="배곧신도시")
    html = client.get(f"/tag/{tag.slug}/").content.decode()
    data = jsonld(html)
    assert data["CollectionPage"]["name"] == "#배곧신도시"
    assert crumbs(data["BreadcrumbList"])[-1][0] == "#배곧신도시"
    assert 'rel="canonical"' in html and 'property="og:title"' in html
    html = client.get(reporter.get_absolute_url()).content.decode()
    data = jsonld(html)
    assert data["CollectionPage"]["name"].startswith("홍길동")
    assert crumbs(data["BreadcrumbList"]) == [
        ("홈", "http://testserver/"),
        (data["CollectionPage"]["name"], "http://testserver" + reporter.get_absolute_url()),
    ]
    assert article.pk


def test_home_page(client):
    make_article()
    html = client.get("/").content.decode()
    assert '<link rel="canonical" href="http://testserver/">' in html
    data = jsonld(html)
    assert data["CollectionPage"]["url"] == "http://testserver/"
    assert crumbs(data["BreadcrumbList"]) == [("홈", "http://testserver/")]


def test_article_keeps_news_article_and_gains_breadcrumbs(client):
    parent = make_section("지역", slug="local")
    section = make_section("시흥시의회", slug="council", parent=parent)
    article = make_article(section=section, headline="본회의 열려")
    data = jsonld(client.get(article.get_absolute_url()).content.decode())
    assert data["NewsArticle"]["headline"] == "본회의 열려"
    assert crumbs(data["BreadcrumbList"]) == [
        ("홈", "http://testserver/"),
        ("지역", "http://testserver/section/local/"),
        ("시흥시의회", "http://testserver/section/council/"),
        ("본회의 열려", "http://testserver" + article.get_absolute_url()),
    ]


def test_text_cannot_close_the_script_element(client):
    hostile = "</script><script>alert(1)</script> & 의회"
    section = make_section("</script>섹션", slug="hostile")
    article = make_article(section=section, headline=hostile)
    for url in (article.get_absolute_url(), "/section/hostile/"):
        html = client.get(url).content.decode()
        for payload in _SCRIPT.findall(html):
            assert "<" not in payload and ">" not in payload and "&" not in payload
        assert "<script>alert(1)" not in html
        data = jsonld(html)
        names = [name for name, _ in crumbs(data["BreadcrumbList"])]
        assert "</script>섹션" in names
    assert crumbs(data["BreadcrumbList"]) and hostile
