"""포토·영상: the newest stories with a lead image or a video embed, for the 미디어 box beside
every story and the ``/multimedia/`` list it links to with 더보기."""

from __future__ import annotations

from django.conf import settings

from articles.models import Article
from newsroom import pagecache

# Bump when the cached value changes shape, so old pickles in a shared cache are ignored.
CACHE_KEY = "articles:media-box:v1"


def media_stories():
    """The list page's queryset: published stories with photos or video, newest first."""
    return Article.objects.published().with_media().for_lists()


def media_box() -> list[Article]:
    """The 미디어 box's stories: one query per cache period, shared by every article page.

    Ended by ``media`` (a story with a photo or video published, edited or taken down, see
    articles/cache_keys.py) and by the next scheduled publication, so a publish ends it."""
    count = settings.MEDIA_BOX_COUNT
    return pagecache.remember(
        f"{CACHE_KEY}:{count}",
        lambda: list(media_stories()[:count]),
        keys=lambda articles: {"media", *(f"article-{a.pk}" for a in articles)},
        until_next_change=True,
    )
