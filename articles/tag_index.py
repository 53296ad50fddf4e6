"""인기 태그 and the tag index (``/tags/``): counts of published stories per tag, aggregated
over taggit's rows (indexed by tag and by object), never a COUNT per request: each is one
query per cache period, ended when a story readers can see changes (the ``home`` key) and at
the next scheduled publication."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Count, F
from django.db.models.functions import JSONObject
from django.utils import timezone

from articles.models import Article, _tagged_items
from newsroom import pagecache

CACHE_KEY = "articles:tags:v1"

# Hangul initial consonants in syllable order; a double consonant files under its single
# one (ㄲ under ㄱ), as Korean indexes do.
CHOSEONG = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
SINGLE = {"ㄲ": "ㄱ", "ㄸ": "ㄷ", "ㅃ": "ㅂ", "ㅆ": "ㅅ", "ㅉ": "ㅈ"}
OTHER = "기타"


@dataclass(frozen=True)
class TagCount:
    name: str
    slug: str
    count: int


def _rows(since=None, limit=None):
    stories = Article.objects.published()
    if since is not None:
        stories = stories.filter(published_at__gte=since)
    rows = (
        _tagged_items()
        .filter(object_id__in=stories.values("pk"))
        .values("tag__name", "tag__slug")
        .annotate(count=Count("id"))
        .order_by("-count", "tag__name")
    )
    return rows[:limit] if limit is not None else rows


def _counts(since=None, limit=None) -> list[TagCount]:
    return [TagCount(r["tag__name"], r["tag__slug"], r["count"]) for r in _rows(since, limit)]


def _popular_window() -> tuple[int, int]:
    return settings.POPULAR_TAGS_COUNT, settings.POPULAR_TAGS_DAYS


def popular_tags_column() -> ArraySubquery:
    """인기 태그 as one uncorrelated column (an InitPlan, run once) of another query, so the
    home page's story query carries the box with no query of its own: read it back with
    ``popular_tags_from``. Same rows as ``popular_tags``."""
    count, days = _popular_window()
    rows = _rows(since=timezone.now() - timedelta(days=days), limit=count)
    item = JSONObject(name=F("tag__name"), slug=F("tag__slug"), count=Count("id"))
    return ArraySubquery(rows.annotate(item=item).values("item"))


def popular_tags_from(items) -> list[TagCount]:
    return [TagCount(i["name"], i["slug"], i["count"]) for i in items or []]


def popular_tags() -> list[TagCount]:
    """인기 태그: the tags most used on stories published in the last ``POPULAR_TAGS_DAYS``."""
    count, days = _popular_window()
    return pagecache.remember(
        f"{CACHE_KEY}:popular:{count}:{days}",
        lambda: _counts(since=timezone.now() - timedelta(days=days), limit=count),
        keys=["home"],
        until_next_change=True,
    )


def all_tags() -> list[TagCount]:
    """Every tag a published story carries, with its count, in index order."""
    tags = pagecache.remember(f"{CACHE_KEY}:all", _counts, keys=["home"], until_next_change=True)
    return sorted(tags, key=lambda t: (_rank(index_letter(t.name)), t.name))


def _rank(letter: str) -> int:
    # ㄱ…ㅎ first, then A…Z, then 기타, as Korean papers' indexes run.
    if letter in CHOSEONG:
        return 0
    return 2 if letter == OTHER else 1


def index_letter(name: str) -> str:
    """The heading a tag files under: its first 초성 (ㄱ…ㅎ), its first Latin letter
    (A…Z), else 기타 (digits, symbols)."""
    first = name[:1]
    if "가" <= first <= "힣":
        jamo = CHOSEONG[(ord(first) - ord("가")) // 588]
        return SINGLE.get(jamo, jamo)
    if first in CHOSEONG:
        return SINGLE.get(first, first)
    if first.isascii() and first.isalpha():
        return first.upper()
    return OTHER


def grouped(tags: list[TagCount]) -> list[tuple[str, list[TagCount]]]:
    groups: dict[str, list[TagCount]] = {}
    for tag in tags:
        groups.setdefault(index_letter(tag.name), []).append(tag)
    return list(groups.items())
