"""포토·영상: the 미디어 box with 더보기 beside every story, and the /multimedia/ list."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_image

pytestmark = pytest.mark.django_db

VIDEO = (
    '<p>영상으로 봅니다.</p><figure data-video="youtube"><iframe '
    'src="https://www.youtube.com/embed/dQw4w9WgXcQ" title="영상"></iframe></figure>'
)


def in_request(build):
    """``build()`` as a page render runs it (pagecache's per-request scope), once each call."""
    from newsroom import pagecache

    token = pagecache._current.set(pagecache._Request())
    try:
        return build()
    finally:
        pagecache._current.reset(token)


def ago(hours):
    return timezone.now() - timedelta(hours=hours)


@pytest.fixture(autouse=True)
def cold(settings):
    # The boxes are cached (pagecache.remember): test them cached, as they run.
    settings.FRAGMENT_CACHE_SECONDS = 3600
    cache.clear()


def box(html: str) -> str:
    start = html.index('class="media-box"')
    return html[start : html.index("</section>", start)]


def test_box_shows_the_newest_stories_with_photos_or_video_and_links_more(client, media_root):
    image = make_image()
    photo = make_article(headline="갯골 노을 사진", lead_image=image, published_at=ago(3))
    video = make_article(headline="영상으로 보는 시흥", body=VIDEO, published_at=ago(2))
    make_article(headline="글만 있는 기사", published_at=ago(1))
    story = make_article(headline="읽는 기사")
    html = box(client.get(story.get_absolute_url()).content.decode())
    assert "미디어" in html
    assert html.index("영상으로 보는 시흥") < html.index("갯골 노을 사진")
    assert "글만 있는 기사" not in html
    assert html.count("<img") == 1 and "media-box__video" in html
    assert 'href="/multimedia/"' in html and "더보기" in html
    assert photo.get_absolute_url() in html and video.get_absolute_url() in html


def test_no_media_stories_no_empty_box(client):
    story = make_article()
    assert 'class="media-box"' not in client.get(story.get_absolute_url()).content.decode()


def test_a_publish_ends_the_cached_box(client, media_root):
    story = make_article()
    client.get(story.get_absolute_url())  # caches an empty box
    draft = make_article(headline="새 포토뉴스", lead_image=make_image(), published=False)
    draft.status = Article.Status.PUBLISHED
    draft.published_at = timezone.now() - timedelta(minutes=1)
    draft.save()
    assert "새 포토뉴스" in box(client.get(story.get_absolute_url()).content.decode())


def test_taking_a_story_down_removes_it_from_the_box(client, media_root):
    gone = make_article(headline="내린 사진 기사", lead_image=make_image())
    story = make_article()
    assert "내린 사진 기사" in client.get(story.get_absolute_url()).content.decode()
    gone.status = Article.Status.DRAFT
    gone.save()
    assert "내린 사진 기사" not in client.get(story.get_absolute_url()).content.decode()


def test_unpublished_and_scheduled_stories_never_show(client, media_root):
    image = make_image()
    make_article(headline="초안 사진", lead_image=image, published=False)
    make_article(
        headline="예약 사진", lead_image=image, published_at=timezone.now() + timedelta(hours=1)
    )
    story = make_article()
    html = client.get(story.get_absolute_url()).content.decode()
    assert "초안 사진" not in html and "예약 사진" not in html
    listing = client.get("/multimedia/").content.decode()
    assert "초안 사진" not in listing and "예약 사진" not in listing


def test_list_page_has_photo_and_video_stories_paginated_with_meta(client, settings, media_root):
    settings.ARTICLES_PER_PAGE = 2
    image = make_image()
    for n in range(3):
        make_article(headline=f"사진 기사 {n}", lead_image=image, published_at=ago(10 + n))
    make_article(headline="영상 기사", body=VIDEO, published_at=ago(1))
    make_article(headline="글 기사", published_at=ago(2))
    first = client.get("/multimedia/")
    html = first.content.decode()
    assert first.status_code == 200
    assert "<h1>포토·영상</h1>" in html
    assert "영상 기사" in html and "사진 기사 0" in html and "글 기사" not in html
    assert '<link rel="canonical" href="http://testserver/multimedia/">' in html
    assert 'property="og:title" content="포토·영상 - ' in html
    assert '"@type": "CollectionPage"' in html or '"CollectionPage"' in html
    second = client.get("/multimedia/?page=2")
    page2 = second.content.decode()
    assert "사진 기사 1" in page2 and "사진 기사 2" in page2
    assert '<link rel="canonical" href="http://testserver/multimedia/?page=2">' in page2
    assert client.get("/multimedia/?page=9").status_code == 404
    assert client.get("/multimedia/?page=abc").status_code == 404


def test_media_url_still_serves_files_not_the_list(client):
    # The list is at /multimedia/ because /media/ is MEDIA_URL.
    assert client.get("/multimedia/").status_code == 200
    assert (
        client.get("/media/").status_code != 200
        or b"media-box" not in client.get("/media/").content
    )


def test_box_is_one_query_then_cached(media_root):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from articles.media import media_box

    make_article(lead_image=make_image())
    with CaptureQueriesContext(connection) as first:
        assert len(in_request(media_box)) == 1
    with CaptureQueriesContext(connection) as second:
        in_request(media_box)
    assert len(second) == 0 and "figure data-video" in first[0]["sql"]


def test_article_page_reads_box_and_related_in_one_query_each_where_it_belongs(client, media_root):
    """The box comes with the 관련기사 query (articles/media.py): the story read itself is in
    the box when it has a photo, never in its own 관련기사, and a photo story sharing
    nothing with it is in the box only."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from articles.media import media_box, related_with_media_box

    image = make_image()
    far = make_article(
        headline="먼 사진 기사", lead_image=image, tags=["갯골"], published_at=ago(3)
    )
    near = make_article(headline="가까운 기사", tags=["시흥"], published_at=ago(2))
    story = make_article(headline="읽는 사진 기사", lead_image=image, tags=["시흥"])

    def both():
        related = related_with_media_box(story)
        return related, media_box()

    with CaptureQueriesContext(connection) as captured:
        related, boxed = in_request(both)
    # (The other queries find the next scheduled change, which ends the cached box.)
    reading = [q["sql"] for q in captured if "figure data-video" in q["sql"]]
    assert len(reading) == 1 and "UNION ALL" in reading[0], reading
    assert [a.pk for a in boxed] == [story.pk, far.pk]
    assert near.pk in [a.pk for a in related] and story.pk not in [a.pk for a in related]
    # Kept as the box's cached value for the next article page.
    with CaptureQueriesContext(connection) as later:
        assert [a.pk for a in in_request(media_box)] == [story.pk, far.pk]
    assert not [q for q in later if "articles_article" in q["sql"]]


def test_a_video_story_without_a_photo_is_marked_in_the_list(client):
    """Issue 14: in /multimedia/ a video story carries the 영상 mark and a player mark in
    the photo's place; a photo story carries neither."""
    video = make_article(headline="영상만 있는 기사", body=VIDEO, published_at=ago(1))
    make_article(headline="사진만 있는 기사", lead_image=make_image(), published_at=ago(2))
    html = client.get("/multimedia/").content.decode()
    items = html.split('<article class="item')[1:]
    video_item = next(i for i in items if video.headline in i)
    photo_item = next(i for i in items if "사진만 있는 기사" in i)
    assert "data-video-mark" in video_item and "item__image--video" in video_item
    assert "item--with-image" in video_item.split(">")[0]
    assert "data-video-mark" not in photo_item and "item__image--video" not in photo_item
    trail = html[html.index("data-breadcrumbs") :].split("</nav>")[0]
    assert '<span aria-current="page">포토·영상</span>' in trail
