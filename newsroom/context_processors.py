from django.utils.functional import SimpleLazyObject

from articles.menu import menu_sections
from newsroom import banners
from newsroom.models import HomeCuration, SiteSettings


def site(request):
    """Site identity and menu, loaded lazily and cached: pages that never use them pay nothing."""
    return {
        "site": SimpleLazyObject(SiteSettings.current),
        "menu_sections": SimpleLazyObject(menu_sections),
    }


def placements(request):
    """All live banners, loaded on first use by any slot: one query for every slot on a page
    (none while the banners and their windows have not changed)."""
    return {"live_banners": SimpleLazyObject(lambda: banners.state()["slots"])}


def breaking(request):
    """The 속보 line for the top of every public page, or None: the curation row comes from
    the cache and the clock decides, on each request, whether it is up."""

    def live():
        curation = HomeCuration.current()
        return curation if curation.breaking_is_live() else None

    return {"breaking": SimpleLazyObject(live)}
