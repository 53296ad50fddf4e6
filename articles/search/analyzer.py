"""Korean analysis for the search index and for queries, with Kiwi (kiwipiepy).

Both sides go through ``units()``: a text becomes a list of *units*, one per indexed
word, each a set of terms at one position. A run of nouns written together
(``시흥시의회``, ``2025년``, ``K-팝``) is one unit whose terms are the run and all its
contiguous parts (``시흥``, ``시흥시``, ``의회``, ``시의회`` …), so the index finds a
compound by its parts and by itself however Kiwi happened to split it in that sentence;
verb and adjective stems are units of their own. A query word is matched by the whole
run only (``QueryWord.term``): the index holds every part, the query asks for exactly
what was typed, less its particles.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

# Nouns, numbers, Latin and Hanja: what a run of nouns is made of.
_RUN_TAGS = {"NNG", "NNP", "NR", "NNB", "SN", "SL", "SH", "XR", "XPN", "MM"}
# Members that only count inside a run (``2025년``'s 년, ``신도시``'s 신), never alone; a
# determiner written onto a noun is part of it (Kiwi reads ``본회의는`` as 본 + 회의).
_BOUND_TAGS = {"NNB", "XPN", "MM"}
_STEM_TAGS = {"VV", "VA"}
# Stems in nearly every sentence: indexing them makes every query slower and no better.
_STOP_STEMS = {"하", "되", "있", "없", "않", "같", "이", "아니", "그렇", "이렇"}
# Longest run whose parts are all spelled out; past it a run keeps its tokens and itself.
_MAX_RUN_PARTS = 6
# A single noun this long or longer that Kiwi did not split also gets its Hangul
# substrings (2 characters up), the fallback for words the model does not know.
_FALLBACK_MIN, _FALLBACK_MAX = 3, 10
_MAX_TERM_LENGTH = 60

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_HANGUL = re.compile(r"^[\uac00-\ud7a3]+$")

_kiwi = None
_kiwi_lock = threading.Lock()


def kiwi():
    """The process's one Kiwi, loaded on first use (about 2 s and 500 MB; never at import,
    so management commands and workers that never search do not pay for it)."""
    global _kiwi
    if _kiwi is None:
        with _kiwi_lock:
            if _kiwi is None:
                from kiwipiepy import Kiwi

                _kiwi = Kiwi()
    return _kiwi


def normalize(text: str) -> str:
    """NFKC (full-width ``ＡＢＣ`` is ``ABC``, compatibility jamo composed) without control
    characters, which neither Kiwi nor Postgres should see."""
    return _CONTROL.sub(" ", unicodedata.normalize("NFKC", text or ""))


@dataclass(frozen=True)
class Unit:
    terms: frozenset[str]
    # The whole run (or the stem): what a query word asks for.
    term: str
    start: int
    end: int


def units(text: str) -> list[Unit]:
    return units_many([text])[0]


def units_many(texts: Iterable[str]) -> list[list[Unit]]:
    """``units()`` of many texts at once: Kiwi tokenizes a list on all its worker threads
    (about twice as fast as one text at a time on two cores), so indexing a batch of
    stories analyses them together. The one analysis path: ``units()`` is this for one."""
    normalized = [normalize(text) for text in texts]
    found: list[list[Unit]] = [[] for _ in normalized]
    todo = [index for index, text in enumerate(normalized) if text.strip()]
    if len(todo) == 1:
        found[todo[0]] = _units_of_tokens(kiwi().tokenize(normalized[todo[0]]))
    elif todo:
        analysed = kiwi().tokenize([normalized[index] for index in todo])
        for index, tokens in zip(todo, analysed, strict=True):
            found[index] = _units_of_tokens(tokens)
    return found


def _units_of_tokens(tokens) -> list[Unit]:
    found: list[Unit] = []
    run: list = []

    def close_run():
        if run:
            unit = _run_unit(run)
            if unit is not None:
                found.append(unit)
            run.clear()

    for index, token in enumerate(tokens):
        tag = str(token.tag).split("-")[0]
        if tag in _RUN_TAGS:
            if run and run[-1].start + run[-1].len != token.start:
                close_run()
            run.append(token)
            continue
        if tag == "SO" and token.form == "-" and run and _joins(run[-1], token, tokens, index):
            run.append(token)
            continue
        close_run()
        if tag in _STEM_TAGS and token.form not in _STOP_STEMS:
            form = token.form
            found.append(Unit(frozenset([form]), form, token.start, token.start + token.len))
    close_run()
    return found


def _joins(previous, hyphen, tokens, index) -> bool:
    """``K-팝``, ``GTX-C``: a hyphen written between two run members, no spaces."""
    if previous.start + previous.len != hyphen.start or index + 1 >= len(tokens):
        return False
    following = tokens[index + 1]
    return (
        str(following.tag).split("-")[0] in _RUN_TAGS
        and following.start == hyphen.start + hyphen.len
    )


def _run_unit(run) -> Unit | None:
    while run and run[-1].form == "-":
        run.pop()
    if not run:
        return None
    parts = [(token.form.lower(), str(token.tag).split("-")[0]) for token in run]
    whole = "".join(form for form, _ in parts)[:_MAX_TERM_LENGTH]
    if len(parts) == 1 and parts[0][1] in _BOUND_TAGS:
        return None
    terms = {whole, whole.replace("-", "")}
    if len(parts) <= _MAX_RUN_PARTS:
        for first in range(len(parts)):
            for last in range(first, len(parts)):
                span = parts[first : last + 1]
                if span[0][0] == "-" or span[-1][0] == "-":
                    continue
                term = "".join(form for form, _ in span)
                if len(span) == 1 and (span[0][1] in _BOUND_TAGS or len(term) == 1):
                    continue
                terms.add(term[:_MAX_TERM_LENGTH])
    else:
        terms.update(form for form, tag in parts if tag not in _BOUND_TAGS and len(form) > 1)
    for form, tag in parts:
        fallback = tag in {"NNG", "NNP"} and _FALLBACK_MIN <= len(form) <= _FALLBACK_MAX
        if fallback and _HANGUL.match(form):
            terms.update(
                form[i : i + size]
                for size in range(2, len(form))
                for i in range(len(form) - size + 1)
            )
    start, end = run[0].start, run[-1].start + run[-1].len
    return Unit(frozenset(terms), whole, start, end)


# --- queries -------------------------------------------------------------------------

_QUERY_PART = re.compile(r'(-?)"([^"]*)"?|(-?)(\S+)')


@dataclass
class QueryPart:
    """One thing the reader asked for: a word, or a phrase; ``exclude`` for ``-단어``."""

    terms: list[str]
    exclude: bool = False
    phrase: bool = False


@dataclass
class ParsedQuery:
    parts: list[QueryPart]

    @property
    def required(self) -> list[QueryPart]:
        return [part for part in self.parts if not part.exclude]

    @property
    def highlight_terms(self) -> list[str]:
        """The surface forms to mark in a snippet, longest first."""
        terms = {term for part in self.required for term in part.terms}
        return sorted(terms, key=len, reverse=True)

    def __bool__(self) -> bool:
        return bool(self.required)


def parse_query(text: str) -> ParsedQuery:
    """A reader's query: words (all must match), ``"구절"`` (a phrase), ``-단어`` (must not).

    Everything else is ordinary text for the analyzer, so tsquery syntax such as ``&``,
    ``|``, ``!``, ``:*`` or ``<->`` means nothing here: terms are quoted when the tsquery is
    written (articles/search/postgres.py).
    """
    text = normalize(text)
    parts: list[QueryPart] = []
    seen: set[tuple] = set()
    for match in _QUERY_PART.finditer(text):
        if match.group(2) is not None:
            exclude, chunk, phrase = bool(match.group(1)), match.group(2), True
        else:
            exclude, chunk, phrase = bool(match.group(3)), match.group(4), False
            if chunk == "-":
                continue
        terms = [unit.term for unit in units(chunk)]
        if not terms:
            continue
        if phrase and len(terms) > 1:
            found = [QueryPart(terms, exclude=exclude, phrase=True)]
        else:
            # "-시흥시의회는" excludes every word it holds; a phrase excludes the phrase.
            found = [QueryPart([term], exclude=exclude) for term in terms]
        for part in found:
            key = (tuple(part.terms), part.exclude, part.phrase)
            if key not in seen:
                seen.add(key)
                parts.append(part)
    return ParsedQuery(parts)


def respaced(text: str) -> str:
    """The query with Kiwi's spacing correction (``시흥시의회본회의`` → ``시흥시의회 본회의``)."""
    return kiwi().space(normalize(text)).strip()
