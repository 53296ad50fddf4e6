"""Journey 5: a reader on a phone (390×844) and on a desktop (1440×900) goes home →
section → article → tag → reporter → search by clicking what the pages show; the weather
strip, the menu, banners, 관련기사 and 많이 본 뉴스 are there and work, the phone never
scrolls sideways, and on the phone the story's headline, byline and photo are on the first
screen. Also: axe-core on the reader pages, and the keyboard path from the top."""

import pytest
from playwright.sync_api import expect

from tests.journeys.conftest import axe_violations
from tests.journeys.data import build_paper

pytestmark = pytest.mark.django_db(transaction=True)


def no_sideways_scroll(page):
    width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= inner, f"{page.url}: {width}px wide in a {inner}px window"


def common_furniture(page, viewport):
    expect(page.locator(".wx-strip")).to_be_visible()
    expect(page.locator(".wx-strip__item").first).to_be_visible()
    nav = page.locator("nav.site-nav")
    expect(nav).to_be_visible()
    for name in ("홈", "정치", "사회"):
        expect(nav.get_by_role("link", name=name, exact=True)).to_be_visible()
    expect(page.locator("#site-search-q")).to_be_visible()
    if viewport == "phone":
        no_sideways_scroll(page)


def on_first_screen(page, selector):
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    height = page.evaluate("window.innerHeight")
    assert box["y"] + min(box["height"], 40) <= height, (selector, box, height)


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_a_reader_goes_from_home_to_search_by_clicking(site, viewport):
    paper = build_paper()
    page = site.page(viewport)

    site.open(page, "/")
    common_furniture(page, viewport)
    header_banner = page.locator('[data-banner-slot="header"] a.banner')
    expect(header_banner).to_be_visible()
    assert header_banner.locator("img").get_attribute("alt") == "시흥갯골축제 9월 개막"
    expect(page.locator(".top-story__headline")).to_be_visible()
    site.shoot(page, "01-home")

    page.locator("nav.site-nav").get_by_role("link", name="사회", exact=True).click()
    page.wait_for_url("**/section/society/")
    site.check(page)
    common_furniture(page, viewport)
    expect(page.get_by_role("link", name=paper.story.headline).first).to_be_visible()
    site.shoot(page, "02-section")

    page.get_by_role("link", name=paper.story.headline).first.click()
    page.wait_for_url(f"**{paper.story.get_absolute_url()}")
    site.check(page)
    common_furniture(page, viewport)
    assert page.locator("h1.story__headline").inner_text() == paper.story.headline
    related = page.locator("section.related")
    related.scroll_into_view_if_needed()
    expect(related.get_by_role("heading", name="관련기사")).to_be_visible()
    for other in paper.others[:2]:
        expect(related.get_by_role("link", name=other.headline)).to_be_visible()
    expect(related.get_by_role("link", name="시흥시 산책로 안내")).to_be_visible()
    most_read = page.locator("section.most-read")
    most_read.scroll_into_view_if_needed()
    expect(most_read.get_by_role("heading", name="많이 본 뉴스")).to_be_visible()
    expect(most_read.get_by_role("link", name=paper.others[0].headline).first).to_be_visible()
    expect(page.locator('[data-banner-slot="article-bottom"] a.banner')).to_be_visible()
    expect(page.locator('[data-banner-slot="sidebar-1"] a.banner')).to_be_visible()
    page.evaluate("window.scrollTo(0, 0)")
    if viewport == "phone":
        for selector in ("h1.story__headline", ".story__meta .byline", ".story__lead-image img"):
            on_first_screen(page, selector)
    site.shoot(page, "03-article")

    page.locator(".story__tags").get_by_role("link", name="#산책로").click()
    page.wait_for_url("**/tag/**")
    site.check(page)
    common_furniture(page, viewport)
    expect(page.get_by_role("link", name=paper.story.headline).first).to_be_visible()
    site.shoot(page, "04-tag")

    page.get_by_role("link", name=paper.story.headline).first.click()
    page.wait_for_url(f"**{paper.story.get_absolute_url()}")
    page.locator(".story__meta .byline").get_by_role("link", name="김시흥").first.click()
    page.wait_for_url(f"**{paper.reporter.get_absolute_url()}")
    site.check(page)
    common_furniture(page, viewport)
    expect(page.get_by_role("link", name=paper.others[0].headline).first).to_be_visible()
    site.shoot(page, "05-reporter")

    page.fill("#site-search-q", "산책로")
    page.press("#site-search-q", "Enter")
    page.wait_for_url("**/search/?q=*")
    site.check(page)
    common_furniture(page, viewport)
    expect(page.get_by_role("link", name=paper.story.headline).first).to_be_visible()
    site.shoot(page, "06-search")


def test_reader_pages_have_no_serious_accessibility_violations(site):
    paper = build_paper()
    pages = {
        "desktop": [
            "/",
            paper.society.get_absolute_url(),
            paper.story.get_absolute_url(),
            "/search/?q=산책로",
        ],
        "phone": [paper.story.get_absolute_url()],  # the layout that changes most
    }
    for viewport, paths in pages.items():
        page = site.page(viewport)
        for path in paths:
            site.open(page, path)
            assert axe_violations(page) == [], (viewport, path)


def test_the_keyboard_reaches_skip_link_menu_and_search_and_stops_the_ticker(site):
    build_paper(banners=False)
    page = site.page("desktop")
    site.open(page, "/")
    page.keyboard.press("Tab")
    focused = page.evaluate(
        "[document.activeElement.className, document.activeElement.textContent,"
        " getComputedStyle(document.activeElement).outlineStyle,"
        " document.activeElement.getBoundingClientRect().top]"
    )
    assert focused[0] == "skip-link" and focused[1] == "본문 바로가기"
    assert focused[2] != "none" and focused[3] >= 0  # shown, with a focus ring
    menu = page.locator("nav.site-nav a")
    wanted = {menu.nth(n).get_attribute("href") for n in range(menu.count())}
    reached, search_reached = set(), False
    for _ in range(60):
        page.keyboard.press("Tab")
        href, tag, ident, outline = page.evaluate(
            "[document.activeElement.getAttribute('href'), document.activeElement.tagName,"
            " document.activeElement.id, getComputedStyle(document.activeElement).outlineStyle]"
        )
        assert outline != "none" or tag == "BODY", (tag, href, ident)
        search_reached |= ident == "site-search-q"
        if href in wanted and page.evaluate("!!document.activeElement.closest('nav')"):
            reached.add(href)
        if reached == wanted and search_reached:
            break
    assert search_reached and reached == wanted, wanted - reached

    # The weather strip moves; keyboard focus stops it (WCAG 2.2.2).
    site.open(page, "/")
    track = page.locator(".wx-strip__track")
    assert track.evaluate("el => getComputedStyle(el).animationName") == "wx-strip-ticker"
    assert track.evaluate("el => getComputedStyle(el).animationPlayState") == "running"
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the strip itself
    assert page.evaluate("document.activeElement.classList.contains('wx-strip__viewport')")
    assert track.evaluate("el => getComputedStyle(el).animationPlayState") == "paused"
    # 속보 does not move: nothing to pause.
    assert page.locator(".breaking").count() == 0 or page.locator(".breaking").evaluate(
        "el => getComputedStyle(el.querySelector('.breaking__inner')).animationName"
    ) in ("none", "")
