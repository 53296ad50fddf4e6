"""Varnish in front of gunicorn with the repository's VCL (deploy/varnish/default.vcl):
an edit from another process is visible through Varnish within a second, and an unpublish
purges exactly the story's keys (other stored pages stay stored).

Skips, saying so, without varnishd or its xkey vmod (Debian varnish + varnish-modules).
"""

from __future__ import annotations

import glob
import shutil
import subprocess
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


@pytest.fixture(scope="module")
def varnish(site_env, tmp_path_factory):  # noqa: F811 — the imported fixture
    work = tmp_path_factory.mktemp("varnish")
    varnish_port, backend_port = free_port(), free_port()
    env = {**site_env, "VARNISH_PURGE_URL": f"http://127.0.0.1:{varnish_port}/"}
    vcl = work / "default.vcl"
    vcl.write_text(
        (ROOT / "deploy/varnish/default.vcl").read_text().replace("BACKEND_PORT", str(backend_port))
    )
    app = start_gunicorn(env, backend_port, "--workers", "2", "--worker-class", "gthread",
                         "--threads", "4")  # fmt: skip
    proxy = subprocess.Popen(
        [VARNISHD, "-F", "-j", "none", "-a", f"127.0.0.1:{varnish_port}", "-f", str(vcl),
         "-n", str(work / "n"), "-s", "malloc,64m", "-T", "none"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_for(varnish_port)
        yield env, varnish_port
    finally:
        proxy.terminate()
        proxy.wait(timeout=10)
        app.terminate()
        app.wait(timeout=10)


def test_publish_to_visible_through_varnish_is_under_a_second(varnish):
    env, port = varnish
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
    env, port = varnish
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
