"""Breadcrumbs on every page below home (the same trail as the page's BreadcrumbList), and
the phone's full menu with sub-sections, reachable with no script."""

import re

import pytest
from taggit.models import Tag

from tests.council.factories import make_member
from tests.factories import make_article, make_reporter, make_section

pytestmark = pytest.mark.django_db


def trail(html: str) -> list[str]:
    nav = html[
        html.index("data-breadcrumbs") : html.index("</nav>", html.index("data-breadcrumbs"))
    ]
    return [
        re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li>(.*?)</li>", nav, re.S)
    ]


@pytest.fixture
def council_section():
    politics = make_section("정치", slug="politics")
    return make_section("시흥시의회", slug="council-news", parent=politics)


def test_section_page_trail_runs_through_its_parent(client, council_section):
    html = client.get("/section/council-news/").content.decode()
    assert trail(html) == ["홈", "정치", "시흥시의회"]
    assert '<a href="/section/politics/">정치</a>' in html
    assert '<span aria-current="page">시흥시의회</span>' in html


def test_article_trail_stops_at_its_section(client, council_section):
    article = make_article(section=council_section, headline="본회의 개회")
    html = client.get(article.get_absolute_url()).content.decode()
    assert trail(html) == ["홈", "정치", "시흥시의회"]
    nav = html[html.index("data-breadcrumbs") :]
    assert 'href="/section/council-news/">시흥시의회</a>' in nav[: nav.index("</nav>")]


def test_tag_reporter_search_policy_tip_and_council_pages(client):
    tag = Tag.objects.create(name="갯골축제", slug="gaetgol")
    reporter = make_reporter("김기자", title="기자")
    make_article(tags=[tag], reporters=[reporter])
    member = make_member("이상훈")
    expected = {
        "/tag/gaetgol/": ["홈", "#갯골축제"],
        reporter.get_absolute_url(): ["홈", "김기자 기자"],
        "/search/?q=시흥": ["홈", "기사 검색"],
        "/policy/privacy/": ["홈", "개인정보처리방침"],
        "/tip/": ["홈", "기사제보"],
        "/council/": ["홈", "시흥시의회"],
        member.get_absolute_url(): ["홈", "시흥시의회", "이상훈"],
    }
    for url, crumbs in expected.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert trail(response.content.decode()) == crumbs, url


def test_home_has_no_trail(client):
    assert "data-breadcrumbs" not in client.get("/").content.decode()


def test_phone_menu_lists_every_menu_section_and_its_children(client, council_section):
    make_section("숨은 섹션", slug="hidden", parent=council_section.parent, show_in_menu=False)
    html = client.get("/").content.decode()
    menu = html[html.index("data-site-menu") : html.index("</details>")]
    assert "<summary>전체 메뉴</summary>" in menu
    assert '<a href="/section/politics/">정치</a>' in menu
    sub = menu[menu.index('class="site-menu__sub"') :]
    assert '<a href="/section/council-news/">시흥시의회</a>' in sub
    assert "숨은 섹션" not in menu
    assert "<script" not in menu
