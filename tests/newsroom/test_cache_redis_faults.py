"""REDIS_URL set and Redis stopped or paused: pages are served uncached and quickly,
logins keep working (sessions live in the database), caching resumes when Redis is back.

Starts its own redis-server on a free loopback port; skips, saying so, without it.
"""

from __future__ import annotations

import shutil
import signal
import socket
import subprocess
import time

import pytest
from django.test import Client

from tests.factories import make_article, make_editor

REDIS_SERVER = shutil.which("redis-server")
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(REDIS_SERVER is None, reason="redis-server is not installed"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_redis(port):
    server = subprocess.Popen(
        [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly",
         "no"],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 10
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            if time.monotonic() > deadline:
                pytest.fail("redis-server did not start")
            time.sleep(0.05)


@pytest.fixture
def redis_cache(settings):
    port = free_port()
    server = start_redis(port)
    settings.CACHES = {
        "default": {
            "BACKEND": "newsroom.cache_backends.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
            "OPTIONS": {"socket_connect_timeout": 0.3, "socket_timeout": 0.3},
        }
    }
    settings.CACHE_RETRY_SECONDS = 1
    settings.PAGE_CACHE_SECONDS = 300
    from newsroom.cache_backends import ResilientRedisCache

    ResilientRedisCache._down_until = 0.0
    state = {"server": server, "port": port}
    yield state
    state["server"].kill()
    state["server"].wait()
    ResilientRedisCache._down_until = 0.0


def timed_get(client, url):
    started = time.monotonic()
    response = client.get(url)
    return response, time.monotonic() - started


def test_redis_stopped_then_started_again(redis_cache, django_assert_num_queries):
    article = make_article(headline="레디스 기사")
    url = article.get_absolute_url()
    reader = Client(raise_request_exception=False)
    assert reader.get(url).status_code == 200
    with django_assert_num_queries(0):
        assert reader.get(url).status_code == 200  # stored in Redis

    redis_cache["server"].kill()
    redis_cache["server"].wait()
    for _ in range(3):
        response, seconds = timed_get(reader, url)
        assert response.status_code == 200 and "레디스 기사" in response.content.decode()
        assert seconds < 2
    editor = make_editor(username="desk")
    editor.set_password("newsroom-demo")
    editor.save()
    login = Client(raise_request_exception=False)
    response = login.post("/admin/login/", {"username": "desk", "password": "newsroom-demo"})
    assert response.status_code == 302  # logged in: sessions are in the database
    assert login.get("/admin/").status_code == 200

    redis_cache["server"] = start_redis(redis_cache["port"])
    time.sleep(1.1)  # the pause after a failure
    reader.get(url)
    with django_assert_num_queries(0):
        assert reader.get(url).status_code == 200  # stored again


def test_redis_paused_does_not_hold_a_page(redis_cache):
    article = make_article(headline="멈춘 레디스")
    url = article.get_absolute_url()
    reader = Client(raise_request_exception=False)
    reader.get(url)
    redis_cache["server"].send_signal(signal.SIGSTOP)
    try:
        for _ in range(3):
            response, seconds = timed_get(reader, url)
            assert response.status_code == 200
            assert seconds < 2, f"a paused Redis held the page {seconds:.1f} s"
    finally:
        redis_cache["server"].send_signal(signal.SIGCONT)
