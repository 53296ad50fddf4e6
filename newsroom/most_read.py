"""많이 본 뉴스: the most read published stories of the last 24 hours and 7 days."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q, Sum, Value
from django.db.models.functions import Coalesce

from articles.models import Article
from newsroom import pagecache
from newsroom.counters import hour_of, read_window_start

WINDOWS = {"day": 24, "week": 24 * 7}
CACHE_KEY = "newsroom:most-read"


def _ranked(hours: int, count: int):
    return (
        Article.objects.published()
        .filter(reads__hour__gte=read_window_start(hours))
        .annotate(read_total=Sum("reads__count"), window=Value(hours))
        .only("pk", "slug", "headline", "published_at", "origin")
        .order_by("-read_total", "-published_at", "-pk")[:count]
    )


def most_read_since(since, count: int) -> list[Article]:
    """Published stories since ``since`` (all when None), the most read since then first
    (reads counted by hour, from the hour holding ``since``), then the newest: one query."""
    stories = Article.objects.published()
    reads = Q()
    if since is not None:
        stories = stories.filter(published_at__gt=since)
        reads = Q(reads__hour__gte=hour_of(since))
    return list(
        stories.annotate(read_total=Coalesce(Sum("reads__count", filter=reads), 0)).order_by(
            "-read_total", "-published_at", "-pk"
        )[:count]
    )


def most_read(count: int | None = None) -> dict[str, list[Article]]:
    """``{"day": [...], "week": [...]}``, from the cache or from one UNION query.

    The counts change by the second, so a few minutes of staleness
    (``MOST_READ_CACHE_SECONDS``) costs nothing and spares the aggregate on every page.
    """
    count = count or settings.MOST_READ_COUNT
    # Ended by its stories' keys too: an unpublished story leaves the list at once.
    return pagecache.remember(
        f"{CACHE_KEY}:{count}",
        lambda: _load(count),
        keys=lambda lists: {f"article-{a.pk}" for articles in lists.values() for a in articles},
        seconds=settings.MOST_READ_CACHE_SECONDS,
    )


def _load(count: int) -> dict[str, list[Article]]:
    day, week = (_ranked(hours, count) for hours in WINDOWS.values())
    lists = {name: [] for name in WINDOWS}
    name_of = {hours: name for name, hours in WINDOWS.items()}
    for article in day.union(week, all=True):
        lists[name_of[article.window]].append(article)
    for articles in lists.values():
        articles.sort(key=lambda a: (a.read_total, a.published_at, a.pk), reverse=True)
    return lists
