import json
from urllib.parse import urlencode

from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe

from articles.body import render_body

register = template.Library()

# What json_script escapes, so a headline cannot close the <script> element.
_JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


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
    """Share targets readers of a Korean paper expect, as plain links (no SDKs, no trackers)."""
    url = article_url(context, article)
    title = article.headline
    return [
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
    """schema.org NewsArticle for search engines and portals, as a safe <script> element."""
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
    payload = json.dumps(
        {k: v for k, v in data.items() if v not in (None, "")}, ensure_ascii=False
    ).translate(_JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308
