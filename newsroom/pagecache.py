"""The one cache layer: stored pages and stored data, each ended by the keys it depends on.

Read docs/cache.md first. In short:

- A *key* names something an editor can change: ``article-123``, ``section-5``,
  ``tag-7``, ``reporter-3``, ``home``, ``banners``, ``weather``, ``site``.
- Each key has a *version* in the shared cache (FileBasedCache beside the embedded
  database by default, Redis when ``REDIS_URL`` is set), so every worker, every server and
  every management command see the same one.
- Content apps announce changes: they register, for each model, which keys a row touches
  (``announce(Model, keys)``); this module listens to the model signals and, after the
  commit, moves the version of exactly those keys (``changed()``) and queues the same keys
  for the front cache's purge (newsroom/purge.py).
- A stored value (a whole page, or data such as the menu) records the versions of its keys
  when it is stored and is used only while they are all unchanged. A page learns its keys
  while it renders (``depends_on()``, and every ``remember()`` it uses).
- Nothing outlives the next scheduled change (an article's or banner's time, the weather
  going stale): ``seconds_to_live()``. No cron, no purge is needed for those.

This module imports no content app.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from functools import wraps
from http import HTTPStatus
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.handlers.wsgi import get_path_info, get_script_name
from django.db import transaction
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseNotModified,
    HttpResponsePermanentRedirect,
)
from django.http.cookie import parse_cookie
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control
from django.utils.http import parse_etags

logger = logging.getLogger("newsroom.cache")

PAGE_PREFIX = "page:"
DATA_PREFIX = "data:"
VERSION_PREFIX = "v:"
NEXT_CHANGE_KEY = "next-change"
# Every page shows the site's identity and menu, so every page depends on this key.
SITE = "site"
# Moves with every change: while it has not moved since a page was stored (or since this
# process last checked the page's keys), a hit needs no look at the page's own keys.
ANY_CHANGE = "*"
# Headers a stored page does not keep: each answer computes its own.
UNSTORED_HEADERS = {"cache-control", "etag", "xkey", "content-length", "date", "server"}
# This process's copy of the stored pages it served, with the change stamp they were last
# found valid under: while the stamp is the same, a hit reads one small value (the stamp)
# instead of the page (reading, decompressing and unpickling ~50 kB). Bounded in bytes.
MEMORY_BYTES = 32 * 1024 * 1024
_memory: dict[str, tuple[tuple, str]] = {}
_memory_bytes = 0
# Parameters that never change what a page shows (campaign tracking): dropped by a
# redirect to the canonical address, so they neither reach the view nor the store.
TRACKING_PREFIXES = ("utm_",)
TRACKING_PARAMS = {"fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid"}

# Functions returning the next moment content changes by itself (a scheduled article,
# a banner's window, the weather going stale), or None. Apps register theirs in ready().
next_change_hooks: list[Callable[[], datetime | None]] = []
# model class -> function(instance) -> keys a row of it touches; None: changes no page.
_announcers: dict[type, Callable | None] = {}


# ---------------------------------------------------------------------------------------
# Per request: the keys the page depends on, the versions read, when the render began.


class _Request:
    __slots__ = ("keys", "versions", "started_ns", "next_change", "data", "moments")

    def __init__(self):
        self.keys: set[str] = {SITE}
        self.versions: dict[str, str] = {}
        self.started_ns = time.time_ns()
        self.next_change = "unknown"
        # remember()'d values already built or read in this request: each once a request.
        self.data: dict[str, tuple[list[str], object]] = {}
        # Each scheduled-change hook's answer, asked once a request.
        self.moments: dict[int, datetime | None] = {}


_current: ContextVar[_Request | None] = ContextVar("pagecache_request", default=None)


def depends_on(*keys: str) -> None:
    """Record that the page being rendered shows what ``keys`` name."""
    current = _current.get()
    if current is not None:
        current.keys.update(keys)


@contextmanager
def one_key_for(prefix: str, key: str):
    """While rendering a page that lists every row of a kind (a sitemap lists every story),
    record ``key`` instead of one key per row (``article-…``: 50,000 of them would not fit
    an ``xkey`` header). ``key`` must end whenever any of those rows changes what the page
    shows: ``home`` does for stories."""
    current = _current.get()
    before = set(current.keys) if current is not None else set()
    try:
        yield
    finally:
        if current is not None:
            current.keys -= {k for k in current.keys - before if k.startswith(prefix)}
            current.keys.add(key)


# ---------------------------------------------------------------------------------------
# Versions.


def _versions(keys: Iterable[str]) -> dict[str, str]:
    """The current version of each key (created when missing), read once per request."""
    current = _current.get()
    known = current.versions if current is not None else {}
    wanted = [key for key in keys if key not in known]
    if wanted:
        found = _safe(cache.get_many, [VERSION_PREFIX + key for key in wanted], default={})
        for key in wanted:
            version = found.get(VERSION_PREFIX + key)
            if version is None:
                # A key never changed (or its version was evicted): start one. "i" marks it
                # as no change, so a render that reads it may still be stored.
                version = f"i{time.time_ns()}"
                if not _safe(cache.add, VERSION_PREFIX + key, version, None, default=True):
                    version = _safe(cache.get, VERSION_PREFIX + key, default=None) or version
            known[key] = version
    return {key: known[key] for key in keys}


def changed(*keys: str) -> None:
    """Announce that what ``keys`` name has changed: stored pages and data that show it end
    once the change is committed, on every worker and server, and the front cache purges
    the same keys. Safe to call inside a transaction: nothing happens if it rolls back."""
    if not keys:
        return
    keys = set(keys)
    # Now, for this process (and so tests inside a transaction see it), and again once
    # committed: another process rendering between the two read the old rows, and the
    # second move ends what it stored.
    _move_versions(keys)
    transaction.on_commit(lambda: _commit_change(keys))


def _commit_change(keys: set[str]) -> None:
    _move_versions(keys)
    from newsroom import purge

    purge.enqueue(keys)


def _move_versions(keys: set[str]) -> None:
    version = str(time.time_ns())
    keys = keys | {ANY_CHANGE}
    _safe(cache.set_many, {VERSION_PREFIX + key: version for key in keys}, None)
    _safe(cache.delete, NEXT_CHANGE_KEY)
    current = _current.get()
    if current is not None:
        current.versions.clear()
        current.next_change = "unknown"
        current.data.clear()
        current.moments.clear()


def _changed_during(versions: dict[str, str], started_ns: int) -> bool:
    """Whether any version moved after (or too close before) the render began."""
    # A change moves versions to the moment it was committed; a render that began after
    # (by this server's clock, give or take the servers' skew) may have read the old rows.
    margin = settings.CACHE_CLOCK_SKEW_MS * 1_000_000
    for version in versions.values():
        if not version.startswith("i") and int(version) >= started_ns - margin:
            return True
    return False


# ---------------------------------------------------------------------------------------
# Scheduled changes.


def seconds_to_live(limit: int) -> int:
    """``limit``, shortened to end at the next scheduled change (article, banner, weather)."""
    if limit <= 0:
        return 0
    current = _current.get()
    next_change = current.next_change if current is not None else "unknown"
    if next_change == "unknown":
        next_change = _safe(cache.get, NEXT_CHANGE_KEY, "unknown", default="unknown")
    # A remembered moment that has passed says nothing about the next one: look again.
    if next_change == "unknown" or (next_change is not None and next_change <= time.time()):
        moments = [moment for hook in next_change_hooks if (moment := _ask(hook)) is not None]
        next_change = min(moments).timestamp() if moments else None
        _safe(cache.set, NEXT_CHANGE_KEY, next_change, max(limit, settings.PAGE_CACHE_SECONDS))
    if current is not None:
        current.next_change = next_change
    if next_change is not None:
        limit = min(limit, max(0, int(next_change - time.time())))
    return limit


def _ask(hook):
    current = _current.get()
    if current is None:
        return hook()
    if id(hook) not in current.moments:
        current.moments[id(hook)] = hook()
    return current.moments[id(hook)]


# ---------------------------------------------------------------------------------------
# Stored data.


def remember(
    name: str,
    build: Callable,
    *,
    keys: Iterable[str] | Callable = (),
    seconds: int | None = None,
    until_next_change: bool = False,
):
    """``build()``, kept until one of ``keys`` changes (or ``seconds``, default
    FRAGMENT_CACHE_SECONDS; 0 turns it off). ``keys`` may be a function of the value
    (the stories a list holds). ``until_next_change`` also ends it at the next scheduled
    change, for values that depend on the clock. The page using it depends on its keys."""
    limit = settings.FRAGMENT_CACHE_SECONDS if seconds is None else seconds
    current = _current.get()
    if current is not None and name in current.data:
        value_keys, value = current.data[name]
        depends_on(*value_keys)
        return value
    if limit <= 0:
        value = build()
        value_keys = sorted(set(keys(value) if callable(keys) else keys))
        depends_on(*value_keys)
        _keep_for_request(current, name, value_keys, value)
        return value
    full_key = DATA_PREFIX + name
    entry = _safe(cache.get, full_key, default=None)
    if entry is not None:
        versions, value = entry
        if _versions(versions) == versions:
            depends_on(*versions)
            _keep_for_request(current, name, list(versions), value)
            return value
    started_ns = time.time_ns()
    value = build()
    value_keys = sorted(set(keys(value) if callable(keys) else keys))
    depends_on(*value_keys)
    versions = _versions(value_keys)
    # Before the scheduled-change hooks run: a hook may read this very value.
    _keep_for_request(current, name, value_keys, value)
    ttl = seconds_to_live(limit) if until_next_change else limit
    if ttl > 0 and not _changed_during(versions, started_ns):
        _safe(cache.set, full_key, (versions, value), ttl)
    return value


def _keep_for_request(current: _Request | None, name: str, keys: list[str], value) -> None:
    if current is not None:
        current.data[name] = (keys, value)


# ---------------------------------------------------------------------------------------
# Announcing changes: content apps register their models; this module listens.


def announce(model: type, keys: Callable | None) -> None:
    """Register what a change to a row of ``model`` ends: ``keys(instance)`` returns the
    keys it touches, read from the database (called before and after the change, so a
    story moved out of a section ends that section too). ``None``: it changes no page
    (counters). A content model nobody registered ends ``site``, which is every page."""
    _announcers[model] = keys


_site_wide = ContextVar("pagecache_site_wide", default=False)


@contextmanager
def one_site_wide_change():
    """For bulk writers that touch the whole site (seed_demo): saves inside the block
    announce nothing one by one (each would read its keys twice and move versions);
    when the block ends, one change of ``site`` ends every stored page and purges it."""
    if _site_wide.get():
        yield
        return
    token = _site_wide.set(True)
    try:
        yield
    finally:
        _site_wide.reset(token)
        changed(SITE)


def _keys_of(instance) -> set[str]:
    announcer = _announcers.get(type(instance), _unregistered)
    if announcer is None or instance.pk is None:
        return set()
    return set(announcer(instance))


def _unregistered(instance) -> set[str]:
    return {SITE}


def _announced(sender) -> bool:
    if sender in _announcers:
        return _announcers[sender] is not None
    return sender._meta.app_label in settings.CACHE_CONTENT_APPS


def before_change(sender, instance, raw=False, **kwargs):
    """pre_save / pre_delete: remember the keys of the row as it was."""
    if raw or _site_wide.get() or not _announced(sender):
        return
    instance._pagecache_keys_before = _keys_of(instance)


def after_change(sender, instance, raw=False, **kwargs):
    """post_save / post_delete: announce the keys of the row as it was and as it is."""
    if raw or _site_wide.get() or not _announced(sender):
        return
    changed(*(getattr(instance, "_pagecache_keys_before", set()) | _keys_of(instance)))


def relation_changed(sender, instance, action, pk_set=None, model=None, **kwargs):
    """m2m_changed (tags, reporters): the row's keys before and after, and those of the
    related rows added or removed."""
    if _site_wide.get() or not (_announced(sender) or _announced(type(instance))):
        return
    if action.startswith("pre_"):
        instance._pagecache_keys_before = _keys_of(instance)
        return
    keys = getattr(instance, "_pagecache_keys_before", set()) | _keys_of(instance)
    if model is not None and pk_set:
        announcer = _announcers.get(model)
        if announcer is not None:
            for related in model._base_manager.filter(pk__in=pk_set):
                keys |= set(announcer(related))
    changed(*keys)


# ---------------------------------------------------------------------------------------
# Pages.


def public_page(view=None, *, params=("before", "page")):
    """Mark a view's responses as the same for every anonymous reader: stored, and sent
    with Cache-Control for shared caches. ``params``: the query parameters it reads; any
    other is dropped by a redirect to the canonical address."""

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            response.public_page = True
            return response

        wrapper.public_page_params = tuple(params)
        return wrapper

    return decorate(view) if view is not None else decorate


def canonical_query(request, params: tuple[str, ...]) -> str | None:
    """The canonical query string for a public view, or None when the request cannot be
    made canonical (a page number that is not a number: the view answers 404)."""
    pairs = []
    for name in params:
        values = request.GET.getlist(name)
        if not values:
            continue
        value = values[-1]
        if name == "before":  # keyset pagination: a story id; it wins over ?page=
            try:
                number = int(value)
            except ValueError:
                return None
            if number < 1:
                return None
            return urlencode([(name, str(number))])
        if name in ("page", "p"):  # p: the sitemaps' page
            try:
                number = int(value)
            except ValueError:
                return None
            if number < 1:
                return None
            if number == 1:
                continue
            value = str(number)
        pairs.append((name, value))
    return urlencode(pairs)


def _public_view(request):
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    return getattr(match.func, "public_page_params", None)


def _anonymous(request) -> bool:
    return settings.SESSION_COOKIE_NAME not in request.COOKIES


def page_key(scheme: str, host: str, path: str, query: str) -> str:
    """The stored page's key. The scheme is part of it: an http request must still get
    SecurityMiddleware's redirect (and an https page its HSTS header)."""
    raw = f"{scheme}|{host}|{path}|{query}"
    return PAGE_PREFIX + hashlib.sha256(raw.encode()).hexdigest()


def _page_key(request) -> str:
    # get_host() validates the host: a page is stored only under an allowed one.
    return page_key(request.scheme, request.get_host(), request.path, request.META.get("QUERY_STRING", ""))  # fmt: skip


def _etag(content: bytes) -> str:
    return '"' + hashlib.blake2b(content, digest_size=12).hexdigest() + '"'


def _not_modified(if_none_match: str | None, etag: str) -> bool:
    return bool(if_none_match) and (
        etag in parse_etags(if_none_match) or if_none_match.strip() == "*"
    )


def _lookup(key: str) -> tuple | None:
    """The stored entry under ``key`` while none of the keys it shows has moved, else None.
    Entry: (versions, stamp, expires_at, status, headers, etag, xkey, content)."""
    remembered = _memory.get(key)
    if remembered is not None:
        stamp = _safe(cache.get, VERSION_PREFIX + ANY_CHANGE, default=None)
        entry, checked = remembered
        if stamp is not None and stamp == checked and entry[2] > time.time():
            _note_stamp(stamp)
            return entry
        entry = _safe(cache.get, key, default=None)
    else:
        found = _safe(cache.get_many, [key, VERSION_PREFIX + ANY_CHANGE], default={})
        entry, stamp = found.get(key), found.get(VERSION_PREFIX + ANY_CHANGE)
    _note_stamp(stamp)
    if not isinstance(entry, tuple) or len(entry) != 8:  # missing, or stored by older code
        return None
    versions, stored_stamp, expires_at = entry[:3]
    if expires_at <= time.time():
        return None
    if stamp != stored_stamp and _versions(versions) != versions:
        _forget(key)
        return None
    if stamp is not None:
        _keep_in_memory(key, entry, stamp)
    return entry


def _note_stamp(stamp: str | None) -> None:
    current = _current.get()
    if stamp is not None and current is not None:
        current.versions[ANY_CHANGE] = stamp


def _keep_in_memory(key: str, entry: tuple, stamp: str) -> None:
    global _memory_bytes
    _forget(key)
    size = len(entry[-1])
    while _memory and _memory_bytes + size > MEMORY_BYTES:
        _forget(next(iter(_memory)))  # the oldest kept
    if size <= MEMORY_BYTES:
        _memory[key] = (entry, stamp)
        _memory_bytes += size


def _forget(key: str) -> None:
    global _memory_bytes
    remembered = _memory.pop(key, None)
    if remembered is not None:
        _memory_bytes -= len(remembered[0][-1])


def _answer(entry: tuple, if_none_match: str | None) -> tuple[int, list, bytes]:
    """Status, headers and body for a stored entry: a 304 when the reader has it."""
    _versions_, _stamp, expires_at, status, headers, etag, xkey, content = entry
    remaining = max(1, int(expires_at - time.time()))
    extra = [("ETag", etag), ("xkey", xkey), ("Cache-Control", _cache_control(remaining))]
    if _not_modified(if_none_match, etag):
        kept = [(k, v) for k, v in headers if k.lower() not in ("content-type", "content-length")]
        return 304, kept + extra, b""
    return status, headers + extra + [("Content-Length", str(len(content)))], content


def _cache_control(seconds: int) -> str:
    if seconds <= 0:
        return "public, max-age=0, must-revalidate"
    # Browsers ask again each time (a 304 when nothing changed), so a takedown is seen at
    # once; shared caches keep it until the next scheduled change at most and are purged by
    # key before that (newsroom/purge.py).
    swr = min(settings.PAGE_STALE_SECONDS, seconds)
    return f"public, max-age=0, s-maxage={seconds}, stale-while-revalidate={swr}"


# The WSGI environ key by which the front (serve_stored) tells the middleware it already
# looked a request's key up and found nothing.
MISSED = "newsroom.pagecache.missed"


class PublicPageCacheMiddleware:
    """Serves and stores public pages; marks every other response private. First in
    MIDDLEWARE: a stored page keeps the headers every other middleware added (security,
    CSP, frame options), so a hit runs none of them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(settings.STATIC_URL):
            return self.get_response(request)  # WhiteNoise's files keep their own headers
        token = _current.set(_Request())
        try:
            return self._respond(request)
        finally:
            _current.reset(token)

    def _respond(self, request):
        if request.method not in ("GET", "HEAD") or not _anonymous(request):
            return self._private(self.get_response(request))

        key = None
        if settings.PAGE_CACHE_SECONDS > 0:
            if request.META.get("QUERY_STRING"):
                params = _public_view(request)
                if params is not None:
                    canonical = canonical_query(request, params)
                    if canonical is not None and canonical != request.META["QUERY_STRING"]:
                        location = request.path + (f"?{canonical}" if canonical else "")
                        redirect = HttpResponsePermanentRedirect(location)
                        return self._public(redirect, settings.PAGE_CACHE_SECONDS)
                    if canonical is not None:
                        key = _page_key(request)
            else:
                key = _page_key(request)

        if key is not None and request.META.get(MISSED) != key:
            entry = _lookup(key)
            if entry is not None:
                status, headers, content = _answer(entry, request.headers.get("If-None-Match"))
                response = HttpResponseNotModified() if status == 304 else HttpResponse(content, status=status)  # fmt: skip
                for name, value in headers:
                    response[name] = value
                return response

        response = self.get_response(request)
        if not getattr(response, "public_page", False):
            return self._private(response)
        from newsroom import purge

        purge.drain_if_due()  # purges another process could not send (Varnish was down)
        self._strip_reader_state(response)
        if key is None or not self._storable(response):
            return self._private(response)
        current = _current.get()
        # The stamp first: read before the keys, it can only be older than they are.
        stamp = _versions([ANY_CHANGE])[ANY_CHANGE]
        versions = _versions(sorted(current.keys))
        ttl = seconds_to_live(settings.PAGE_CACHE_SECONDS)
        etag = _etag(response.content)
        response["ETag"] = etag
        response["xkey"] = " ".join(sorted(current.keys))
        if ttl > 0 and not _changed_during(versions, current.started_ns):
            headers = [(h, v) for h, v in response.items() if h.lower() not in UNSTORED_HEADERS]
            entry = (versions, stamp, time.time() + ttl, response.status_code, headers, etag,
                     response["xkey"], response.content)  # fmt: skip
            _safe(cache.set, key, entry, ttl)
        return self._public(response, ttl, request=request)

    @staticmethod
    def _public(response, seconds: int, request=None):
        fresh_200 = request is not None and response.status_code == 200
        if (
            fresh_200
            and response.has_header("ETag")
            and _not_modified(request.headers.get("If-None-Match"), response["ETag"])
        ):
            not_modified = HttpResponseNotModified()
            for name, value in response.items():
                if name.lower() not in ("content-type", "content-length"):
                    not_modified[name] = value
            response = not_modified
        response["Cache-Control"] = _cache_control(seconds)
        return response

    @staticmethod
    def _private(response):
        if not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True, no_store=True)
        elif "public" in response["Cache-Control"]:
            response["Cache-Control"] = "private, no-store"
        return response

    @staticmethod
    def _strip_reader_state(response):
        """A public page is the same for every anonymous reader: it sets no cookie (the
        CSRF or language cookie a template touched) and varies on neither."""
        response.cookies.clear()
        if response.has_header("Vary"):
            kept = [
                v.strip()
                for v in response["Vary"].split(",")
                if v.strip().lower() not in ("cookie", "accept-language")
            ]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]

    @staticmethod
    def _storable(response) -> bool:
        return (
            response.status_code in (200, 301)
            and not getattr(response, "streaming", False)
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
        )


# ---------------------------------------------------------------------------------------
# The front: stored pages answered before Django builds a request.


class _Environ(HttpRequest):
    """Just enough of a request to ask Django's own rules for the scheme and the host."""

    def __init__(self, environ):
        self.META = environ

    def _get_scheme(self):
        return self.META.get("wsgi.url_scheme", "http")


def serve_stored(application):
    """Wrap the WSGI application (newsroom/wsgi.py): an anonymous GET whose page is stored
    is answered from the store with its stored headers, without Django's request, signals
    or middleware; anything else goes to ``application`` (where PublicPageCacheMiddleware
    makes the same decision for the test client and stores what renders)."""

    def front(environ, start_response):
        key = _front_key(environ)
        entry = _lookup(key) if key is not None else None
        if entry is None:
            if key is not None:
                environ[MISSED] = key
            return application(environ, start_response)
        status, headers, content = _answer(entry, environ.get("HTTP_IF_NONE_MATCH"))
        start_response(f"{status} {HTTPStatus(status).phrase}", headers)
        return [content]

    return front


def _front_key(environ) -> str | None:
    if environ.get("REQUEST_METHOD") != "GET" or settings.PAGE_CACHE_SECONDS <= 0:
        return None
    cookie = environ.get("HTTP_COOKIE")
    if cookie and settings.SESSION_COOKIE_NAME in parse_cookie(cookie):
        return None
    # WSGIRequest's path, from the same functions.
    script_name = get_script_name(environ)
    path_info = get_path_info(environ) or "/"
    if path_info.startswith(settings.STATIC_URL):
        return None
    path = f"{script_name.rstrip('/')}/{path_info.replace('/', '', 1)}"
    request = _Environ(environ)
    # The raw host: a page is stored only under a host get_host() allowed, so an unknown
    # one finds nothing and Django answers it (400).
    return page_key(request.scheme, request._get_raw_host(), path, environ.get("QUERY_STRING", ""))  # fmt: skip


# ---------------------------------------------------------------------------------------
# A cache that fails (Redis stopped or paused) is a miss, never an error page.

_down_until = 0.0


def _safe(operation, *args, default=None):
    global _down_until
    if time.monotonic() < _down_until:
        return default
    try:
        return operation(*args)
    except Exception as error:  # noqa: BLE001 — any backend error is a miss
        # Skip the cache for a moment instead of paying its timeout on every call.
        _down_until = time.monotonic() + settings.CACHE_RETRY_SECONDS
        logger.warning("cache unavailable, serving uncached: %s", error)
        return default


def cache_available() -> bool:
    """For /healthz: a round trip to the cache now."""
    try:
        cache.set("healthz", "1", 10)
        return cache.get("healthz") == "1"
    except Exception:  # noqa: BLE001
        return False
