"""RSS for readers and portals (네이버·다음 뉴스 검색 제휴 asks for one), from published() only.

Each item carries the full article HTML in ``content:encoded`` (portals ingest it), the
summary in ``description``, the lead photo as ``enclosure`` and ``media:content``, the
reporters, the section and tags, and RFC 822 dates in +0900. Feeds: the whole paper
(``/rss/``), a section (``/rss/<slug>/``), a reporter (``/rss/reporter/<pk>/``) and a tag
(``/rss/tag/<slug>/``).
"""

import copy

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import format_html
from taggit.models import Tag

from articles.models import Article, Reporter, Section
from articles.templatetags.images import rendition
from newsroom import pagecache
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


class FullContentRssFeed(XmlSafeRssFeed):
    """RSS 2.0 with ``content:encoded`` and Media RSS."""

    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:content": "http://purl.org/rss/1.0/modules/content/",
            "xmlns:media": "http://search.yahoo.com/mrss/",
            "xmlns:dc": "http://purl.org/dc/elements/1.1/",
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content_encoded"):
            handler.addQuickElement("content:encoded", item["content_encoded"])
        if item.get("creator"):
            handler.addQuickElement("dc:creator", item["creator"])
        image = item.get("media")
        if image:
            attrs = {"url": image["url"], "medium": "image", "type": "image/jpeg"}
            if image.get("width"):
                attrs.update(width=str(image["width"]), height=str(image["height"]))
            handler.startElement("media:content", attrs)
            if image.get("alt"):
                handler.addQuickElement("media:description", image["alt"])
            handler.endElement("media:content")


class LatestArticlesFeed(Feed):
    feed_type = FullContentRssFeed
    language = "ko"

    def get_feed(self, obj, request):
        # The URLconf's one instance serves every thread: the request goes on a copy.
        feed = copy.copy(self)
        feed._request = request
        return Feed.get_feed(feed, obj, request)

    def get_object(self, request, slug=None):
        return get_object_or_404(Section, slug=slug) if slug else None

    def title(self, section):
        site = SiteSettings.current()
        return f"{site.title} - {section.name}" if section else site.title

    def link(self, section):
        return section.get_absolute_url() if section else "/"

    def description(self, section):
        return SiteSettings.current().tagline

    def stories(self, obj):
        return Article.objects.published()

    def items(self, obj):
        return (
            self.stories(obj)
            .with_bylines()
            .prefetch_related("tags", "corrections")
            .order_by("-published_at", "-pk")[:FEED_SIZE]
        )

    def item_title(self, article):
        # Portals show the title alone: a paid story carries its label in it.
        return (
            f"[{article.paid_label}] {article.headline}" if article.paid_label else article.headline
        )

    def _correction_notes(self, article) -> list[str]:
        return [
            f"[{c.get_kind_display()} {c.date:%Y.%m.%d}] {c.text}"
            for c in article.corrections.all()
        ]

    def item_description(self, article):
        # Portals show the description: a 정정·반론 보도 must travel with the story.
        notes = self._correction_notes(article)
        return "\n\n".join([article.teaser, *notes]) if notes else article.teaser

    def item_pubdate(self, article):
        # RFC 822 in Korean time (+0900), as portals expect.
        return timezone.localtime(article.published_at)

    def item_updateddate(self, article):
        return timezone.localtime(article.content_updated_at)

    def item_author_name(self, article):
        return ", ".join(str(reporter) for reporter in article.byline_reporters()) or None

    def item_author_email(self, article):
        emails = [reporter.email for reporter in article.byline_reporters() if reporter.email]
        return emails[0] if emails else None

    def item_categories(self, article):
        names = [article.section.name] if article.section else []
        if article.paid_label:
            names.append(article.paid_label)
        return names + [tag.name for tag in article.tags.all()]

    def _lead_image(self, article):
        if not article.lead_image_id:
            return None
        card = rendition({"request": self._request}, article.lead_image, "social")
        if not card:
            return None
        return {**card, "alt": article.lead_image.alt_text}

    def item_enclosure_url(self, article):
        image = self._lead_image(article)
        return image["url"] if image else None

    def item_enclosure_length(self, article):
        # RSS asks for a length; 0 is the accepted "not known" for a picture served elsewhere.
        return 0

    def item_enclosure_mime_type(self, article):
        return "image/jpeg"

    def item_extra_kwargs(self, article):
        return {
            "content_encoded": article.body
            + "".join(
                format_html("<p><strong>{}</strong></p>", note)
                for note in self._correction_notes(article)
            ),
            "creator": self.item_author_name(article) or "",
            "media": self._lead_image(article),
        }


class SectionFeed(LatestArticlesFeed):
    def stories(self, section):
        articles = Article.objects.published()
        # The whole paper's feed changes with any visible story, as the home page does.
        pagecache.depends_on(f"section-{section.pk}" if section else "home")
        return articles.in_section(section) if section else articles


class ReporterFeed(LatestArticlesFeed):
    def get_object(self, request, pk):
        return get_object_or_404(Reporter, pk=pk)

    def title(self, reporter):
        return f"{SiteSettings.current().title} - {reporter}"

    def link(self, reporter):
        return reporter.get_absolute_url()

    def stories(self, reporter):
        pagecache.depends_on(f"reporter-{reporter.pk}")
        return Article.objects.published().filter(bylines__reporter=reporter)


class TagFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        tag = get_object_or_404(Tag, slug=slug)
        if not Article.objects.published().filter(tags=tag).exists():
            # A tag only unpublished stories carry would name an embargoed topic.
            raise Http404("태그가 붙은 기사가 없습니다.")
        return tag

    def title(self, tag):
        return f"{SiteSettings.current().title} - {tag.name}"

    def link(self, tag):
        from django.urls import reverse

        return reverse("articles:tag", kwargs={"slug": tag.slug})

    def stories(self, tag):
        pagecache.depends_on(f"tag-{tag.pk}")
        return Article.objects.published().filter(tags=tag)


# The feeds as public pages of the one cache layer (newsroom/pagecache.py): stored, and
# ended by the keys they depend on (the list's, and ``article-N`` of every item linked),
# so an edit shows in the next request and is purged from Varnish.
section_feed = pagecache.public_page(SectionFeed(), params=())
reporter_feed = pagecache.public_page(ReporterFeed(), params=())
tag_feed = pagecache.public_page(TagFeed(), params=())
