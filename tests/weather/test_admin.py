"""The desk's side: editors keep the station list; observations are read-only for everyone."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import make_editor, make_reporter_user, make_user
from tests.weather.recorded import last_hour, table_at
from weather import kma
from weather.models import Observation, Station

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor())
    return client


def test_editor_sees_the_station_list_in_korean(editor_client):
    response = editor_client.get(reverse("admin:weather_station_changelist"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "관측 지점" in html and "표시 이름" in html and "동두천" in html


def test_editor_can_rename_reorder_and_hide_a_station(editor_client):
    seoul = Station.objects.get(number=108)
    response = editor_client.post(
        reverse("admin:weather_station_change", args=[seoul.pk]),
        {"number": 108, "name": "서울(종로)", "order": 1, "active": ""},
    )
    assert response.status_code == 302
    seoul.refresh_from_db()
    assert (seoul.name, seoul.order, seoul.active) == ("서울(종로)", 1, False)


def test_editor_can_add_a_station(editor_client):
    response = editor_client.post(
        reverse("admin:weather_station_add"),
        {"number": 119, "name": "수원", "order": 5, "active": "on"},
    )
    assert response.status_code == 302
    assert Station.objects.filter(number=119, name="수원").exists()


def test_editor_cannot_delete_a_station(editor_client):
    seoul = Station.objects.get(number=108)
    response = editor_client.post(
        reverse("admin:weather_station_delete", args=[seoul.pk]), {"post": "yes"}
    )
    assert response.status_code == 403
    assert Station.objects.filter(number=108).exists()


def test_reporter_cannot_change_stations(client):
    client.force_login(make_reporter_user())
    seoul = Station.objects.get(number=108)
    response = client.post(
        reverse("admin:weather_station_change", args=[seoul.pk]),
        {"number": 108, "name": "바뀐 이름", "order": 1, "active": "on"},
    )
    assert response.status_code == 403
    seoul.refresh_from_db()
    assert seoul.name == "서울"


def test_observations_are_listed_read_only_even_for_a_superuser(client):
    Observation.objects.store(kma.parse(table_at(last_hour())))
    client.force_login(make_user(is_superuser=True))
    changelist = client.get(reverse("admin:weather_observation_changelist"))
    assert changelist.status_code == 200
    assert "관측 자료" in changelist.content.decode()
    assert client.get(reverse("admin:weather_observation_add")).status_code == 403
    seoul = Observation.objects.get(station__number=108)
    response = client.post(
        reverse("admin:weather_observation_change", args=[seoul.pk]), {"temperature": "99"}
    )
    assert response.status_code == 403
    seoul.refresh_from_db()
    assert seoul.temperature == 29.1


def test_observation_list_does_not_query_per_row(client):
    client.force_login(make_user(is_superuser=True))
    url = reverse("admin:weather_observation_changelist")

    def queries_for_list():
        client.get(url)  # session and permission caches warm
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    Observation.objects.store(kma.parse(table_at(last_hour())))
    one_hour = queries_for_list()
    for back in range(1, 4):
        Observation.objects.store(kma.parse(table_at(last_hour() - timedelta(hours=back))))
    assert queries_for_list() == one_hour
