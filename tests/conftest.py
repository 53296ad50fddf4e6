import time

import pytest
from django.core.cache import cache
from django.utils import timezone

pytest_plugins = ["tests.required"]

# A transactional test (live server, browser, other processes) ends by flushing every
# table, and with it what data migrations wrote (the desk groups and their rights, the
# stations, the footer pages). Whatever test runs next in that process, in whatever order
# pytest-xdist deals the files, finds them back: they are restored before it starts.
_flushed = False


def _flushes(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(marker and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
    )


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    global _flushed
    if _flushed:
        from pytest_django.plugin import blocking_manager_key

        from tests.factories import restore_desk_groups

        with item.config.stash[blocking_manager_key].unblock():
            restore_desk_groups()
        _flushed = False


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):
    yield
    global _flushed
    _flushed = _flushed or _flushes(item)


@pytest.fixture(autouse=True)
def _fast_hashing_and_clean_cache(settings):
    # MD5 keeps user-creating tests fast; a fresh cache keeps tests independent.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests read fresh pages; tests/newsroom/test_pagecache.py turns the page cache on.
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 0
    # No collectstatic before tests: plain static URLs instead of the hashed manifest.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    cache.clear()
    # The counters' hourly salt is kept per process; its row goes with each test's rollback.
    from newsroom import counters

    counters._salts.clear()
    yield
    cache.clear()


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def move_clock(monkeypatch):
    """Move both clocks the site reads to ``moment``: ``timezone.now()`` (what is
    published, which banners are live) and ``time.time()`` (how long caches keep)."""

    def move(moment):
        monkeypatch.setattr(timezone, "now", lambda: moment)
        monkeypatch.setattr(time, "time", lambda: moment.timestamp())

    return move
