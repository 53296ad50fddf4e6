"""`manage.py load_demo_weather`: a recorded table fills the strip offline for `make run`."""

from datetime import datetime, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.template import Context, Template
from django.utils import timezone

from tests.weather.recorded import last_hour, table_at
from weather import kma
from weather.management.commands.load_demo_weather import DEMO_FILE, last_whole_hour
from weather.models import Observation

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


def test_demo_fills_the_strip():
    load_demo()
    html = Template("{% load weather %}{% weather_strip %}").render(Context())
    assert "동두천" in html and "27.7℃" in html and "기상청 제공" in html
