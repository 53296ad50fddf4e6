"""Issue 11, "usable at 1366 px and on a phone": an editor walks every changelist, every
add page, one change page per model and the desk's own pages (index, 편집국 달력, the
own-story and ad reports, the portal delivery log) on a laptop (1366x768) and a phone
(390x844) screen: the page never scrolls sideways, no column header is cut off, a wide
list scrolls inside its box with its checkbox and first link in reach, and no page logs a
console error or breaks the policy (the ``site`` fixture). Screenshots of every page go to
screenshots/ (not committed), ``<page>-<laptop|phone>.png``."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib import admin
from django.contrib.admin.utils import quote
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_article, make_banner, make_editor, make_reporter

# Cut-off headers: a header cell whose text is wider than the cell that shows it, in any
# table of the page (the list, the banner slots over it, inlines, reports).
CUT_HEADERS = """
() => [...document.querySelectorAll('thead th')]
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


@pytest.mark.parametrize("viewport", ["laptop", "phone"])
def test_every_changelist_fits_the_screen(site, viewport):
    editor = make_editor(username="desk-walk", first_name="편집자")
    make_article(headline="아주 긴 제목이 붙은 시흥 갯골생태공원 축제 소식")
    make_banner()
    page = site.page(viewport)
    site.log_in(page, "desk-walk")
    found = []
    for path in admin_paths(editor):
        site.open(page, path)
        found.extend(f"{path}: {problem}" for problem in layout_problems(page))
        site.shoot(page, path.strip("/").replace("/", "-"))
    assert found == [], "\n".join(found)


def layout_problems(page) -> list[str]:
    """What is wrong with the page's layout on its screen: sideways scroll, cut-off list
    headers, and on a phone a list out of reach."""
    found = []
    wide = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    if wide > 1:
        found.append(f"scrolls sideways by {wide}px")
    found.extend(f"header {header!r} cut off" for header in page.evaluate(CUT_HEADERS))
    if page.viewport_size["width"] < 768:
        found.extend(page.evaluate(PHONE_LIST))
    return found


def build_one_of_each():
    """A row for every model an editor may change, so each has a change page to open, and
    something on the calendar's month and week: a story scheduled for tomorrow, a banner
    running this week, a council session."""
    from articles.models import Article, Column, Correction, Series
    from comments.models import Comment, CommentPolicy
    from council.demo import seed_council
    from intake.models import PressRelease, Tip
    from newsletter.models import Edition
    from newsroom.models import HomeCuration, SiteSettings

    now = timezone.now()
    reporter = make_reporter("김시흥", title="기자")
    story = make_article(
        headline="배곧 해안 산책로 3.2km 개통, 갯벌 생태공원과 한울공원 이어",
        reporters=[reporter],
        tags=["배곧"],
    )
    make_article(
        headline="시흥시의회 예산안 심사 시작",
        section=story.section,
        status=Article.Status.PUBLISHED,
        published_at=now + timedelta(days=1),
    )
    make_banner(starts_at=now - timedelta(days=1), ends_at=now + timedelta(days=3))
    seed_council()
    Series.objects.create(name="시흥의 갯골", slug="gaetgol")
    Column.objects.create(name="시흥 산책", slug="walk", reporter=reporter)
    Correction.objects.create(article=story, text="산책로 길이를 바로잡습니다.")
    Comment.objects.create(article=story, name="시민", body="좋은 소식입니다.")
    Tip.objects.create(name="제보자", contact="010-0000-0000", text="정왕동 가로등이 꺼졌어요.")
    PressRelease.objects.create(
        title="시흥시, 평생학습 수강생 모집",
        body="<p>시흥시가 수강생을 모집한다.</p>",
        source="text",
    )
    Edition.objects.create(date=timezone.localdate(), subject="오늘의 시흥")
    for singleton in (SiteSettings, HomeCuration, CommentPolicy):
        singleton.objects.get_or_create(pk=1)


def form_pages(user) -> tuple[list[tuple[str, str]], list[str]]:
    """(screenshot name, path) of every add page and one change page per model ``user``
    may add or change, and the models they may change that have no row to open."""
    request = RequestFactory().get("/admin/")
    request.user = user
    pages, empty = [], []
    for model, model_admin in sorted(admin.site._registry.items(), key=lambda i: i[0]._meta.label):
        app, name = model._meta.app_label, model._meta.model_name
        if model_admin.has_add_permission(request):
            pages.append((f"admin-{app}-{name}-add", reverse(f"admin:{app}_{name}_add")))
        if model_admin.has_change_permission(request):
            row = model_admin.get_queryset(request).first()
            if row is None:
                empty.append(model._meta.label)
            else:
                path = reverse(f"admin:{app}_{name}_change", args=[quote(row.pk)])
                pages.append((f"admin-{app}-{name}-change", path))
    return pages, empty


def desk_pages() -> list[tuple[str, str]]:
    year, week, _ = timezone.localdate().isocalendar()
    calendar = reverse("desk_calendar")
    return [
        ("admin-index", reverse("admin:index")),
        ("admin-calendar-month", calendar),
        ("admin-calendar-week", f"{calendar}?week={year}-W{week:02d}"),
        ("admin-origin-report", reverse("admin:intake_originreport_changelist")),
        ("admin-ad-report", reverse("admin:newsroom_banner_report")),
        ("admin-portal-deliveries", reverse("admin:intake_portaldelivery_changelist")),
    ]


def test_every_form_and_desk_page_fits_both_screens(site):
    editor = make_editor(username="desk-forms", first_name="편집자")
    build_one_of_each()
    pages, empty = form_pages(editor)
    assert empty == [], "no row to open the change page of"
    found = []
    for viewport in ("laptop", "phone"):
        page = site.page(viewport)
        site.log_in(page, "desk-forms")
        for name, path in desk_pages() + pages:
            site.open(page, path)
            found.extend(f"{viewport} {path}: {problem}" for problem in layout_problems(page))
            site.shoot(page, name)
        page.context.close()
    assert found == [], "\n".join(found)
