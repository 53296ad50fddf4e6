"""In Chromium: the menu's sub-sections (시흥시의회 under 정치) are reached by the keyboard
alone on a desktop, and without JavaScript on a desktop and on a phone (390 px)."""

import pytest
from playwright.sync_api import expect

from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def tree():
    politics = make_section("정치", slug="politics", order=1)
    make_section("시흥시의회", slug="council", parent=politics, order=1)
    make_section("시흥시청", slug="city", parent=politics, order=2)
    society = make_section("사회", slug="society", order=2)
    make_article(section=politics)
    make_article(section=society)
    return politics


def focused(page):
    return page.evaluate(
        "[document.activeElement.getAttribute('href'), document.activeElement.textContent,"
        " !!document.activeElement.closest('nav.site-nav')]"
    )


# The focus ring's box (outline outside the link by width + offset) must lie inside the
# list that scrolls sideways, which clips whatever is drawn beyond it.
RING = """(() => {
  const el = document.activeElement, style = getComputedStyle(el);
  if (style.outlineStyle === "none") return false;
  const grow = parseFloat(style.outlineWidth) + parseFloat(style.outlineOffset);
  const box = el.getBoundingClientRect(), clip = el.closest("ul").getBoundingClientRect();
  return box.top - grow >= clip.top - 0.5 && box.bottom + grow <= clip.bottom + 0.5;
})()"""


def ring_is_whole(page):
    return page.evaluate(RING)


def tab_to(page, href, limit=40):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused(page)[0] == href:
            return
    raise AssertionError(f"Tab never reached {href}")


def test_the_keyboard_alone_opens_a_sub_section_on_the_desktop(site, tree):
    page = site.page("desktop")
    site.open(page, "/")
    sub = page.locator("nav.site-nav .site-nav__sub a", has_text="시흥시의회")
    expect(sub).to_be_hidden()  # closed until its parent has focus or the pointer
    tab_to(page, "/section/politics/")
    expect(sub).to_be_visible()  # focus on 정치 opens its row
    assert ring_is_whole(page)
    page.keyboard.press("Tab")
    href, text, in_nav = focused(page)
    assert (href, text, in_nav) == ("/section/council/", "시흥시의회", True)
    expect(sub).to_be_visible()
    site.shoot(page, "menu-sub-section-focused")
    assert ring_is_whole(page)  # the reader sees where focus is
    page.keyboard.press("Enter")
    page.wait_for_url(site.url + "/section/council/")
    expect(page.locator("h1")).to_contain_text("시흥시의회")


def test_past_the_sub_sections_the_row_closes_and_tab_goes_on(site, tree):
    page = site.page("desktop")
    site.open(page, "/")
    tab_to(page, "/section/city/")
    page.keyboard.press("Tab")
    assert focused(page)[0] == "/section/society/"
    expect(page.locator("nav.site-nav .site-nav__sub")).to_be_hidden()


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_without_javascript_a_sub_section_link_is_reachable(site, tree, viewport):
    page = site.context(viewport, java_script_enabled=False).new_page()
    site.open(page, "/")
    if viewport == "desktop":
        page.hover("nav.site-nav a[href='/section/politics/']")
        link = page.locator("nav.site-nav .site-nav__sub a", has_text="시흥시의회")
    else:
        menu = page.locator("[data-site-menu]")
        expect(menu).to_be_visible()
        menu.locator("summary").click()  # <details>: no script needed
        link = menu.locator(".site-menu__sub a", has_text="시흥시의회")
    expect(link).to_be_visible()
    site.shoot(page, "menu-sub-section-no-script")
    link.click()
    page.wait_for_url(site.url + "/section/council/")
    expect(page.locator("h1")).to_contain_text("시흥시의회")


def test_on_the_phone_the_whole_menu_opens_by_keyboard(site, tree):
    page = site.page("phone")
    site.open(page, "/")
    summary = page.locator("[data-site-menu] > summary")
    summary.focus()
    page.keyboard.press("Enter")
    link = page.locator("[data-site-menu] .site-menu__sub a", has_text="시흥시의회")
    expect(link).to_be_visible()
    page.keyboard.press("Tab")
    for _ in range(10):
        if focused(page)[0] == "/section/council/":
            break
        page.keyboard.press("Tab")
    assert focused(page)[0] == "/section/council/"
    width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= inner
