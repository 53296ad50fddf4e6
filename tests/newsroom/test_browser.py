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

        def new_page(user_agent=READER):
            context = chromium.new_context(user_agent=user_agent, locale="ko-KR")
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

    # another reader (on one test machine: another browser), served the stored page;
    # the same address and browser would be the same reader within the hour
    second = browser(READER.replace("Chrome/126.0", "Chrome/127.0"))
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


def test_phone_menu_opens_by_keyboard_and_wide_screens_use_the_dropdown(browser, live_server):
    from tests.factories import make_section

    politics = make_section("정치", slug="politics")
    make_section("시흥시의회", slug="council-news", parent=politics)
    page = browser()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/")
    child = page.locator("[data-site-menu] .site-menu__sub a", has_text="시흥시의회")
    assert not child.is_visible()
    page.locator("[data-site-menu] > summary").focus()
    page.keyboard.press("Enter")
    assert child.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.set_viewport_size({"width": 1440, "height": 900})
    assert not page.locator("[data-site-menu]").is_visible()
    # the desktop dropdown opens on keyboard focus
    page.locator(".site-nav a", has_text="정치").focus()
    assert page.locator(".site-nav__sub a", has_text="시흥시의회").is_visible()


def test_a_banner_on_screen_counts_one_impression_per_reader(browser, live_server):
    from newsroom.models import BannerImpression

    banner = make_banner(slot="header")
    page = browser()
    for _ in range(3):  # the same reader reloading
        page.goto(live_server.url + "/")
        page.wait_for_timeout(1500)  # the beacon goes a second after the banner is seen

    def total():
        return BannerImpression.objects.filter(banner=banner).aggregate(n=Sum("count"))["n"] or 0

    deadline = time.monotonic() + 5
    while total() < 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert total() == 1
