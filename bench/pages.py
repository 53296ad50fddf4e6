"""Reader pages under load, as issue 9 asks: req/s, p50, p99 and bytes for home, section,
article, tag, reporter, search and RSS, cold, warm through Django's cache and warm through
Varnish, each as a ratio to the limit (a bare WSGI app returning the article page's bytes
from memory, bench/limit_app.py), all measured in one run, interleaved.

Prints figures; it is not a test. It builds its own database (``<site database>_bench``,
next to the site's: the embedded server or the server of DATABASE_URL), fills it once with
``seed_demo`` (kept for the next run; ``--reseed`` fills it again) and starts, on free
ports of 127.0.0.1, with ``DEBUG=0`` and the real settings (no ``REDIS_URL``: the shared
file cache ``make serve`` uses, in a fresh directory per server):

- cold: gunicorn with ``PAGE_CACHE_SECONDS=0 FRAGMENT_CACHE_SECONDS=0
  MOST_READ_CACHE_SECONDS=0 WEATHER_STRIP_CACHE_SECONDS=0`` (every request queries and
  renders; only the menu and site settings, kept an hour by their own code, stay stored);
- django: gunicorn with the default settings (stored pages for anonymous readers);
- varnish: varnishd with deploy/varnish/default.vcl in front of the "django" gunicorn
  (skipped, saying so, without varnishd);
- limit: bench/limit_app.py in the same gunicorn setup.

Every gunicorn runs as ``make serve`` runs it (deploy/serve.sh): gthread workers with 8
threads, ``--workers`` of them (default 2). Each (page, mode) gets a ``wrk`` run of
``--seconds``; the whole matrix is gone through ``--rounds`` times in turn and each figure
is the median of its rounds, so load from elsewhere on the machine falls on every figure
alike and the ratios stay comparable. Cold runs use 4 connections (CPU-bound: that keeps
both workers busy), the others ``--connections``. About 5 minutes with the defaults.

Run: .venv/bin/python bench/pages.py [--seconds 2] [--rounds 3] [--workers 2] [--connections 16]
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).parent / "gunicorn")
# deploy/serve.sh's worker arguments, so the figures are those of `make serve`.
# (--timeout longer than serve.sh's 30 s: a cold page queued behind 15 others on a loaded
# machine may take that long, and a killed worker would spoil the run.)
GUNICORN_ARGS = ["--worker-class", "gthread", "--threads", "8", "--timeout", "300"]
COLD = {
    "PAGE_CACHE_SECONDS": "0",
    "FRAGMENT_CACHE_SECONDS": "0",
    "MOST_READ_CACHE_SECONDS": "0",
    "WEATHER_STRIP_CACHE_SECONDS": "0",
}
# A cold page is CPU-bound: 4 connections keep both workers busy, and fewer requests are
# left queued (to finish before the next run) than with 16.
COLD_CONNECTIONS = 4
PAGES = ("home", "section", "article", "tag", "reporter", "search", "rss")
MODES = ("cold", "django", "varnish")
# Issue 9's targets, as ratios to the limit measured in the same run.
TARGETS = {
    ("article", "cold"): 0.05,
    **{(page, "cold"): 0.03 for page in ("home", "section", "tag", "reporter")},
    **{(page, "django"): 0.70 for page in PAGES},
    **{(page, "varnish"): 5.0 for page in PAGES},
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def bench_database_url() -> str:
    """The site's database server, with the bench's own database on it (created if needed)."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    from django.conf import settings

    db = settings.DATABASES["default"]
    import psycopg

    name = f"{db['NAME']}_bench"
    with psycopg.connect(
        host=db["HOST"], port=db["PORT"] or None, user=db["USER"], password=db.get("PASSWORD") or None,
        dbname="postgres", autocommit=True,
    ) as conn:  # fmt: skip
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname=%s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    if db["HOST"].startswith("/"):
        return f"postgres://{db['USER']}{password}@/{name}?host={db['HOST']}"
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{name}"


def manage(env, *args, capture=False) -> str:
    result = subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True,
                            stdout=subprocess.PIPE if capture else subprocess.DEVNULL, text=True)  # fmt: skip
    return result.stdout or ""


PICK_PAGES = """
from django.db.models import Count
from taggit.models import Tag
from articles.models import Article, Reporter
published = Article.objects.published()
if not published.exists():
    print("PAGES EMPTY")
else:
    article = published.exclude(lead_image=None).order_by("-published_at").first() or published.first()
    tag = Tag.objects.annotate(n=Count("taggit_taggeditem_items")).order_by("-n").first()
    reporter = Reporter.objects.annotate(n=Count("bylines")).order_by("-n").first()
    print("PAGES", article.get_absolute_url(), article.section.get_absolute_url(),
          tag.slug, reporter.get_absolute_url(), tag.name.replace(" ", "+"))
"""


def pick_pages(env) -> list[str]:
    for line in manage(env, "shell", "-v0", "-c", PICK_PAGES, capture=True).splitlines():
        if line.startswith("PAGES "):
            return line.split()[1:]
    raise SystemExit("could not pick the pages")


def prepare(env, reseed: bool) -> dict[str, str]:
    print(
        "preparing the bench database (migrate, seed_demo once, demo weather, collectstatic)…",
        flush=True,
    )
    manage(env, "migrate", "--noinput")
    picked = pick_pages(env)
    if reseed or picked == ["EMPTY"]:
        manage(env, "seed_demo")
        picked = pick_pages(env)
    manage(env, "load_demo_weather")
    manage(env, "collectstatic", "--noinput")
    article, section, tag, reporter, word = picked

    def quote(path):  # get_absolute_url() is already percent-encoded; a tag slug is not
        return urllib.parse.quote(path, safe="/%?=&+")

    return {
        "home": "/",
        "section": quote(section),
        "article": quote(article),
        "tag": quote(f"/tag/{tag}/"),
        "reporter": quote(reporter),
        "search": f"/search/?q={urllib.parse.quote(word, safe='+')}",
        "rss": "/rss/",
    }


def wait_for(port: int, path: str = "/", deadline: float = 60) -> None:
    until = time.monotonic() + deadline
    while time.monotonic() < until:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5).read()
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"nothing answers on 127.0.0.1:{port}")


def gunicorn(env, app: str, port: int, workers: int, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [GUNICORN, app, *extra, "--workers", str(workers), *GUNICORN_ARGS,
         "--bind", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip


def varnishd() -> str | None:
    found = shutil.which("varnishd") or ("/usr/sbin/varnishd" if Path("/usr/sbin/varnishd").exists() else None)  # fmt: skip
    xkey = glob.glob("/usr/lib/*/varnish/vmods/libvmod_xkey.so") + glob.glob("/usr/lib/varnish/vmods/libvmod_xkey.so")  # fmt: skip
    return found if found and xkey else None


def start_varnish(binary: str, port: int, backend_port: int, work: Path) -> subprocess.Popen:
    vcl = work / "default.vcl"
    vcl.write_text((ROOT / "deploy/varnish/default.vcl").read_text().replace("BACKEND_PORT", str(backend_port)))  # fmt: skip
    return subprocess.Popen(
        [binary, "-F", "-j", "none", "-a", f"127.0.0.1:{port}", "-f", str(vcl),
         "-n", str(work / "n"), "-s", "malloc,128m", "-T", "none"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def fetch(port: int, path: str) -> tuple[int, dict, bytes]:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=120) as response:
        return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()


def wrk(port: int, path: str, seconds: float, connections: int) -> dict:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds:g}s", "--timeout", "30s", "--latency", f"http://127.0.0.1:{port}{path}"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise SystemExit(f"{path} on {port}: {errors.group(1)} error responses\n{out}")
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50": _ms(re.search(r"50%\s+([\d.]+\w+)", out).group(1)),
        "p99": _ms(re.search(r"99%\s+([\d.]+\w+)", out).group(1)),
    }


def abandoned(port: int) -> int:
    """Connections wrk has closed while the server on ``port`` still works on them
    (CLOSE_WAIT): a queued cold page still rendering."""
    count = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError), open(table) as rows:
            for row in list(rows)[1:]:
                fields = row.split()
                if int(fields[1].rsplit(":", 1)[1], 16) == port and fields[3] == "08":
                    count += 1
    return count


def settle(port: int, deadline: float = 10) -> None:
    """Wait until the server has finished the requests wrk left behind, so they are not
    charged to the next run."""
    until = time.monotonic() + deadline
    time.sleep(0.1)
    while abandoned(port) and time.monotonic() < until:
        time.sleep(0.1)


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(\w+)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--reseed", action="store_true", help="run seed_demo again")
    options = parser.parse_args()
    if not shutil.which("wrk"):
        print("bench/pages.py: skipped, wrk missing (Debian: apt-get install wrk)")
        return

    # Its own collected static files: a collectstatic into var/static would pull files
    # from under a server or test that indexed them there.
    env = {**os.environ, "DATABASE_URL": bench_database_url(), "DEBUG": "0",
           "STATIC_ROOT": str(ROOT / "var" / "bench-static")}  # fmt: skip
    env.pop("REDIS_URL", None)  # the default: the on-disk cache the workers share
    env.pop("VARNISH_PURGE_URL", None)
    paths = prepare(env, options.reseed)
    work = Path(tempfile.mkdtemp(prefix="newsroom-bench-"))
    ports = {mode: free_port() for mode in (*MODES, "limit")}
    processes = []
    try:
        cold_env = {**env, **COLD, "CACHE_DIR": str(work / "cold-cache")}
        warm_env = {**env, "CACHE_DIR": str(work / "warm-cache")}
        processes.append(gunicorn(cold_env, "newsroom.wsgi", ports["cold"], options.workers))
        processes.append(gunicorn(warm_env, "newsroom.wsgi", ports["django"], options.workers))
        wait_for(ports["cold"])
        wait_for(ports["django"])
        binary = varnishd()
        modes = list(MODES)
        if binary:
            processes.append(start_varnish(binary, ports["varnish"], ports["django"], work))
            wait_for(ports["varnish"])
        else:
            modes.remove("varnish")

        # The limit serves exactly the bytes the article page has.
        _status, _headers, article_bytes = fetch(ports["django"], paths["article"])
        (work / "article.html").write_bytes(article_bytes)
        limit_env = {**env, "BENCH_LIMIT_BODY": str(work / "article.html")}
        processes.append(gunicorn(limit_env, "limit_app:application", ports["limit"],
                                  options.workers, "--pythonpath", str(ROOT / "bench")))  # fmt: skip
        wait_for(ports["limit"])

        cells = [(page, mode) for page in PAGES for mode in modes] + [("article", "limit")]
        info = {}
        for page, mode in cells:  # warm-up: connections, stored pages, Varnish's copy
            fetch(ports[mode], paths[page])
            status, headers, body = fetch(ports[mode], paths[page])
            stored = "public" in headers.get("cache-control", "") and mode != "cold"
            if mode == "varnish":
                stored = headers.get("x-cache") == "HIT"
            info[(page, mode)] = {"status": status, "bytes": len(body), "stored": stored}
            if mode != "cold":  # a cold page has nothing to warm but Python and Postgres
                wrk(ports[mode], paths[page], 1, options.connections)
                settle(ports[mode])

        runs = {cell: [] for cell in cells}
        started = time.monotonic()
        for round_number in range(options.rounds):
            for cell in cells:
                page, mode = cell
                if mode == "cold":  # slow pages: a longer run, so it completes enough of them
                    run = wrk(ports[mode], paths[page], 2 * options.seconds, COLD_CONNECTIONS)
                else:
                    run = wrk(ports[mode], paths[page], options.seconds, options.connections)
                runs[cell].append(run)
                settle(ports[mode])
                if mode == "varnish":
                    settle(ports["django"])
            print(
                f"  round {round_number + 1}/{options.rounds} done ({time.monotonic() - started:.0f} s)"
            )
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:  # a cold worker still rendering a queued page
                process.kill()
                process.wait()
        shutil.rmtree(work, ignore_errors=True)

    figures = {cell: {k: statistics.median(run[k] for run in runs[cell]) for k in ("rps", "p50", "p99")} for cell in cells}  # fmt: skip
    limit = figures[("article", "limit")]["rps"]
    load = os.getloadavg()
    print(
        f"\n{time.strftime('%Y-%m-%d %H:%M %Z')}, {os.cpu_count()} CPUs, load average "
        f"{load[0]:.1f} {load[1]:.1f} {load[2]:.1f}; gunicorn --workers {options.workers} "
        f"{' '.join(GUNICORN_ARGS)}; wrk -t2 -c{options.connections} (cold: -c{COLD_CONNECTIONS}, twice as long), "
        f"{options.seconds:g} s a run, "
        f"median of {options.rounds} interleaved rounds"
    )
    if "varnish" not in modes:
        print(
            "varnish: skipped: varnishd missing (or its xkey vmod: Debian varnish + varnish-modules)"
        )
    header = f"{'page':<9}{'mode':<9}{'req/s':>9}{'p50 ms':>9}{'p99 ms':>9}{'bytes':>8}{'ratio':>8}{'target':>8}  result"
    print(header)
    print("-" * len(header))
    missed = []
    for page, mode in cells:
        fig, cell_info = figures[(page, mode)], info[(page, mode)]
        ratio = fig["rps"] / limit
        target = TARGETS.get((page, mode))
        if mode == "limit":
            verdict, target_text = "the limit", "1.00"
        elif target is None:
            verdict, target_text = "", "—"
        elif mode != "cold" and not cell_info["stored"]:
            verdict, target_text = "not stored (private, no-store)", "—"
        else:
            verdict, target_text = ("PASS" if ratio >= target else "MISS"), f"{target:.2f}"
            if verdict == "MISS":
                missed.append(f"{page} {mode}")
        print(
            f"{page:<9}{mode:<9}{fig['rps']:>9.0f}{fig['p50']:>9.2f}{fig['p99']:>9.2f}"
            f"{cell_info['bytes']:>8}{ratio:>8.3f}{target_text:>8}  {verdict}"
        )
    print("\npaths: " + "  ".join(f"{page} {paths[page]}" for page in PAGES))
    print(
        "cold: "
        + " ".join(f"{k}={v}" for k, v in COLD.items())
        + " (menu and site settings stay stored)"
    )
    print("targets (issue 9), ratio to the limit: varnish ≥ 5, django ≥ 0.70, cold article ≥ 0.05, "
          "cold home/section/tag/reporter ≥ 0.03")  # fmt: skip
    print("missed: " + (", ".join(missed) if missed else "none"))


if __name__ == "__main__":
    main()
