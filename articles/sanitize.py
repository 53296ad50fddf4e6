"""The one place rich text is made safe, whatever path stores it.

``clean_html`` keeps the markup a reporter can make in the editor (headings, emphasis,
links, lists, quotes, library images referenced by id, video embeds from an allowlist)
and drops everything else: scripts, event handlers, ``javascript:`` links, foreign
iframes, inline styles.
"""

from __future__ import annotations

import re

import nh3

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "a", "ul", "ol", "li", "blockquote", "figure", "figcaption", "img", "iframe",
    "table", "thead", "tbody", "tr", "th", "td", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    # Library images are stored as a reference; the file URL is resolved at render time
    # so renditions can change later.
    "img": {"data-image-id", "alt"},
    "figure": {"data-image-id", "data-video"},
    "iframe": {"src", "title", "allowfullscreen"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

# Embeds readers may see: YouTube, Naver TV and Kakao TV players, and nothing else.
VIDEO_EMBED_PATTERNS = (
    re.compile(
        r"^https://www\.youtube(?:-nocookie)?\.com/embed/[A-Za-z0-9_-]{6,20}(?:\?[\w=&;-]*)?$"
    ),
    re.compile(r"^https://tv\.naver\.com/embed/\d{1,12}(?:\?[\w=&;-]*)?$"),
    re.compile(
        r"^https://play-tv\.kakao\.com/embed/player/cliplink/[A-Za-z0-9@_-]{1,40}(?:\?[\w=&;-]*)?$"
    ),
)
_IFRAME_WITHOUT_SRC = re.compile(r"<iframe(?![^>]*\ssrc=)[^>]*>.*?</iframe>", re.S)
# An <img> keeps no src (see ALLOWED_ATTRIBUTES); one without a library reference, e.g.
# pasted from another site, would render as an empty box. Runs on nh3's output, where
# ">" inside attribute values is escaped.
_IMG_WITHOUT_REFERENCE = re.compile(r"<img(?![^>]*\sdata-image-id=)[^>]*>")
# An iframe's content is raw text to parsers, so nh3 keeps it verbatim ("<script>" and
# all); a player needs none, and a later cut (articles/body.py) must find none.
_IFRAME_CONTENT = re.compile(r"(<iframe\b[^>]*>).*?</iframe>", re.S)


def is_allowed_video_url(url: str) -> bool:
    return any(pattern.match(url) for pattern in VIDEO_EMBED_PATTERNS)


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    if tag == "iframe" and attribute == "src":
        return value if is_allowed_video_url(value) else None
    if attribute == "data-image-id":
        return value if value.isdigit() else None
    return value


def clean_html(html: str) -> str:
    """Return ``html`` with everything outside the editor's vocabulary removed."""
    if not html:
        return ""
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        attribute_filter=_filter_attribute,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    cleaned = empty_iframes(cleaned)
    cleaned = _IMG_WITHOUT_REFERENCE.sub("", cleaned)
    # An iframe whose source failed the allowlist is dropped whole, not left empty.
    return _IFRAME_WITHOUT_SRC.sub("", cleaned).strip()


def empty_iframes(html: str) -> str:
    """``html`` with every iframe's content dropped (the tag and its attributes stay)."""
    return _IFRAME_CONTENT.sub(r"\1</iframe>", html)


# Elements that end a run of words; a space before each keeps the words apart.
_BLOCK_TAG = re.compile(
    r"<(?:/?(?:p|h[1-6]|li|ul|ol|blockquote|div|tr|td|th|dd|dt)\b|br\b)", re.IGNORECASE
)
_NOT_TEXT = {"figure", "script", "style", "iframe"}


def text_excerpt(html: str, length: int = 160) -> str:
    """Plain text of ``html``, cut at about ``length`` characters on a word boundary.

    Paragraphs, headings and list items stay separate words (``…본문이다. 다음 문단``,
    never ``…본문이다.다음 문단``); photos, their captions and embeds are not the story's
    text and are left out.
    """
    spaced = _BLOCK_TAG.sub(r" \g<0>", html or "")
    text = nh3.clean(spaced, tags=set(), clean_content_tags=_NOT_TEXT).replace("&nbsp;", " ")
    text = re.sub(r"\s+", " ", _unescape(text)).strip()
    if len(text) <= length:
        return text
    cut = text[:length].rsplit(" ", 1)[0]
    return cut + "…"


def _unescape(text: str) -> str:
    import html as html_module

    return html_module.unescape(text)
