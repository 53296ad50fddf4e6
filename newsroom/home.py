"""What the home page shows: the top story, the latest stories, a block per section."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import F, Window
from django.db.models.functions import RowNumber

from articles.menu import menu_sections
from articles.models import Article, Section


@dataclass
class SectionBlock:
    section: Section
    articles: list[Article] = field(default_factory=list)


def latest_by_section(sections: list[Section], per_section: int) -> dict[int, list[Article]]:
    """The newest ``per_section`` published articles of each section's family, in one query.

    Rows are numbered per section in SQL; a top-level section's block then merges its
    own and its sub-sections' rows, which is exact because each member section
    contributes at most ``per_section`` candidates.
    """
    family_of: dict[int, int] = {}
    for top in sections:
        family_of[top.pk] = top.pk
        for child in getattr(top, "menu_children", []):
            family_of[child.pk] = top.pk
    if not family_of:
        return {}
    ranked = (
        Article.objects.published()
        .filter(section_id__in=family_of)
        .annotate(
            rank=Window(
                RowNumber(),
                partition_by=[F("section_id")],
                order_by=[F("published_at").desc(), F("pk").desc()],
            )
        )
        .filter(rank__lte=per_section)
        .for_lists()
    )
    blocks: dict[int, list[Article]] = {pk: [] for pk in family_of.values()}
    for article in ranked:
        blocks[family_of[article.section_id]].append(article)
    for top_id, articles in blocks.items():
        articles.sort(key=lambda a: (a.published_at, a.pk), reverse=True)
        blocks[top_id] = articles[:per_section]
    return blocks


def section_blocks(per_section: int | None = None) -> list[SectionBlock]:
    per_section = per_section or settings.SECTION_BLOCK_SIZE
    sections = menu_sections()
    by_section = latest_by_section(sections, per_section)
    return [
        SectionBlock(section=s, articles=by_section.get(s.pk, []))
        for s in sections
        if by_section.get(s.pk)
    ]


def latest_articles(count: int | None = None) -> list[Article]:
    count = count or settings.HOME_LATEST_COUNT
    return list(Article.objects.published().for_lists()[:count])
