"""Content-Security-Policy (django-csp): on every response, stored pages included, strict
enough that an inline script cannot run."""

import pytest
from django.test import Client

from tests.factories import make_article, make_editor

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


def test_the_policy_allows_scripts_only_from_our_own_files(client):
    policy = directives(client.get("/"))
    assert policy["script-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "'unsafe-eval'" not in str(policy) and "nonce-" not in str(policy)
    # Only the video players the sanitizer lets a body embed may be framed.
    assert set(policy["frame-src"]) == {
        "https://www.youtube.com",
        "https://www.youtube-nocookie.com",
        "https://tv.naver.com",
        "https://play-tv.kakao.com",
    }


@pytest.mark.parametrize(
    "path", ["/", "/search/?q=시흥", "/no-such-page/", "/robots.txt", "/admin/login/"]
)
def test_every_kind_of_response_carries_it(client, path):
    assert "script-src 'self'" in client.get(path)["Content-Security-Policy"]


def test_the_admin_and_a_staff_preview_carry_it(client):
    editor = make_editor()
    client.force_login(editor)
    article = make_article(published=False)
    for path in ("/admin/", "/admin/articles/article/", f"/preview/{article.pk}/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "script-src 'self'" in response["Content-Security-Policy"], path


def test_a_stored_page_carries_the_same_policy_as_a_fresh_one(settings, django_assert_num_queries):
    settings.PAGE_CACHE_SECONDS = 300
    article = make_article()
    url = article.get_absolute_url()
    fresh = Client().get(url)
    with django_assert_num_queries(0):  # served from the page cache
        stored = Client().get(url)
    assert fresh.content == stored.content
    assert stored["Content-Security-Policy"] == fresh["Content-Security-Policy"]


def test_photos_on_object_storage_are_allowed_by_origin():
    from newsroom.settings import media_origin

    assert media_origin("https://media.example.kr/siheung/") == ["https://media.example.kr"]
    assert media_origin("/media/") == []
