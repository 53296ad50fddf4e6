"""The cache layer's contract (docs/cache.md): surrogate keys and Cache-Control, exact
invalidation, canonical addresses only, the same headers stored or fresh, a database
outage answered with the Korean 503, /healthz, and purges that are never lost."""

from __future__ import annotations

import http.server
import threading
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import OperationalError
from django.test import Client

from newsroom import pagecache, purge
from newsroom.models import PendingPurge
from tests.factories import make_article, make_editor, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


def test_pages_carry_their_surrogate_keys_and_shared_cache_control(client):
    section = make_section(slug="council")
    article = make_article(section=section, tags=["갯골"])
    response = client.get(article.get_absolute_url())
    keys = set(response["xkey"].split())
    assert {f"article-{article.pk}", f"section-{section.pk}", "site", "banners"} <= keys
    assert any(key.startswith("tag-") for key in keys)
    control = response["Cache-Control"]
    assert "public" in control and "s-maxage=" in control and "stale-while-revalidate" in control
    assert "Cookie" not in response.get("Vary", "")
    assert not response.cookies


def test_an_etag_answers_304(client):
    article = make_article()
    first = client.get(article.get_absolute_url())
    again = client.get(article.get_absolute_url(), HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_a_scheduled_story_bounds_s_maxage(client):
    from datetime import timedelta

    from django.utils import timezone

    make_article(published_at=timezone.now() + timedelta(seconds=90))
    response = client.get("/")
    max_age = int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert 0 < max_age <= 90


def test_logged_in_editors_get_private_pages_and_store_nothing(client, django_assert_num_queries):
    article = make_article(headline="편집자 화면")
    client.force_login(make_editor())
    response = client.get(article.get_absolute_url())
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]
    assert "xkey" not in response
    reader = Client()
    first = reader.get(article.get_absolute_url())
    assert "xkey" in first and "public" in first["Cache-Control"]


def test_an_edit_ends_only_the_pages_that_show_it(client, django_assert_num_queries):
    one = make_article(headline="첫째", section=make_section(slug="a"))
    two = make_article(headline="둘째", section=make_section(slug="b"))
    client.get(one.get_absolute_url())
    client.get(two.get_absolute_url())
    one.headline = "고친 첫째"
    one.save()
    with django_assert_num_queries(0):
        assert client.get(two.get_absolute_url()).status_code == 200
    assert "고친 첫째" in client.get(one.get_absolute_url()).content.decode()


def test_variant_addresses_do_not_grow_the_store(client):
    section = make_section(slug="council")
    for n in range(3):
        make_article(headline=f"기사 {n}", section=section)
    client.get("/section/council/")
    store = Path(settings.CACHES["default"]["LOCATION"])
    before = len(list(store.glob("*.djcache")))
    variants = [f"page={v}" for v in ("01", "001", "+1", "1%20", "1", "0001", "%2B1")]
    variants += [f"utm_source=s{n}" for n in range(150)]
    variants += [f"fbclid={n}&page=1" for n in range(150)]
    variants += [f"x{n}=1" for n in range(45)]
    assert len(variants) == 352
    for query in variants:
        response = client.get(f"/section/council/?{query}")
        assert response.status_code in (301, 404), query
        if response.status_code == 301:
            assert response["Location"] == "/section/council/"
    assert len(list(store.glob("*.djcache"))) == before


def test_a_stored_page_carries_exactly_the_headers_of_a_fresh_one(client):
    article = make_article()
    fresh = client.get(article.get_absolute_url())
    stored = client.get(article.get_absolute_url())
    assert getattr(stored, "templates", None) in (None, [])  # served from the store
    ignore = {"Content-Length", "Cache-Control"}
    assert set(fresh.headers) - ignore == set(stored.headers) - ignore
    for name in ("X-Frame-Options", "X-Content-Type-Options", "Referrer-Policy"):
        assert stored[name] == fresh[name]


def broken_database(*args, **kwargs):
    raise OperationalError("connection refused")


def test_with_the_database_down_pages_answer_503_in_korean_and_stored_pages_stay(
    monkeypatch,
):
    stored = make_article(headline="저장된 기사")
    cold = make_article(headline="처음 보는 기사")
    reader = Client(raise_request_exception=False)
    assert reader.get(stored.get_absolute_url()).status_code == 200
    from django.db.backends.base.base import BaseDatabaseWrapper

    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", broken_database)
    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", broken_database)
    assert "저장된 기사" in reader.get(stored.get_absolute_url()).content.decode()
    for response in (
        reader.get(cold.get_absolute_url()),
        reader.post("/admin/login/", {"username": "editor", "password": "x"}),
    ):
        assert response.status_code == 503
        assert response["Retry-After"]
        assert "잠시 후 다시 접속해 주세요" in response.content.decode()
    assert reader.get("/healthz").status_code == 503


def test_healthz_answers_without_a_session_and_is_never_cached(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    assert not response.cookies


class PurgeRecorder(http.server.BaseHTTPRequestHandler):
    received: list[str] = []

    def do_PURGE(self):  # noqa: N802 — the HTTP method's name
        PurgeRecorder.received.append(self.headers["xkey-purge"])
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def test_purges_wait_in_the_queue_while_varnish_is_down_and_go_out_later(
    settings, django_capture_on_commit_callbacks
):
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    settings.VARNISH_PURGE_URL = f"http://127.0.0.1:{port}/"
    article = make_article()
    PendingPurge.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        article.headline = "고친 제목"
        article.save()  # Varnish is down: the save still succeeds
    queued = set(PendingPurge.objects.values_list("key", flat=True))
    assert f"article-{article.pk}" in queued and "home" in queued

    server = http.server.HTTPServer(("127.0.0.1", port), PurgeRecorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        PurgeRecorder.received.clear()
        assert purge.drain() == 0
    finally:
        server.shutdown()
    sent = set(" ".join(PurgeRecorder.received).split())
    assert sent == queued
    assert not PendingPurge.objects.exists()


def test_a_cache_that_fails_is_a_miss(monkeypatch, client):
    article = make_article(headline="캐시 없이")

    def down(*args, **kwargs):
        raise ConnectionError("cache down")

    backend = type(cache._connections["default"] if hasattr(cache, "_connections") else cache)
    for name in ("get", "get_many", "set", "set_many", "add"):
        monkeypatch.setattr(backend, name, down)
    monkeypatch.setattr(pagecache, "_down_until", 0.0)
    assert "캐시 없이" in client.get(article.get_absolute_url()).content.decode()
