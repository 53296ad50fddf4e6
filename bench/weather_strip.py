"""What the weather strip costs a page: queries (cold cache, warm cache) and render time.

Prints figures; it is not a test. Works on a throwaway test database (created and dropped
here), so it never touches the site's data. Run: .venv/bin/python bench/weather_strip.py
"""

import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django  # noqa: E402 (the path and settings module above come first)

django.setup()

from django.db import connection  # noqa: E402
from django.template import Context, Template  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import (  # noqa: E402
    CaptureQueriesContext,
    setup_test_environment,
    teardown_test_environment,
)
from django.utils import timezone  # noqa: E402

from weather import kma  # noqa: E402
from weather.models import Observation  # noqa: E402
from weather.strip import invalidate  # noqa: E402

SAMPLE = ROOT / "tests" / "weather" / "data" / "all-stations-202608181500.txt"
STRIP = Template("{% load weather %}{% weather_strip %}")


def store_hours(first: int, last: int) -> None:
    """Store the sample as the hours ``first``..``last - 1`` before the current one."""
    raw = SAMPLE.read_bytes()
    hour = timezone.now().astimezone(kma.KST).replace(minute=0, second=0, microsecond=0)
    for back in range(first, last):
        tm = (hour - timedelta(hours=back)).strftime("%Y%m%d%H%M").encode()
        Observation.objects.store(kma.parse(raw.replace(b"202608181500", tm)))


def weather_queries(captured) -> int:
    return sum("weather_" in query["sql"] for query in captured.captured_queries)


def page_figures(client: Client, hours: int) -> None:
    client.get("/")  # warm everything else (sessions, templates, articles)
    invalidate()
    with CaptureQueriesContext(connection) as cold:
        client.get("/")
    with CaptureQueriesContext(connection) as warm:
        client.get("/")
    rows = Observation.objects.count()
    print(
        f"home page, {hours:2d} h stored ({rows:4d} rows): "
        f"strip queries {weather_queries(cold)} cold / {weather_queries(warm)} warm cache; "
        f"page total {len(cold)} / {len(warm)}"
    )


def render_figures() -> None:
    cold, warm = [], []
    for _ in range(50):
        invalidate()
        started = time.perf_counter()
        STRIP.render(Context())
        cold.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        STRIP.render(Context())
        warm.append((time.perf_counter() - started) * 1000)
    print(
        f"strip render: median {statistics.median(cold):.2f} ms cold cache, "
        f"{statistics.median(warm):.2f} ms warm cache"
    )


def main() -> None:
    setup_test_environment()
    # Its own database name: never clobber the test database a running `make test` uses.
    database = connection.settings_dict
    database["TEST"]["NAME"] = f"{database['NAME']}_bench_weather"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    plain_static = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    try:
        from django.conf import settings

        static = {**settings.STORAGES, "staticfiles": plain_static}
        # The full-page cache would hide the strip's own cost: measure rendered pages.
        with override_settings(STORAGES=static, PAGE_CACHE_SECONDS=0):
            client = Client()
            print("weather strip cost per rendered page (target: at most one query)")
            stored = 0
            for hours in (1, 48):
                store_hours(stored, hours)
                stored = hours
                page_figures(client, hours)
            render_figures()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


if __name__ == "__main__":
    main()
