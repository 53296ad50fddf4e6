"""The cache across processes, on the default settings (no REDIS_URL): real gunicorn with
4 workers sharing the on-disk cache, edits from another process (`manage.py shell -c`),
and slow clients that must not freeze the threaded workers.

The server gets a database of its own on the same Postgres the tests use (the embedded
one unless DATABASE_URL says otherwise) and a cache directory of its own.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = str(Path(sys.executable).parent / "gunicorn")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(port, path, headers=None) -> tuple[int, str, dict]:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace"), dict(error.headers)


def shell(env, code: str) -> str:
    """Run ``code`` in `manage.py shell` and return its last printed line."""
    lines = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    ).stdout.strip().splitlines()  # fmt: skip
    return lines[-1] if lines else ""


def wait_for(port, deadline_seconds=40):
    deadline = time.monotonic() + deadline_seconds
    while True:
        try:
            get(port, "/robots.txt")
            return
        except OSError:
            if time.monotonic() > deadline:
                pytest.fail(f"server on {port} did not start")
            time.sleep(0.2)


@pytest.fixture(scope="module")
def site_env(tmp_path_factory):
    import psycopg

    db = settings.DATABASES["default"]
    name = f"newsroom_cache_{uuid.uuid4().hex[:8]}"
    connect = {"host": db["HOST"], "port": db["PORT"] or None, "user": db["USER"],
               "password": db.get("PASSWORD") or None, "dbname": "postgres"}  # fmt: skip
    with psycopg.connect(**connect, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    if db["HOST"].startswith("/"):
        url = f"postgres://{db['USER']}{password}@/{name}?host={db['HOST']}"
    else:
        url = f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{name}"
    env = {**os.environ, "DATABASE_URL": url, "PAGE_CACHE_SECONDS": "300",
           "CACHE_DIR": str(tmp_path_factory.mktemp("cache")), "STATIC_MANIFEST": "0",
           "DEBUG": "0"}  # fmt: skip
    env.pop("REDIS_URL", None)
    try:
        subprocess.run([sys.executable, "manage.py", "migrate", "--noinput"], cwd=ROOT,
                       env=env, check=True, capture_output=True)  # fmt: skip
        yield env
    finally:
        with psycopg.connect(**connect, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def start_gunicorn(env, port, *extra):
    server = subprocess.Popen(
        [GUNICORN, "newsroom.wsgi", "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
         *extra],
        cwd=ROOT, env=env,
    )  # fmt: skip
    wait_for(port)
    return server


@pytest.fixture(scope="module")
def four_workers(site_env):
    port = free_port()
    server = start_gunicorn(site_env, port, "--workers", "4")
    yield site_env, port
    server.terminate()
    server.wait(timeout=10)


def test_an_edit_from_another_process_shows_on_every_worker_at_once(four_workers):
    env, port = four_workers
    url = shell(
        env,
        "from articles.models import Article, Section\nfrom django.utils import timezone\n"
        "s = Section.objects.create(name='시흥시의회', slug='council')\n"
        "a = Article.objects.create(headline='첫 제목', section=s, status='published', "
        "published_at=timezone.now())\nprint(a.get_absolute_url())",
    )
    for _ in range(20):  # every worker renders and stores the page (or serves it stored)
        status, html, _headers = get(port, url)
        assert status == 200 and "첫 제목" in html
    assert "첫 제목" in get(port, "/")[1]

    shell(env, "from articles.models import Article\na = Article.objects.get()\n"
               "a.headline = '고친 제목'\na.save()")  # fmt: skip
    for path in [url] * 20 + ["/"] * 10:
        status, html, _headers = get(port, path)
        assert "고친 제목" in html and "첫 제목" not in html, f"a worker served {path} stale"

    shell(env, "from articles.models import Article\na = Article.objects.get()\n"
               "a.status = 'unpublished'\na.save()")  # fmt: skip
    for _ in range(20):
        assert get(port, url)[0] == 404, "a worker served an unpublished story"
    assert "고친 제목" not in get(port, "/")[1]


def test_site_settings_saved_elsewhere_reach_every_page(four_workers):
    env, port = four_workers
    for _ in range(8):
        get(port, "/")
    shell(env, "from newsroom.models import SiteSettings\ns = SiteSettings.current()\n"
               "s.name = '새이름뉴스'\ns.save()")  # fmt: skip
    for _ in range(20):
        assert "새이름뉴스" in get(port, "/")[1]


def serve_worker_args() -> list[str]:
    """gunicorn's options as deploy/serve.sh (`make serve`) gives them, less the worker
    count: the slow-client test runs the worker class and threads production runs."""
    line = next(
        line for line in (ROOT / "deploy/serve.sh").read_text().splitlines()
        if line.startswith("ARGS=")
    )  # fmt: skip
    words = line.split("=", 1)[1].strip('"').split()
    assert words[0] == "newsroom.wsgi" and words[1:3] == ["--workers", "$WORKERS"], line
    return words[3:]


def test_slow_clients_do_not_freeze_threaded_workers(site_env):
    """Six clients sending one header line a second; normal requests still answer."""
    port = free_port()
    server = start_gunicorn(site_env, port, *serve_worker_args(), "--workers", "2")
    stop = threading.Event()

    def slow_client():
        with socket.create_connection(("127.0.0.1", port)) as sock:
            sock.sendall(b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            while not stop.wait(1):
                try:
                    sock.sendall(b"X-Slow: 1\r\n")
                except OSError:
                    return

    clients = [threading.Thread(target=slow_client, daemon=True) for _ in range(6)]
    try:
        for client in clients:
            client.start()
        time.sleep(2)
        for _ in range(5):
            started = time.monotonic()
            status, _html, _headers = get(port, "/robots.txt")
            assert status == 200
            assert time.monotonic() - started < 2
    finally:
        stop.set()
        server.terminate()
        server.wait(timeout=10)
