"""The production shape: two gunicorn app servers sharing one Postgres and one Redis.

Uses the machine's Postgres (127.0.0.1:5432, user postgres) and Redis (127.0.0.1:6379);
skips, saying which is missing, where they are absent. Everything runs on 127.0.0.1.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PG = ("127.0.0.1", 5432)
REDIS = ("127.0.0.1", 6379)


def reachable(address) -> bool:
    try:
        socket.create_connection(address, timeout=1).close()
        return True
    except OSError:
        return False


pytestmark = [
    pytest.mark.skipif(
        not reachable(PG), reason="no Postgres on 127.0.0.1:5432 for the production-setup test"
    ),
    pytest.mark.skipif(
        not reachable(REDIS), reason="no Redis on 127.0.0.1:6379 for the production-setup test"
    ),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_django(env, code: str) -> str:
    script = (
        "import os, sys, django; sys.path.insert(0, '.');"
        "os.environ['DJANGO_SETTINGS_MODULE'] = 'newsroom.settings'; django.setup()\n" + code
    )
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()


def get(port, path) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, ""


@pytest.fixture(scope="module")
def cluster():
    import psycopg

    name = f"newsroom_prod_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(
        host=PG[0], port=PG[1], user="postgres", dbname="postgres", autocommit=True
    ) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://postgres@{PG[0]}:{PG[1]}/{name}",
        "REDIS_URL": f"redis://{REDIS[0]}:{REDIS[1]}/0",
        "CACHE_KEY_PREFIX": name,
        "PAGE_CACHE_SECONDS": "300",
        "STATIC_MANIFEST": "0",
        "DEBUG": "0",
    }
    servers = []
    try:
        subprocess.run(
            [sys.executable, "manage.py", "migrate", "--noinput"],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        ports = [free_port(), free_port()]
        for port in ports:
            servers.append(
                subprocess.Popen(
                    [
                        str(Path(sys.executable).parent / "gunicorn"),
                        "newsroom.wsgi",
                        "--workers",
                        "2",
                        "--bind",
                        f"127.0.0.1:{port}",
                        "--log-level",
                        "warning",
                    ],
                    cwd=ROOT,
                    env=env,
                )  # fmt: skip
            )
        deadline = time.monotonic() + 30
        for port in ports:
            while True:
                try:
                    get(port, "/robots.txt")
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        pytest.fail("gunicorn did not start within 30 s")
                    time.sleep(0.2)
        yield env, ports
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)
        with psycopg.connect(
            host=PG[0], port=PG[1], user="postgres", dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_an_edit_on_one_server_reaches_readers_of_every_server(cluster):
    env, ports = cluster
    url = run_django(
        env,
        "from articles.models import Article, Section\n"
        "s = Section.objects.create(name='시흥시의회', slug='council')\n"
        "from django.utils import timezone\n"
        "a = Article.objects.create(headline='첫 제목', section=s, status='published', published_at=timezone.now())\n"
        "print(a.get_absolute_url())",
    )
    for port in ports:  # every worker of every server renders and stores the page
        for _ in range(4):
            status, html = get(port, url)
            assert status == 200 and "첫 제목" in html

    run_django(
        env,
        "from articles.models import Article\n"
        "a = Article.objects.get()\na.headline = '고친 제목'\na.save()",
    )
    for port in ports:
        for _ in range(4):
            status, html = get(port, url)
            assert "고친 제목" in html, f"server on {port} served a stale page"


def test_unpublishing_is_a_404_on_every_server_at_once(cluster):
    env, ports = cluster
    url = run_django(
        env,
        "from articles.models import Article, Section\nfrom django.utils import timezone\n"
        "a = Article.objects.create(headline='곧 내릴 기사', section=Section.objects.first(), status='published', published_at=timezone.now())\n"
        "print(a.get_absolute_url())",
    )
    for port in ports:
        assert get(port, url)[0] == 200
    run_django(
        env,
        "from articles.models import Article\na = Article.objects.get(headline='곧 내릴 기사')\na.status = 'unpublished'\na.save()",
    )
    for port in ports:
        for _ in range(4):
            assert get(port, url)[0] == 404
