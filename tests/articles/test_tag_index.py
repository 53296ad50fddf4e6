"""인기 태그 (home sidebar) and the tag index /tags/: counts of published stories, cached."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from articles.tag_index import OTHER, all_tags, grouped, index_letter, popular_tags
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def cold(settings):
    # The boxes are cached (pagecache.remember): test them cached, as they run.
    settings.FRAGMENT_CACHE_SECONDS = 3600
    cache.clear()


def in_request(build):
    """``build()`` as a page render runs it (pagecache's per-request scope), once each call."""
    from newsroom import pagecache

    token = pagecache._current.set(pagecache._Request())
    try:
        return build()
    finally:
        pagecache._current.reset(token)


def ago(days):
    return timezone.now() - timedelta(days=days)


@pytest.mark.parametrize(
    ("name", "letter"),
    [
        ("시흥", "ㅅ"),
        ("까치", "ㄱ"),
        ("쌀", "ㅅ"),
        ("ㅎㅎ", "ㅎ"),
        ("budget", "B"),
        ("2026", OTHER),
        ("#", OTHER),
    ],
)
def test_index_letter(name, letter):
    assert index_letter(name) == letter


def test_popular_tags_count_published_stories_of_the_last_30_days():
    for _ in range(3):
        make_article(tags=["예산"])
    make_article(tags=["예산", "갯골"])
    make_article(tags=["옛날"], published_at=ago(40))
    make_article(tags=["비공개"], published=False)
    make_article(tags=["예약"], published_at=timezone.now() + timedelta(hours=1))
    tags = in_request(popular_tags)
    assert [(t.name, t.count) for t in tags] == [("예산", 4), ("갯골", 1)]


def test_popular_tags_is_one_query_then_cached():
    make_article(tags=["예산"])
    with CaptureQueriesContext(connection) as first:
        in_request(popular_tags)
    with CaptureQueriesContext(connection) as second:
        in_request(popular_tags)
    tag_queries = [q for q in first if "taggit_taggeditem" in q["sql"]]
    assert len(tag_queries) == 1 and len(second) == 0


def test_home_shows_popular_tags_with_a_link_to_the_index(client):
    make_article(tags=["정왕동"])
    html = client.get("/").content.decode()
    box = html[html.index('class="popular-tags"') :].split("</section>", 1)[0]
    assert "인기 태그" in box and "#정왕동" in box
    assert 'href="/tag/' in box and 'href="/tags/"' in box


def test_a_publish_ends_the_cached_tags(client):
    make_article(tags=["예산"])
    assert [t.name for t in in_request(popular_tags)] == ["예산"]
    draft = make_article(tags=["새태그"], published=False)
    draft.status = Article.Status.PUBLISHED
    draft.published_at = timezone.now() - timedelta(minutes=1)
    draft.save()
    assert "새태그" in [t.name for t in in_request(popular_tags)]
    assert "#새태그" in client.get("/tags/").content.decode()


def test_index_groups_by_choseong_then_letters_with_counts(client):
    make_article(tags=["시흥", "갯골", "budget", "2026"])
    make_article(tags=["시흥", "까치울"])
    make_article(tags=["숨은태그"], published=False)
    assert [(letter, [t.name for t in tags]) for letter, tags in grouped(in_request(all_tags))] == [
        ("ㄱ", ["갯골", "까치울"]),
        ("ㅅ", ["시흥"]),
        ("B", ["budget"]),
        (OTHER, ["2026"]),
    ]
    response = client.get("/tags/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>태그 모음</h1>" in html and "숨은태그" not in html
    assert '<h2 id="tags-1">ㄱ</h2>' in html
    assert '#시흥<span class="tag-list__count"> 2</span>' in html
    assert '<link rel="canonical" href="http://testserver/tags/">' in html


def test_index_is_paginated_and_bad_pages_are_404(client, settings):
    settings.TAG_INDEX_PER_PAGE = 2
    make_article(tags=["가", "나", "다"])
    first = client.get("/tags/").content.decode()
    assert "#가" in first and "#다" not in first and 'href="/tags/?page=2"' in first
    second = client.get("/tags/?page=2").content.decode()
    assert (
        "#다" in second and '<link rel="canonical" href="http://testserver/tags/?page=2">' in second
    )
    assert client.get("/tags/?page=3").status_code == 404
    assert client.get("/tags/?page=x").status_code == 404
    assert client.get("/tags/?page=-1").status_code == 404


def test_empty_index_says_so(client):
    assert "아직 태그가 없습니다" in client.get("/tags/").content.decode()


def test_index_query_count_does_not_grow_with_tags(client):
    counts = []
    for size in (2, 8):
        make_article(tags=[f"태그{size}-{n}" for n in range(size)])
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/tags/").status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts
