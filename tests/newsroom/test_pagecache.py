from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import make_article, make_editor

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


def test_second_anonymous_view_is_stored_bytes_without_sql(client, django_assert_num_queries):
    article = make_article(headline="캐시될 기사")
    first = client.get(article.get_absolute_url())
    with django_assert_num_queries(0):
        second = client.get(article.get_absolute_url())
    assert second.status_code == 200
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_an_edit_shows_at_once(client):
    article = make_article(headline="처음 제목")
    assert "처음 제목" in client.get("/").content.decode()
    article.headline = "고친 제목"
    article.save()
    assert "고친 제목" in client.get("/").content.decode()


def test_unpublishing_removes_the_stored_page(client):
    from articles import workflow

    article = make_article()
    url = article.get_absolute_url()
    assert client.get(url).status_code == 200
    workflow.unpublish(article, by=make_editor())
    assert client.get(url).status_code == 404


def test_a_scheduled_article_appears_on_time_without_any_save(client, move_clock):
    make_article(headline="이미 나간 기사")
    now = timezone.now()
    make_article(headline="예약된 기사", published_at=now + timedelta(minutes=10))
    assert "예약된 기사" not in client.get("/").content.decode()

    later = now + timedelta(minutes=11)
    move_clock(later)
    assert "예약된 기사" in client.get("/").content.decode()


def test_staff_with_a_session_always_get_a_fresh_page(client, django_assert_max_num_queries):
    article = make_article()
    client.get(article.get_absolute_url())
    client.force_login(make_editor())
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert response.wsgi_request.user.is_authenticated


def test_unknown_query_parameters_redirect_to_the_canonical_address(
    client, django_assert_num_queries
):
    article = make_article()
    url = article.get_absolute_url()
    with django_assert_num_queries(0):
        response = client.get(url + "?utm_source=x&fbclid=1")
    assert response.status_code == 301
    assert response["Location"] == url


def test_404_pages_are_not_stored(client):
    client.get("/articles/424242/")
    make_article(pk=424242, headline="이제 있는 기사", slug="now")
    assert client.get("/articles/424242/now/").status_code == 200


def test_a_page_rendered_before_the_commit_is_dropped_after_it(
    client, django_capture_on_commit_callbacks
):
    from django.core.cache import cache

    from newsroom import pagecache

    article = make_article(headline="커밋 전 제목")
    key = pagecache.VERSION_PREFIX + f"article-{article.pk}"
    with django_capture_on_commit_callbacks(execute=True):
        article.headline = "커밋 후 제목"
        article.save()
        # A reader in another process renders now, before the commit, and stores the
        # old content under the version the save just moved to.
        version_during = cache.get(key)
    assert cache.get(key) != version_during


def test_pages_are_stored_again_after_a_scheduled_moment_passes(
    client, move_clock, django_assert_num_queries
):
    now = timezone.now()
    make_article(headline="예약된 기사", published_at=now + timedelta(minutes=10))
    client.get("/")
    later = now + timedelta(minutes=11)
    move_clock(later)
    assert "예약된 기사" in client.get("/").content.decode()
    with django_assert_num_queries(0):
        client.get("/")
