"""Comments off site-wide, per section, per story, and after N days."""

from datetime import timedelta

import pytest
from django.utils import timezone

from comments.models import Comment
from tests.comments.helpers import post_comment, set_policy
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


def _assert_closed(client, article, message):
    page = client.get(article.get_absolute_url()).content.decode()
    assert "data-comment-form" not in page
    assert message in page
    response = post_comment(client, article)
    assert response.status_code == 403
    assert message in response.content.decode()
    assert not Comment.objects.exists()


def test_open_by_default(client):
    article = make_article()
    assert "data-comment-form" in client.get(article.get_absolute_url()).content.decode()


def test_off_site_wide(client):
    set_policy(enabled=False)
    _assert_closed(client, make_article(), "이 사이트는 지금 댓글을 받지 않습니다.")


def test_off_for_a_parent_section(client):
    parent = make_section(comments_open=False)
    article = make_article(section=make_section(parent=parent))
    _assert_closed(client, article, "이 섹션의 기사는 댓글을 받지 않습니다.")


def test_off_for_one_story(client):
    _assert_closed(client, make_article(comments_open=False), "이 기사는 댓글을 받지 않습니다.")


def test_closed_after_n_days(client):
    set_policy(close_after_days=7)
    article = make_article(published_at=timezone.now() - timedelta(days=8))
    _assert_closed(client, article, "발행 뒤 7일이 지나 댓글이 닫혔습니다.")


def test_zero_days_never_closes(client):
    set_policy(close_after_days=0)
    article = make_article(published_at=timezone.now() - timedelta(days=800))
    assert post_comment(client, article).status_code == 302


def test_existing_comments_stay_visible_when_closed(client):
    article = make_article()
    post_comment(client, article, "닫히기 전 댓글")
    article.comments_open = False
    article.save()
    page = client.get(article.get_absolute_url()).content.decode()
    assert "닫히기 전 댓글" in page and "comment__reply" not in page


def test_no_comments_on_an_unpublished_story(client):
    article = make_article(published=False)
    assert post_comment(client, article).status_code == 404
