from django.utils.functional import SimpleLazyObject

from articles.menu import menu_sections
from newsroom import banners
from newsroom.models import SiteSettings


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
