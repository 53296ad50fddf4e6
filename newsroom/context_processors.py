from django.utils.functional import SimpleLazyObject

from articles.menu import menu_sections
from newsroom.models import SiteSettings


def site(request):
    """Site identity and menu, loaded lazily and cached: pages that never use them pay nothing."""
    return {
        "site": SimpleLazyObject(SiteSettings.current),
        "menu_sections": SimpleLazyObject(menu_sections),
    }
