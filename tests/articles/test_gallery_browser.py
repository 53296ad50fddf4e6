"""포토뉴스 in Chromium on a phone-sized screen: the buttons, the arrow keys and a swipe
(a scroll of the strip) move one photo at a time and the counter follows; the page never
scrolls sideways; nothing breaks the Content-Security-Policy or logs an error."""

import os

import pytest

from articles.models import GalleryPhoto
from tests.browser import launch
from tests.factories import jpeg_bytes, make_article, make_image, make_reporter

pytestmark = pytest.mark.django_db(transaction=True)

SCREENSHOT_DIR = os.environ.get("SCREENSHOT_DIR", "var/screenshots")
COLORS = [(11, 78, 162), (0, 122, 94), (196, 69, 54), (120, 72, 160), (230, 145, 30)]


@pytest.fixture
def gallery_story(media_root):
    from django.core.files.uploadedfile import SimpleUploadedFile

    article = make_article(
        headline="[포토뉴스] 사진으로 보는 시흥갯골축제",
        body="<p>갯골축제 현장을 사진으로 모았다.</p>",
        reporters=[make_reporter("박지훈")],
    )
    for n, color in enumerate(COLORS):
        upload = SimpleUploadedFile(
            f"g{n}.jpg", jpeg_bytes(size=(1200, 800), color=color), "image/jpeg"
        )
        image = make_image(
            file=upload, alt_text=f"갯골 사진 {n + 1}", caption=f"갯골축제 장면 {n + 1}",
            credit="사진=박지훈 기자",
        )  # fmt: skip
        GalleryPhoto.objects.create(article=article, image=image, order=n)
    return article


def test_buttons_keys_and_swipe_move_the_gallery_on_a_phone(
    live_server, monkeypatch, gallery_story
):
    with launch(live_server.url, monkeypatch) as browser:
        context = browser.new_context(
            viewport={"width": 390, "height": 844}, locale="ko-KR", has_touch=True, is_mobile=True
        )
        page = context.new_page()
        errors = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(live_server.url + gallery_story.get_absolute_url())
        page.wait_for_load_state("load")

        # (Not wait_for_function with a string: the page's CSP forbids eval.)
        from playwright.sync_api import expect

        counter = page.locator("[data-gallery-current]")
        assert page.locator("[data-gallery-bar]").is_visible()
        assert counter.text_content() == "1"
        assert page.locator("[data-gallery-prev]").is_disabled()

        page.click("[data-gallery-next]")
        expect(counter).to_have_text("2")

        page.focus("[data-gallery-strip]")
        page.keyboard.press("ArrowRight")
        expect(counter).to_have_text("3")
        page.keyboard.press("ArrowLeft")
        expect(counter).to_have_text("2")

        # A swipe is the strip scrolling by itself: no script needed to move it.
        page.evaluate(
            """() => { const s = document.querySelector('[data-gallery-strip]');
                       s.scrollTo({left: s.clientWidth * 3, behavior: 'instant'}); }"""
        )
        expect(counter).to_have_text("4")
        page.keyboard.press("End")
        expect(counter).to_have_text("5")
        assert page.locator("[data-gallery-next]").is_disabled()

        # Each photo fills the strip's width, and the page itself never scrolls sideways.
        sizes = page.evaluate(
            """() => { const s = document.querySelector('[data-gallery-strip]');
                       const i = s.querySelector('[data-gallery-item]');
                       return [s.clientWidth, i.getBoundingClientRect().width,
                               getComputedStyle(s).scrollSnapType,
                               document.documentElement.scrollWidth, window.innerWidth]; }"""
        )
        strip_width, item_width, snap, page_width, viewport = sizes
        assert abs(strip_width - item_width) < 1
        assert snap.startswith("x")
        assert page_width <= viewport, sizes

        page.keyboard.press("Home")
        expect(counter).to_have_text("1")
        strip_left = "() => document.querySelector('[data-gallery-strip]').scrollLeft"
        for _ in range(50):  # the smooth scroll back to the first photo ends
            if page.evaluate(strip_left) == 0:
                break
            page.wait_for_timeout(50)
        assert page.evaluate(strip_left) == 0
        page.evaluate("() => document.activeElement.blur()")
        os.makedirs(SCREENSHOT_DIR, exist_ok=True)
        page.locator("[data-gallery]").scroll_into_view_if_needed()
        page.screenshot(path=os.path.join(SCREENSHOT_DIR, "gallery-phone.png"))
        assert errors == []


def test_without_javascript_every_photo_is_reached_by_scrolling(
    live_server, monkeypatch, gallery_story
):
    with launch(live_server.url, monkeypatch) as browser:
        context = browser.new_context(
            viewport={"width": 390, "height": 844}, java_script_enabled=False
        )
        page = context.new_page()
        page.goto(live_server.url + gallery_story.get_absolute_url())
        assert not page.locator("[data-gallery-bar]").is_visible()
        reach = page.evaluate(
            """() => { const s = document.querySelector('[data-gallery-strip]');
                       return [s.scrollWidth, s.clientWidth, getComputedStyle(s).overflowX]; }"""
        )
        # JavaScript off in the page still lets Playwright evaluate: the strip scrolls.
        scroll_width, client_width, overflow = reach
        assert overflow == "auto"
        assert scroll_width >= client_width * 5 - 1
