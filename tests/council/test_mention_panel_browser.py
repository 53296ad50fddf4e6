"""In Chromium: the saved story's member suggestions are one styled panel with 연결
buttons when JavaScript runs (the checkbox list is hidden), and the plain checkbox list,
alone, when it does not. Screenshots of the form at 1366 and 390 px, light and dark admin
themes, land in screenshots/ (docs/journeys.md)."""

import importlib

import pytest
from django.apps import apps

from council.models import MemberArticle
from tests.articles.editor_page import EDITABLE, admin_page, restore_groups
from tests.articles.test_admin_workflow import change_url
from tests.council.factories import make_member
from tests.factories import make_article, make_reporter_user
from tests.journeys.conftest import SCREENSHOTS

pytestmark = pytest.mark.django_db(transaction=True)

PANEL = ".council-live-suggestions"
CHECKBOXES = ".council-suggestions"
BODY = (
    "<p>‘시흥 미래산업 창업생태계 조성 연구회’(대표 이상훈 의원)가 방문했다.</p>"
    "<p>이날 벤치마킹에는 이상훈, 박소영 의원, 관계 공무원 등이 참석했다.</p>"
)
VIEWPORTS = {"desktop": {"width": 1366, "height": 768}, "phone": {"width": 390, "height": 844}}


@pytest.fixture
def desk(live_server, client, monkeypatch, media_root):
    """``open(**context_options)`` gives a reporter's page on a saved story that names
    이상훈 (two namesakes) and 박소영; the test fails if any page logged an error."""
    restore_groups()
    importlib.import_module("council.migrations.0002_council_permissions").grant(apps, None)
    reporter = make_reporter_user("panel-reporter")
    story = make_article(
        published=False, created_by=reporter, headline="연구단체 벤치마킹", body=BODY
    )
    members = {
        "박소영": make_member("박소영", district="시흥시 다선거구"),
        "이상훈": make_member("이상훈", district="시흥시 가선거구"),
        "전 이상훈": make_member(
            "이상훈", party="국민의힘", district="시흥시 라선거구", terms=[7], is_active=False
        ),
    }
    pages = []

    class Desk:
        def __init__(self):
            self.story, self.members = story, members

        def open(self, **options):
            opened = admin_page(live_server, client, reporter, monkeypatch, **options)
            page = opened.__enter__()
            pages.append((opened, page))
            page.goto(live_server.url + change_url(story))
            return page

    yield Desk()
    for opened, page in pages:
        problems = page.problems
        opened.__exit__(None, None, None)
        assert problems == [], problems


def shoot(page, name):
    SCREENSHOTS.mkdir(exist_ok=True)
    page.locator("#council_memberarticle-group").scroll_into_view_if_needed()
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
    page.locator(PANEL).screenshot(path=SCREENSHOTS / f"{name}-panel.png")


def no_sideways_scroll(page):
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_with_javascript_the_panel_replaces_the_checkbox_list_and_links_on_save(
    desk, viewport, scheme
):
    page = desk.open(viewport=VIEWPORTS[viewport], color_scheme=scheme)
    page.wait_for_selector(EDITABLE)
    panel = page.locator(PANEL)
    panel.wait_for()
    page.wait_for_selector(f"{PANEL}[data-state=answered]", state="attached")
    # Every saved suggestion is in the panel, each with its own 연결 button ...
    ids = [m.pk for m in desk.members.values()]
    shown = panel.locator("li[data-member-id]")
    assert sorted(
        int(i) for i in shown.evaluate_all("els => els.map(e => e.dataset.memberId)")
    ) == (sorted(ids))
    assert "라선거구" in panel.inner_text() and "전 의원" in panel.inner_text()
    # ... and the no-JS checkbox list is not shown besides it.
    assert page.locator(CHECKBOXES).count() == 1
    assert page.locator(CHECKBOXES).is_hidden()
    # The panel is styled as part of the admin: a bordered box, a real button.
    box = panel.evaluate(
        "el => { const s = getComputedStyle(el); return [s.borderTopStyle, s.paddingTop]; }"
    )
    assert box[0] != "none" and box[1] != "0px"
    assert no_sideways_scroll(page)
    shoot(page, f"council-mentions-{scheme}-{viewport}")

    soyoung = desk.members["박소영"]
    item = panel.locator(f"li[data-member-id='{soyoung.pk}']")
    item.get_by_role("button", name="연결").click()
    page.wait_for_selector(f"{PANEL} li.linked[data-member-id='{soyoung.pk}']")
    assert not MemberArticle.objects.exists()  # nothing before the save
    panel.screenshot(path=SCREENSHOTS / f"council-mentions-{scheme}-{viewport}-linked.png")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist")
    assert list(MemberArticle.objects.values_list("member_id", flat=True)) == [soyoung.pk]


def test_without_javascript_the_checkbox_list_alone_links_the_ticked_member(desk):
    page = desk.open(viewport=VIEWPORTS["desktop"], java_script_enabled=False)
    checkboxes = page.locator(CHECKBOXES)
    assert checkboxes.is_visible()
    assert page.locator(PANEL).count() == 0
    sanghoon = desk.members["이상훈"]
    page.get_by_label(str(sanghoon)).check()
    SCREENSHOTS.mkdir(exist_ok=True)
    checkboxes.screenshot(path=SCREENSHOTS / "council-mentions-nojs-desktop-list.png")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist")
    assert list(MemberArticle.objects.values_list("member_id", flat=True)) == [sanghoon.pk]
    # Saved: 이상훈 is settled (the namesake too), 박소영 is still offered.
    assert page.locator(f"{CHECKBOXES} input[value='{sanghoon.pk}']").count() == 0
    assert page.locator(f"{CHECKBOXES} input[value='{desk.members['박소영'].pk}']").is_visible()
