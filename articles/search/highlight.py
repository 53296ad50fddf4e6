"""Snippets with the matched words marked, over the story's own text.

``ts_headline`` does not know Kiwi's terms, so the snippet is made here: the window of
text around the first match, escaped, with every occurrence of the query's terms in it
wrapped in ``<mark>``.
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

SNIPPET_LENGTH = 160


def _pattern(terms: list[str]) -> re.Pattern | None:
    terms = sorted({term for term in terms if term}, key=len, reverse=True)
    return re.compile("|".join(re.escape(term) for term in terms), re.I) if terms else None


def _marked(text: str, pattern: re.Pattern | None) -> str:
    pieces, cursor = [], 0
    for match in pattern.finditer(text) if pattern else ():
        pieces.append(escape(text[cursor : match.start()]))
        pieces.append(f"<mark>{escape(match.group())}</mark>")
        cursor = match.end()
    pieces.append(escape(text[cursor:]))
    return "".join(pieces)


def mark(text: str, terms: list[str]) -> SafeString:
    """``text`` whole (a headline), escaped, with the terms marked."""
    return mark_safe(_marked(text or "", _pattern(terms)))


def snippet(text: str, terms: list[str], length: int = SNIPPET_LENGTH) -> SafeString:
    """About ``length`` characters of ``text`` from a little before the first match."""
    text = text or ""
    pattern = _pattern(terms)
    first = pattern.search(text) if pattern else None
    start = 0
    if first and first.start() > length // 3:
        start = first.start() - length // 3
        # Begin at a word, not in the middle of one.
        space = text.find(" ", start, first.start())
        start = space + 1 if space != -1 else start
    window = text[start : start + length]
    lead = "…" if start else ""
    tail = "…" if start + length < len(text) else ""
    return mark_safe(lead + _marked(window, pattern) + tail)
