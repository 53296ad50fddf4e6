"""Varnish in front of gunicorn with the repository's VCL (deploy/varnish/default.vcl):
an edit from another process is visible through Varnish within a second, and an unpublish
purges exactly the story's keys (other stored pages stay stored).

Skips, saying so, without varnishd or its xkey vmod (Debian varnish + varnish-modules).
"""

from __future__ import annotations

import glob
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.newsroom.test_cache_processes import (  # noqa: F401 — site_env is a fixture
    ROOT,
    free_port,
    get,
    shell,
    site_env,
    start_gunicorn,
    wait_for,
)

VARNISHD = shutil.which("varnishd") or (
    "/usr/sbin/varnishd" if Path("/usr/sbin/varnishd").exists() else None
)
XKEY = glob.glob("/usr/lib/*/varnish/vmods/libvmod_xkey.so") + glob.glob(
    "/usr/lib/varnish/vmods/libvmod_xkey.so"
)
pytestmark = pytest.mark.skipif(
    VARNISHD is None or not XKEY, reason="varnishd with the xkey vmod is not installed"
)


class Front:
    """Varnish on ``port`` in front of gunicorn on ``backend_port``; the proxy can be
    stopped and started again (the fault test), gunicorn keeps running."""

    def __init__(self, env, work, port, backend_port):
        self.env, self.work, self.port, self.backend_port = env, work, port, backend_port
        self.vcl = work / "default.vcl"
        self.vcl.write_text(
            (ROOT / "deploy/varnish/default.vcl")
            .read_text()
            .replace("BACKEND_PORT", str(backend_port))
        )
        self.proxy = None

    def start_proxy(self):
        self.proxy = subprocess.Popen(
            [VARNISHD, "-F", "-j", "none", "-a", f"127.0.0.1:{self.port}", "-f", str(self.vcl),
             "-n", str(self.work / "n"), "-s", "malloc,64m", "-T", "none"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for(self.port)

    def stop_proxy(self):
        if self.proxy is not None:
            self.proxy.terminate()
            self.proxy.wait(timeout=10)
            self.proxy = None


@pytest.fixture(scope="module")
def varnish(site_env, tmp_path_factory):  # noqa: F811 — the imported fixture
    varnish_port, backend_port = free_port(), free_port()
    env = {**site_env, "VARNISH_PURGE_URL": f"http://127.0.0.1:{varnish_port}/"}
    front = Front(env, tmp_path_factory.mktemp("varnish"), varnish_port, backend_port)
    app = start_gunicorn(env, backend_port, "--workers", "2", "--worker-class", "gthread",
                         "--threads", "4")  # fmt: skip
    try:
        front.start_proxy()
        yield front
    finally:
        front.stop_proxy()
        app.terminate()
        app.wait(timeout=10)


def test_publish_to_visible_through_varnish_is_under_a_second(varnish):
    env, port = varnish.env, varnish.port
    url = shell(
        env,
        "from articles.models import Article, Section\nfrom django.utils import timezone\n"
        "s = Section.objects.create(name='바니시', slug='varnish-a')\n"
        "a = Article.objects.create(headline='바니시 첫 제목', section=s, status='published', "
        "published_at=timezone.now())\nprint(a.get_absolute_url())",
    )
    get(port, url)
    status, html, headers = get(port, url)
    assert headers.get("X-Cache") == "HIT"
    shell(env, "from articles.models import Article\n"
               "a = Article.objects.get(headline='바니시 첫 제목')\n"
               "a.headline = '바니시 고친 제목'\na.save()")  # fmt: skip
    saved = time.monotonic()
    status, html, headers = get(port, url)
    assert "바니시 고친 제목" in html
    assert time.monotonic() - saved < 1


def test_unpublishing_purges_exactly_the_storys_keys(varnish):
    env, port = varnish.env, varnish.port
    urls = shell(
        env,
        "from articles.models import Article, Section\nfrom django.utils import timezone\n"
        "a = Article.objects.create(headline='내릴 기사', section=Section.objects.create("
        "name='가', slug='varnish-b'), status='published', published_at=timezone.now())\n"
        "b = Article.objects.create(headline='남을 기사', section=Section.objects.create("
        "name='나', slug='varnish-c'), status='published', published_at=timezone.now())\n"
        "print(a.get_absolute_url(), b.get_absolute_url())",
    ).split()
    gone, kept = urls
    for url in (gone, kept, gone, kept):
        get(port, url)
    assert get(port, kept)[2].get("X-Cache") == "HIT"
    shell(env, "from articles.models import Article\na = Article.objects.get(headline='내릴 기사')\n"
               "a.status = 'unpublished'\na.save()")  # fmt: skip
    assert get(port, gone)[0] == 404
    assert "내릴 기사" not in get(port, "/")[1]
    assert get(port, kept)[2].get("X-Cache") == "HIT", "an unrelated page was purged"


def test_with_varnish_stopped_gunicorn_serves_and_purges_wait(varnish):
    """Varnish stopped: gunicorn behind it still answers (docs/operations.md tells the
    operator), a takedown saved meanwhile succeeds and its purge waits in the queue; with
    Varnish started again the queue is sent and the story is gone through Varnish too."""
    env, port = varnish.env, varnish.port
    # bulk_create and a status-only save: no search indexing, which would load Kiwi here.
    url = shell(
        env,
        "from articles.models import Article, Section\nfrom django.utils import timezone\n"
        "s = Section.objects.create(name='바니시 장애', slug='varnish-down')\n"
        "[a] = Article.objects.bulk_create([Article(headline='바니시 장애 기사', slug='down', "
        "section=s, status='published', published_at=timezone.now())])\n"
        "print(a.get_absolute_url())",
    )
    get(port, url)
    assert get(port, url)[2].get("X-Cache") == "HIT"

    varnish.stop_proxy()
    try:
        with pytest.raises(OSError):
            get(port, url)
        status, html, _headers = get(varnish.backend_port, url)
        assert status == 200 and "바니시 장애 기사" in html
        queued = shell(
            env,
            "from articles.models import Article\nfrom newsroom.models import PendingPurge\n"
            "a = Article.objects.get(slug='down')\na.status = 'unpublished'\n"
            "a.save(update_fields=['status'])\n"
            "print(' '.join(sorted(PendingPurge.objects.values_list('key', flat=True))))",
        ).split()
        assert f"article-{url.split('/')[2]}" in queued, queued
        assert get(varnish.backend_port, url)[0] == 404
    finally:
        varnish.start_proxy()
    sent = subprocess.run(
        [sys.executable, "manage.py", "purge_front_cache"], cwd=ROOT, env=env,
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert sent.returncode == 0, sent.stderr
    assert get(port, url)[0] == 404
