"""Sitemaps: ``/sitemap.xml`` is an index over the section, reporter, tag and article
sitemaps (``/sitemap-<name>.xml``, 50,000 URLs a page, ``?p=2`` …), and
``/sitemap-news.xml`` is the Google News sitemap of the last 48 hours. Everything comes
from ``Article.objects.published()``."""

from datetime import timedelta

from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, Max, OuterRef
from django.shortcuts import render
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from articles.models import Article, Byline, Reporter, Section
from newsroom.models import SiteSettings
from newsroom.text import xml_safe

# The sitemap protocol's limit per file.
URLS_PER_SITEMAP = 50_000
NEWS_WINDOW = timedelta(hours=48)
# Google News reads at most this many URLs from a news sitemap.
NEWS_LIMIT = 1000
# Characters XML 1.0 cannot hold at all: a headline carrying one would break the file.


class ArticleSitemap(Sitemap):
    changefreq = "daily"
    limit = URLS_PER_SITEMAP

    def items(self):
        return Article.objects.published().only("pk", "slug", "content_updated_at").order_by("-pk")

    def lastmod(self, article):
        return article.content_updated_at

    def get_latest_lastmod(self):
        # One aggregate, not a walk over every story (Django's default).
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

    def items(self):
        bylines = Byline.objects.filter(
            reporter=OuterRef("pk"), article__in=Article.objects.published()
        ).order_by("-article__published_at")
        return (
            Reporter.objects.annotate(latest=bylines.values("article__published_at")[:1])
            .filter(latest__isnull=False)
            .order_by("pk")
        )

    def lastmod(self, reporter):
        return reporter.latest


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


SITEMAPS = {
    "sections": SectionSitemap,
    "reporters": ReporterSitemap,
    "tags": TagSitemap,
    "articles": ArticleSitemap,
}


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
