import re

import nh3

from articles.search.analyzer import normalize

# Where a body's HTML separates words without a space (…했다.</p><p>시흥시는 …).
_BLOCK_END = re.compile(r"<(?:/(?:p|h[1-6]|li|div|blockquote|figcaption|td|th)|br)\b[^>]*>", re.I)
_SPACE = re.compile(r"\s+")


def html_text(html: str) -> str:
    """A body's plain text, words kept apart at block ends, control characters gone."""
    import html as html_module

    text = nh3.clean(_BLOCK_END.sub(" ", html or ""), tags=set())
    return _SPACE.sub(" ", normalize(html_module.unescape(text))).strip()
