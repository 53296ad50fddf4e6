"""Reader pages under load: requests per second, cold (no page cache) and cached, and the
SQL queries each page costs.

Prints figures; it is not a test. It builds its own database `newsroom_bench` next to the
site's (the embedded server, or the server of DATABASE_URL), fills it with `seed_demo`,
serves it with gunicorn on 127.0.0.1 and loads it with `wrk` (Debian package `wrk`; without
it a small Python client is used and the figures are lower bounds).

Run: .venv/bin/python bench/pages.py [--seconds 8] [--workers 2]
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from http.client import HTTPConnection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PORT = 8077
BENCH_DB = "newsroom_bench"


def bench_database_url() -> str:
    """The site's database server, with the bench's own database on it (created if needed)."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    from django.conf import settings

    db = settings.DATABASES["default"]
    import psycopg

    with psycopg.connect(
        host=db["HOST"], port=db["PORT"] or None, user=db["USER"], password=db.get("PASSWORD") or None,
        dbname="postgres", autocommit=True,
    ) as conn:  # fmt: skip
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname=%s", [BENCH_DB]).fetchone():
            conn.execute(f'CREATE DATABASE "{BENCH_DB}"')
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    if db["HOST"].startswith("/"):
        return f"postgres://{db['USER']}{password}@/{BENCH_DB}?host={db['HOST']}"
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{BENCH_DB}"


def manage(env, *args):
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip


def query_counts(env, paths):
    """Queries per page, cold caches, measured in-process with Django's test client."""
    code = f"""
import os, sys, json
sys.path.insert(0, {str(ROOT)!r})
os.environ["DJANGO_SETTINGS_MODULE"] = "newsroom.settings"
import django; django.setup()
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, setup_test_environment
setup_test_environment()
out = {{}}
for path in {paths!r}:
    cache.clear()
    with CaptureQueriesContext(connection) as cold:
        status = Client().get(path).status_code
    with CaptureQueriesContext(connection) as warm:
        Client().get(path)
    out[path] = (status, len(cold), len(warm))
print(json.dumps(out))
"""
    no_cache = {"PAGE_CACHE_SECONDS": "0", "FRAGMENT_CACHE_SECONDS": "0"}
    result = subprocess.run([PYTHON, "-c", code], cwd=ROOT, env={**env, **no_cache},
                            check=True, capture_output=True, text=True)  # fmt: skip
    import json

    return json.loads(result.stdout.strip().splitlines()[-1])


def start_server(env, workers):
    server = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "newsroom.wsgi", "--workers", str(workers),
         "--bind", f"127.0.0.1:{PORT}", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/", timeout=2)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("gunicorn did not start")


def load(path, seconds) -> float:
    url = f"http://127.0.0.1:{PORT}{path}"
    if shutil.which("wrk"):
        out = subprocess.run(["wrk", "-t2", "-c16", f"-d{seconds}s", url],
                             capture_output=True, text=True, check=True).stdout  # fmt: skip
        non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
        if non_2xx:
            raise SystemExit(f"{path}: {non_2xx.group(1)} error responses\n{out}")
        return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    return python_load(path, seconds)


def python_load(path, seconds, threads=8) -> float:
    done = []
    stop = time.monotonic() + seconds

    def worker():
        conn, count = HTTPConnection("127.0.0.1", PORT), 0
        while time.monotonic() < stop:
            conn.request("GET", path)
            conn.getresponse().read()
            count += 1
        done.append(count)

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    return sum(done) / seconds


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    options = parser.parse_args()

    env = {**os.environ, "DATABASE_URL": bench_database_url(), "DEBUG": "0"}
    env.pop("REDIS_URL", None)  # the default: the on-disk cache the workers share
    env["CACHE_DIR"] = tempfile.mkdtemp(prefix="newsroom-bench-cache-")
    print("preparing newsroom_bench (migrate, seed_demo, demo weather, collectstatic)…")
    manage(env, "migrate", "--noinput")
    manage(env, "seed_demo")
    manage(env, "load_demo_weather")
    manage(env, "collectstatic", "--noinput")

    code = (
        "import os,sys;sys.path.insert(0,'.');os.environ['DJANGO_SETTINGS_MODULE']='newsroom.settings';"
        "import django;django.setup();from articles.models import Article, Section;"
        "a=Article.objects.published().exclude(lead_image=None).first();"
        "print(a.get_absolute_url());print(a.section.get_absolute_url())"
    )
    article, section = subprocess.run([PYTHON, "-c", code], cwd=ROOT, env=env, check=True,
                                      capture_output=True, text=True).stdout.split()  # fmt: skip
    pages = {"home": "/", "article": article, "section": section}

    counts = query_counts(env, list(pages.values()))
    modes = {
        # nothing derived is reused: every request queries and renders everything
        "cold": {"PAGE_CACHE_SECONDS": "0", "FRAGMENT_CACHE_SECONDS": "0"},
        # a page-cache miss (the first reader after an edit elsewhere, a new URL):
        # rendered, reusing fragments keyed by the content version
        "render": {"PAGE_CACHE_SECONDS": "0", "FRAGMENT_CACHE_SECONDS": "3600"},
        # stored bytes for anonymous readers
        "cached": {"PAGE_CACHE_SECONDS": "300", "FRAGMENT_CACHE_SECONDS": "3600"},
    }
    results = {}
    for label, overrides in modes.items():
        server = start_server({**env, **overrides}, options.workers)
        try:
            for name, path in pages.items():
                load(path, 1)  # warm-up: connections, caches, the first render
                results[(name, label)] = load(path, options.seconds)
        finally:
            server.terminate()
            server.wait()

    client = "wrk -t2 -c16" if shutil.which("wrk") else "python client"
    print(f"\ngunicorn --workers {options.workers}, {options.seconds}s per run, {client}")
    print(f"{'page':<9}{'queries':>9}" + "".join(f"{m + ' req/s':>14}" for m in modes))
    for name, path in pages.items():
        _status, cold_q, warm_q = counts[path]
        row = "".join(f"{results[(name, m)]:>14.0f}" for m in modes)
        print(f"{name:<9}{f'{cold_q}/{warm_q}':>9}{row}")
    print("\nqueries: cold caches / site settings, menu and weather cached (no fragments).")
    print("cold: no page or data cache; render: page-cache miss with stored data reused;")
    print("cached: stored bytes for anonymous readers.")


if __name__ == "__main__":
    main()
