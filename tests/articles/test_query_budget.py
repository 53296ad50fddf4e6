"""Page query counts do not grow with the number of articles, sections, tags or bylines."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_article, make_reporter, make_section

pytestmark = pytest.mark.django_db


def build(size):
    """``size`` sections, each with ``size`` stories with two bylines and ``size`` tags."""
    sections = [make_section(f"섹션 {size}-{n}") for n in range(size)]
    sub = make_section(f"하위 {size}", parent=sections[0])
    reporters = [make_reporter(f"기자 {size}-{n}") for n in range(2)]
    articles = []
    for section in [*sections, sub]:
        for _ in range(size):
            articles.append(
                make_article(
                    section=section,
                    reporters=reporters,
                    tags=[f"태그{size}-{t}" for t in range(size)],
                )
            )
    return sections[0], reporters[0], articles[-1]


def queries_for(client, url):
    cache.clear()  # measure a cold page: caches only hide growth
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize(
    "page",
    [
        lambda section, reporter, article: "/",
        lambda section, reporter, article: section.get_absolute_url(),
        lambda section, reporter, article: article.get_absolute_url(),
        lambda section, reporter, article: reporter.get_absolute_url(),
        lambda section, reporter, article: "/tag/태그{size}-0/",
    ],
    ids=["home", "section", "article", "reporter", "tag"],
)
def test_page_queries_do_not_grow_with_data(client, page):
    counts = []
    for size in (2, 6):
        section, reporter, article = build(size)
        url = page(section, reporter, article).replace("{size}", str(size))
        counts.append(queries_for(client, url))
    assert counts[0] == counts[1], counts


def test_article_page_is_a_handful_of_queries(client):
    _, _, article = build(3)
    # The story, its bylines, tags, site settings, menu, weather; then placements: all live
    # banners, 관련기사 (one query), related links, 많이 본 뉴스 (one query, cached),
    # 정정·반론 보도 (one query).
    # + the 관련 의원 block (council, one query) and the 속보 line (cached after).
    assert queries_for(client, article.get_absolute_url()) <= 13


# Cold pages (every cache cleared first), at two archive sizes: the counts stay put, and
# list pages keep to the budget of 8 queries. Home and article also load the
# desk's picks, placements and 관련기사: their budgets are what they cost today.
BUDGETS = {
    "home": 12,
    "article": 12,  # + the 관련 의원 block (one query, any size)
    "section": 8,
    "section page 2": 8,
    "section keyset": 8,
    "tag": 8,
    "reporter": 8,
    "search": 8,
}


def budget_urls(section, reporter, article, size):
    from articles.models import Article

    # A keyset page continues after the section's second newest story.
    cursor = Article.objects.published().in_section(section).for_lists()[1]
    return {
        "home": "/",
        "article": article.get_absolute_url(),
        "section": section.get_absolute_url(),
        "section page 2": section.get_absolute_url() + "?page=2",
        "section keyset": section.get_absolute_url() + f"?before={cursor.pk}",
        "tag": f"/tag/태그{size}-0/",
        "reporter": reporter.get_absolute_url(),
        "search": "/search/?q=시흥",
    }


def test_cold_pages_keep_their_query_budget_at_two_sizes(client, settings):
    settings.ARTICLES_PER_PAGE = 2
    counts = {}
    for size in (3, 7):
        section, reporter, article = build(size)
        for name, url in budget_urls(section, reporter, article, size).items():
            counts.setdefault(name, []).append(queries_for(client, url))
    for name, (small, large) in counts.items():
        assert small == large, (name, small, large)
        assert large <= BUDGETS[name], (name, large)
