"""Purging the front cache (Varnish with the xkey vmod) by surrogate key, durably.

``pagecache.changed()`` calls ``enqueue(keys)`` after the commit: the keys become rows of
``PendingPurge`` and are sent at once. A purge that fails (Varnish down, a timeout) is
logged and stays queued; it is sent again by the next change, by the next page rendered
in any worker (at most every ``PURGE_RETRY_SECONDS``), or by ``manage.py purge_front_cache``.
An editor's save never waits more than ``PURGE_TIMEOUT_SECONDS`` and never fails for it.

Without ``VARNISH_PURGE_URL`` there is no front cache and nothing is queued.
"""

from __future__ import annotations

import logging
import time
import urllib.error
import urllib.request
from collections.abc import Iterable

from django.conf import settings
from django.db import DatabaseError, transaction
from django.db.models import F

logger = logging.getLogger("newsroom.cache")

# Keys per PURGE request: Varnish reads them from one header.
BATCH = 100
_next_retry = 0.0


def enqueue(keys: Iterable[str]) -> None:
    if not settings.VARNISH_PURGE_URL:
        return
    from newsroom.models import PendingPurge

    try:
        PendingPurge.objects.bulk_create([PendingPurge(key=key) for key in sorted(keys)])
    except DatabaseError:
        logger.exception("could not queue front-cache purge of %s", sorted(keys))
        return
    drain()


def drain_if_due() -> None:
    """Retry queued purges from a page render, at most every PURGE_RETRY_SECONDS."""
    if settings.VARNISH_PURGE_URL and time.monotonic() >= _next_retry:
        drain()


def drain() -> int:
    """Send every queued purge; returns how many keys remain queued."""
    global _next_retry
    from newsroom.models import PendingPurge

    _next_retry = time.monotonic() + settings.PURGE_RETRY_SECONDS
    try:
        with transaction.atomic():
            rows = list(
                PendingPurge.objects.select_for_update(skip_locked=True).order_by("pk")[:1000]
            )
            keys = sorted({row.key for row in rows})
            error = None
            for start in range(0, len(keys), BATCH):
                error = send(keys[start : start + BATCH])
                if error:
                    break
            if error is None:
                PendingPurge.objects.filter(pk__in=[row.pk for row in rows]).delete()
            else:
                logger.warning("front-cache purge failed, will retry: %s", error)
                PendingPurge.objects.filter(pk__in=[row.pk for row in rows]).update(
                    attempts=F("attempts") + 1, last_error=error[:300]
                )
        return PendingPurge.objects.count()
    except DatabaseError:
        logger.exception("could not read the front-cache purge queue")
        return -1


def send(keys: list[str]) -> str | None:
    """One PURGE to Varnish for ``keys``; None on success, else what went wrong."""
    request = urllib.request.Request(
        settings.VARNISH_PURGE_URL, method="PURGE", headers={"xkey-purge": " ".join(keys)}
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.PURGE_TIMEOUT_SECONDS) as reply:
            if reply.status != 200:
                return f"HTTP {reply.status}"
    except (OSError, urllib.error.URLError) as error:
        return str(error)
    return None
