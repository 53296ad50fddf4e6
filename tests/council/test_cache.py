"""Council pages in the page cache: a link, a member edit or a story's publication shows
at once; a stored page is served without SQL."""

import pytest
from django.utils import timezone

from articles import workflow
from council.models import MemberArticle
from tests.council.factories import link, make_member
from tests.factories import make_article, make_editor

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


def test_a_stored_member_page_needs_no_sql(client, django_assert_num_queries):
    member = make_member()
    first = client.get(member.get_absolute_url())
    with django_assert_num_queries(0):
        second = client.get(member.get_absolute_url())
    assert second.content == first.content


@pytest.mark.parametrize("url", ["member", "/council/"])
def test_a_new_link_shows_at_once(client, url):
    member = make_member()
    url = member.get_absolute_url() if url == "member" else url
    story = make_article(headline="새로 연결한 기사")
    assert "새로 연결한 기사" not in client.get(url).content.decode()
    MemberArticle.objects.create(member=member, article=story)
    assert "새로 연결한 기사" in client.get(url).content.decode()


def test_publishing_and_withdrawing_a_linked_story_show_at_once(client):
    member = make_member()
    story = make_article(headline="발행 대기 기사", published=False)
    link(member, story)
    url = member.get_absolute_url()
    assert "발행 대기 기사" not in client.get(url).content.decode()
    editor = make_editor()
    workflow.publish(story, by=editor)
    assert "발행 대기 기사" in client.get(url).content.decode()
    workflow.unpublish(story, by=editor)
    assert "발행 대기 기사" not in client.get(url).content.decode()


def test_a_member_edit_shows_at_once(client):
    member = make_member("이상훈")
    url = member.get_absolute_url()
    assert "전 의원" not in client.get(url).content.decode()
    member.is_active, member.left_on = False, timezone.localdate()
    member.save()
    assert "전 의원" in client.get(url).content.decode()
    member.committees.create(name="예산결산특별위원회")
    assert "예산결산특별위원회" in client.get(url).content.decode()


def test_a_member_edit_ends_only_the_pages_that_show_the_member(client, django_assert_num_queries):
    from tests.council.factories import make_group, make_session

    member, other = make_member("이상훈"), make_member("박소영")
    story, unrelated = make_article(headline="연결된 기사"), make_article(headline="다른 기사")
    link(member, story)
    group = make_group(members=[member])
    session = make_session()
    urls = {
        "member": member.get_absolute_url(),
        "other": other.get_absolute_url(),
        "story": story.get_absolute_url(),
        "unrelated": unrelated.get_absolute_url(),
        "group": group.get_absolute_url(),
        "session": session.get_absolute_url(),
        "index": "/council/",
    }
    for url in urls.values():
        client.get(url)
    member.name = "이상훈이"
    member.save()
    for kept in ("other", "unrelated", "session"):
        with django_assert_num_queries(0):
            client.get(urls[kept])
    for ended in ("member", "story", "group", "index"):
        assert "이상훈이" in client.get(urls[ended]).content.decode(), ended


def test_a_session_edit_ends_its_page_not_the_members(client, django_assert_num_queries):
    from tests.council.factories import make_session

    member, session = make_member(), make_session()
    client.get(member.get_absolute_url())
    session.kind = "정례회"
    session.save()
    with django_assert_num_queries(0):
        client.get(member.get_absolute_url())
    assert "정례회" in client.get(session.get_absolute_url()).content.decode()
