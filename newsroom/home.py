"""What the home page shows: the desk's 헤드라인 and 주요 기사 (newest stories fill any
gap), the latest stories, and the section blocks the desk chose.

Every list is a fixed number of queries, whatever the number of blocks and items.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import OuterRef, Q, Subquery

from articles.menu import menu_sections
from articles.models import Article, Section
from newsroom.models import HomeBlock, HomeCuration, HomePick


@dataclass
class SectionBlock:
    section: Section
    layout: str = HomeBlock.Layout.LIST
    size: int = 5
    articles: list[Article] = field(default_factory=list)


@dataclass
class FrontStories:
    top_story: Article | None
    featured: list[Article]
    latest: list[Article]


def front_stories(curation: HomeCuration) -> FrontStories:
    """The 헤드라인, the 주요 기사 and the latest list, without repeating a story.

    One query (plus its byline prefetch): the newest stories, which fill the 헤드라인
    when none is picked and the 주요 기사 up to ``curation.featured_count``, together
    with the desk's published picks, however old.
    """
    wanted = curation.featured_count
    newest_count = settings.HOME_LATEST_COUNT + wanted + 1
    picks = HomePick.objects.filter(curation_id=curation.pk)
    mine = picks.filter(article_id=OuterRef("pk"))
    stories = list(
        Article.objects.published()
        .newest_of_each([Q()], newest_count, also=Q(pk__in=picks.values("article_id")))
        .for_lists()
        .annotate(
            pick_kind=Subquery(mine.values("kind")[:1]),
            pick_order=Subquery(mine.values("order")[:1]),
        )
    )
    newest = stories[:newest_count]  # for_lists: newest first
    picked = sorted(
        (a for a in stories if a.pick_kind),
        key=lambda a: (a.pick_order, -a.published_at.timestamp(), -a.pk),
    )

    headlines = [a for a in picked if a.pick_kind == HomePick.Kind.HEADLINE]
    featured = [a for a in picked if a.pick_kind == HomePick.Kind.FEATURED]
    top = headlines[0] if headlines else None
    if top is None:
        top = next((a for a in newest if a not in featured), None)
    featured = [a for a in featured if a != top][:wanted]
    for article in newest:
        if len(featured) >= wanted:
            break
        if article != top and article not in featured:
            featured.append(article)
    shown = {a.pk for a in featured} | ({top.pk} if top else set())
    latest = [a for a in newest if a.pk not in shown][: settings.HOME_LATEST_COUNT]
    return FrontStories(top_story=top, featured=featured, latest=latest)


def _families(sections: list[Section]) -> dict[int, list[int]]:
    """For each section id, the ids of the chosen sections whose block it feeds (one query).

    A block shows its section and all its sub-sections, so 정치 also gathers 시흥시의회.
    """
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in Section.objects.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    feeds: dict[int, list[int]] = {}
    for section in sections:
        todo, seen = [section.pk], set()
        while todo:
            pk = todo.pop()
            if pk in seen:
                continue
            seen.add(pk)
            feeds.setdefault(pk, []).append(section.pk)
            todo.extend(children.get(pk, []))
    return feeds


def fill_blocks(blocks: list[SectionBlock]) -> list[SectionBlock]:
    """Give each block its newest published stories, all blocks in one query (plus the
    bylines' prefetch).

    Each section that feeds a block gives its newest stories through its own index walk
    (``ArticleQuerySet.newest_of_each``); a block then merges its own and its
    sub-sections' stories, which is exact because each member section contributes at
    most the largest block size.
    """
    if not blocks:
        return []
    feeds = _families([b.section for b in blocks])
    largest = max(b.size for b in blocks)
    published = Article.objects.published()
    stories = published.newest_of_each(
        [Q(section_id=section_id) for section_id in feeds], largest
    ).for_lists()
    by_section: dict[int, list[Article]] = {}
    for article in stories:
        for section_id in feeds[article.section_id]:
            by_section.setdefault(section_id, []).append(article)
    for block in blocks:
        articles = by_section.get(block.section.pk, [])
        articles.sort(key=lambda a: (a.published_at, a.pk), reverse=True)
        block.articles = articles[: block.size]
    return [b for b in blocks if b.articles]


def section_blocks(curation: HomeCuration | None = None) -> list[SectionBlock]:
    """The desk's blocks in order; with none chosen, a list block per menu section."""
    curation = curation or HomeCuration.current()
    chosen = [
        SectionBlock(section=b.section, layout=b.layout, size=b.item_count)
        for b in HomeBlock.objects.filter(curation_id=curation.pk).select_related("section")
    ]
    if not chosen:
        chosen = [
            SectionBlock(section=s, size=settings.SECTION_BLOCK_SIZE) for s in menu_sections()
        ]
    return fill_blocks(chosen)
