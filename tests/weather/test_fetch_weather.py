"""`manage.py fetch_weather`: stores one hour, or fails in one line and changes nothing.

KMA is replaced by patching ``weather.kma.fetch``; test_end_to_end.py runs the real fetch
against a fake server.
"""

from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.template import Context, Template

from newsroom import pagecache
from tests.weather.recorded import last_hour, sample, table_at
from weather import kma
from weather.models import Observation

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def kma_settings(settings):
    settings.KMA_API_KEY = "test-key"
    settings.KMA_API_URL = "http://127.0.0.1:9/api/typ01/url/kma_sfctm2.php"
    settings.KMA_TIMEOUT_SECONDS = 1
    settings.KMA_TRIES = 1
    return settings


def fetch_weather(*args, body=None, error=None):
    """Run the command with KMA answering ``body`` (or raising ``error``); returns (out, fetch)."""
    out = StringIO()
    with mock.patch("weather.kma.fetch", return_value=body, side_effect=error) as fetch:
        call_command("fetch_weather", *args, stdout=out)
    return out.getvalue(), fetch


def snapshot():
    return list(Observation.objects.order_by("pk").values())


@pytest.fixture
def stored_before():
    """An hour already stored, which every failure below must leave exactly as it was."""
    Observation.objects.store(kma.parse(table_at(last_hour() - timedelta(hours=1))))
    return snapshot()


def test_stores_our_16_stations_and_says_so():
    hour = last_hour()
    out, fetch = fetch_weather(body=table_at(hour))
    assert Observation.objects.filter(observed_at=hour).count() == 16
    assert f"관측 16건 저장 ({hour:%m.%d %H:00} 기준)" in out
    url = fetch.call_args.args[0]
    assert url.startswith("http://127.0.0.1:9/api/typ01/url/kma_sfctm2.php?")
    assert "authKey=test-key" in url and "stn=0" in url and "tm=" not in url
    assert fetch.call_args.kwargs == {"timeout": 1, "tries": 1, "total_timeout": 15}


def test_verbosity_0_keeps_a_successful_run_quiet_for_cron():
    # The cron line in docs/operations.md relies on it: cron mails whatever a job prints.
    out = StringIO()
    with mock.patch("weather.kma.fetch", return_value=table_at(last_hour())):
        call_command("fetch_weather", verbosity=0, stdout=out)
    assert out.getvalue() == ""
    assert Observation.objects.count() == 16


def test_at_asks_kma_for_that_hour():
    hour = last_hour() - timedelta(hours=2)
    _, fetch = fetch_weather("--at", f"{hour:%Y%m%d%H%M}", body=table_at(hour))
    assert f"tm={hour:%Y%m%d%H00}" in fetch.call_args.args[0]
    assert Observation.objects.filter(observed_at=hour).count() == 16


def test_running_twice_changes_nothing():
    body = table_at(last_hour())
    fetch_weather(body=body)
    first = snapshot()
    fetch_weather(body=body)
    assert [{**row, "stored_at": None} for row in snapshot()] == [
        {**row, "stored_at": None} for row in first
    ]


def test_storing_prunes_old_observations(settings):
    settings.WEATHER_KEEP_DAYS = 2
    old = last_hour() - timedelta(days=1, hours=23)
    Observation.objects.store(kma.parse(table_at(old)))
    settings.WEATHER_KEEP_DAYS = 1
    out, _ = fetch_weather(body=table_at(last_hour()))
    assert "오래된 관측 16건 삭제" in out
    assert not Observation.objects.filter(observed_at=old).exists()


WEATHER_VERSION = pagecache.VERSION_PREFIX + "weather"


def test_storing_ends_the_cached_strip_once_committed(django_capture_on_commit_callbacks):
    cache.set(WEATHER_VERSION, "1")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        fetch_weather(body=table_at(last_hour()))
    assert callbacks
    assert cache.get(WEATHER_VERSION) != "1"


def test_a_failed_fetch_keeps_the_cached_strip(django_capture_on_commit_callbacks):
    cache.set(WEATHER_VERSION, "1")
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        fails(body=sample("error-403-quota.json"))
    assert callbacks == []
    assert cache.get(WEATHER_VERSION) == "1"


# --- failures: one line, non-zero, nothing changed -------------------------------------------


def fails(*args, body=None, error=None) -> str:
    with pytest.raises(CommandError) as caught:
        fetch_weather(*args, body=body, error=error)
    message = str(caught.value)
    assert message and "\n" not in message
    assert "Traceback" not in message
    return message


def test_no_key_fails_before_calling_kma(settings, stored_before):
    settings.KMA_API_KEY = ""
    with (
        mock.patch("weather.kma.fetch") as fetch,
        pytest.raises(CommandError, match="KMA_API_KEY"),
    ):
        call_command("fetch_weather")
    fetch.assert_not_called()
    assert snapshot() == stored_before


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty-body.txt", "empty body"),
        ("error-401-bad-key.json", "유효한 인증키가 아닙니다."),
        ("error-403-not-subscribed.json", "활용신청이 필요한 API 입니다."),
        ("error-403-quota.json", "API 호출 한도를 초과했습니다."),
        ("error-404-bad-path.json", "유효하지 않은 API 입니다."),
        ("error-502.html", "HTML"),
        ("truncated-202608181500.txt", "truncated"),
        ("no-rows-202608181600.txt", "no rows"),
    ],
)
def test_bad_bodies_fail_with_their_reason(name, reason, stored_before):
    assert reason in fails(body=sample(name))
    assert snapshot() == stored_before


@pytest.mark.parametrize(
    "error",
    [
        kma.KmaHTTPError(401, "KMA HTTP 401: 유효한 인증키가 아닙니다."),
        kma.KmaHTTPError(403, "KMA HTTP 403: 활용신청이 필요한 API 입니다."),
        kma.KmaHTTPError(500, "KMA HTTP 500: Internal Server Error"),
        kma.KmaConnectionError("KMA 연결 거부 (connection refused)"),
        kma.KmaTimeout("KMA 응답 시간 초과 (timeout after 1s)"),
    ],
    ids=["401", "403", "500", "refused", "timeout"],
)
def test_fetch_errors_fail_with_their_reason(error, stored_before):
    assert fails(error=error) == str(error)
    assert snapshot() == stored_before


def test_a_table_without_our_stations_fails(stored_before):
    ours = {98, 105, 108, 133, 143, 152, 156, 159, 172, 184, 201, 226, 238, 259, 283, 294}
    body = table_at(last_hour())
    lines = [
        line
        for line in body.split(b"\n")
        if line.startswith(b"#") or not line.strip() or int(line.split()[1]) not in ours
    ]
    assert "no rows for our stations" in fails(body=b"\n".join(lines))
    assert snapshot() == stored_before


def test_a_table_from_the_future_fails(stored_before):
    assert "no rows for our stations" in fails(body=table_at(last_hour() + timedelta(hours=3)))
    assert snapshot() == stored_before


def test_a_table_from_the_far_past_fails(stored_before):
    # The August samples as recorded: older than the keep period.
    assert "no rows for our stations" in fails(body=sample())
    assert snapshot() == stored_before


def test_a_failure_while_storing_rolls_everything_back(stored_before):
    with (
        mock.patch.object(
            type(Observation.objects), "prune", side_effect=RuntimeError("disk full")
        ),
        pytest.raises(RuntimeError),
    ):
        fetch_weather(body=table_at(last_hour()))
    assert snapshot() == stored_before


@pytest.mark.parametrize("value", ["2026081815", "20260818150", "2026-08-18", "202613011200", "x"])
def test_at_must_be_yyyymmddhhmm(value):
    with mock.patch("weather.kma.fetch") as fetch:
        assert "YYYYMMDDHHMM" in fails("--at", value)
    fetch.assert_not_called()


def test_at_in_the_future_is_refused_without_calling_kma():
    future = last_hour() + timedelta(hours=2)
    with mock.patch("weather.kma.fetch") as fetch:
        assert "future" in fails("--at", f"{future:%Y%m%d%H%M}")
    fetch.assert_not_called()


def test_at_older_than_the_keep_period_is_refused(settings):
    settings.WEATHER_KEEP_DAYS = 30
    past = last_hour() - timedelta(days=31)
    with mock.patch("weather.kma.fetch") as fetch:
        assert "30일" in fails("--at", f"{past:%Y%m%d%H%M}")
    fetch.assert_not_called()


def test_malformed_rows_are_skipped_and_the_rest_stored():
    body = table_at(last_hour())
    seoul = next(line for line in body.split(b"\n") if b" 108 " in line[:18])
    body = body.replace(seoul, seoul[:60])  # cut Seoul's row short
    fetch_weather(body=body)
    assert Observation.objects.count() == 15
    assert not Observation.objects.filter(station__number=108).exists()


def test_numbers_no_station_reports_cost_neither_the_hour_nor_the_strip():
    body = table_at(last_hour())
    seoul = next(line for line in body.split(b"\n") if b" 108 " in line[:18])
    columns = seoul.split()
    columns[kma.TA], columns[kma.WC] = b"2910.0", b"40000"  # too big for its column
    daejeon = next(line for line in body.split(b"\n") if b" 133 " in line[:18])
    long_ww = daejeon.split()
    long_ww[kma.WW] = b"01" * 21
    body = body.replace(seoul, b" ".join(columns)).replace(daejeon, b" ".join(long_ww))
    fetch_weather(body=body)
    assert Observation.objects.count() == 15  # Daejeon's row skipped, the others stored
    stored = Observation.objects.get(station__number=108)
    assert (stored.temperature, stored.wc) == (None, None)


def test_a_malformed_row_in_the_newest_table_keeps_the_previous_value_on_the_strip(
    django_capture_on_commit_callbacks,
):
    hour = last_hour()
    Observation.objects.store(kma.parse(table_at(hour - timedelta(hours=1))))
    body = table_at(hour).replace(b" 29.1 ", b" 3O.4 ")  # Seoul's TA garbled
    with django_capture_on_commit_callbacks(execute=True):
        fetch_weather(body=body)
    html = Template("{% load weather %}{% weather_strip %}").render(Context())
    assert "29.1℃" in html  # Seoul's previous hour, not a gap and not garbage
    assert Observation.objects.filter(observed_at=hour).count() == 15
