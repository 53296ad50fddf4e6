"""Comments are rendered into the stored article page; a change purges it (docs/cache.md)."""

import pytest

from comments.models import Comment
from tests.comments.helpers import post_comment, set_policy
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


def test_the_article_page_with_comments_stays_public_and_stored(client, django_assert_num_queries):
    article = make_article()
    post_comment(client, article, "저장될 댓글")
    url = article.get_absolute_url()
    first = client.get(url)
    assert first["Cache-Control"].startswith("public")
    assert "Set-Cookie" not in first and not first.cookies
    assert "csrfmiddlewaretoken" not in first.content.decode()
    with django_assert_num_queries(0):
        second = client.get(url)
    assert second.content == first.content
    assert "저장될 댓글" in second.content.decode()


def test_a_new_comment_purges_the_stored_page(client):
    article = make_article()
    url = article.get_absolute_url()
    assert "새 댓글" not in client.get(url).content.decode()
    post_comment(client, article, "새 댓글")
    assert "새 댓글" in client.get(url).content.decode()


def test_a_held_comment_ends_no_page_and_publishing_it_does(client, django_assert_num_queries):
    set_policy(moderation="pre")
    article = make_article()
    url = article.get_absolute_url()
    client.get(url)
    post_comment(client, article, "보류 댓글")
    with django_assert_num_queries(0):
        assert "보류 댓글" not in client.get(url).content.decode()
    comment = Comment.objects.get()
    comment.status = Comment.Status.PUBLISHED
    comment.save()
    assert "보류 댓글" in client.get(url).content.decode()


def test_hiding_by_reports_purges_the_page(client):
    article = make_article()
    post_comment(client, article, "숨겨질 댓글")
    url = article.get_absolute_url()
    assert "숨겨질 댓글" in client.get(url).content.decode()
    comment = Comment.objects.get()
    for n in range(3):
        client.post(f"/comments/{comment.pk}/report/", REMOTE_ADDR=f"192.0.2.{n}")
    assert "숨겨질 댓글" not in client.get(url).content.decode()


def test_the_list_count_on_the_section_page_follows(client):
    article = make_article()
    section_url = article.section.get_absolute_url()
    assert "댓글 1" not in client.get(section_url).content.decode()
    post_comment(client, article, "목록 숫자")
    assert "댓글 1" in client.get(section_url).content.decode()


def test_the_list_endpoint_is_public_and_canonical(client):
    article = make_article()
    response = client.get(f"/articles/{article.pk}/comments/?order=oldest")
    assert response["Cache-Control"].startswith("public")
    assert (
        client.get(f"/articles/{article.pk}/comments/?order=oldest&utm_source=x").status_code == 301
    )


def test_comment_posts_are_never_cached(client):
    article = make_article()
    response = post_comment(client, article)
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
