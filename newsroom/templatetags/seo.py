"""Canonical link, OpenGraph tags and JSON-LD (CollectionPage, BreadcrumbList) of the list
pages: home, section, tag and reporter. ``{% list_page_meta "section" section %}`` in the
page's ``meta`` block; the structured data itself is built in newsroom/seo.py."""

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from newsroom import seo

register = template.Library()


def _describe(kind, obj, site):
    """(name, path, description, crumbs after home) of a list page."""
    if kind == "home":
        return site.title, "/", site.tagline, []
    if kind == "section":
        crumbs = [(s.name, s.get_absolute_url()) for s in seo.section_trail(obj)]
        description = obj.description or f"{site.title} {obj.name} 기사"
        return obj.name, obj.get_absolute_url(), description, crumbs
    if kind == "tag":
        from django.urls import reverse

        path = reverse("articles:tag", kwargs={"slug": obj.slug})
        name = f"#{obj.name}"
        return name, path, f"{site.title} '{obj.name}' 태그 기사", [(name, path)]
    if kind in ("media", "tags"):
        from django.urls import reverse

        name, url_name, description = {
            "media": ("포토·영상", "articles:media", f"{site.title} 사진·영상 기사"),
            "tags": ("태그 모음", "articles:tag_index", f"{site.title} 기사 태그 전체"),
        }[kind]
        path = reverse(url_name)
        return name, path, description, [(name, path)]
    if kind == "reporter":
        name = f"{obj.name} {obj.title}".strip()
        path = obj.get_absolute_url()
        return name, path, obj.bio or f"{site.title} {name}의 기사", [(name, path)]
    raise template.TemplateSyntaxError(f"list_page_meta: unknown kind {kind!r}")


@register.simple_tag(takes_context=True)
def list_page_meta(context, kind, obj=None):
    request, site = context["request"], context["site"]
    name, path, description, crumbs = _describe(kind, obj, site)
    page = context.get("page")
    number = getattr(page, "number", 1)
    canonical_path = f"{path}?page={number}" if isinstance(number, int) and number > 1 else path
    canonical = request.build_absolute_uri(canonical_path)
    title = name if kind == "home" else f"{name} - {site.title}"
    og = [
        ("og:type", "website"),
        ("og:title", title),
        ("og:description", description[:150]),
        ("og:url", canonical),
        ("og:site_name", site.title),
        ("og:locale", "ko_KR"),
    ]
    tags = format_html('<link rel="canonical" href="{}">\n', canonical)
    tags += format_html_join(
        "\n", '  <meta property="{}" content="{}">', ((p, c) for p, c in og if c)
    )
    data = seo.collection_page(request, site, name=name, path=path, description=description)
    breadcrumbs = seo.breadcrumb_list(request, [seo.home_crumb(site), *crumbs])
    return mark_safe(  # noqa: S308 - every part is escaped above
        f"{tags}\n  {seo.jsonld_script(data)}\n  {seo.jsonld_script(breadcrumbs)}"
    )


@register.inclusion_tag("newsroom/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, kind, obj=None, parent_name="", parent_path=""):
    """The visible trail of a page, from the same crumbs as its BreadcrumbList JSON-LD:
    ``{% breadcrumbs "section" section %}``, ``{% breadcrumbs "article" article %}``, or a
    plain page: ``{% breadcrumbs "page" "검색" %}`` (with an optional parent name and path).
    The last crumb is the page itself (not a link)."""
    site = context["site"]
    if kind == "article":
        # The headline follows right below: the trail stops at the story's section.
        return {"home": seo.home_crumb(site), "trail": seo.article_crumbs(site, obj)[1:-1],
                "all_links": True}  # fmt: skip
    if kind == "page":
        trail = [(parent_name, parent_path)] if parent_name else []
        trail.append((obj, ""))
    else:
        trail = _describe(kind, obj, site)[3]
    return {"home": seo.home_crumb(site), "trail": trail, "all_links": False}
