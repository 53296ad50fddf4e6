"""Which of a slot's live banners a page view shows."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from newsroom.models import SLOT_CAPACITY, Banner, BannerSlot


def choose(banners: list[Banner], capacity: int, rng: random.Random | None = None) -> list[Banner]:
    """Up to ``capacity`` banners, drawn by weight when more compete, shown in ``order``.

    The draw is a weighted sample without replacement (Efraimidis–Spirakis: the largest
    ``u ** (1 / weight)`` win), so a banner of weight 2 appears twice as often as one
    of weight 1 and never twice in one slot.
    """
    if len(banners) > capacity:
        rng = rng or random
        banners = sorted(
            banners, key=lambda b: rng.random() ** (1 / max(b.weight, 1)), reverse=True
        )
        banners = banners[:capacity]
    return sorted(banners, key=lambda b: (b.order, b.pk))


@dataclass
class SlotView:
    """What a slot renders: every live candidate in order, the drawn ones marked shown.

    The others are rendered ``hidden`` too, so that ``static/newsroom/banners.js`` can
    draw again in the browser: a page served from the page cache still rotates per view.
    """

    slot: str
    capacity: int
    banners: list[Banner]
    shown: set[int]

    @property
    def rotates(self) -> bool:
        return len(self.banners) > self.capacity

    @property
    def lazy(self) -> bool:
        """Slots at the top of every page are seen first: load them at once."""
        return self.slot not in ABOVE_THE_FOLD

    @property
    def sizes(self) -> str:
        """The ``sizes`` of the slot's pictures: how wide the slot is drawn (static/css)."""
        return SLOT_SIZES.get(self.slot, "100vw")


ABOVE_THE_FOLD = {"header", "header-side"}

# Narrow slots (the header's side and the sidebars) let phones fetch a small file.
SLOT_SIZES = {
    "header-side": "300px",
    "sidebar-1": "(min-width: 960px) 300px, calc(100vw - 32px)",
    "sidebar-2": "(min-width: 960px) 300px, calc(100vw - 32px)",
    "sidebar-3": "(min-width: 960px) 300px, calc(100vw - 32px)",
    "article-inline": "(min-width: 960px) 800px, calc(100vw - 32px)",
}


def for_slot(
    live: dict[str, list[Banner]], slot: str, rng: random.Random | None = None
) -> SlotView:
    candidates = sorted(live.get(slot, []), key=lambda b: (b.order, b.pk))
    capacity = SLOT_CAPACITY[BannerSlot(slot)]
    shown = {b.pk for b in choose(candidates, capacity, rng)}
    return SlotView(slot=slot, capacity=capacity, banners=candidates, shown=shown)


def state() -> dict:
    """The live banners by slot and the next moment a window opens or closes, from one
    query, kept until a banner changes or that moment comes (the page cache's hook reads
    the same value, so a page pays one banner query at most)."""
    from newsroom import pagecache

    return pagecache.remember("banners", _load_state, keys=["banners"], until_next_change=True)


def _load_state() -> dict:
    # Who is live is Banner.objects.live()'s to say; the scheduled ones come in the same
    # query only for the moment their window opens.
    now = timezone.now()
    slots: dict[str, list[Banner]] = {}
    moments = []
    rows = (Banner.objects.live() | Banner.objects.scheduled()).select_related("image")
    for banner in rows.order_by("order", "pk"):
        if banner.starts_at is not None and banner.starts_at > now:  # from scheduled()
            moments.append(banner.starts_at)
            continue
        slots.setdefault(banner.slot, []).append(banner)
        if banner.ends_at is not None:
            moments.append(banner.ends_at)
    return {"slots": slots, "next": min(moments, default=None)}


def next_window_change() -> datetime | None:
    """The next moment a switched-on banner starts or ends, so cached pages expire then."""
    return state()["next"]
