"""포토·영상: the newest stories with a lead image or a video embed, for the 미디어 box beside
every story and the ``/multimedia/`` list it links to with 더보기."""

from __future__ import annotations

from django.conf import settings
from django.db.models import IntegerField, Value

from articles.models import RELATED_ORDER, Article
from newsroom import pagecache

# Bump when the cached value changes shape, so old pickles in a shared cache are ignored.
CACHE_KEY = "articles:media-box:v2"


def media_stories():
    """The list page's queryset: published stories with photos or video, newest first."""
    return Article.objects.published().with_media().with_video_flag().for_lists()


def _box_query(count: int):
    # The columns of the 관련기사 query (Article.related_query), so the two can be one UNION.
    return (
        Article.objects.published()
        .with_media()
        .select_related("section", "lead_image")
        .defer("body")
        .order_by("-published_at", "-pk")[:count]
    )


def media_box(rows: list[Article] | None = None) -> list[Article]:
    """The 미디어 box's stories: one query per cache period, shared by every article page
    (``rows``, when the caller already read them, are kept instead of querying).

    Ended by ``media`` (a story with a photo or video published, edited or taken down, see
    articles/cache_keys.py) and by the next scheduled publication, so a publish ends it."""
    count = settings.MEDIA_BOX_COUNT
    return pagecache.remember(
        f"{CACHE_KEY}:{count}",
        (lambda: rows) if rows is not None else (lambda: list(_box_query(count))),
        keys=lambda articles: {"media", *(f"article-{a.pk}" for a in articles)},
        until_next_change=True,
    )


def related_with_media_box(article: Article) -> list[Article]:
    """The article page's 관련기사, with the 미디어 box's stories read in the same query (a
    UNION ALL) and handed to ``media_box``, so a cold article page spends one query on
    both; the page's later ``{% media_box %}`` finds them kept for the request."""
    if article.pk is None:
        return []
    count = settings.MEDIA_BOX_COUNT
    related = article.related_query().annotate(in_box=Value(False))
    box = _box_query(count).annotate(
        pick_order=Value(None, output_field=IntegerField()),
        is_closer=Value(False),
        shares_tag=Value(False),
        in_box=Value(True),
    )
    rows = list(related.union(box, all=True).order_by("in_box", *RELATED_ORDER))
    media_box([row for row in rows if row.in_box])
    return [row for row in rows if not row.in_box]
