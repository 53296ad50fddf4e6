"""RSS for readers and portals (네이버·다음 뉴스 검색 제휴 asks for one), from published() only."""

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Rss201rev2Feed

from articles.models import Article, Section
from newsroom.models import SiteSettings
from newsroom.text import xml_safe

FEED_SIZE = 30


def _xml_safe_values(value):
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, list | tuple):
        return type(value)(_xml_safe_values(item) for item in value)
    if isinstance(value, dict):
        return {key: _xml_safe_values(item) for key, item in value.items()}
    return value


class XmlSafeRssFeed(Rss201rev2Feed):
    """RSS that cannot fail on a stored character XML 1.0 has no way to write.

    Saves already clean text (newsroom/text.py); a row written around ``save()`` or a
    body whose ``&#11;`` becomes a control character in the teaser must still not turn
    the feed every portal polls into a 500.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*_xml_safe_values(args), **_xml_safe_values(kwargs))

    def add_item(self, *args, **kwargs):
        super().add_item(*_xml_safe_values(args), **_xml_safe_values(kwargs))


class LatestArticlesFeed(Feed):
    feed_type = XmlSafeRssFeed
    language = "ko"

    def get_object(self, request, slug=None):
        return get_object_or_404(Section, slug=slug) if slug else None

    def title(self, section):
        site = SiteSettings.current()
        return f"{site.title} - {section.name}" if section else site.title

    def link(self, section):
        return section.get_absolute_url() if section else "/"

    def description(self, section):
        return SiteSettings.current().tagline

    def items(self, section):
        articles = Article.objects.published()
        if section:
            articles = articles.in_section(section)
        return articles.for_lists().prefetch_related("corrections")[:FEED_SIZE]

    def item_title(self, article):
        return article.headline

    def item_description(self, article):
        # Portals show the description: a 정정·반론 보도 must travel with the story.
        notes = [
            f"[{c.get_kind_display()} {c.date:%Y.%m.%d}] {c.text}"
            for c in article.corrections.all()
        ]
        return "\n\n".join([article.teaser, *notes]) if notes else article.teaser

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return article.content_updated_at

    def item_author_name(self, article):
        return ", ".join(str(reporter) for reporter in article.byline_reporters()) or None

    def item_categories(self, article):
        return [article.section.name] if article.section else []
