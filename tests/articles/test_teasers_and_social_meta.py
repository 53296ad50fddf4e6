"""Teasers keep word boundaries; JSON-LD dates are in order; share cards for X/Twitter."""

import json
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from articles.sanitize import text_excerpt
from tests.factories import make_article, make_image

pytestmark = pytest.mark.django_db


def _jsonld(html: str) -> dict:
    match = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def test_paragraphs_headings_and_list_items_stay_separate_words():
    html = "<h2>소제목</h2><p>첫 문단이다.</p><p>둘째 문단</p><ul><li>하나</li><li>둘</li></ul>"
    assert text_excerpt(html) == "소제목 첫 문단이다. 둘째 문단 하나 둘"


def test_line_breaks_and_quotes_separate_words_too():
    assert (
        text_excerpt("<p>위<br>아래</p><blockquote><p>인용</p></blockquote>끝") == "위 아래 인용 끝"
    )


def test_photo_captions_and_embeds_are_not_the_teaser():
    html = (
        '<p>시의회가 열렸다.</p><figure data-image-id="3"><figcaption>사진=시흥시의회'
        "</figcaption></figure><p>의원들이 질의했다.</p>"
    )
    assert text_excerpt(html) == "시의회가 열렸다. 의원들이 질의했다."


def test_list_teaser_and_feed_use_the_spaced_text(client):
    article = make_article(body="<p>감사용본문편집자2</p><p>추가 문단</p>", summary="")
    html = client.get(article.section.get_absolute_url()).content.decode()
    assert "감사용본문편집자2 추가 문단" in html
    assert "감사용본문편집자2추가" not in html
    rss = client.get("/rss/").content.decode()
    assert "감사용본문편집자2추가" not in rss


def test_date_modified_is_never_before_date_published(client):
    published = timezone.now() - timedelta(hours=1)
    article = make_article(published_at=published)
    # Edited as a draft a day before it was published.
    Article.objects.filter(pk=article.pk).update(content_updated_at=published - timedelta(days=1))
    data = _jsonld(client.get(article.get_absolute_url()).content.decode())
    assert data["dateModified"] >= data["datePublished"]
    assert data["dateModified"] == data["datePublished"]


def test_date_modified_follows_a_later_edit(client):
    published = timezone.now() - timedelta(hours=3)
    article = make_article(published_at=published)
    edited = published + timedelta(hours=2)
    Article.objects.filter(pk=article.pk).update(content_updated_at=edited)
    data = _jsonld(client.get(article.get_absolute_url()).content.decode())
    assert data["dateModified"] == timezone.localtime(edited).isoformat()


def test_story_with_a_photo_has_a_large_image_card(client, media_root):
    article = make_article(lead_image=make_image(alt_text="본회의장"))
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    image = re.search(r'<meta name="twitter:image" content="([^"]+)">', html).group(1)
    og_image = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
    assert image == og_image and image.startswith("http")
    assert '<meta name="twitter:image:alt" content="본회의장">' in html
    assert (
        f'<meta property="og:url" content="http://testserver{article.get_absolute_url()}">' in html
    )


def test_story_without_a_photo_has_a_plain_card(client):
    article = make_article(headline="시의회 <임시회> 개회")
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<meta name="twitter:card" content="summary">' in html
    assert "twitter:image" not in html
    assert '<meta name="twitter:title" content="시의회 &lt;임시회&gt; 개회">' in html
