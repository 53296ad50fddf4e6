"""기사형 광고: a story of origin 광고 or 협찬 says so on its page, in every list and in the
feeds, and stays out of the Google News sitemap."""

import feedparser
import pytest

from articles.models import Article
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def sponsored():
    section = make_section("경제", slug="economy")
    return make_article(
        headline="갯골 축제 맛집 안내", origin=Article.Origin.SPONSORED, section=section
    )


def test_story_page_says_협찬_above_the_headline(client, sponsored):
    html = client.get(sponsored.get_absolute_url()).content.decode()
    label = html.index("data-paid-label")
    assert label < html.index("갯골 축제 맛집 안내</h1>")
    assert "이 기사는 협찬 기사입니다" in html


@pytest.mark.parametrize("origin, label", [("ad", "광고"), ("sponsored", "협찬")])
def test_lists_carry_the_label(client, origin, label):
    section = make_section("경제", slug="economy")
    make_article(headline="유료 기사", origin=origin, section=section)
    for url in ("/", "/section/economy/"):
        html = client.get(url).content.decode()
        assert f'<span class="paid-label" data-paid-label>{label}</span> 유료 기사' in html, url


def test_own_stories_carry_no_label(client):
    article = make_article(headline="자체 취재")
    assert "data-paid-label" not in client.get(article.get_absolute_url()).content.decode()
    assert "data-paid-label" not in client.get("/").content.decode()


def test_feeds_put_the_label_in_title_and_category(client, sponsored):
    for url in ("/rss/", "/rss/economy/"):
        feed = feedparser.parse(client.get(url).content)
        entry = next(e for e in feed.entries if "갯골 축제" in e.title)
        assert entry.title == "[협찬] 갯골 축제 맛집 안내"
        assert "협찬" in [t.term for t in entry.tags]


def test_google_news_sitemap_leaves_paid_stories_out(client, sponsored):
    own = make_article(headline="시의회 본회의")
    xml = client.get("/sitemap-news.xml").content.decode()
    assert own.get_absolute_url() in xml
    assert sponsored.get_absolute_url() not in xml


def test_admin_offers_the_paid_origins():
    choices = dict(Article._meta.get_field("origin").choices)
    assert choices["ad"] == "광고" and choices["sponsored"] == "협찬"
