"""Full-page cache for readers' pages.

A reader without a session gets stored bytes: one cache round trip, no template, no SQL.
Freshness comes from two rules:

- every save or delete in the content apps bumps one *version* token, and a stored page
  is served only while its version is current (the first reader after an edit renders
  anew);
- a stored page never outlives the next scheduled change (an article or banner whose time
  comes), so scheduled content appears on time with no cron.

Views opt in with ``@public_page``; ``PublicPageCacheMiddleware`` serves and stores.
Staff (anyone with a session cookie) always get a fresh page.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from contextvars import ContextVar
from datetime import datetime
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse

VERSION_KEY = "pagecache:version"
NEXT_CHANGE_KEY = "pagecache:next-change:{version}"
# Query parameters a public page may vary on; any other makes the request uncacheable, so
# random query strings cannot flood the cache.
CACHEABLE_PARAMS = {"page"}
STORED_HEADERS = ("Content-Type", "Location", "Content-Language", "X-Robots-Tag")

# Functions returning the next moment content changes by itself (a scheduled article,
# a banner's window), or None. Apps register theirs in AppConfig.ready().
next_change_hooks: list[Callable[[], datetime | None]] = []


def public_page(view):
    """Mark a view's responses as the same for every anonymous reader."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.public_page = True
        return response

    return wrapper


# Within one request the version and the next scheduled change are read once, not by
# every fragment, the banners and the page cache in turn (each a round trip to Redis).
_request_memo: ContextVar[dict | None] = ContextVar("pagecache_request_memo", default=None)


def bump() -> None:
    """Invalidate every stored page (called on any content change)."""
    cache.set(VERSION_KEY, str(time.time_ns()), None)
    memo = _request_memo.get()
    if memo is not None:
        memo.clear()


def _current_version(values: dict) -> str:
    version = values.get(VERSION_KEY)
    if version is None:
        version = str(time.time_ns())
        if not cache.add(VERSION_KEY, version, None):
            version = cache.get(VERSION_KEY, version)
    return version


def current_version() -> str:
    """The content version: changes whenever any content row is saved or deleted."""
    memo = _request_memo.get()
    if memo is not None and "version" in memo:
        return memo["version"]
    version = _current_version({VERSION_KEY: cache.get(VERSION_KEY)})
    if memo is not None:
        memo["version"] = version
    return version


def seconds_to_live(version: str, limit: int) -> int:
    """``limit``, shortened to end at the next scheduled change (article or banner)."""
    if limit <= 0:
        return 0
    key = NEXT_CHANGE_KEY.format(version=version)
    memo = _request_memo.get()
    next_change = memo.get(key, "unknown") if memo is not None else "unknown"
    if next_change == "unknown":
        next_change = cache.get(key, "unknown")
    # A remembered moment that has passed says nothing about the next one: look again.
    if next_change == "unknown" or (next_change is not None and next_change <= time.time()):
        moments = [moment for hook in next_change_hooks if (moment := hook()) is not None]
        next_change = min(moments).timestamp() if moments else None
        cache.set(key, next_change, max(limit, settings.PAGE_CACHE_SECONDS))
    if memo is not None:
        memo[key] = next_change
    if next_change is not None:
        limit = min(limit, max(0, int(next_change - time.time())))
    return limit


def cached_for_content(key: str, build: Callable, *, until_next_change: bool = False):
    """``build()``, kept until content changes (FRAGMENT_CACHE_SECONDS at most).

    ``until_next_change`` also ends it at the next scheduled change, for values that
    depend on the clock (live banners, the list of published stories).
    """
    limit = settings.FRAGMENT_CACHE_SECONDS
    if limit <= 0:
        return build()
    version = current_version()
    full_key = f"fragment:{key}:{version}"
    value = cache.get(full_key)
    if value is None:
        value = build()
        ttl = seconds_to_live(version, limit) if until_next_change else limit
        if ttl > 0:
            cache.set(full_key, value, ttl)
    return value


def _key(request) -> str | None:
    if request.method not in ("GET", "HEAD") or settings.PAGE_CACHE_SECONDS <= 0:
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return None
    if any(name not in CACHEABLE_PARAMS for name in request.GET):
        return None
    raw = f"{request.get_host()}|{request.get_full_path()}"
    return "pagecache:page:" + hashlib.sha256(raw.encode()).hexdigest()


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_memo.set({})
        try:
            return self._respond(request)
        finally:
            _request_memo.reset(token)

    def _respond(self, request):
        key = _key(request)
        values = cache.get_many([VERSION_KEY, key]) if key else {}
        entry = values.get(key) if key else None
        if entry is not None:
            version, expires_at, status, headers, content = entry
            if version == values.get(VERSION_KEY) and expires_at > time.time():
                response = HttpResponse(content, status=status)
                for name, value in headers:
                    response[name] = value
                return response

        if VERSION_KEY in values:
            _request_memo.get()["version"] = values[VERSION_KEY]
        response = self.get_response(request)
        if key and self._storable(response):
            version = _current_version(values)
            ttl = seconds_to_live(version, settings.PAGE_CACHE_SECONDS)
            if ttl > 0:
                headers = [(h, response[h]) for h in STORED_HEADERS if h in response]
                entry = (
                    version,
                    time.time() + ttl,
                    response.status_code,
                    headers,
                    response.content,
                )
                cache.set(key, entry, ttl)
        return response

    @staticmethod
    def _storable(response) -> bool:
        return (
            getattr(response, "public_page", False)
            and response.status_code in (200, 301)
            and not response.cookies
            and not getattr(response, "streaming", False)
            and "private" not in response.get("Cache-Control", "")
        )


def bump_on_change(sender, **kwargs):
    """Signal receiver: any saved or deleted content row makes stored pages stale."""
    if getattr(sender, "page_cache_neutral", False):
        return
    if sender._meta.app_label in CONTENT_APPS:
        bump()
        # Again once the change is committed: a reader who rendered the page between the
        # first bump and the commit stored the old content under the new version.
        transaction.on_commit(bump)


CONTENT_APPS = {"articles", "newsroom", "weather", "taggit"}


def next_scheduled_article() -> datetime | None:
    from articles.models import Article

    return Article.objects.next_scheduled_time()
