from django.conf import settings
from django.utils.functional import SimpleLazyObject

from articles.menu import menu_sections
from newsroom import pagecache
from newsroom.banners import live_by_slot
from newsroom.models import SiteSettings


def site(request):
    """Site identity and menu, loaded lazily and cached: pages that never use them pay nothing."""
    return {
        "site": SimpleLazyObject(SiteSettings.current),
        "menu_sections": SimpleLazyObject(menu_sections),
        # For {% cache fragment_seconds "name" ... content_version %} in templates.
        "content_version": SimpleLazyObject(pagecache.current_version),
        "fragment_seconds": settings.FRAGMENT_CACHE_SECONDS,
        # For fragments that also end at the next scheduled change (the weather strip
        # going stale); a callable, so pages that never use it pay nothing.
        "timed_fragment_seconds": _timed_fragment_seconds,
    }


def _timed_fragment_seconds() -> int:
    return pagecache.seconds_to_live(pagecache.current_version(), settings.FRAGMENT_CACHE_SECONDS)


def placements(request):
    """All live banners, loaded on first use by any slot: one query for every slot on a page
    (none while the content and the banners' windows have not changed)."""
    return {
        "live_banners": SimpleLazyObject(
            lambda: pagecache.cached_for_content(
                "live-banners", live_by_slot, until_next_change=True
            )
        )
    }
