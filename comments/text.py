"""A comment's text: what is stored (cleaned), and what it is matched as (banned words,
links). Pure functions, no Django."""

from __future__ import annotations

import re
import unicodedata

# Hangul fillers render as nothing but are letters to Unicode: a word split by one still
# looks whole to a reader.
_FILLERS = {"\u115f", "\u1160", "\u3164", "\uffa0"}
_COMPAT_JAMO = re.compile(r"([\u3131-\u318e]+)")
# Tense initial consonants read as their plain ones in a dodge (씨발 → 시발).
_PLAIN_INITIAL = {"\u1101": "\u1100", "\u1104": "\u1103", "\u1108": "\u1107", "\u110a": "\u1109", "\u110d": "\u110c"}  # fmt: skip
_LINK = re.compile(r"(?:https?://|www\.)", re.IGNORECASE)
_LEADING = range(0x1100, 0x1113)


def _invisible(char: str) -> bool:
    # Cf: zero-width space/joiners, BOM, soft hyphen, bidi controls; Cc: control bytes.
    if char in "\n":
        return False
    return char in _FILLERS or unicodedata.category(char) in ("Cf", "Cc", "Co", "Cs")


def clean(text: str) -> str:
    """The text to store: invisible characters gone, NFKC (full-width letters, ligatures and
    the like folded), line ends unified, runs of blank lines shortened. Hangul compatibility
    jamo (ㅋㅋ) are kept as typed: NFKC would make them conjoining jamo, which fonts draw
    badly on their own."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = "".join(c for c in text if not _invisible(c))
    parts = _COMPAT_JAMO.split(text)
    text = "".join(p if i % 2 else unicodedata.normalize("NFKC", p) for i, p in enumerate(parts))
    text = "".join(c for c in text if not _invisible(c))  # NFKC can expose some
    text = re.sub(r"[ \u00a0\u3000]+\n", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def _letters(text: str) -> str:
    """Letters only, Hangul as conjoining jamo with plain initials: spaces, punctuation,
    digits and invisible characters dropped, so 시 1-발 and 씨발 both read 시발."""
    text = unicodedata.normalize("NFKC", "".join(c for c in text if not _invisible(c)))
    text = unicodedata.normalize("NFD", text).casefold()
    return "".join(_PLAIN_INITIAL.get(c, c) for c in text if c.isalpha())


def _initials(letters: str) -> str:
    return "".join(c for c in letters if ord(c) in _LEADING)


def banned_word_in(text: str, words: list[str]) -> str:
    """The first banned word ``text`` contains, however it is spelt out; or ''.

    A word is found as its letters (시발 in 시1발, 시 발, 씨-발) and, for Korean words of
    two syllables or more, as its initial consonants written alone (ㅅㅂ): those stand side
    by side only where someone typed bare consonants, never inside ordinary syllables.
    """
    letters = _letters(text)
    for word in words:
        target = _letters(word)
        if not target:
            continue
        if target in letters:
            return word
        initials = _initials(target)
        if len(initials) >= 2 and initials != target and initials in letters:
            return word
    return ""


def has_link(text: str) -> bool:
    return bool(_LINK.search(text))
