"""What a change to the newsroom's stories ends, announced to the cache layer
(newsroom/pagecache.py, docs/cache.md). Each function reads the row from the database,
so called before and after a save it names the pages the story left and joined."""

from __future__ import annotations

from datetime import datetime

from django.db.models import BooleanField, ExpressionWrapper, Q
from taggit.models import Tag, TaggedItem

from articles.models import (
    MEDIA_Q,
    Article,
    Byline,
    Column,
    Correction,
    GalleryPhoto,
    Image,
    RelatedArticle,
    RelatedLink,
    Reporter,
    Section,
    Series,
)
from newsroom import pagecache


def article_keys(article_id: int) -> set[str]:
    """A story: its own page always; while readers can see it, also the home page and the
    lists it is on (its section and the sections above, its tags, its reporters)."""
    keys = {f"article-{article_id}"}
    row = (
        Article.objects.published()
        .filter(pk=article_id)
        .annotate(media=ExpressionWrapper(MEDIA_Q, output_field=BooleanField()))
        .values("section_id", "series_id", "column_id", "media")
        .first()
    )
    if row is None:
        return keys
    keys.add("home")
    if row["series_id"]:
        keys.add(f"series-{row['series_id']}")
    if row["column_id"]:
        keys |= {f"column-{row['column_id']}", "opinion"}
    if row["media"]:
        # The 미디어 box on every article page and the 포토·영상 list (articles/media.py).
        keys.add("media")
    section_id = row["section_id"]
    while section_id is not None:
        keys.add(f"section-{section_id}")
        section_id = Section.objects.filter(pk=section_id).values_list("parent_id", flat=True)[0]
    keys.update(
        f"tag-{tag_id}"
        for tag_id in TaggedItem.objects.filter(
            content_type__app_label="articles", content_type__model="article", object_id=article_id
        ).values_list("tag_id", flat=True)
    )
    keys.update(
        f"reporter-{reporter_id}"
        for reporter_id in Byline.objects.filter(article_id=article_id).values_list(
            "reporter_id", flat=True
        )
    )
    return keys


def article_page_keys(article: Article) -> list[str]:
    """What an article page shows besides the story: its 관련기사 come from its section and
    tags, and its byline box from its reporters."""
    keys = [f"article-{article.pk}"]
    if article.section_id:
        keys.append(f"section-{article.section_id}")
    keys += [f"tag-{tag.pk}" for tag in article.tags.all()]
    keys += [f"reporter-{byline.reporter_id}" for byline in article.bylines.all()]
    return keys


def image_keys(image: Image) -> set[str]:
    keys = set()
    # The lead photo's stories and the galleries showing it (a caption or credit edit).
    users = Q(lead_image=image) | Q(
        pk__in=GalleryPhoto.objects.filter(image=image).values("article_id")
    )
    for article_id in Article.objects.filter(users).values_list("pk", flat=True):
        keys |= article_keys(article_id)
    keys.update(
        f"reporter-{pk}" for pk in Reporter.objects.filter(photo=image).values_list("pk", flat=True)
    )
    return keys


def next_scheduled_publication() -> datetime | None:
    """When the next scheduled story goes out: stored pages end then."""
    return Article.objects.next_scheduled_time()


def register() -> None:
    pagecache.announce(Article, lambda article: article_keys(article.pk))
    for part in (Byline, RelatedArticle, RelatedLink, Correction, GalleryPhoto):
        pagecache.announce(part, lambda row: article_keys(row.article_id))
    pagecache.announce(Reporter, lambda reporter: {f"reporter-{reporter.pk}"})
    # A section's name is in the menu on every page.
    pagecache.announce(Section, lambda section: {f"section-{section.pk}", pagecache.SITE})
    # ``tags``: the tag sitemap lists every tag's address.
    pagecache.announce(Tag, lambda tag: {f"tag-{tag.pk}", "tags"})
    pagecache.announce(Series, lambda series: {f"series-{series.pk}"})
    # A column's name is in the home page's column box and on the 오피니언 page.
    pagecache.announce(Column, lambda column: {f"column-{column.pk}", "opinion", "home"})
    pagecache.announce(
        TaggedItem,
        lambda item: article_keys(item.object_id) | {f"tag-{item.tag_id}"},
    )
    pagecache.announce(Image, image_keys)
