"""Stored pages answered at the front (newsroom/wsgi.py wraps Django in
pagecache.serve_stored): one lookup, the stored headers, no Django request; everything
else still reaches Django and its middleware."""

import io
import sys
from urllib.parse import unquote

import pytest
from django.core.handlers.wsgi import WSGIRequest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from newsroom import pagecache
from newsroom.wsgi import application
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


def environ_for(path, query="", **extra):
    """What gunicorn hands the application: PATH_INFO unquoted, as latin-1-decoded bytes."""
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": unquote(path).encode().decode("latin-1"),
        "QUERY_STRING": query,
        "SCRIPT_NAME": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "http",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": sys.stderr,
        **extra,
    }


def call(environ):
    """The WSGI application, as a server calls it: status, headers, body, and whether
    Django built a request (its request_started signal)."""
    seen, answer = [], {}

    def started(**kwargs):
        seen.append(True)

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = status, dict(headers)

    request_started.connect(started)
    # As Django's test client does: the test's transaction keeps its connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        body = application(environ, start_response)
        content = b"".join(body)
        if hasattr(body, "close"):
            body.close()
    finally:
        request_started.disconnect(started)
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)
    return answer["status"], answer["headers"], content, bool(seen)


def test_the_front_and_the_middleware_find_the_same_key():
    environ = environ_for("/tag/시흥시/", "page=2")
    key = pagecache._front_key(dict(environ))
    assert key == pagecache._page_key(WSGIRequest(dict(environ)))
    assert key != pagecache._front_key(environ_for("/tag/시흥시/", "page=3"))
    assert key != pagecache._front_key(environ_for("/tag/시흥시/", "page=2", **{"wsgi.url_scheme": "https"}))  # fmt: skip


def test_a_stored_page_is_answered_without_django_with_every_header_it_had():
    article = make_article(headline="앞에서 답하는 기사")
    status, fresh_headers, fresh, built = call(environ_for(article.get_absolute_url()))
    assert status.startswith("200") and built
    status, headers, body, built = call(environ_for(article.get_absolute_url()))
    assert status == "200 OK"
    assert not built
    assert body == fresh
    for name in ("Content-Type", "X-Frame-Options", "X-Content-Type-Options",
                 "Referrer-Policy", "Content-Security-Policy", "ETag", "xkey"):  # fmt: skip
        assert headers[name] == fresh_headers[name], name
    assert headers["Cache-Control"].startswith("public, max-age=0, s-maxage=")
    assert headers["Content-Length"] == str(len(fresh))


def test_a_reader_who_has_the_page_gets_a_304_from_the_front():
    article = make_article()
    _status, headers, _body, _built = call(environ_for(article.get_absolute_url()))
    status, again, body, built = call(
        environ_for(article.get_absolute_url(), HTTP_IF_NONE_MATCH=headers["ETag"])
    )
    assert status == "304 Not Modified" and body == b"" and not built
    assert again["ETag"] == headers["ETag"]


def test_a_session_holder_and_a_post_go_through_django():
    article = make_article()
    call(environ_for(article.get_absolute_url()))
    status, headers, _body, built = call(
        environ_for(article.get_absolute_url(), HTTP_COOKIE="sessionid=abc")
    )
    assert built and headers["Cache-Control"] == "private, no-store"
    assert pagecache._front_key(environ_for("/", REQUEST_METHOD="POST")) is None


def test_a_change_ends_the_page_the_front_kept_in_memory():
    article = make_article(headline="곧 내릴 기사")
    url = article.get_absolute_url()
    call(environ_for(url))
    assert not call(environ_for(url))[3]  # answered from the store (and now kept in memory)
    article.headline = "고친 제목"
    article.save()
    status, _headers, body, built = call(environ_for(url))
    assert built and "고친 제목" in body.decode()
    assert not call(environ_for(url))[3]  # stored again


def test_http_still_gets_the_https_redirect_when_the_https_page_is_stored(settings, client):
    settings.SECURE_SSL_REDIRECT = True
    article = make_article()
    url = article.get_absolute_url()
    assert client.get(url, secure=True).status_code == 200
    assert client.get(url, secure=True).status_code == 200  # stored
    plain = client.get(url)
    assert plain.status_code == 301 and plain["Location"].startswith("https://")


def test_static_files_keep_their_own_cache_headers(client):
    # Not a public page, but not marked private either: WhiteNoise's headers stand.
    request = WSGIRequest(environ_for("/static/x.css"))
    seen = []
    middleware = pagecache.PublicPageCacheMiddleware(lambda r: seen.append(r) or _Plain())
    response = middleware(request)
    assert seen and "Cache-Control" not in response


class _Plain(dict):
    def has_header(self, name):
        return name in self
