"""`manage.py load_demo_weather`: a recorded table fills the strip offline for `make run`."""

from datetime import datetime, timedelta
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.template import Context, Template
from django.utils import timezone

from tests.weather.recorded import last_hour, table_at
from weather import kma
from weather.management.commands.load_demo_weather import DEMO_FILE, last_whole_hour, seasonal
from weather.models import Observation
from weather.strip import invalidate

pytestmark = pytest.mark.django_db


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo_weather", stdout=out)
    return out.getvalue()


def test_demo_file_is_a_full_kma_table_in_the_repository():
    assert DEMO_FILE.is_file()
    assert len(kma.parse(DEMO_FILE.read_bytes())) > 16


def test_demo_is_stamped_at_the_last_whole_hour_never_later():
    before = timezone.now()
    load_demo()
    stamps = set(Observation.objects.values_list("observed_at", flat=True))
    assert len(stamps) == 1
    (stamp,) = stamps
    assert stamp <= before
    assert before - stamp < timedelta(hours=1)
    assert stamp.astimezone(kma.KST).minute == 0
    assert Observation.objects.count() == 16


@pytest.mark.parametrize(
    ("now", "hour"),
    [("14:59:59", "14:00"), ("15:00:00", "15:00"), ("00:30:00", "00:00")],
)
def test_last_whole_hour(now, hour):
    moment = datetime.fromisoformat(f"2026-11-24T{now}+09:00")
    assert last_whole_hour(moment).strftime("%H:%M") == hour


def test_loading_twice_changes_nothing():
    load_demo()
    first = list(Observation.objects.order_by("pk").values())
    assert "건너뜁니다" in load_demo()
    assert list(Observation.objects.order_by("pk").values()) == first


def test_real_data_for_the_hour_is_never_overwritten():
    real = kma.parse(table_at(last_hour()).replace(b" 29.1 ", b" 11.1 "))
    Observation.objects.store(real)
    load_demo()
    assert Observation.objects.get(station__number=108).temperature == 11.1


def render_strip() -> str:
    return Template("{% load weather %}{% weather_strip %}").render(Context())


def test_demo_fills_the_strip_marked_as_demo():
    load_demo()
    html = render_strip()
    assert "동두천" in html and "℃" in html
    assert "wx-strip__demo" in html and "데모" in html
    # the recorded table is not today's KMA weather, and says so next to the attribution
    assert "예시 자료 (기상청 제공 형식, 실제 관측 아님)" in html
    assert Observation.objects.filter(demo=False).count() == 0


def load_demo_at(moment: datetime) -> None:
    with mock.patch(
        "weather.management.commands.load_demo_weather.timezone.now", return_value=moment
    ):
        load_demo()


def test_demo_fits_the_season_of_the_day_it_is_loaded():
    load_demo_at(timezone.now().replace(month=12, day=3))
    # Seoul's recorded August afternoon is 29.1℃; December's demo is a winter afternoon.
    seoul = Observation.objects.get(station__number=108)
    assert seoul.temperature == pytest.approx(29.1 - 25.9)
    assert all(
        t < 10
        for t in Observation.objects.exclude(temperature=None).values_list("temperature", flat=True)
    )


def test_august_demo_is_the_recorded_table():
    load_demo_at(timezone.now().replace(month=8, day=18))
    assert Observation.objects.get(station__number=108).temperature == 29.1


@pytest.mark.parametrize("month", range(1, 13))
def test_no_rain_words_below_freezing(month):
    reading = next(r for r in kma.parse(DEMO_FILE.read_bytes()) if r.condition == "비")
    shifted = seasonal(reading, month)
    if shifted.temperature <= 1.0:
        assert shifted.condition == "눈"
    else:
        assert shifted.condition == "비"


def test_first_real_fetch_of_the_hour_replaces_the_demo_wholly():
    load_demo()
    hour = last_whole_hour(timezone.now())
    # KMA's table lacks Seoul this hour: Seoul must not keep the demo's made-up value.
    real = [r for r in kma.parse(table_at(hour)) if r.station != 108]
    Observation.objects.store(real)
    assert not Observation.objects.filter(demo=True).exists()
    assert not Observation.objects.filter(station__number=108).exists()
    invalidate()
    html = render_strip()
    assert "기상청 제공" in html and "데모" not in html and "서울" not in html


def test_a_real_fetch_also_ends_earlier_demo_hours():
    earlier = timezone.now() - timedelta(hours=2)
    load_demo_at(earlier)
    Observation.objects.store(kma.parse(table_at(last_whole_hour(timezone.now()))))
    assert not Observation.objects.filter(demo=True).exists()


def test_a_real_fetch_of_an_older_hour_keeps_a_newer_demo():
    load_demo()
    older = last_whole_hour(timezone.now()) - timedelta(hours=3)
    Observation.objects.store(kma.parse(table_at(older)))
    assert Observation.objects.filter(demo=True).count() == 16
