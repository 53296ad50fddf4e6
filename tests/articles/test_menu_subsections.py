"""Sub-sections marked 메뉴에 표시 are in the menu under their parent, and a parent's page
links to its sub-sections."""

import re

import pytest

from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree():
    politics = make_section("정치", slug="politics", order=1)
    council = make_section("시흥시의회", slug="council", parent=politics, order=1)
    city = make_section("시흥시청", slug="city", parent=politics, order=2)
    hidden = make_section("숨은 섹션", slug="hidden", parent=politics, show_in_menu=False)
    make_article(section=council)
    return politics, council, city, hidden


def nav(html: str) -> str:
    return html[
        html.index('class="site-nav"') : html.index("</nav>", html.index('class="site-nav"'))
    ]


def test_menu_children_sit_under_their_parent(client, tree):
    politics, council, city, hidden = tree
    menu = nav(client.get("/").content.decode())
    sub = re.search(
        r'<li class="has-sub"><a href="/section/politics/">정치</a>(.*?)</li>\s*</ul>', menu, re.S
    )
    assert sub, menu
    assert '<a href="/section/council/">시흥시의회</a>' in sub.group(1)
    assert '<a href="/section/city/">시흥시청</a>' in sub.group(1)
    assert sub.group(1).index("시흥시의회") < sub.group(1).index("시흥시청")
    assert "숨은 섹션" not in menu


def test_sub_menus_are_plain_links_reached_without_script(client, tree):
    html = client.get("/").content.decode()
    # every sub-section is an ordinary link in the HTML; CSS only decides when it shows
    assert html.count('href="/section/council/"') >= 1
    assert "onclick" not in nav(html)


def test_a_parent_page_lists_its_sub_sections(client, tree):
    html = client.get("/section/politics/").content.decode()
    block = html[
        html.index("data-subsections") : html.index("</nav>", html.index("data-subsections"))
    ]
    for name in ("시흥시의회", "시흥시청", "숨은 섹션"):
        assert name in block
    leaf = client.get("/section/council/").content.decode()
    assert "data-subsections" not in leaf
    assert '<a href="/section/politics/">정치</a>' in leaf  # the way back up
