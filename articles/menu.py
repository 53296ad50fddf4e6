"""Every section, read once and kept until a section changes: the menu, the section pages'
lookup and the section trees (a section's family, the home blocks) all come from it.

A section's change ends ``site`` (articles/cache_keys.py), so one query serves every page
until then; the table holds a few dozen rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from articles.models import Section
from newsroom import pagecache


@dataclass
class Sections:
    by_pk: dict[int, Section] = field(default_factory=dict)
    by_slug: dict[str, Section] = field(default_factory=dict)
    children: dict[int | None, list[int]] = field(default_factory=dict)
    menu: list[Section] = field(default_factory=list)

    def family_ids(self, pk: int) -> list[int]:
        """Section ``pk`` and all its descendants."""
        ids, todo = [], [pk]
        while todo:
            current = todo.pop()
            if current in ids:
                continue
            ids.append(current)
            todo.extend(self.children.get(current, []))
        return ids


def sections() -> Sections:
    return pagecache.remember("sections", _load, keys=[pagecache.SITE], seconds=3600)


def _load() -> Sections:
    rows = list(Section.objects.order_by("order", "name"))
    found = Sections(by_pk={s.pk: s for s in rows}, by_slug={s.slug: s for s in rows})
    for section in rows:
        # The parent from the same rows: ``section.parent`` costs no query.
        if section.parent_id in found.by_pk:
            section.parent = found.by_pk[section.parent_id]
        found.children.setdefault(section.parent_id, []).append(section.pk)
    in_menu: dict[int | None, list[Section]] = {}
    for section in rows:
        if section.show_in_menu:
            in_menu.setdefault(section.parent_id, []).append(section)
    for section in rows:
        section.menu_children = in_menu.get(section.pk, [])
    found.menu = in_menu.get(None, [])
    return found


def menu_sections() -> list[Section]:
    """Top-level menu sections with their menu children (``menu_children``)."""
    return sections().menu
