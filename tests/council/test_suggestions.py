"""The article form suggests the members a story names; only the reporter's tick links."""

import pytest

from council.mentions import suggested_members
from council.models import MemberArticle
from tests.articles.test_admin_workflow import change_url, form_data
from tests.council.factories import link, make_member
from tests.factories import make_article, make_reporter_user

pytestmark = pytest.mark.django_db

REFERENCE_BODY = (
    "<p>‘시흥 미래산업 창업생태계 조성 연구회’(대표 이상훈 의원)가 방문했다.</p>"
    "<p>이날 벤치마킹에는 이상훈, 박소영 의원, 관계 공무원 등이 참석했다.</p>"
    "<p>김이상훈씨도 함께했다.</p>"
)


@pytest.fixture
def reporter():
    return make_reporter_user()


@pytest.fixture
def story(reporter):
    return make_article(published=False, created_by=reporter, body=REFERENCE_BODY)


def test_the_story_s_members_are_suggested_namesakes_included_linked_names_not(story):
    sanghoon = make_member("이상훈", district="시흥시 가선거구")
    namesake = make_member("이상훈", party="국민의힘", district="시흥시 라선거구", is_active=False)
    soyoung = make_member("박소영", district="시흥시 다선거구")
    make_member("오인열")
    assert suggested_members(story) == [soyoung, sanghoon, namesake]
    link(soyoung, story)
    assert suggested_members(story) == [sanghoon, namesake]
    # One 이상훈 linked settles the name: the namesake is not offered any more.
    link(sanghoon, story)
    assert suggested_members(story) == []


def test_the_change_form_shows_the_suggestions(client, reporter, story):
    member = make_member("박소영")
    client.force_login(reporter)
    text = client.get(change_url(story)).content.decode()
    assert "본문에 나온 의원을 연결할까요?" in text
    assert f'name="council-suggested-member" value="{member.pk}"' in text


def test_saving_without_the_tick_links_nothing(client, reporter, story):
    make_member("박소영")
    client.force_login(reporter)
    response = client.post(change_url(story), form_data(client, change_url(story)))
    assert response.status_code == 302
    assert not MemberArticle.objects.exists()


def test_the_ticked_suggestion_is_linked_on_save(client, reporter, story):
    soyoung, sanghoon = make_member("박소영"), make_member("이상훈")
    client.force_login(reporter)
    data = form_data(client, change_url(story))
    data["council-suggested-member"] = [str(soyoung.pk)]
    response = client.post(change_url(story), data)
    assert response.status_code == 302
    assert list(MemberArticle.objects.values_list("member_id", flat=True)) == [soyoung.pk]
    assert sanghoon.pk not in MemberArticle.objects.values_list("member_id", flat=True)
    # Linked now: no longer suggested.
    shown = client.get(change_url(story)).content.decode()
    assert f'name="council-suggested-member" value="{soyoung.pk}"' not in shown
    assert f'name="council-suggested-member" value="{sanghoon.pk}"' in shown


def test_a_tick_and_the_same_member_in_a_row_make_one_link(client, reporter, story):
    soyoung = make_member("박소영")
    client.force_login(reporter)
    data = form_data(client, change_url(story))
    data.update(
        {
            "council-suggested-member": [str(soyoung.pk)],
            "council_memberarticle-TOTAL_FORMS": "1",
            "council_memberarticle-0-member": soyoung.pk,
        }
    )
    assert client.post(change_url(story), data).status_code == 302
    assert MemberArticle.objects.filter(member=soyoung, article=story).count() == 1


@pytest.mark.parametrize("bogus", ["abc", "999999"])
def test_a_forged_suggestion_is_a_korean_error_and_nothing_is_saved(client, reporter, story, bogus):
    make_member("박소영")
    client.force_login(reporter)
    data = form_data(client, change_url(story), headline="바뀐 제목")
    data["council-suggested-member"] = [bogus]
    response = client.post(change_url(story), data)
    assert response.status_code == 200
    assert "선택한 의원을 찾을 수 없습니다" in response.content.decode()
    story.refresh_from_db()
    assert story.headline != "바뀐 제목"
    assert not MemberArticle.objects.exists()


def test_no_suggestions_on_a_story_without_member_titles(client, reporter):
    make_member("박소영")
    story = make_article(published=False, created_by=reporter, body="<p>박소영씨가 말했다.</p>")
    client.force_login(reporter)
    assert "본문에 나온 의원을 연결할까요?" not in client.get(change_url(story)).content.decode()


def test_after_save_the_next_page_says_which_members_could_be_linked(client, reporter, story):
    make_member("박소영")
    client.force_login(reporter)
    data = form_data(client, change_url(story))
    response = client.post(change_url(story), data, follow=True)
    text = response.content.decode()
    assert "기사에 나온 의원(박소영)을 기사에 연결할 수 있습니다" in text
    assert not MemberArticle.objects.exists()


def test_a_new_story_gets_the_notice_on_the_list_after_save(client, reporter):
    make_member("이상훈")
    client.force_login(reporter)
    data = form_data(client, "/admin/articles/article/add/")
    data.update({"headline": "연구회 벤치마킹", "body": "<p>대표 이상훈 의원은 말했다.</p>"})
    response = client.post("/admin/articles/article/add/", data, follow=True)
    assert "기사에 나온 의원(이상훈)을 기사에 연결할 수 있습니다" in response.content.decode()
    assert not MemberArticle.objects.exists()
