"""Structured data and share cards for public pages, built in one place.

``jsonld_script(data)`` is the one way a page writes schema.org JSON-LD: it drops empty
values and escapes ``<``, ``>`` and ``&`` (as ``json_script`` does), so a headline such as
``</script><script>…`` can never close the element. The builders below give the
``BreadcrumbList`` of an article or a section and the ``CollectionPage`` of a list page
(home, section, tag, reporter); the template tags in newsroom/templatetags/seo.py put them
into pages together with the canonical link and the OpenGraph tags.
"""

from __future__ import annotations

import json

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

# What json_script escapes, so text cannot close the <script> element.
JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}
# A section's parents walked at most this far (Section.clean refuses loops anyway).
_MAX_DEPTH = 8


def _pruned(value):
    if isinstance(value, dict):
        return {k: _pruned(v) for k, v in value.items() if v not in (None, "", [], {})}
    if isinstance(value, list):
        return [_pruned(v) for v in value]
    return value


def jsonld_script(data: dict) -> SafeString:
    payload = json.dumps(_pruned(data), ensure_ascii=False).translate(JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')  # noqa: S308


def section_trail(section) -> list:
    """The section's ancestors then itself, top first (home not included)."""
    trail, seen = [], set()
    while section is not None and section.pk not in seen and len(trail) < _MAX_DEPTH:
        trail.append(section)
        seen.add(section.pk)
        section = section.parent if section.parent_id else None
    return trail[::-1]


def breadcrumb_list(request, crumbs: list[tuple[str, str]]) -> dict:
    """schema.org BreadcrumbList of (name, path) pairs, home first."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": request.build_absolute_uri(path),
            }
            for position, (name, path) in enumerate(crumbs, start=1)
        ],
    }


def home_crumb(site) -> tuple[str, str]:
    return ("홈", reverse("home"))


def article_crumbs(site, article) -> list[tuple[str, str]]:
    crumbs = [home_crumb(site)]
    if article.section_id:
        crumbs += [(s.name, s.get_absolute_url()) for s in section_trail(article.section)]
    crumbs.append((article.headline[:110], article.get_absolute_url()))
    return crumbs


def collection_page(request, site, *, name, path, description="") -> dict:
    return {
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "name": name,
        "url": request.build_absolute_uri(path),
        "description": description,
        "inLanguage": "ko",
        "isPartOf": {
            "@type": "WebSite",
            "name": getattr(site, "title", "") or getattr(site, "name", ""),
            "url": request.build_absolute_uri(reverse("home")),
        },
    }
