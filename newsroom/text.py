"""The one rule for characters our text may hold: what XML 1.0 can carry.

Word and HWP paste invisible control characters (``\\x0b`` for a soft line break,
``\\x01`` field marks, U+FFFE/U+FFFF, half of a surrogate pair); one of them in a
headline made every RSS feed a 500, since XML 1.0 has no way to write them. They are
removed on every save of our apps' models (``clean_text_fields``, a ``pre_save``
receiver connected in ``newsroom.apps``), by the data migration
``newsroom.0005_strip_xml_illegal_characters`` from rows stored before, and once
more from what the feeds print (``articles.feeds``), for a row written around
``save()`` (``QuerySet.update``, ``bulk_create``, raw SQL).

Tab, newline and carriage return are legal XML. Multi-line fields (``TextField``)
keep them; a single-line field (``CharField`` and its kinds: slug, e-mail, URL) gets a
space instead, as a browser's text box would have done.
"""

from __future__ import annotations

import re

from django.db import models

# XML 1.0 §2.2 Char: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].
# The complement; U+D800-U+DFFF are the lone surrogates a Python str can still hold.
XML_ILLEGAL = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# The same set as a Postgres regular expression, for cleaning stored rows in SQL. A
# Postgres text value cannot hold NUL or a surrogate, so those need not be named.
XML_ILLEGAL_POSTGRES = "[\\x01-\\x08\\x0b\\x0c\\x0e-\\x1f\\ufffe\\uffff]"
_LINE_BREAKS = re.compile("\r\n|[\t\n\r]")

# Apps whose models' text fields pass through ``clean_text_fields``.
CLEANED_APPS = ("articles", "newsroom", "weather", "taggit")


def has_xml_illegal(value: str) -> bool:
    return XML_ILLEGAL.search(value) is not None


def xml_safe(value: str, *, single_line: bool = False) -> str:
    """``value`` without the characters XML 1.0 cannot carry (and, for a one-line
    field, with tabs and line breaks turned into spaces)."""
    value = XML_ILLEGAL.sub("", value)
    if single_line:
        value = _LINE_BREAKS.sub(" ", value)
    return value


def text_fields(model) -> list[tuple[models.Field, bool]]:
    """The model's own text columns, each with whether it is a one-line field."""
    return [
        (field, not isinstance(field, models.TextField))
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
    ]


def clean_text_fields(sender, instance, **kwargs) -> None:
    """``pre_save``: clean every text field of a model of ours before it is written.

    The instance is changed too, so what the caller holds is what was stored.
    """
    if sender._meta.app_label not in CLEANED_APPS:
        return
    for field, single_line in text_fields(sender):
        value = instance.__dict__.get(field.attname)
        if isinstance(value, str):
            cleaned = xml_safe(value, single_line=single_line)
            if cleaned != value:
                setattr(instance, field.attname, cleaned)


def tags_from_string(text: str) -> list[str]:
    """``TAGGIT_TAGS_FROM_STRING``: taggit's own parsing, of the cleaned text.

    Cleaning here, before taggit looks the names up, lets "정치\\x0b" find the existing
    tag 정치 instead of colliding with it when the new tag's name is cleaned on save.
    """
    from taggit.utils import _parse_tags

    return [name for name in _parse_tags(xml_safe(text, single_line=True)) if name.strip()]
