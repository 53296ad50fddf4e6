"""In a real browser, on pages served from the page cache: the read beacon counts once per
tab session, and over-full banner slots still rotate per view."""

import time

import pytest
from django.db.models import Sum

from newsroom.models import ArticleRead
from tests.browser import launch
from tests.factories import make_article, make_banner

# A reader's browser; the headless default says "HeadlessChrome", which is a robot to us.
READER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def browser(live_server, monkeypatch, settings, media_root):
    """A Chromium on the live server, or a skip saying what is missing."""
    settings.PAGE_CACHE_SECONDS = 300  # readers get stored pages, as in production
    with launch(live_server.url, monkeypatch) as chromium:
        errors = []

        def new_page():
            context = chromium.new_context(user_agent=READER, locale="ko-KR")
            page = context.new_page()
            page.on("pageerror", lambda error: errors.append(str(error)))
            return page

        yield new_page
    assert errors == [], errors


def reads(article, expected, wait=5.0):
    """The article's read total, waiting a little for a beacon in flight."""
    deadline = time.monotonic() + wait
    while True:
        total = ArticleRead.objects.filter(article=article).aggregate(n=Sum("count"))["n"] or 0
        if total >= expected or time.monotonic() > deadline:
            return total
        time.sleep(0.05)


def test_beacon_counts_each_tab_session_once_even_from_the_page_cache(browser, live_server):
    article = make_article(headline="배곧 해안 산책로 개통")
    url = live_server.url + article.get_absolute_url()

    first = browser()
    first.goto(url)
    assert reads(article, 1) == 1
    first.reload()  # same tab session: not a new read
    time.sleep(0.5)
    assert reads(article, 2, wait=0.5) == 1

    second = browser()  # another reader, served the stored page
    second.goto(url)
    assert reads(article, 2) == 2


def test_full_slot_rotates_per_view_on_a_stored_page(browser, live_server, monkeypatch):
    from newsroom import banners

    # The server always draws the same banner, so any rotation seen comes from the browser.
    monkeypatch.setattr(
        banners, "choose", lambda candidates, capacity, rng=None: candidates[:capacity]
    )
    make_article()
    for n in range(2):
        make_banner(slot="header", alt_text=f"헤더 광고 {n}")
    page = browser()
    seen = set()
    for _ in range(30):
        page.goto(live_server.url + "/")
        visible = page.locator('[data-banner-slot="header"] a.banner:not([hidden]) img')
        assert visible.count() == 1
        seen.add(visible.get_attribute("alt"))
        if len(seen) == 2:
            break
    assert seen == {"헤더 광고 0", "헤더 광고 1"}
