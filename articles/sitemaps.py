"""Sitemaps: ``/sitemap.xml`` is an index over the section, reporter, tag and article
sitemaps (``/sitemap-<name>.xml``, 50,000 URLs a page, ``?p=2`` …), and
``/sitemap-news.xml`` is the Google News sitemap of the last 48 hours. Everything comes
from ``Article.objects.published()``.

All are public pages of the one cache layer (newsroom/pagecache.py): they depend on
``home`` (any visible story's change), ``site`` (sections), ``tags`` (a tag renamed) and
``council`` (a member added), so an edit ends them and purges them from Varnish.

The article sitemap is paged by ranges of ids (``IdRangePaginator``): its number of files
comes from the highest visible id, an index look-up, never ``COUNT(*)`` over the archive.
"""

import math
from datetime import timedelta
from functools import wraps

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import Exists, Max, OuterRef
from django.shortcuts import render
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from articles.models import Article, Byline, Reporter, Section
from newsroom import pagecache
from newsroom.models import SiteSettings
from newsroom.text import xml_safe

# The sitemap protocol's limit per file.
URLS_PER_SITEMAP = 50_000
NEWS_WINDOW = timedelta(hours=48)
# Google News reads at most this many URLs from a news sitemap.
NEWS_LIMIT = 1000
# Characters XML 1.0 cannot hold at all: a headline carrying one would break the file.


class IdRangePage:
    def __init__(self, object_list):
        self.object_list = object_list


class IdRangePaginator:
    """Page ``n`` holds the stories with ids in ``((n-1)·limit, n·limit]``: never more than
    ``limit`` URLs, and a file keeps its stories as the archive grows (only the last one
    changes with new stories). The number of pages is the highest visible id over
    ``limit``: Postgres walks the primary key down to the first visible story. A range
    with no visible story left (all trashed) is an empty, valid file."""

    def __init__(self, items, per_page: int):
        self.items = items
        self.per_page = per_page

    @property
    def num_pages(self) -> int:
        if not hasattr(self, "_num_pages"):
            top = self.items.aggregate(top=Max("pk"))["top"] or 0
            self._num_pages = max(1, math.ceil(top / self.per_page))
        return self._num_pages

    def validate_number(self, number) -> int:
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger("쪽 번호가 숫자가 아닙니다.") from None
        if number < 1 or number > self.num_pages:
            raise EmptyPage("없는 쪽입니다.")
        return number

    def page(self, number) -> IdRangePage:
        number = self.validate_number(number)
        low, high = (number - 1) * self.per_page, number * self.per_page
        return IdRangePage(self.items.filter(pk__gt=low, pk__lte=high))


class ArticleSitemap(Sitemap):
    changefreq = "daily"
    limit = URLS_PER_SITEMAP

    @property
    def paginator(self):
        return IdRangePaginator(self.items(), self.limit)

    def items(self):
        return Article.objects.published().only("pk", "slug", "content_updated_at").order_by("-pk")

    def lastmod(self, article):
        return article.content_updated_at

    def get_latest_lastmod(self):
        # One aggregate, not a walk over every story (Django's default); the index on
        # content_updated_at makes it a walk down to the first visible story.
        return Article.objects.published().aggregate(latest=Max("content_updated_at"))["latest"]


class SectionSitemap(Sitemap):
    changefreq = "hourly"
    priority = 0.6
    limit = URLS_PER_SITEMAP

    def items(self):
        latest = (
            Article.objects.published().filter(section=OuterRef("pk")).order_by("-published_at")
        )
        return Section.objects.annotate(latest=latest.values("published_at")[:1]).order_by("pk")

    def lastmod(self, section):
        return section.latest


class ReporterSitemap(Sitemap):
    changefreq = "daily"
    limit = URLS_PER_SITEMAP

    # No lastmod: a reporter's newest story is a walk down the list index until one of
    # theirs, for every reporter (twice, and again for the paginator's count): 13 s at a
    # million stories for the few with an old last byline. Whether a reporter has any
    # public story stops at the first one found through their bylines.
    def items(self):
        bylines = Byline.objects.filter(
            reporter=OuterRef("pk"), article__in=Article.objects.published()
        )
        return Reporter.objects.filter(Exists(bylines)).order_by("pk")


class TagSitemap(Sitemap):
    changefreq = "daily"
    limit = URLS_PER_SITEMAP

    def items(self):
        # A tag only unpublished stories carry names an embargoed topic: left out.
        tagged = TaggedItem.objects.filter(
            tag=OuterRef("pk"),
            content_type__app_label="articles",
            content_type__model="article",
            object_id__in=Article.objects.published().values("pk"),
        )
        return Tag.objects.filter(Exists(tagged)).order_by("pk")

    def location(self, tag):
        from django.urls import reverse

        return reverse("articles:tag", kwargs={"slug": tag.slug})


# What the sitemaps show, besides their stories (``home``) and the menu (``site``).
SITEMAP_KEYS = ("home", "tags", "council")


def cached_sitemap(view):
    """A sitemap view as a public page: stored and purged like the others, with one key
    for all its stories (``home``) instead of one per story."""

    @pagecache.public_page(params=("p",))
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        pagecache.depends_on(*SITEMAP_KEYS)
        with pagecache.one_key_for("article-", "home"):
            return view(request, *args, **kwargs)

    return wrapper


sitemap_index = cached_sitemap(sitemap_views.index)
sitemap_section = cached_sitemap(sitemap_views.sitemap)


SITEMAPS = {
    "sections": SectionSitemap,
    "reporters": ReporterSitemap,
    "tags": TagSitemap,
    "articles": ArticleSitemap,
}


@pagecache.public_page(params=())
def news_sitemap(request):
    """Google News: the stories of the last 48 hours, newest first."""
    now = timezone.now()
    articles = (
        Article.objects.published()
        .filter(published_at__gte=now - NEWS_WINDOW)
        # Google News takes news, not 기사형 광고: paid stories stay in the plain sitemap.
        .exclude(origin__in=list(Article.PAID_ORIGINS))
        .only("pk", "slug", "headline", "published_at")
        .order_by("-published_at", "-pk")[:NEWS_LIMIT]
    )
    pagecache.depends_on("home")
    with pagecache.one_key_for("article-", "home"):
        return _render_news_sitemap(request, articles)


def _render_news_sitemap(request, articles):
    articles = list(articles)
    for article in articles:
        article.news_title = xml_safe(article.headline, single_line=True)
    site = SiteSettings.current()
    return render(
        request,
        "articles/sitemap_news.xml",
        {
            "articles": articles,
            "publication_name": xml_safe(site.name, single_line=True),
            "origin": f"{request.scheme}://{request.get_host()}",
        },
        content_type="application/xml",
    )
