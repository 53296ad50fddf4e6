from django import template

from newsroom.banners import for_slot, state
from newsroom.models import BannerSlot

register = template.Library()


@register.inclusion_tag("newsroom/banner_slot.html", takes_context=True)
def banner_slot(context, slot):
    """The banners of ``slot``, picked from the page's one lazy load of all live banners.

    An empty slot renders nothing, so pages carry no empty boxes or gaps. An over-full
    slot also carries its other candidates, hidden, for the browser's own draw.
    """
    if slot not in BannerSlot.values:
        # A typo in a template should fail loudly in development, not hide a paid banner.
        raise template.TemplateSyntaxError(f"알 수 없는 배너 위치: {slot!r}")
    live = context.get("live_banners")
    if live is None:  # rendered without the context processor (e-mail, tests of a fragment)
        live = state()["slots"]
    return {"view": for_slot(live, slot)}
