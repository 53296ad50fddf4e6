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
import random
import time

from django.conf import settings
from django.core.cache.backends.filebased import FileBasedCache
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger("newsroom.cache")


class SharedFileCache(FileBasedCache):
    # FileBasedCache lists the whole directory on every set to decide whether to cull;
    # with a real site's spread of pages that is the slowest part of a store.
    CULL_CHECK_EVERY = 50

    def _cull(self):
        if random.randrange(self.CULL_CHECK_EVERY) == 0:
            super()._cull()


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
