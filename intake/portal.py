"""The portal export (네이버·다음 뉴스 검색제휴) and its delivery log.

The export is the readers' RSS (articles/feeds.py) with what the portals ask for: 링크,
제목, 기자명 (``dc:creator``), 작성시간 (``pubDate``), 수정시간 (``dcterms:modified``), 카테고리,
the full text only when ``PORTAL_EXPORT_FULL_TEXT`` says the contract allows it, and
``portal:status`` ``published`` or ``deleted``. A story a portal has already fetched
(it has a ``PortalDelivery`` row) and that is no longer visible (unpublished, trashed)
stays in the export as ``deleted`` for ``PORTAL_EXPORT_DELETED_DAYS`` after it left.

Cost: the built export is stored by the cache layer (``remember``, ended by any visible
story's change); a portal's fetch writes one upsert, at most once per
``PORTAL_FETCH_LOG_SECONDS`` per portal.
"""

from __future__ import annotations

import logging
import re
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.feedgenerator import rfc3339_date

from articles.feeds import FullContentRssFeed, LatestArticlesFeed
from articles.models import Article
from intake.models import PortalDelivery
from newsroom import pagecache

logger = logging.getLogger("intake.portal")

NAMESPACE = "https://schemas.siheung-newsroom.kr/portal"
# Daum's crawler says "Daum/4.1" or "Daumoa"; the Daum app's browser (readers) "DaumApps/".
_PORTALS = (
    (PortalDelivery.Portal.NAVER, re.compile(r"yeti", re.I)),
    (PortalDelivery.Portal.DAUM, re.compile(r"daumoa|daum/\d", re.I)),
)


def portal_of(user_agent: str) -> str | None:
    for portal, pattern in _PORTALS:
        if pattern.search(user_agent or ""):
            return portal
    return None


def deleted_stories():
    """Delivered stories no longer visible, for as long as they stay marked deleted.

    Read through the indexes, not the archive: trashed ones by ``deleted_at``, the others
    among the stories not (or not yet) live, by status; bounded by those, never by the
    number of published stories."""
    now = timezone.now()
    since = now - timedelta(days=settings.PORTAL_EXPORT_DELETED_DAYS)
    hidden = Q(status__in=[Article.Status.UNPUBLISHED, Article.Status.DRAFT, Article.Status.REVIEW]) | Q(status=Article.Status.PUBLISHED, published_at__gt=now)  # fmt: skip
    return (
        Article.objects.filter(
            Q(deleted_at__gte=since) | (Q(deleted_at__isnull=True, updated_at__gte=since) & hidden)
        )  # fmt: skip
        .filter(Exists(PortalDelivery.objects.filter(article=OuterRef("pk"))))
        .annotate(left_at=Coalesce("deleted_at", "updated_at"))
    )


class PortalRssFeed(FullContentRssFeed):
    def rss_attributes(self):
        return {
            **super().rss_attributes(),
            "xmlns:dcterms": "http://purl.org/dc/terms/",
            "xmlns:portal": NAMESPACE,
        }

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("updateddate"):
            handler.addQuickElement("dcterms:modified", rfc3339_date(item["updateddate"]))
        handler.addQuickElement("portal:status", item["portal_status"])


class PortalExportFeed(LatestArticlesFeed):
    feed_type = PortalRssFeed

    def get_object(self, request):
        return None

    def description(self, obj):
        return "포털 뉴스 검색제휴 전송"

    def items(self, obj):
        live = list(
            Article.objects.published()
            .with_bylines()
            .prefetch_related("tags", "corrections")
            .order_by("-published_at", "-pk")[: settings.PORTAL_EXPORT_SIZE]
        )
        gone = list(deleted_stories().with_bylines().order_by("-left_at", "-pk"))
        for article in gone:
            article.portal_deleted = True
        # export() hands these to the fetch log (the feed object is a per-request copy).
        self._request.portal_listed = ([a.pk for a in live], [a.pk for a in gone])
        return live + gone

    def item_description(self, article):
        if getattr(article, "portal_deleted", False):
            return "삭제된 기사입니다."
        return super().item_description(article)

    def item_categories(self, article):
        if getattr(article, "portal_deleted", False):
            return [article.section.name] if article.section else []
        return super().item_categories(article)

    def item_enclosure_url(self, article):
        if getattr(article, "portal_deleted", False):
            return None
        return super().item_enclosure_url(article)

    def item_guid(self, article):
        return f"article-{article.pk}"

    def item_guid_is_permalink(self, article):
        return False

    def item_extra_kwargs(self, article):
        if getattr(article, "portal_deleted", False):
            return {"creator": self.item_author_name(article) or "", "portal_status": "deleted"}
        extra = super().item_extra_kwargs(article)
        if not settings.PORTAL_EXPORT_FULL_TEXT:
            extra.pop("content_encoded", None)
        return {**extra, "portal_status": "published"}


_feed = PortalExportFeed()


def export(request) -> dict:
    """The export's bytes and the stories in it, built once until a story changes."""

    def build():
        response = _feed(request)
        live, gone = getattr(request, "portal_listed", ([], []))
        return {
            "xml": response.content,
            "live": live,
            "deleted": gone,
            "keys": ["home", pagecache.SITE, *(f"article-{pk}" for pk in live + gone)],
        }

    return pagecache.remember(
        f"portal-export:{request.get_host()}",
        build,
        keys=lambda value: value["keys"],
        until_next_change=True,  # fmt: skip
    )


UPSERT = """
INSERT INTO intake_portaldelivery
    (article_id, portal, first_fetched_at, last_fetched_at, delivered_change_at,
     deleted_delivered_at, fetch_count)
SELECT a.id, %(portal)s, %(now)s, %(now)s, a.content_updated_at,
       CASE WHEN a.id = ANY(%(deleted)s) THEN %(now)s END, 1
FROM articles_article a
WHERE a.id = ANY(%(live)s)
   OR (a.id = ANY(%(deleted)s) AND EXISTS (
       SELECT 1 FROM intake_portaldelivery d WHERE d.article_id = a.id AND d.portal = %(portal)s))
ON CONFLICT (article_id, portal) DO UPDATE SET
    last_fetched_at = EXCLUDED.last_fetched_at,
    delivered_change_at = EXCLUDED.delivered_change_at,
    deleted_delivered_at = CASE WHEN EXCLUDED.deleted_delivered_at IS NULL THEN NULL
        ELSE COALESCE(intake_portaldelivery.deleted_delivered_at, EXCLUDED.deleted_delivered_at) END,
    fetch_count = intake_portaldelivery.fetch_count + 1
"""


def log_fetch(request, exported: dict) -> str | None:
    """Record a portal's fetch of ``exported``: one upsert over its stories, skipped when
    the same portal was logged less than ``PORTAL_FETCH_LOG_SECONDS`` ago."""
    portal = portal_of(request.META.get("HTTP_USER_AGENT", ""))
    if portal is None:
        return None
    try:
        first_in_window = cache.add(f"portal-fetch:{portal}", 1, settings.PORTAL_FETCH_LOG_SECONDS)
    except Exception:
        first_in_window = True  # no cache: log every fetch rather than none
    if not first_in_window or not (exported["live"] or exported["deleted"]):
        return portal
    try:
        with connection.cursor() as cursor:
            cursor.execute(
                UPSERT,
                {
                    "portal": portal,
                    "now": timezone.now(),
                    "live": list(exported["live"]),
                    "deleted": list(exported["deleted"]),
                },
            )
    except Exception:
        # The log is the desk's, the export the portal's: a failed write never fails it.
        logger.exception("portal fetch log for %s failed", portal)
    return portal
