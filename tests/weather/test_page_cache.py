"""The strip inside the full-page cache (newsroom/pagecache.py): new weather shows at once,
and a stored page never outlives the weather it shows as current."""

import time
from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from newsroom import pagecache
from tests.weather.recorded import last_hour, table_at
from weather import kma
from weather.models import Observation
from weather.strip import goes_stale_at, invalidate

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


def store(hour):
    Observation.objects.store(kma.parse(table_at(hour)))


def test_the_strip_hook_is_registered_with_the_page_cache():
    assert goes_stale_at in pagecache.next_change_hooks


def test_goes_stale_at_is_the_oldest_shown_reading_plus_the_limit(settings):
    settings.WEATHER_STALE_AFTER = timedelta(hours=3)
    hour = last_hour()
    assert goes_stale_at() is None
    store(hour - timedelta(hours=2))
    invalidate()  # as fetch_weather does once it has stored
    assert goes_stale_at() == hour - timedelta(hours=2) + timedelta(hours=3)


def test_a_fetch_shows_on_stored_pages_at_once(
    client, settings, django_capture_on_commit_callbacks
):
    settings.KMA_API_KEY = "key"
    hour = last_hour()
    store(hour - timedelta(hours=1))
    assert "29.1℃" in client.get("/").content.decode()  # now stored

    newer = table_at(hour).replace(b" 29.1 ", b" 30.4 ")
    with (
        mock.patch("weather.kma.fetch", return_value=newer),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("fetch_weather", stdout=StringIO())
    assert "30.4℃" in client.get("/").content.decode()


def test_a_stored_page_drops_the_strip_when_it_goes_stale(client, settings):
    hour = last_hour()
    store(hour)
    # Let the readings go stale one second from now.
    settings.WEATHER_STALE_AFTER = timezone.now() - hour + timedelta(seconds=1)
    assert "기상청 제공" in client.get("/").content.decode()
    time.sleep(1.2)
    assert "기상청 제공" not in client.get("/").content.decode()
