"""weather.kma.build_url and fetch, against a fake KMA server on 127.0.0.1 (no real network)."""

import time
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.weather.fake_kma import Reply
from weather import kma

FAST = {"timeout": 0.5, "backoff": 0.01}


# --- build_url --------------------------------------------------------------------------------


def query(url):
    return {name: values[0] for name, values in parse_qs(urlsplit(url).query).items()}


def test_build_url_asks_for_every_station_at_the_kst_hour():
    url = kma.build_url(datetime(2026, 8, 18, 6, 0, tzinfo=UTC), "KEY", kma.DEFAULT_URL)
    assert url.startswith(kma.DEFAULT_URL + "?")
    assert query(url) == {"tm": "202608181500", "stn": "0", "help": "0", "authKey": "KEY"}


def test_build_url_floors_to_the_hour():
    at = datetime(2026, 8, 18, 15, 42, 7, tzinfo=kma.KST)
    assert query(kma.build_url(at, "KEY"))["tm"] == "202608181500"


def test_build_url_without_a_time_asks_for_the_newest_hour():
    assert "tm" not in query(kma.build_url(None, "KEY"))


def test_build_url_quotes_the_key_and_keeps_an_existing_query():
    url = kma.build_url(None, "a+b/c=", "http://127.0.0.1:1/x.php?mode=t")
    assert url.startswith("http://127.0.0.1:1/x.php?mode=t&")
    assert query(url)["authKey"] == "a+b/c="


def test_build_url_refuses_naive_times_and_empty_keys():
    with pytest.raises(ValueError):
        kma.build_url(datetime(2026, 8, 18, 15), "KEY")
    with pytest.raises(ValueError):
        kma.build_url(None, "")


# --- fetch -----------------------------------------------------------------------------------


def test_fetch_returns_the_body_bytes(fake_kma, kma_sample):
    fake_kma.answer(Reply(200, kma_sample()))
    assert kma.fetch(fake_kma.url + "?tm=202608181500", **FAST) == kma_sample()
    assert fake_kma.paths == ["/api/typ01/url/kma_sfctm2.php?tm=202608181500"]


def test_fetch_returns_an_error_body_sent_with_200_for_parse_to_judge(fake_kma, kma_sample):
    fake_kma.answer(Reply(200, kma_sample("error-403-quota.json")))
    with pytest.raises(kma.KmaResponseError, match="한도"):
        kma.parse(kma.fetch(fake_kma.url, **FAST))


@pytest.mark.parametrize(
    ("status", "name", "message"),
    [
        (401, "error-401-bad-key.json", "유효한 인증키가 아닙니다."),
        (403, "error-403-not-subscribed.json", "활용신청이 필요한 API 입니다."),
        (403, "error-403-quota.json", "API 호출 한도를 초과했습니다."),
        (404, "error-404-bad-path.json", "유효하지 않은 API 입니다."),
    ],
)
def test_permanent_http_errors_fail_at_once_with_the_envelope_message(
    fake_kma, kma_sample, status, name, message
):
    fake_kma.answer(Reply(status, kma_sample(name), content_type="application/json"))
    with pytest.raises(kma.KmaHTTPError) as caught:
        kma.fetch(fake_kma.url, tries=3, **FAST)
    assert caught.value.status == status
    assert str(caught.value) == f"KMA HTTP {status}: {message}"
    assert fake_kma.hits == 1


def test_server_errors_are_retried_then_reported(fake_kma, kma_sample):
    fake_kma.answer(Reply(502, kma_sample("error-502.html"), content_type="text/html"))
    with pytest.raises(kma.KmaHTTPError) as caught:
        kma.fetch(fake_kma.url, tries=3, **FAST)
    assert caught.value.status == 502
    assert "502 Bad Gateway" in str(caught.value)
    assert "3회 시도" in str(caught.value)
    assert "\n" not in str(caught.value)
    assert fake_kma.hits == 3


def test_a_transient_error_then_success_returns_the_body(fake_kma, kma_sample):
    fake_kma.answer(Reply(500, b"oops"), Reply(503, b""), Reply(200, kma_sample()))
    assert kma.fetch(fake_kma.url, tries=3, **FAST) == kma_sample()
    assert fake_kma.hits == 3


def test_connection_refused_is_retried_and_reported(refused_url):
    with pytest.raises(kma.KmaConnectionError, match="connection refused"):
        kma.fetch(refused_url, tries=2, **FAST)


def test_a_server_that_never_answers_is_given_up_within_the_timeout(fake_kma):
    fake_kma.answer(Reply(hang=True))
    started = time.monotonic()
    with pytest.raises(kma.KmaTimeout, match="timeout"):
        kma.fetch(fake_kma.url, timeout=0.3, tries=2, backoff=0.01)
    assert time.monotonic() - started < 2 * 0.3 + 0.5
    assert fake_kma.hits == 2


def test_a_body_trickling_past_the_timeout_is_given_up(fake_kma, kma_sample):
    fake_kma.answer(Reply(200, kma_sample(), trickle=0.01))  # ~26 KB would take minutes
    started = time.monotonic()
    with pytest.raises(kma.KmaTimeout):
        kma.fetch(fake_kma.url, timeout=0.3, tries=1)
    assert time.monotonic() - started < 0.3 + 0.5


def test_the_key_never_appears_in_an_error(refused_url):
    with pytest.raises(kma.KmaError) as caught:
        kma.fetch("ftp://example.invalid/x?authKey=SECRET", **FAST)
    assert "SECRET" not in str(caught.value)
    with pytest.raises(kma.KmaError) as caught:
        kma.fetch(refused_url + "?authKey=SECRET", tries=1, **FAST)
    assert "SECRET" not in str(caught.value)


@pytest.mark.parametrize(
    "url",
    [
        "http://[::1/kma_sfctm2.php?authKey=secret",
        "http://127.0.0.1:port/x",
        "ftp://x/y",
        "http:///x",
    ],
)
def test_a_malformed_kma_url_is_one_line_error_not_a_traceback(url):
    with pytest.raises(kma.KmaError) as raised:
        kma.fetch(url, timeout=1, tries=1)
    assert "secret" not in str(raised.value)


# --- the whole fetch is bounded (issue 8) -----------------------------------------------------


def test_headers_trickled_a_byte_a_second_are_cut_off_at_the_try_timeout(fake_kma, kma_sample):
    # Each byte comes well within any socket timeout, so only a deadline ends this try.
    fake_kma.answer(Reply(200, kma_sample(), trickle_headers=0.2))
    started = time.monotonic()
    with pytest.raises(kma.KmaTimeout, match="timeout"):
        kma.fetch(fake_kma.url, timeout=0.6, tries=1)
    assert time.monotonic() - started < 0.6 + 0.5


def test_all_tries_together_stay_within_the_total_timeout(fake_kma, kma_sample):
    fake_kma.answer(Reply(200, kma_sample(), trickle_headers=0.2))
    started = time.monotonic()
    with pytest.raises(kma.KmaTimeout) as caught:
        kma.fetch(fake_kma.url, timeout=0.6, tries=5, backoff=0.05, total_timeout=1.0)
    assert time.monotonic() - started < 1.0 + 0.5
    assert "\n" not in str(caught.value) and "초" in str(caught.value)
    assert fake_kma.hits < 5


def test_a_hanging_server_within_the_total_timeout(fake_kma):
    fake_kma.answer(Reply(hang=True))
    started = time.monotonic()
    with pytest.raises(kma.KmaTimeout):
        kma.fetch(fake_kma.url, timeout=5, tries=3, backoff=0.01, total_timeout=0.8)
    assert time.monotonic() - started < 0.8 + 0.5
