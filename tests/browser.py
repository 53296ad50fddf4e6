"""Chromium for the browser tests: Debian's /usr/bin/chromium driven by Playwright.

``launch(live_server_url)`` skips, saying what is missing, where Playwright or Chromium
is absent (tests/required.py turns that skip into a failure in CI), and gives contexts
that cannot reach anything but the live server.
"""

from __future__ import annotations

import contextlib
import os
import re

import pytest
from django.db import connections

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Without the background-networking flags Chromium keeps dialling out of a closed network.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextlib.contextmanager
def launch(live_server_url: str, monkeypatch):
    """A launched Chromium whose ``new_context(**options)`` only reaches the live server."""
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (pip install playwright)"
    )
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)")
    # Playwright's sync API keeps an event loop running; the test's own ORM calls are safe.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    off_site = re.compile(r"^(?!" + re.escape(live_server_url) + ")")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        real_new_context = chromium.new_context

        def new_context(**options):
            context = real_new_context(**options)
            # No network in tests: video players and share targets fail fast.
            context.route(off_site, lambda route: route.abort())
            return context

        chromium.new_context = new_context
        try:
            yield chromium
        finally:
            chromium.close()
            # ORM calls made while Playwright's loop ran used their own connection; close
            # it, or dropping the test database finds it still in use.
            connections.close_all()
