"""What the weather strip shows: each active station's latest fresh observation.

One query per cache period, shared by every page; ``fetch_weather`` and station edits end
the ``weather`` key, and with it the cached copy and the stored pages. Never calls KMA: a page shows what ``fetch_weather``
stored.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from django.conf import settings
from django.utils import timezone

from newsroom import pagecache
from weather.conditions import icon_slug
from weather.kma import KST
from weather.models import FUTURE_TOLERANCE, Observation

# Bump the suffix when StripItem changes shape, so old pickles in a shared cache are ignored.
CACHE_KEY = "weather:strip:v2"


@dataclass(frozen=True)
class StripItem:
    name: str
    condition: str
    icon: str
    temperature: str  # "29.1℃"; a reading without one is never an item
    observed_at: datetime
    demo: bool = False  # from load_demo_weather, not KMA
    # "14:00" when this station's reading is older than the strip's time, so an earlier
    # reading is never passed off as the current hour.
    time_label: str = ""


def format_temperature(value: float | None) -> str:
    """``29.1℃``, ``-3.4℃``, ``0.0℃``; "" when missing."""
    if value is None:
        return ""
    text = f"{value:.1f}"
    return ("0.0" if text == "-0.0" else text) + "℃"


def as_of_label(moment: datetime) -> str:
    """``11.24 14:00``: month.day hour:minute in KST, as Korean weather strips print it."""
    return moment.astimezone(KST).strftime("%m.%d %H:%M")


def strip_items(now: datetime | None = None) -> list[StripItem]:
    """Items for the strip in station order, fresh at ``now`` (one query, or a cache hit)."""
    now = now or timezone.now()
    items = pagecache.remember(
        CACHE_KEY,
        lambda: _load(now),
        keys=["weather"],
        seconds=settings.WEATHER_STRIP_CACHE_SECONDS,
    )
    # The cached copy may outlive the staleness limit of some of its rows: judge each render.
    since = now - settings.WEATHER_STALE_AFTER
    items = [item for item in items if item.observed_at >= since]
    as_of = max((item.observed_at for item in items), default=None)
    return [
        item
        if item.observed_at == as_of
        else replace(item, time_label=item.observed_at.astimezone(KST).strftime("%H:%M"))
        for item in items
    ]


def _load(now: datetime) -> list[StripItem]:
    observations = Observation.objects.for_strip(
        since=now - settings.WEATHER_STALE_AFTER, until=now + FUTURE_TOLERANCE
    )
    observations = sorted(observations, key=lambda o: (o.station.order, o.station.number))
    return [
        StripItem(
            name=o.station.name,
            condition=o.condition,
            icon=icon_slug(o.condition),
            temperature=format_temperature(o.temperature),
            observed_at=o.observed_at,
            demo=o.demo,
        )
        for o in observations
        # No complete reading in the window: leaving the station out beats a box with no
        # temperature or no condition word.
        if o.temperature is not None and o.condition
    ]


def invalidate() -> None:
    """End the cached strip and the stored pages that embed it, so the next page shows
    newly stored data (bulk upserts send no model signals, so nothing else would)."""
    pagecache.changed("weather")


def goes_stale_at(now: datetime | None = None) -> datetime | None:
    """When the first item now on the strip passes the staleness limit, or None.

    A page-cache hook: a stored page must not outlive the weather it shows as current.
    """
    items = strip_items(now)
    if not items:
        return None
    return min(item.observed_at for item in items) + settings.WEATHER_STALE_AFTER


def strip_context(now: datetime | None = None) -> dict:
    """Context for ``weather/strip.html``; no items means the strip is not shown."""
    items = strip_items(now)
    as_of = max((item.observed_at for item in items), default=None)
    return {
        "items": items,
        "as_of": as_of,
        "as_of_label": as_of_label(as_of) if as_of else "",
        # Readers must not take the recorded demo table for today's weather.
        "demo": any(item.demo for item in items),
        # The ticker loops two copies of the list; the second is hidden from screen readers.
        "copies": (False, True),
    }
