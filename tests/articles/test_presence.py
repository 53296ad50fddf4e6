"""Who else is editing: the notice, the heartbeat and taking over."""

import pytest
from django.test import Client
from django.utils import timezone

from articles import history
from articles.models import EditingPresence
from tests.articles.test_admin_workflow import change_url
from tests.factories import make_article, make_editor, make_reporter_user

pytestmark = pytest.mark.django_db


def presence_url(article):
    return f"/admin/articles/article/{article.pk}/presence/"


def named_editor(name):
    user = make_reporter_user()
    user.reporter.name = name
    user.reporter.save()
    user.groups.add(*make_editor().groups.all())
    return user


def test_the_form_says_who_else_has_the_story_open():
    article = make_article()
    hong, kim = Client(), Client()
    hong.force_login(named_editor("홍길동"))
    kim.force_login(make_editor())
    hong.get(change_url(article))
    EditingPresence.objects.update(started_at=timezone.now() - timezone.timedelta(minutes=3))
    html = kim.get(change_url(article)).content.decode()
    assert "홍길동 기자님이 이 기사를 편집 중입니다 (3분 전부터)" in html
    assert "articles/presence.js" in html and "<script>" not in html.split("presence.js")[0][-200:]
    # Hong's heartbeat now names Kim.
    data = hong.post(presence_url(article)).json()
    assert len(data["others"]) == 1 and "편집 중입니다 (방금 전부터)" in data["others"][0]


def test_a_silent_editor_is_forgotten_after_the_timeout(move_clock):
    article = make_article()
    hong, kim = Client(), Client()
    hong.force_login(named_editor("홍길동"))
    kim.force_login(make_editor())
    hong.get(change_url(article))
    move_clock(timezone.now() + timezone.timedelta(minutes=5))
    assert "편집 중입니다" not in kim.get(change_url(article)).content.decode()


def test_taking_over_is_recorded_and_told_to_the_other():
    article = make_article()
    hong, kim = Client(), Client()
    hong.force_login(named_editor("홍길동"))
    kim_user = named_editor("김철수")
    kim.force_login(kim_user)
    hong.get(change_url(article))
    assert kim.post(f"/admin/articles/article/{article.pk}/takeover/").status_code == 302
    data = hong.post(presence_url(article)).json()
    assert data["taken_over"] == "김철수 기자님이 이 기사의 편집을 넘겨받았습니다."
    newest = history.versions_of(article)[0]
    assert history.steps_of(newest.revision.comment) == ["takeover"]
    assert newest.revision.user == kim_user


def test_heartbeat_refuses_get_and_hides_others_stories(client):
    reporter = make_reporter_user()
    others = make_article(published=False)
    client.force_login(reporter)
    assert client.post(presence_url(others)).status_code == 404
    assert (
        client.get(presence_url(make_article(published=False, created_by=reporter))).status_code
        == 405
    )
