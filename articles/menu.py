from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from articles.models import Section

MENU_CACHE_KEY = "articles:menu"


def menu_sections() -> list[Section]:
    """Top-level menu sections with their menu children, cached until a section changes."""
    menu = cache.get(MENU_CACHE_KEY)
    if menu is None:
        sections = list(Section.objects.filter(show_in_menu=True).order_by("order", "name"))
        by_parent: dict[int | None, list[Section]] = {}
        for section in sections:
            by_parent.setdefault(section.parent_id, []).append(section)
        menu = by_parent.get(None, [])
        for section in sections:
            section.menu_children = by_parent.get(section.pk, [])
        cache.set(MENU_CACHE_KEY, menu, 3600)
    return menu


@receiver([post_save, post_delete], sender=Section)
def _forget_menu(**kwargs):
    cache.delete(MENU_CACHE_KEY)
