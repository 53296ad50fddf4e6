"""Issue 14's new reader pages on a 390×844 phone and a 1366×768 laptop, with the
journeys' small newspaper (tests/journeys/data.py): each answers 200, never scrolls
sideways, logs no console error or CSP violation (the ``site`` fixture), shows no broken
image, and its full-page screenshot goes to screenshots/ (``screen-<name>-<viewport>``)
to be looked at."""

import pytest

from tests.journeys.data import build_paper, build_reader_pages

pytestmark = pytest.mark.django_db(transaction=True)

# Lazy images below the fold would never load in a screenshot or be judged: load them all,
# then wait for each to finish (or fail) before looking.
LOAD_ALL_IMAGES = """async () => {
    const images = Array.from(document.images);
    images.forEach(img => { img.loading = "eager"; });
    await Promise.all(images.map(img => img.complete ? img.decode().catch(() => {}) :
        new Promise(done => { img.addEventListener("load", done); img.addEventListener("error", done); })));
}"""
# Visible images (laid out, not hidden) that did not load: their addresses.
BROKEN_IMAGES = """() => Array.from(document.images).filter(img => {
    const box = img.getBoundingClientRect(), style = getComputedStyle(img);
    return box.width > 0 && box.height > 0 && style.visibility !== "hidden";
}).filter(img => !(img.complete && img.naturalWidth > 0)).map(img => img.currentSrc || img.src)"""
SIDEWAYS = "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"


def pages(extra):
    return {
        "home": "/",
        "series": extra.series.get_absolute_url(),
        "opinion": "/opinion/",
        "column": extra.column.get_absolute_url(),
        "column-outside": extra.outside_column.get_absolute_url(),
        "gallery-story": extra.gallery.get_absolute_url(),
        "media": "/multimedia/",
        "tag-index": "/tags/",
        "about": "/policy/about/",
        "advertising": "/policy/advertising/",
        "grievance": "/policy/grievance/",
        "no-email-harvest": "/policy/no-email-harvest/",
        "council": "/council/",
    }


@pytest.mark.parametrize("viewport", ["phone", "laptop"])
def test_the_new_reader_pages_look_whole(site, viewport):
    paper = build_paper()
    extra = build_reader_pages(paper)
    page = site.page(viewport)
    for name, path in pages(extra).items():
        site.open(page, path)
        page.evaluate(LOAD_ALL_IMAGES)
        assert page.evaluate(BROKEN_IMAGES) == [], (name, path)
        width, window = page.evaluate(SIDEWAYS)
        assert width <= window, f"{path}: {width}px wide in a {window}px window"
        site.check(page)
        site.shoot(page, f"screen-{name}")
    # What the home page was to show (issue 14), there to be seen in its screenshot.
    site.open(page, "/")
    for selector in (
        "[data-breaking]",
        "[data-home-columns]",
        ".popular-tags",
        "[data-last-edited]",
    ):
        assert page.locator(selector).count() == 1, selector
    site.open(page, "/multimedia/")
    assert page.get_by_role("link", name=extra.video.headline).count() >= 1
