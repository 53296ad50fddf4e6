"""The endpoint the body editor asks while a reporter writes: the save-time rule, staff only."""

import pytest
from django.urls import reverse

from tests.council.factories import make_member
from tests.factories import make_reporter_user

pytestmark = pytest.mark.django_db

URL = reverse("admin:articles_article_editor_council_members")


@pytest.fixture
def reporter_client(client):
    client.force_login(make_reporter_user())
    return client


def ask(client, text):
    return client.get(URL, {"text": text})


def test_names_with_a_title_are_found_namesakes_told_apart_former_marked(reporter_client):
    sanghoon = make_member("이상훈", district="시흥시 가선거구")
    namesake = make_member("이상훈", party="국민의힘", district="시흥시 라선거구", is_active=False)
    soyoung = make_member("박소영", district="시흥시 다선거구")
    response = ask(reporter_client, "대표 이상훈 의원과 박소영 의원은")
    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]
    results = response.json()["results"]
    assert [r["id"] for r in results] == [soyoung.pk, sanghoon.pk, namesake.pk]
    labels = {r["id"]: r["label"] for r in results}
    assert "가선거구" in labels[sanghoon.pk] and "라선거구" in labels[namesake.pk]
    assert "전 의원" in labels[namesake.pk] and results[2]["former"] is True


def test_a_longer_name_or_another_title_matches_nothing(reporter_client):
    make_member("이상훈")
    assert ask(reporter_client, "김이상훈 의원, 이상훈씨, 이상훈 시장").json() == {"results": []}


def test_an_empty_text_finds_nothing(reporter_client):
    make_member("이상훈")
    assert ask(reporter_client, "").json() == {"results": []}


def test_an_overlong_text_is_refused_in_korean(reporter_client):
    response = ask(reporter_client, "가" * 5000)
    assert response.status_code == 400
    assert "너무 길어" in response.json()["error"]


def test_anonymous_visitors_are_sent_to_the_login(client):
    response = ask(client, "이상훈 의원")
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_staff_without_article_rights_are_refused(client, django_user_model):
    user = django_user_model.objects.create_user("staff", password="x", is_staff=True)
    client.force_login(user)
    response = ask(client, "이상훈 의원")
    assert response.status_code == 403
    assert "권한" in response.json()["error"]
