"""Cache backends for the two ways the site runs.

- ``SharedFileCache``: the default without Redis. Files under ``var/cache`` shared by every
  worker and every management command on the machine, so an edit made anywhere is seen
  everywhere at the next request (docs/cache.md).
- ``ResilientRedisCache``: Redis that, stopped or paused, is a cache miss and not an
  error page; short socket timeouts (settings) bound how long a paused Redis can hold a
  request, and after a failure Redis is left alone for ``CACHE_RETRY_SECONDS``.
"""

from __future__ import annotations

import logging
import os
import pickle
import random
import time
import zlib

from django.conf import settings
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger("newsroom.cache")


class SharedFileCache(FileBasedCache):
    # FileBasedCache lists the whole directory on every set to decide whether to cull;
    # with a real site's spread of pages that is the slowest part of a store.
    CULL_CHECK_EVERY = 50
    # Small immutable values this process read, by file: (inode, mtime, size), expiry,
    # value. Every set writes a new file (a new inode), so while a stat finds the same
    # file the value is the same, and a page-cache hit's read of the change stamp `v:*`
    # is a stat instead of an open, two unpickles and a decompress.
    REMEMBER_MAX = 10_000
    _recent: dict[str, tuple] = {}

    def _cull(self):
        if random.randrange(self.CULL_CHECK_EVERY) == 0:
            super()._cull()

    def get(self, key, default=None, version=None):
        fname = self._key_to_file(key, version)
        try:
            found = os.stat(fname)
        except FileNotFoundError:
            return default
        identity = (found.st_ino, found.st_mtime_ns, found.st_size)
        known = self._recent.get(fname)
        if known is not None and known[0] == identity and (known[1] is None or known[1] >= time.time()):  # fmt: skip
            return known[2]
        try:
            with open(fname, "rb") as f:
                try:
                    expiry = pickle.load(f)
                except EOFError:
                    expiry = 0  # an empty file is expired
                if expiry is not None and expiry < time.time():
                    f.close()
                    self._delete(fname)
                    return default
                value = pickle.loads(zlib.decompress(f.read()))
        except FileNotFoundError:
            return default
        if isinstance(value, (str, bytes, int, float)):
            if len(self._recent) >= self.REMEMBER_MAX:
                self._recent.clear()
            # The identity seen before opening: if the file was replaced in between, the
            # next stat differs and the value is read again.
            self._recent[fname] = (identity, expiry, value)
        return value


class ResilientRedisCache(RedisCache):
    _down_until = 0.0

    def _guard(name, default=None):  # noqa: N805 — a decorator factory used in the body
        def method(self, *args, **kwargs):
            if time.monotonic() < self._down_until:
                return default() if callable(default) else default
            try:
                return getattr(RedisCache, name)(self, *args, **kwargs)
            except Exception as error:  # noqa: BLE001 — any Redis failure is a miss
                type(self)._down_until = time.monotonic() + settings.CACHE_RETRY_SECONDS
                logger.warning("Redis unavailable (%s): serving uncached", error)
                return default() if callable(default) else default

        method.__name__ = name
        return method

    get_many = _guard("get_many", dict)
    set = _guard("set")
    set_many = _guard("set_many", list)
    add = _guard("add", False)
    touch = _guard("touch", False)
    delete = _guard("delete", False)
    delete_many = _guard("delete_many")
    has_key = _guard("has_key", False)
    incr = _guard("incr", 0)
    clear = _guard("clear")
    del _guard

    def get(self, key, default=None, version=None):  # its own: get() returns the caller's default
        if time.monotonic() < self._down_until:
            return default
        try:
            return RedisCache.get(self, key, default, version)
        except Exception as error:  # noqa: BLE001
            type(self)._down_until = time.monotonic() + settings.CACHE_RETRY_SECONDS
            logger.warning("Redis unavailable (%s): serving uncached", error)
            return default
