"""The strip as readers see it: {% weather_strip %}, its query budget and its staleness rule."""

import dataclasses
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path
from unittest import mock

import pytest
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext

from tests.weather.recorded import last_hour, table_at
from weather import kma
from weather.conditions import ICON_SLUGS
from weather.kma import KST
from weather.models import Observation, Station
from weather.strip import as_of_label, format_temperature, invalidate

pytestmark = pytest.mark.django_db

# tests/weather/data/README.md, in strip order: what a reader sees for each station.
EXPECTED_ITEMS = [
    "구름많음 동두천 27.7℃",
    "흐림 강릉 29.4℃",
    "구름조금 서울 29.1℃",
    "구름조금 대전 30.2℃",
    "맑음 대구 32.3℃",
    "연무 울산 29.5℃",
    "맑음 광주 31.6℃",
    "구름조금 부산 26.6℃",
    "비 고창 24.8℃",
    "맑음 제주 29.6℃",
    "박무 강화 26.9℃",
    "비 보은 28.2℃",
    "소나기 금산 25.3℃",
    # 강진군 (TA -99.0) and 경주시 (cloud missing) have no complete reading and no earlier
    # one: left out, never a box without a temperature or without a condition word.
    "구름많음 거제 28.1℃",
]


def render_strip() -> str:
    return Template("{% load weather %}{% weather_strip %}").render(Context())


def items(html: str) -> list[str]:
    """The visible text of each station in the first (non-echo) list."""
    first_list = html.split('<ul class="wx-strip__list"', 1)[1].split("</ul>", 1)[0]
    entries = re.findall(r"<li[^>]*>(.*?)</li>", first_list, re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", entry).split()) for entry in entries]


def store(hour, **kwargs):
    Observation.objects.store(kma.parse(table_at(hour)), **kwargs)


def store_one(station, hour, **changes):
    reading = next(r for r in kma.parse(table_at(hour)) if r.station == station)
    Observation.objects.store([dataclasses.replace(reading, **changes)])


@pytest.mark.parametrize(
    ("value", "text"),
    [(29.1, "29.1℃"), (-3.4, "-3.4℃"), (0.0, "0.0℃"), (-0.04, "0.0℃"), (30.0, "30.0℃")],
)
def test_temperature_format(value, text):
    assert format_temperature(value) == text


def test_temperature_format_missing_is_empty():
    assert format_temperature(None) == ""


def test_as_of_label_is_month_day_hour_in_kst():
    assert as_of_label(datetime(2026, 11, 24, 5, 0, tzinfo=UTC)) == "11.24 14:00"


def test_strip_shows_every_station_as_in_the_expected_table():
    hour = last_hour()
    store(hour)
    html = render_strip()
    assert items(html) == EXPECTED_ITEMS
    assert "-99" not in html
    assert "강진군" not in html and "경주시" not in html


def test_strip_credits_kma_and_says_when_it_was_observed():
    hour = last_hour()
    store(hour)
    html = render_strip()
    assert "기상청 제공" in html
    assert f"{hour:%m.%d %H:00} 기준" in html
    assert f'datetime="{hour.isoformat()}"' in html


def test_each_condition_has_its_icon():
    store(last_hour())
    html = render_strip()
    assert "icons.svg#wx-mostly-cloudy" in html
    assert "icons.svg#wx-haze" in html
    assert "icons.svg#wx-shower" in html


def test_echo_copy_for_the_ticker_is_hidden_from_screen_readers():
    store(last_hour())
    html = render_strip()
    assert html.count("<ul") == 2
    assert 'wx-strip__list--echo" aria-hidden="true"' in html


def test_no_observations_no_strip():
    assert render_strip().strip() == ""


def test_stale_data_is_not_shown_as_current(settings):
    settings.WEATHER_STALE_AFTER = timedelta(hours=3)
    store(last_hour() - timedelta(hours=4))
    assert render_strip().strip() == ""


def test_staleness_limit_is_configurable(settings):
    store(last_hour() - timedelta(hours=4))
    settings.WEATHER_STALE_AFTER = timedelta(hours=6)
    assert len(items(render_strip())) == 14


def test_a_station_missing_from_the_newest_table_keeps_its_last_value():
    hour = last_hour()
    store(hour - timedelta(hours=1))
    newest = [r for r in kma.parse(table_at(hour)) if r.station != 108]
    Observation.objects.store(newest)
    shown = items(render_strip())
    # Seoul's hour-old reading says its own time: not passed off as the strip's hour.
    assert f"구름조금 서울 29.1℃ {hour - timedelta(hours=1):%H:00}" in shown
    assert len(shown) == 14
    assert f"{hour:%m.%d %H:00} 기준" in render_strip()


def test_a_missing_temperature_keeps_the_previous_reading():
    hour = last_hour()
    store_one(108, hour - timedelta(hours=2), temperature=27.0, condition="맑음")
    store_one(108, hour, temperature=None, condition="흐림")
    assert items(render_strip()) == ["맑음 서울 27.0℃"]


def test_a_missing_condition_word_keeps_the_previous_reading():
    hour = last_hour()
    store_one(108, hour - timedelta(hours=1), temperature=27.0, condition="맑음")
    store_one(108, hour, temperature=28.0, condition="")
    assert items(render_strip()) == ["맑음 서울 27.0℃"]


def test_an_earlier_reading_shows_its_time_beside_a_current_station():
    hour = last_hour()
    store_one(108, hour - timedelta(hours=2), temperature=27.0, condition="맑음")
    store_one(108, hour, temperature=None, condition="흐림")
    store_one(98, hour, temperature=20.0, condition="흐림")
    html = render_strip()
    assert items(html) == [
        "흐림 동두천 20.0℃",
        f"맑음 서울 27.0℃ {hour - timedelta(hours=2):%H:00}",
    ]
    assert f"{hour:%m.%d %H:00} 기준" in html


def test_a_previous_reading_past_the_limit_is_not_kept(settings):
    settings.WEATHER_STALE_AFTER = timedelta(hours=3)
    hour = last_hour()
    store_one(108, hour - timedelta(hours=5), temperature=27.0)
    store_one(108, hour, temperature=None, condition="흐림")
    assert render_strip().strip() == ""


@pytest.mark.parametrize(
    "changes",
    [{"temperature": None, "condition": ""}, {"temperature": None}, {"condition": ""}],
)
def test_an_incomplete_reading_with_nothing_earlier_is_left_out(changes):
    store_one(108, last_hour(), **{"temperature": 20.0, "condition": "맑음", **changes})
    assert render_strip().strip() == ""


def test_real_data_is_credited_to_kma_not_marked_demo():
    store(last_hour())
    html = render_strip()
    assert "기상청 제공" in html and "데모" not in html


def test_inactive_stations_are_hidden_and_order_is_the_editors():
    hour = last_hour()
    store(hour)
    Station.objects.filter(number=98).update(active=False)
    Station.objects.filter(number=294).update(order=1)
    invalidate()
    shown = items(render_strip())
    assert shown[0] == "구름많음 거제 28.1℃"
    assert not any("동두천" in s for s in shown)


def test_editing_a_station_in_the_admin_shows_on_the_next_page():
    store(last_hour())
    render_strip()  # fills the cache
    seoul = Station.objects.get(number=108)
    seoul.name = "서울(종로)"
    seoul.save()  # the save signal drops the cached strip
    assert "구름조금 서울(종로) 29.1℃" in items(render_strip())


def test_future_rows_never_become_the_current_strip():
    hour = last_hour()
    store(hour)
    # Written directly, as a stray row could be; store() itself would refuse it.
    Observation.objects.filter(station__number=108).update(observed_at=hour + timedelta(days=1))
    invalidate()
    assert not any("서울" in s for s in items(render_strip()))


def test_rendering_never_calls_kma():
    store(last_hour())
    with mock.patch("weather.kma.fetch", side_effect=AssertionError("KMA called")) as fetch:
        render_strip()
    fetch.assert_not_called()


# --- query budget ---------------------------------------------------------------------------


@pytest.mark.parametrize("hours_stored", [1, 48])
def test_strip_costs_one_query_then_cache_hits(hours_stored):
    hour = last_hour()
    for back in range(hours_stored):
        store(hour - timedelta(hours=back))
    with CaptureQueriesContext(connection) as cold:
        render_strip()
    with CaptureQueriesContext(connection) as warm:
        for _ in range(5):
            render_strip()
    assert len(cold) == 1
    assert len(warm) == 0


def test_the_cached_strip_still_drops_rows_that_went_stale(settings):
    settings.WEATHER_STALE_AFTER = timedelta(hours=3)
    hour = last_hour()
    store(hour - timedelta(hours=2))
    render_strip()
    settings.WEATHER_STALE_AFTER = timedelta(hours=1)  # as if two hours had passed
    assert render_strip().strip() == ""


def test_as_of_is_the_newest_shown_observation():
    hour = last_hour()
    store(hour - timedelta(hours=1))
    store_one(108, hour)
    html = render_strip()
    assert f"{hour.astimezone(KST):%m.%d %H:00} 기준" in html


# --- static parts: icons and the ticker's CSS -----------------------------------------------

STATIC = Path(__file__).resolve().parents[2] / "static" / "weather"


def test_every_condition_word_has_a_symbol_in_the_icon_sprite():
    symbols = set(re.findall(r'<symbol id="wx-([a-z-]+)"', (STATIC / "icons.svg").read_text()))
    assert symbols == set(ICON_SLUGS.values())


def test_the_ticker_stands_still_for_reduced_motion_and_needs_no_javascript():
    css = (STATIC / "strip.css").read_text()
    reduced = css.split("@media (prefers-reduced-motion: reduce)", 1)[1]
    assert "animation: none" in reduced.split("@media", 1)[0]
    assert ".wx-strip__list--echo" in reduced.split("@media", 1)[0]
    assert "<script" not in Path(STATIC.parents[1], "templates/weather/strip.html").read_text()
