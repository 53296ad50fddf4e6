"""Journeys 2, 3 and 6 at the desk, in Chromium against the live app:

2. an editor takes a story from the review queue, fixes the headline, adds two related
   stories and a related link, schedules it two minutes ahead, and readers find it on home,
   section, tag, RSS and search only once the clock has passed that moment;
3. two editors save the same story from two browsers: the second is refused with the
   stale-save message and still has their own words in the form;
6. the admin pages (index, story list, change form, banner form) under the CSP with no
   console error, screenshots on both viewports, axe-core on the change form.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from articles.models import Article
from tests.factories import make_article, make_editor, make_reporter, make_reporter_user
from tests.journeys.admin import add_inline_row, fill_datetime, pick
from tests.journeys.conftest import axe_violations
from tests.journeys.data import build_paper

pytestmark = pytest.mark.django_db(transaction=True)

STALE = "이 화면을 연 뒤의 저장이라 덮어쓰지 않았습니다"


def reader_sees(site, context, paper, headline) -> dict[str, bool]:
    """Where a reader finds ``headline`` now: each public list, the feed and search."""
    page = context.pages[0] if context.pages else context.new_page()
    found = {}
    for name, path in (
        ("home", "/"),
        ("section", paper.society.get_absolute_url()),
        ("tag", "/tag/산책로/"),
        ("search", "/search/?q=습지공원"),
    ):
        site.open(page, path)
        found[name] = page.get_by_text(headline).count() > 0
    found["rss"] = headline in context.request.get(site.url + "/rss/").text()
    return found


def test_an_editor_schedules_a_reviewed_story_and_it_appears_only_at_its_time(
    site, settings, move_clock
):
    settings.PAGE_CACHE_SECONDS = 300  # readers get stored pages, as in production
    paper = build_paper(banners=False)
    author = make_reporter_user("reporter-lee")
    story = make_article(
        headline="갯골 습지공원 확장 공사 시작됨",
        section=paper.society,
        status=Article.Status.REVIEW,
        published=False,
        tags=["산책로"],
        body="<p>시흥시가 갯골 습지공원 확장 공사를 시작했다.</p>",
        created_by=author,
    )
    make_editor("desk-park")
    reader = site.context("desktop")
    before = reader_sees(site, reader, paper, "갯골 습지공원 확장")
    assert not any(before.values()), before

    page = site.page("desktop")
    site.log_in(page, "desk-park")
    page.locator(".desk-summary__review a").click()
    page.wait_for_url(re.compile(r"/admin/articles/article/\?.*state=review"))
    site.check(page)
    site.shoot(page, "admin-review-queue")
    page.get_by_role("link", name=story.headline).click()
    page.wait_for_url(re.compile(rf"/admin/articles/article/{story.pk}/change/"))
    site.check(page)

    page.fill("#id_headline", "갯골 습지공원 확장 공사 시작")
    for headline in (paper.others[0].headline, paper.others[1].headline):
        row = add_inline_row(page, "related_picks")
        pick(page, f"id_related_picks-{row}-related", headline[:6], headline)
    row = add_inline_row(page, "related_links")
    page.fill(f"#id_related_links-{row}-title", "갯골생태공원 안내")
    page.fill(f"#id_related_links-{row}-url", "https://www.siheung.go.kr/")
    page.select_option("#id_status", Article.Status.PUBLISHED)
    at = (timezone.now() + timedelta(minutes=2)).replace(microsecond=0)
    fill_datetime(page, "published_at", at)
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r"/admin/articles/article/(\?|$)"))
    site.check(page)
    expect(page.locator(".messagelist")).to_be_visible()

    story.refresh_from_db()
    assert story.headline == "갯골 습지공원 확장 공사 시작"
    assert story.is_scheduled and story.published_at == at
    assert [p.related for p in story.related_picks.order_by("order")] == paper.others[:2]
    assert story.related_links.get().title == "갯골생태공원 안내"

    move_clock(at - timedelta(seconds=1))
    still = reader_sees(site, reader, paper, "갯골 습지공원 확장")
    assert not any(still.values()), still
    move_clock(at + timedelta(seconds=1))
    after = reader_sees(site, reader, paper, "갯골 습지공원 확장")
    assert all(after.values()), after
    reader_page = reader.pages[0]
    reader_page.get_by_role("link", name="갯골 습지공원 확장 공사 시작").first.click()
    related = reader_page.locator("section.related")
    expect(related.get_by_role("link", name=paper.others[0].headline)).to_be_visible()
    expect(related.get_by_role("link", name="갯골생태공원 안내")).to_be_visible()
    site.check(reader_page)


def test_the_second_of_two_editors_is_told_and_keeps_their_text(site):
    story = make_article(headline="정왕동 도서관 리모델링", summary="처음 요약")
    make_editor("desk-a")
    make_editor("desk-b")
    first, second = site.page("desktop"), site.page("desktop")
    for page, who in ((first, "desk-a"), (second, "desk-b")):
        site.log_in(page, who)
        site.open(page, f"/admin/articles/article/{story.pk}/change/")

    first.fill("#id_headline", "정왕동 도서관 리모델링 마쳐")
    first.click("input[name=_save]")
    first.wait_for_url("**/admin/articles/article/")
    site.check(first)

    mine = "리모델링 뒤 열람석이 두 배로 늘었다."
    second.fill("#id_summary", mine)
    second.click("input[name=_save]")
    second.wait_for_load_state("load")
    site.check(second)
    notice = second.locator("section.stale-save")
    expect(notice).to_be_visible()
    assert STALE in notice.inner_text()
    assert second.content().count(STALE) == 1
    assert second.input_value("#id_summary") == mine
    site.shoot(second, "admin-stale-save")
    story.refresh_from_db()
    assert (story.headline, story.summary) == ("정왕동 도서관 리모델링 마쳐", "처음 요약")


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_the_admin_works_under_the_policy(site, viewport):
    paper = build_paper()
    make_editor("desk-kim")
    page = site.page(viewport)
    site.log_in(page, "desk-kim")
    for name, path in (
        ("admin-index", "/admin/"),
        ("admin-article-list", "/admin/articles/article/"),
        ("admin-article-change", f"/admin/articles/article/{paper.story.pk}/change/"),
        ("admin-banner-list", "/admin/newsroom/banner/"),
        ("admin-banner-add", "/admin/newsroom/banner/add/"),
    ):
        site.open(page, path)
        site.shoot(page, name)


def test_the_story_change_form_has_no_serious_accessibility_violations(site):
    # Saved inline rows too (their 삭제 boxes), an empty autocomplete and a chosen one.
    story = make_article(headline="접근성 점검", reporters=[make_reporter("접근성 기자")])
    story.related_links.create(title="시흥시청", url="https://www.siheung.go.kr/")
    make_editor("desk-axe")
    page = site.page("desktop")
    site.log_in(page, "desk-axe")
    site.open(page, f"/admin/articles/article/{story.pk}/change/")
    assert axe_violations(page) == []


@pytest.mark.parametrize("viewport", ["laptop", "phone"])
def test_story_list_and_form_have_no_serious_findings_or_empty_headers(site, viewport):
    """Issue 11, axe-core on the story list and the change form at 1366 and 390 px: nothing
    serious or critical, and no empty table heading (rule empty-table-header, minor): the
    list's checkbox column and the inlines' first and last columns name themselves to a
    screen reader with visually hidden text."""
    story = make_article(headline="접근성 점검", reporters=[make_reporter("접근성 기자")])
    story.related_links.create(title="시흥시청", url="https://www.siheung.go.kr/")
    make_editor("desk-axe")
    page = site.page(viewport)
    site.log_in(page, "desk-axe")
    found = []
    for path in ("/admin/articles/article/", f"/admin/articles/article/{story.pk}/change/"):
        site.open(page, path)
        everything = axe_violations(page, impacts=("minor", "moderate", "serious", "critical"))
        found.extend(
            f"{path}: {line}"
            for line in everything
            if line.startswith("empty-table-header") or "(serious)" in line or "(critical)" in line
        )
    assert found == [], "\n".join(found)
