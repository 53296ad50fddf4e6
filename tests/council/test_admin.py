"""The council desk in the admin, and linking stories from the article form."""

import json

import pytest

from council.models import MemberArticle, SessionArticle
from tests.articles.test_admin_workflow import change_url, form_data
from tests.council.factories import make_member, make_session
from tests.factories import make_article, make_editor, make_reporter_user

pytestmark = pytest.mark.django_db


def autocomplete(client, term):
    response = client.get(
        "/admin/autocomplete/",
        {
            "app_label": "council",
            "model_name": "memberarticle",
            "field_name": "member",
            "term": term,
        },
    )
    assert response.status_code == 200, response.content
    return [row["text"] for row in json.loads(response.content)["results"]]


def test_the_member_autocomplete_tells_namesakes_apart(client):
    make_member("이상훈", party="더불어민주당", district="시흥시 가선거구", terms=[9])
    make_member(
        "이상훈", party="국민의힘", district="시흥시 라선거구", terms=[6, 7], is_active=False
    )
    client.force_login(make_reporter_user())
    texts = autocomplete(client, "이상훈")
    assert sorted(texts) == [
        "이상훈 (국민의힘, 시흥시 라선거구, 제6대·제7대 · 전 의원)",
        "이상훈 (더불어민주당, 시흥시 가선거구, 제9대)",
    ]


def test_the_member_list_shows_party_district_and_terms(client):
    make_member("박소영", party="국민의힘", district="시흥시 다선거구", terms=[8, 9])
    client.force_login(make_editor())
    response = client.get("/admin/council/councilmember/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "시흥시 다선거구" in text and "제8대·제9대" in text and "국민의힘" in text


def test_a_bad_district_in_the_admin_is_a_korean_form_error(client):
    client.force_login(make_editor())
    response = client.post(
        "/admin/council/councilmember/add/",
        {"name": "이상훈", "party": "더불어민주당", "district": "가선거구", "terms": "9",
         "is_active": "on", "roles-TOTAL_FORMS": "0", "roles-INITIAL_FORMS": "0"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "선거구 ‘가선거구’을(를) 읽을 수 없습니다" in response.content.decode()


@pytest.mark.parametrize("who", ["reporter", "editor"])
def test_reporters_and_editors_link_a_story_to_a_member_and_a_session(client, who):
    user = make_reporter_user() if who == "reporter" else make_editor()
    member, session = make_member("이상훈"), make_session(312)
    story = make_article(published=False, created_by=user)
    client.force_login(user)
    data = form_data(client, change_url(story))
    data.update(
        {
            "council_memberarticle-TOTAL_FORMS": "1",
            "council_memberarticle-0-member": member.pk,
            "council_sessionarticle-TOTAL_FORMS": "1",
            "council_sessionarticle-0-session": session.pk,
        }
    )
    response = client.post(change_url(story), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert MemberArticle.objects.filter(member=member, article=story).exists()
    assert SessionArticle.objects.filter(session=session, article=story).exists()


def test_reporters_may_not_edit_members(client):
    member = make_member()
    client.force_login(make_reporter_user())
    assert client.get(f"/admin/council/councilmember/{member.pk}/change/").status_code == 200
    response = client.post(f"/admin/council/councilmember/{member.pk}/change/", {"name": "x"})
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("model", "field", "term", "expected"),
    [
        ("sessionarticle", "session", "312", "제312회 시흥시의회 임시회"),
        ("grouparticle", "group", "창업", "시흥 미래산업 창업생태계 조성 연구회"),
    ],
)
def test_reporters_find_sessions_and_groups_in_the_autocomplete(client, model, field, term, expected):  # fmt: skip
    from tests.council.factories import make_group

    make_session(312)
    make_group("시흥 미래산업 창업생태계 조성 연구회")
    client.force_login(make_reporter_user())
    response = client.get(
        "/admin/autocomplete/",
        {"app_label": "council", "model_name": model, "field_name": field, "term": term},
    )
    assert response.status_code == 200
    assert [row["text"] for row in json.loads(response.content)["results"]] == [expected]
