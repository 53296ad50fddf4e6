"""Station seeding and permissions; Observation.objects.store / prune / for_strip."""

import dataclasses
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import IntegrityError

from tests.weather.recorded import last_hour, table_at
from weather import kma
from weather.models import Observation, Station

pytestmark = pytest.mark.django_db

STRIP_ORDER = [
    (98, "동두천"),
    (105, "강릉"),
    (108, "서울"),
    (133, "대전"),
    (143, "대구"),
    (152, "울산"),
    (156, "광주"),
    (159, "부산"),
    (172, "고창"),
    (184, "제주"),
    (201, "강화"),
    (226, "보은"),
    (238, "금산"),
    (259, "강진군"),
    (283, "경주시"),
    (294, "거제"),
]


def readings_at(hour):
    return kma.parse(table_at(hour))


def one(station, hour, **changes):
    reading = next(r for r in readings_at(hour) if r.station == station)
    return dataclasses.replace(reading, **changes)


# --- stations ------------------------------------------------------------------------------


def test_migration_seeds_the_16_reference_stations_in_strip_order():
    assert list(Station.objects.values_list("number", "name")) == STRIP_ORDER
    assert Station.objects.filter(active=True).count() == 16


def test_editors_may_add_change_and_view_stations_but_not_delete():
    editors = Group.objects.get(name="편집자")
    codenames = set(
        editors.permissions.filter(content_type__app_label="weather").values_list(
            "codename", flat=True
        )
    )
    assert {"add_station", "change_station", "view_station"} <= codenames
    assert "delete_station" not in codenames
    assert not codenames & {"add_observation", "change_observation", "delete_observation"}


def test_station_numbers_are_unique():
    with pytest.raises(IntegrityError):
        Station.objects.create(number=108, name="서울 둘째")


# --- store ---------------------------------------------------------------------------------


def test_store_keeps_our_16_stations_of_95_rows():
    hour = last_hour()
    assert Observation.objects.store(readings_at(hour)) == 16
    assert Observation.objects.filter(observed_at=hour).count() == 16
    seoul = Observation.objects.get(station__number=108)
    assert (seoul.temperature, seoul.condition, seoul.humidity) == (29.1, "구름조금", 61.0)
    assert (seoul.wind_direction, seoul.wind_speed, seoul.cloud_total) == (190, 1.5, 4)


def test_store_keeps_missing_values_as_null_never_as_sentinels():
    Observation.objects.store(readings_at(last_hour()))
    gangjin = Observation.objects.get(station__number=259)
    assert gangjin.temperature is None
    assert gangjin.precipitation is None
    assert not Observation.objects.filter(temperature__lte=-99).exists()


def test_store_ignores_stations_we_do_not_know():
    hour = last_hour()
    assert Observation.objects.store([one(251, hour), one(90, hour)]) == 0
    assert not Observation.objects.exists()


def test_store_is_idempotent():
    hour = last_hour()
    Observation.objects.store(readings_at(hour))
    before = list(Observation.objects.order_by("pk").values("pk", "temperature", "condition"))
    assert Observation.objects.store(readings_at(hour)) == 16
    after = list(Observation.objects.order_by("pk").values("pk", "temperature", "condition"))
    assert after == before


def test_store_updates_a_corrected_row_in_place():
    hour = last_hour()
    Observation.objects.store([one(108, hour)])
    Observation.objects.store([one(108, hour, temperature=28.0, condition="비")])
    seoul = Observation.objects.get()
    assert (seoul.temperature, seoul.condition) == (28.0, "비")


def test_duplicate_rows_in_one_table_are_stored_once():
    hour = last_hour()
    first, second = one(108, hour), one(108, hour, temperature=30.0)
    assert Observation.objects.store([first, second]) == 1
    assert Observation.objects.get().temperature == 30.0  # the later row wins


def test_store_skips_rows_from_the_future():
    hour = last_hour()
    assert Observation.objects.store([one(108, hour + timedelta(hours=2))]) == 0
    assert not Observation.objects.exists()


def test_store_skips_rows_older_than_the_keep_period(settings):
    settings.WEATHER_KEEP_DAYS = 7
    hour = last_hour()
    assert Observation.objects.store([one(108, hour - timedelta(days=8))]) == 0
    assert Observation.objects.store([one(108, hour - timedelta(days=6))]) == 1


# --- prune ---------------------------------------------------------------------------------


def test_prune_deletes_observations_past_the_keep_period(settings):
    settings.WEATHER_KEEP_DAYS = 30
    hour = last_hour()
    Observation.objects.store([one(108, hour - timedelta(days=d)) for d in (0, 10, 29)])
    settings.WEATHER_KEEP_DAYS = 5
    assert Observation.objects.prune() == 2
    assert list(Observation.objects.values_list("observed_at", flat=True)) == [hour]


# --- for_strip -----------------------------------------------------------------------------


def strip_rows(hour):
    rows = Observation.objects.for_strip(since=hour - timedelta(hours=3), until=hour)
    return {o.station.number: o for o in rows}


def test_for_strip_gives_each_station_its_newest_observation():
    hour = last_hour()
    Observation.objects.store(readings_at(hour - timedelta(hours=1)))
    Observation.objects.store([one(108, hour, temperature=31.5)])
    rows = strip_rows(hour)
    assert len(rows) == 16
    assert rows[108].temperature == 31.5
    assert rows[98].observed_at == hour - timedelta(hours=1)


def test_for_strip_prefers_an_older_reading_with_a_temperature():
    hour = last_hour()
    Observation.objects.store([one(108, hour - timedelta(hours=1))])
    Observation.objects.store([one(108, hour, temperature=None)])
    assert strip_rows(hour)[108].temperature == 29.1


def test_for_strip_leaves_out_inactive_stations_and_rows_outside_the_window():
    hour = last_hour()
    Observation.objects.store(readings_at(hour - timedelta(hours=4)))
    Observation.objects.store([one(108, hour), one(98, hour)])
    Station.objects.filter(number=98).update(active=False)
    assert set(strip_rows(hour)) == {108}
