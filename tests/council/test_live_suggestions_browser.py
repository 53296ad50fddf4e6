"""In Chromium: typing a member's name in the body editor offers the member; 연결 then
save stores the link. A longer name that contains a member's name offers nothing."""

import importlib

import pytest
from django.apps import apps

from council.models import MemberArticle
from tests.articles.editor_page import (
    ADD_URL,
    admin_page,
    choose_section,
    open_editor,
    restore_groups,
)
from tests.council.factories import make_member
from tests.factories import make_reporter_user, make_section

pytestmark = pytest.mark.django_db(transaction=True)

PANEL = ".council-live-suggestions"


@pytest.fixture
def page(live_server, client, monkeypatch, media_root):
    restore_groups()
    # The flush of an earlier transactional test took the reporters' council rights too.
    importlib.import_module("council.migrations.0002_council_permissions").grant(apps, None)
    with admin_page(
        live_server, client, make_reporter_user("council-reporter"), monkeypatch
    ) as page:
        yield page
        assert page.problems == [], page.problems


def answered(page):
    # Typing marks the panel "waiting"; the answer to the latest text marks it "answered".
    page.wait_for_selector(f"{PANEL}[data-state=answered]", state="attached")


def test_the_editor_suggests_the_member_and_links_on_click_and_save(page, live_server):
    make_section(name="시흥시의회")
    soyoung = make_member("박소영", district="시흥시 다선거구")
    text = open_editor(page, live_server.url + ADD_URL)
    page.fill("#id_headline", "연구단체 벤치마킹")
    choose_section(page, "시흥시의회")
    text.click()
    page.keyboard.insert_text("이날 김박소영 의원이 말했다. ")
    # The longer name matches nothing: no panel once the server has answered.
    answered(page)
    assert page.locator(PANEL).is_hidden()

    page.keyboard.insert_text("그리고 박소영 의원은 참석했다.")
    answered(page)
    item = page.locator(f"{PANEL} li[data-member-id='{soyoung.pk}']")
    item.wait_for()
    assert "다선거구" in item.inner_text()
    assert not MemberArticle.objects.exists()  # never linked silently
    button = item.get_by_role("button", name="연결")
    button.focus()
    page.keyboard.press("Enter")  # keyboard reachable
    page.wait_for_selector(f"{PANEL} li.linked")
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist")
    assert list(MemberArticle.objects.values_list("member_id", "article__headline")) == [
        (soyoung.pk, "연구단체 벤치마킹")
    ]
