"""What the home page shows: the desk's 헤드라인 and 주요 기사 (newest stories fill any
gap), the latest stories, and the section blocks the desk chose.

Every list is a fixed number of queries, whatever the number of blocks and items.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce, Greatest, NullIf

from articles.menu import menu_sections
from articles.menu import sections as all_sections
from articles.models import Article, Section
from articles.tag_index import popular_tags_column, popular_tags_from
from newsroom.models import HomeBlock, HomeBlockPin, HomeCuration, HomePick


@dataclass
class SectionBlock:
    section: Section
    layout: str = HomeBlock.Layout.LIST
    size: int = 5
    articles: list[Article] = field(default_factory=list)
    # The ids of the stories the desk pinned here, in pin order (``HomeBlockPin``).
    pinned: list[int] = field(default_factory=list)


@dataclass
class FrontStories:
    top_story: Article | None
    featured: list[Article]
    latest: list[Article]
    # 최종 편집일시 (the newspaper-law guideline's line on the main page): the newest publish
    # or content edit of a story readers can see.
    last_edited_at: object = None
    # The column box: the newest opinion columns' stories.
    columns: list[Article] = field(default_factory=list)
    # 인기 태그, carried by the same query (articles/tag_index.py).
    popular_tags: list = field(default_factory=list)


def _newest(field: str) -> Subquery:
    # Uncorrelated: Postgres runs it once per query (an InitPlan), down an index.
    newest = Article.objects.published().order_by(f"-{field}").values(field)[:1]
    return Subquery(newest)


def home_page(
    curation: HomeCuration, chosen: list[SectionBlock] | None = None
) -> tuple[FrontStories, list[SectionBlock]]:
    """The 헤드라인, 주요 기사 and latest list, and the ``chosen`` section blocks filled,
    from one query (plus its byline prefetch): a UNION of the newest stories, the desk's
    published picks however old, and the newest stories of each section feeding a block.

    The newest stories come first in list order, so the first ``newest_count`` of the
    whole result are the site's newest; a block takes the newest of its sections'
    stories, exact because each member section gave at most the largest block size."""
    chosen = chosen or []
    wanted = curation.featured_count
    newest_count = settings.HOME_LATEST_COUNT + wanted + 1
    picks = HomePick.objects.filter(curation_id=curation.pk)
    mine = picks.filter(article_id=OuterRef("pk"))
    feeds = _families([b.section for b in chosen]) if chosen else {}
    # Each section gives enough stories to fill its blocks after those shown higher up
    # (the 헤드라인, the 주요 기사, earlier blocks) are left out: still a fixed bound.
    largest = max((b.size for b in chosen), default=0)
    per_section = 2 * largest + wanted + 1 if chosen else 0
    walks = [(Q(), newest_count)] + [(Q(section_id=pk), per_section) for pk in feeds]
    walks.append((Q(column__isnull=False), settings.HOME_COLUMN_COUNT))
    walks += _photo_walks(chosen, per_section)
    stories = list(
        Article.objects.published()
        .newest_of_each(
            walks,
            also=Q(pk__in=picks.values("article_id")) | _pinned_stories(chosen),
        )
        .for_lists()
        .annotate(
            pick_kind=Subquery(mine.values("kind")[:1]),
            pick_order=Subquery(mine.values("order")[:1]),
            site_edited_at=Greatest(_newest("published_at"), _newest("content_updated_at")),
            popular_tags=popular_tags_column(),
            column_name=F("column__name"),
            column_writer=Coalesce(
                NullIf(F("column__writer_name"), Value("")), F("column__reporter__name")
            ),
        )
    )
    front = _front(curation, stories, newest_count)
    front.last_edited_at = stories[0].site_edited_at if stories else None
    front.popular_tags = popular_tags_from(stories[0].popular_tags if stories else None)
    front.columns = [a for a in stories if a.column_id][: settings.HOME_COLUMN_COUNT]
    above = {a.pk for a in front.featured} | ({front.top_story.pk} if front.top_story else set())
    return front, _fill(chosen, stories, feeds, above)


def front_stories(curation: HomeCuration) -> FrontStories:
    """The 헤드라인, the 주요 기사 and the latest list, without repeating a story."""
    return home_page(curation)[0]


def _front(curation: HomeCuration, stories: list[Article], newest_count: int) -> FrontStories:
    wanted = curation.featured_count
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
    """For each section id, the ids of the chosen sections whose block it feeds (no query
    while no section changed).

    A block shows its section and all its sub-sections, so 정치 also gathers 시흥시의회.
    """
    tree = all_sections()
    feeds: dict[int, list[int]] = {}
    for section in sections:
        for pk in tree.family_ids(section.pk):
            feeds.setdefault(pk, []).append(section.pk)
    return feeds


def _photo_walks(blocks: list[SectionBlock], size: int) -> list[tuple[Q, int]]:
    """Extra walks, in the same UNION, for the newest stories with a lead image of each
    section feeding a 사진 격자 block: a busy section's newest stories may have none."""
    tree = all_sections()
    ids = {
        pk
        for b in blocks
        if b.layout == HomeBlock.Layout.GRID
        for pk in tree.family_ids(b.section.pk)
    }
    return [(Q(section_id=pk, lead_image__isnull=False), size) for pk in sorted(ids)]


def fill_blocks(blocks: list[SectionBlock]) -> list[SectionBlock]:
    """Give each block its pinned and newest published stories, all blocks in one query
    (plus the bylines' prefetch): each section feeding a block gives its newest stories
    through its own index walk (``ArticleQuerySet.newest_of_each``)."""
    if not blocks:
        return []
    feeds = _families([b.section for b in blocks])
    largest = max(b.size for b in blocks)
    walks = [(Q(section_id=pk), largest) for pk in feeds] + _photo_walks(blocks, largest)
    also = _pinned_stories(blocks) if any(b.pinned for b in blocks) else None
    stories = list(Article.objects.published().newest_of_each(walks, also=also).for_lists())
    return _fill(blocks, stories, feeds)


def _pinned_stories(blocks: list[SectionBlock]) -> Q:
    """The stories pinned to these blocks (read with the blocks: ``chosen_blocks``)."""
    return Q(pk__in=sorted({pk for b in blocks for pk in b.pinned}))


def _fill(
    blocks: list[SectionBlock], stories: list[Article], feeds, above: set[int] = frozenset()
) -> list[SectionBlock]:
    """Each block's stories: first those the desk pinned there, in pin order, shown even
    when higher up the page; then its newest, never one shown higher up: not the 헤드라인
    or a 주요 기사 (``above``), nor one an earlier block shows (정치 gathers 시흥시의회, so
    the 시흥시의회 block below it takes the next ones). A pinned story readers cannot see
    is not in ``stories`` (all ``published()``), so it is simply left out. A 사진 격자 block
    takes only stories with a lead image, and turns into a list when fewer than its size
    have one."""
    by_pk = {a.pk: a for a in stories}
    by_section: dict[int, list[Article]] = {}
    for article in stories:
        for section_id in feeds.get(article.section_id, ()):
            by_section.setdefault(section_id, []).append(article)
    shown = set(above)
    for block in blocks:
        pinned = list(dict.fromkeys(by_pk[pk] for pk in block.pinned if pk in by_pk))
        articles = by_section.get(block.section.pk, [])
        articles.sort(key=lambda a: (a.published_at, a.pk), reverse=True)
        fresh = [a for a in dict.fromkeys(articles) if a.pk not in shown and a not in pinned]
        if block.layout == HomeBlock.Layout.GRID:
            with_photo = [a for a in fresh if a.lead_image_id]
            if all(a.lead_image_id for a in pinned) and len(pinned + with_photo) >= block.size:
                fresh = with_photo
            else:
                # Too few photos to fill the grid: a list needs none, and shows no grey boxes.
                block.layout = HomeBlock.Layout.LIST
        block.articles = (pinned + fresh)[: block.size]
        shown.update(a.pk for a in block.articles)
    return [b for b in blocks if b.articles]


def chosen_blocks(curation: HomeCuration) -> list[SectionBlock]:
    """The desk's blocks in order, still empty; with none chosen, one per menu section."""
    # The pins ride along as one array column: no query of their own.
    pins = HomeBlockPin.objects.filter(block_id=OuterRef("pk")).order_by("order", "pk")
    blocks = (
        HomeBlock.objects.filter(curation_id=curation.pk)
        .select_related("section")
        .annotate(pinned=ArraySubquery(pins.values("article_id")))
    )
    chosen = [
        SectionBlock(section=b.section, layout=b.layout, size=b.item_count, pinned=b.pinned)
        for b in blocks
    ]
    if not chosen:
        chosen = [
            SectionBlock(section=s, size=settings.SECTION_BLOCK_SIZE) for s in menu_sections()
        ]
    return chosen


def section_blocks(curation: HomeCuration | None = None) -> list[SectionBlock]:
    """The desk's blocks in order, filled; with none chosen, a list block per menu section."""
    curation = curation or HomeCuration.current()
    return fill_blocks(chosen_blocks(curation))
