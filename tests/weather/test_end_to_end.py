"""fetch_weather against a fake KMA server on 127.0.0.1, then the strip on the home page."""

import os
import re
import subprocess
import sys
import time
from datetime import timedelta
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.weather.fake_kma import Reply
from tests.weather.recorded import last_hour, sample, table_at
from weather import kma
from weather.models import Observation
from weather.strip import invalidate

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def kma_at(settings, fake_kma):
    """Point the settings at the fake server, with short limits so failures stay quick."""
    settings.KMA_API_KEY = "e2e-key"
    settings.KMA_API_URL = fake_kma.url
    settings.KMA_TIMEOUT_SECONDS = 1
    settings.KMA_TRIES = 2
    return fake_kma


def strip_of(html: str) -> str:
    start = html.index('<section class="wx-strip"')
    return html[start : html.index("</section>", start)]


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_fetched_observations_appear_on_the_home_page(kma_at, client):
    hour = last_hour()
    kma_at.answer(Reply(200, table_at(hour)))
    call_command("fetch_weather", stdout=StringIO())

    assert kma_at.last_query() == {"stn": "0", "help": "0", "authKey": "e2e-key"}
    response = client.get("/")
    assert response.status_code == 200
    strip = text_of(strip_of(response.content.decode()))
    assert strip.startswith(f"기상청 제공 {hour:%m.%d %H:00} 기준")
    for shown in ("구름많음 동두천 27.7℃", "구름조금 서울 29.1℃", "박무 강화 26.9℃"):
        assert shown in strip


def test_the_next_hour_replaces_the_strip_and_a_missing_station_keeps_its_value(
    kma_at, client, django_capture_on_commit_callbacks
):
    hour = last_hour()
    kma_at.answer(Reply(200, table_at(hour - timedelta(hours=1))))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("fetch_weather", stdout=StringIO())
    client.get("/")  # the strip is cached now

    newer = table_at(hour).replace(b" 29.1 ", b" 30.4 ")  # Seoul warms up
    newer = b"\n".join(line for line in newer.split(b"\n") if b" 98 " not in line[:18])
    kma_at.answer(Reply(200, newer))
    with django_capture_on_commit_callbacks(execute=True):
        call_command("fetch_weather", stdout=StringIO())

    strip = text_of(strip_of(client.get("/").content.decode()))
    assert "구름조금 서울 30.4℃" in strip  # fetch_weather dropped the cached strip
    assert "구름많음 동두천 27.7℃" in strip  # absent from the newest table: previous value
    assert f"{hour:%m.%d %H:00} 기준" in strip


@pytest.mark.parametrize(
    ("status", "name", "reason"),
    [
        (401, "error-401-bad-key.json", "KMA HTTP 401: 유효한 인증키가 아닙니다."),
        (403, "error-403-not-subscribed.json", "KMA HTTP 403: 활용신청이 필요한 API 입니다."),
        (403, "error-403-quota.json", "KMA HTTP 403: API 호출 한도를 초과했습니다."),
        (200, "error-403-quota.json", "API 호출 한도를 초과했습니다."),
        (500, "error-502.html", "KMA HTTP 500"),
        (200, "truncated-202608181500.txt", "truncated"),
    ],
)
def test_kma_errors_fail_in_one_line_and_leave_the_strip_as_it_was(
    kma_at, client, status, name, reason
):
    Observation.objects.store(kma.parse(table_at(last_hour() - timedelta(hours=1))))
    before = strip_of(client.get("/").content.decode())
    kma_at.answer(Reply(status, sample(name)))
    with pytest.raises(CommandError) as caught:
        call_command("fetch_weather")
    assert reason in str(caught.value)
    assert "\n" not in str(caught.value)
    invalidate()
    assert strip_of(client.get("/").content.decode()) == before
    assert Observation.objects.count() == 16


def test_permanent_errors_are_not_retried_but_server_errors_are(kma_at):
    kma_at.answer(Reply(401, sample("error-401-bad-key.json")))
    with pytest.raises(CommandError):
        call_command("fetch_weather")
    assert kma_at.hits == 1
    kma_at.answer(Reply(500, b"busy"), Reply(200, table_at(last_hour())))
    call_command("fetch_weather", stdout=StringIO())
    assert kma_at.hits == 3
    assert Observation.objects.count() == 16


def test_a_server_that_never_answers_is_given_up_within_the_timeout(kma_at):
    kma_at.answer(Reply(hang=True))
    started = time.monotonic()
    with pytest.raises(CommandError, match="timeout"):
        call_command("fetch_weather")
    # Two tries of one second each, plus a one-second pause between them.
    assert time.monotonic() - started < 2 * 1 + 1 + 1.5
    assert not Observation.objects.exists()


def test_connection_refused_fails_in_one_line(settings, refused_url):
    settings.KMA_API_KEY, settings.KMA_API_URL = "e2e-key", refused_url
    settings.KMA_TRIES = 1
    with pytest.raises(CommandError, match="connection refused"):
        call_command("fetch_weather")


def test_home_page_strip_costs_at_most_one_query(kma_at, client):
    for back in range(24):
        Observation.objects.store(kma.parse(table_at(last_hour() - timedelta(hours=back))))
    client.get("/")  # warm everything but the strip
    invalidate()
    with CaptureQueriesContext(connection) as cold:
        client.get("/")
    with CaptureQueriesContext(connection) as warm:
        client.get("/")
    weather_queries = [q for q in cold.captured_queries if "weather_" in q["sql"]]
    assert len(weather_queries) == 1
    # invalidate() also moves the content version (stored pages must drop the old
    # strip), so version-keyed fragments may refill; the strip's own share is one query.
    assert len(cold) - len(warm) <= 2
    assert not [q for q in warm.captured_queries if "weather_" in q["sql"]]


def test_manage_py_exits_non_zero_with_one_line_and_no_traceback(refused_url):
    env = {**os.environ, "KMA_API_KEY": "x", "KMA_API_URL": refused_url, "KMA_TRIES": "1"}
    result = subprocess.run(
        [sys.executable, "manage.py", "fetch_weather"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert result.stderr.strip().splitlines() == [
        "CommandError: KMA 연결 거부 (connection refused) (1회 시도 후 포기, gave up after 1 tries)"
    ]
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "reply",
    [Reply(hang=True), Reply(200, b"#START7777\n#7777END\n", trickle_headers=0.3)],
    ids=["hanging", "trickling-headers"],
)
def test_fetch_weather_against_a_stuck_kma_fails_in_one_line_within_the_bound(
    fake_kma, settings, reply
):
    settings.KMA_API_KEY = "test-key"
    settings.KMA_API_URL = fake_kma.url
    settings.KMA_TIMEOUT_SECONDS = 1
    settings.KMA_TRIES = 3
    settings.KMA_TOTAL_TIMEOUT_SECONDS = 2
    fake_kma.answer(reply)
    started = time.monotonic()
    with pytest.raises(CommandError) as caught:
        call_command("fetch_weather")
    assert time.monotonic() - started < 2 + 1.0
    message = str(caught.value)
    assert "\n" not in message and "시간 초과" in message
