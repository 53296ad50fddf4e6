from articles.models import Section
from newsroom import pagecache


def menu_sections() -> list[Section]:
    """Top-level menu sections with their menu children, kept until a section changes
    (a section's change ends ``site``: articles/cache_keys.py)."""
    return pagecache.remember("menu", _load_menu, keys=[pagecache.SITE], seconds=3600)


def _load_menu() -> list[Section]:
    sections = list(Section.objects.filter(show_in_menu=True).order_by("order", "name"))
    by_parent: dict[int | None, list[Section]] = {}
    for section in sections:
        by_parent.setdefault(section.parent_id, []).append(section)
    for section in sections:
        section.menu_children = by_parent.get(section.pk, [])
    return by_parent.get(None, [])
