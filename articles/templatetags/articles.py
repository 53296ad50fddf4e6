import json
from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.safestring import mark_safe

from articles.body import render_body
from newsroom import seo

register = template.Library()


@register.simple_tag
def article_body(article):
    """The article's body as readers see it: images expanded, dateline in front."""
    return render_body(article.body, article.dateline)


@register.simple_tag(takes_context=True)
def article_url(context, article) -> str:
    """The article's absolute address, as shared and as portals index it."""
    return context["request"].build_absolute_uri(article.get_absolute_url())


@register.simple_tag(takes_context=True)
def share_links(context, article) -> list[dict]:
    """Share targets readers of a Korean paper expect, as plain links (no SDKs, no trackers).

    카카오톡 only with a ``KAKAO_JS_KEY``: Kakao's SDK is not served from a CDN we may
    load (the CSP allows our own scripts only) nor vendorable, so the button is the link
    its share dialog opens (the "scrap" share: KakaoTalk shows the page's OpenGraph card),
    no script at all; it loads nothing until a reader clicks it."""
    url = article_url(context, article)
    title = article.headline
    kakao = []
    if settings.KAKAO_JS_KEY:
        kakao.append({"name": "카카오톡", "href": kakao_share_url(url), "kind": "kakao"})
    return kakao + [
        {
            "name": "페이스북",
            "href": "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
        },
        {
            "name": "X",
            "href": "https://twitter.com/intent/tweet?" + urlencode({"url": url, "text": title}),
        },
        {
            "name": "네이버 블로그",
            "href": "https://share.naver.com/web/shareView?"
            + urlencode({"url": url, "title": title}),
        },
    ]


KAKAO_SHARER = "https://sharer.kakao.com/talk/friends/picker/link"


def kakao_share_url(url: str) -> str:
    """Kakao's share dialog for ``url`` (the JavaScript key identifies the site)."""
    params = json.dumps({"link_ver": "4.0", "request_url": url}, separators=(",", ":"))
    return (
        KAKAO_SHARER
        + "?"
        + urlencode(
            {
                "app_key": settings.KAKAO_JS_KEY,
                "validation_action": "scrap",
                "validation_params": params,
            }
        )
    )


def _date_modified(article) -> str | None:
    """Never before datePublished: a story edited while a draft and published later was
    last modified, for readers, when it was published."""
    moments = [m for m in (article.published_at, article.content_updated_at) if m]
    return _kst(max(moments)) if moments else None


def _kst(moment) -> str:
    # Portals and readers read Korean time; the offset says so (+09:00).
    return timezone.localtime(moment).isoformat()


@register.simple_tag(takes_context=True)
def article_jsonld(context, article, image=None):
    """schema.org NewsArticle and its BreadcrumbList (홈 › section [› sub-section] › story)
    for search engines and portals, as safe <script> elements (newsroom/seo.py)."""
    site = context.get("site")
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.headline[:110],
        "mainEntityOfPage": article_url(context, article),
        "datePublished": _kst(article.published_at) if article.published_at else None,
        "dateModified": _date_modified(article),
        "author": [
            {"@type": "Person", "name": reporter.name} for reporter in article.byline_reporters()
        ],
        "publisher": {"@type": "Organization", "name": site.name if site else ""},
        "articleSection": article.section.name if article.section else None,
        "description": article.teaser[:200],
    }
    if image:
        data["image"] = [image["url"]]
    breadcrumbs = seo.breadcrumb_list(context["request"], seo.article_crumbs(site, article))
    return seo.jsonld_script(data) + mark_safe("\n  ") + seo.jsonld_script(breadcrumbs)


@register.inclusion_tag("articles/_media_box.html")
def media_box():
    """The 미디어 box beside every story: one cached query (articles/media.py)."""
    from articles.media import media_box as stories

    return {"articles": stories()}
