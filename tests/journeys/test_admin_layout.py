"""Issue 11, "usable at 1366 px and on a phone": an editor walks every changelist and add
page of the admin on a laptop and a phone screen; the page never scrolls sideways and no
column header is cut off. Screenshots go to screenshots/ (not committed)."""

from __future__ import annotations

import pytest
from django.contrib import admin

from tests.factories import make_article, make_banner, make_editor

LAPTOP = {"width": 1366, "height": 768}

# Cut-off headers: a header cell whose text is wider than the cell that shows it.
CUT_HEADERS = """
() => [...document.querySelectorAll('#result_list thead th')]
  .filter(th => th.offsetParent !== null && th.scrollWidth > th.clientWidth + 1)
  .map(th => th.textContent.trim())
"""

# On a phone a list wider than the screen scrolls inside its .results box (not the page,
# and not clipped); the row's checkbox and first link are on screen, and stay there while
# the other columns scroll past under them, up to the last one.
PHONE_LIST = """
() => {
  const box = document.querySelector('#changelist .results');
  const row = document.querySelector('#result_list tbody tr');
  if (!box || !row) return [];
  const found = [];
  const overflow = getComputedStyle(box).overflowX;
  const wider = box.scrollWidth > box.clientWidth + 1;
  if (wider && !['auto', 'scroll'].includes(overflow))
    found.push(`.results clips ${box.scrollWidth - box.clientWidth}px (overflow-x: ${overflow})`);
  const first = [...row.children].slice(0, 2);
  const last = row.lastElementChild;
  const name = (cell) => cell.className || cell.tagName;
  const outside = (cell, left, right) => {
    const r = cell.getBoundingClientRect();
    return r.left < left - 1 || r.right > right + 1;
  };
  const check = (when) => {
    const b = box.getBoundingClientRect();
    for (const cell of first)
      if (outside(cell, Math.max(0, b.left), Math.min(window.innerWidth, b.right)))
        found.push(`${when}: column ${name(cell)} not on screen`);
  };
  check('scrolled left');
  if (wider) {
    box.scrollLeft = box.scrollWidth;
    check('scrolled right');
    const b = box.getBoundingClientRect();
    if (outside(last, b.left, b.right)) found.push(`last column ${name(last)} out of reach`);
    box.scrollLeft = 0;
  }
  return found;
}
"""


def admin_paths(user):
    """The changelist of every registered model the editor may see."""
    paths = []
    for model in admin.site._registry:
        meta = model._meta
        if user.has_perm(f"{meta.app_label}.view_{meta.model_name}"):
            paths.append(f"/admin/{meta.app_label}/{meta.model_name}/")
    return sorted(paths)


@pytest.mark.parametrize("viewport", [LAPTOP, {"width": 390, "height": 844}], ids=["1366", "390"])
def test_every_changelist_fits_the_screen(site, viewport):
    editor = make_editor(username="desk-walk", first_name="편집자")
    make_article(headline="아주 긴 제목이 붙은 시흥 갯골생태공원 축제 소식")
    make_banner()
    page = site.browser.new_context(viewport=viewport, locale="ko-KR").new_page()
    site._watch(page)
    site.log_in(page, "desk-walk")
    found = []
    for path in admin_paths(editor):
        response = page.goto(site.url + path)
        assert response is not None and response.status == 200, path
        wide = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if wide > 1:
            found.append(f"{path} scrolls sideways by {wide}px")
        for header in page.evaluate(CUT_HEADERS):
            found.append(f"{path}: header {header!r} cut off")
        if viewport["width"] < 768:
            found.extend(f"{path}: {problem}" for problem in page.evaluate(PHONE_LIST))
        name = path.strip("/").replace("/", "-")
        page.screenshot(path=site_screens() / f"{name}-{viewport['width']}.png", full_page=True)
    page.context.close()
    assert found == [], "\n".join(found)


def site_screens():
    from tests.journeys.conftest import SCREENSHOTS

    SCREENSHOTS.mkdir(exist_ok=True)
    return SCREENSHOTS
