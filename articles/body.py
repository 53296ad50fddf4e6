"""Turn a stored article body into what readers get.

Bodies store library images as references (``<img data-image-id="12">`` or a
``<figure data-image-id="12">``); here they are expanded into real markup, all
referenced images fetched in one query.
"""

from __future__ import annotations

import re

from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from articles.models import Image
from articles.sanitize import empty_iframes

# nh3 keeps attributes in the order they were written, so alt may come before the
# reference (the HTML view, an import); it escapes "<" and ">" inside values, so [^>]
# stays within one tag.
_FIGURE_REF = re.compile(r'<figure\b[^>]*?\sdata-image-id="(\d+)"[^>]*>.*?</figure>', re.S)
_IMG_REF = re.compile(r'<img\b[^>]*?\sdata-image-id="(\d+)"[^>]*>')
_FIRST_PARAGRAPH = re.compile(r"^\s*<p>")


def referenced_image_ids(html: str) -> list[int]:
    ids = {int(pk) for pk in _FIGURE_REF.findall(html)} | {int(pk) for pk in _IMG_REF.findall(html)}
    return sorted(ids)


def render_body(html: str, dateline: str = "") -> SafeString:
    """Expand image references (one query for all) and put the dateline before the text."""
    # Bodies stored before clean_html emptied iframes may still carry text in one, which
    # the figure expansion below could otherwise cut loose.
    html = empty_iframes(html)
    ids = referenced_image_ids(html)
    images = Image.objects.in_bulk(ids) if ids else {}

    def figure(match: re.Match) -> str:
        image = images.get(int(match.group(1)))
        if image is None:  # deleted from the library since: drop the hole, keep the story
            return ""
        return render_to_string("articles/_body_image.html", {"image": image})

    html = _FIGURE_REF.sub(figure, html)
    html = _IMG_REF.sub(figure, html)
    if dateline:
        label = f'<span class="dateline">[{escape(dateline.strip("[]"))}]</span> '
        if _FIRST_PARAGRAPH.match(html):
            html = _FIRST_PARAGRAPH.sub(lambda m: "<p>" + label, html, count=1)
        else:
            html = f"<p>{label}</p>{html}"
    # The body was sanitized when stored (articles.fields.SanitizedHTMLField).
    return mark_safe(html)  # noqa: S308
