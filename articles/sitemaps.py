from django.contrib.sitemaps import Sitemap

from articles.models import Article, Section


class ArticleSitemap(Sitemap):
    changefreq = "daily"
    limit = 5000

    def items(self):
        return Article.objects.published().only("pk", "slug", "content_updated_at").order_by("-pk")

    def lastmod(self, article):
        return article.content_updated_at


class SectionSitemap(Sitemap):
    changefreq = "hourly"
    priority = 0.6

    def items(self):
        return Section.objects.all()
