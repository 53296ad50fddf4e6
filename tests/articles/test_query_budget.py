"""Page query counts do not grow with the number of articles, sections, tags or bylines."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import make_article, make_articles_in_bulk, make_reporter, make_section

pytestmark = pytest.mark.django_db


def build(size):
    """``size`` sections (one with a sub-section), each with ``size`` stories with two bylines
    and ``size`` tags, inserted in bulk (saving story by story made this test minutes long)."""
    sections = [make_section(f"섹션 {size}-{n}") for n in range(size)]
    sub = make_section(f"하위 {size}", parent=sections[0])
    reporters = [make_reporter(f"기자 {size}-{n}") for n in range(2)]
    articles = []
    for section in [*sections, sub]:
        articles += make_articles_in_bulk(
            size,
            section=section,
            reporters=reporters,
            tags=[f"태그{size}-{t}" for t in range(size)],
        )
    story = articles[-1]
    add_comments(story, size * size)  # 9 vs 64: a thread growing must not add queries
    return sections[0], reporters[0], story


def add_comments(article, count):
    """``count`` published comments on ``article``, a third of them replies."""
    from comments.models import Comment

    roots = Comment.objects.bulk_create(
        Comment(article=article, name=f"독자{n}", body=f"댓글 {n}", status=Comment.Status.PUBLISHED)
        for n in range(count - count // 3)
    )
    Comment.objects.bulk_create(
        Comment(article=article, parent=roots[n], name=f"답글{n}", body=f"답글 {n}",
                status=Comment.Status.PUBLISHED)
        for n in range(count // 3)
    )  # fmt: skip


def queries_for(client, url):
    from django.contrib.contenttypes.models import ContentType

    from articles.models import Article

    ContentType.objects.get_for_model(Article)  # a per-process cache, never cold in a server
    cache.clear()  # measure a cold page: caches only hide growth
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


# Cold pages (every cache cleared first), at two archive sizes: the counts stay put and
# keep to the budget of 8 queries. Every page: site settings, the 속보 line (the
# home curation row), sections (menu, and the search form's choices), weather, banners; the
# article adds its one query (bylines, tags, 정정·반론, related links, 관련 의원, the 댓글
# thread and the comment policy as arrays), 관련기사 with the 미디어 box, 많이 본 뉴스; home its curation's
# blocks, its stories (인기 태그 as a column of that query) and 많이 본 뉴스.
BUDGETS = {
    "home": 8,
    # 관련기사 and the 미디어 box are one query (articles/media.py, related_with_media_box)
    "article": 8,
    "comments": 6,  # the article's 댓글 endpoint
    "section": 6,
    "section page 2": 6,
    "section keyset": 6,
    "tag": 7,
    "reporter": 7,
    "search": 8,  # not stored (per query); its section choices come from the cached menu
    "media": 8,
    "tags": 7,
}


def budget_urls(section, reporter, article, size):
    from articles.models import Article

    # A keyset page continues after the section's second newest story.
    cursor = Article.objects.published().in_section(section).for_lists()[1]
    return {
        "home": "/",
        "article": article.get_absolute_url(),
        "comments": f"/articles/{article.pk}/comments/",
        "section": section.get_absolute_url(),
        "section page 2": section.get_absolute_url() + "?page=2",
        "section keyset": section.get_absolute_url() + f"?before={cursor.pk}",
        "tag": f"/tag/태그{size}-0/",
        "reporter": reporter.get_absolute_url(),
        "search": "/search/?q=시흥",
        "media": "/multimedia/",
        "tags": "/tags/",
    }


def test_cold_pages_keep_their_query_budget_at_two_sizes(client, settings):
    settings.ARTICLES_PER_PAGE = 2
    counts = {}
    for size in (3, 8):
        section, reporter, article = build(size)
        for name, url in budget_urls(section, reporter, article, size).items():
            counts.setdefault(name, []).append(queries_for(client, url))
    for name, (small, large) in counts.items():
        assert small == large, (name, counts)
        assert large <= BUDGETS[name], (name, counts)


def demo_like():
    """Several sections (one with a sub-section), tags, lead photos, bylines, related
    links, a correction, two council members named in the story, banners (one live, one
    scheduled) and the demo weather."""
    from datetime import timedelta

    from django.core.management import call_command
    from django.utils import timezone

    from articles.models import Correction, RelatedLink
    from tests.council.factories import link, make_member
    from tests.factories import make_banner, make_image

    call_command("load_demo_weather", verbosity=0)
    make_banner(slot="header")
    make_banner(slot="sidebar-1", starts_at=timezone.now() + timedelta(hours=2))
    sections = [make_section(f"데모 {n}") for n in range(4)]
    sections.append(make_section("데모 하위", parent=sections[0]))
    reporters = [make_reporter(f"데모 기자 {n}") for n in range(3)]
    photo = make_image()
    stories = []
    for n in range(30):
        stories.append(
            make_article(
                section=sections[n % len(sections)],
                reporters=reporters[: 1 + n % 3],
                tags=[f"데모태그{n % 4}", "시흥"],
                lead_image=photo if n % 2 else None,
            )
        )
    story = stories[-1]
    RelatedLink.objects.create(article=story, title="시청 보도자료", url="https://example.com/a")
    Correction.objects.create(article=story, kind=Correction._meta.get_field("kind").choices[0][0],
                              text="바로잡습니다.", date=timezone.now().date())  # fmt: skip
    link(make_member("김시흥"), story)
    link(
        make_member("이정왕", party="국민의힘", left_on=timezone.localdate(), is_active=False),
        story,
    )
    return sections[0], reporters[0], story


def test_cold_pages_with_demo_like_data_keep_the_budget(client, settings):
    settings.ARTICLES_PER_PAGE = 5
    section, reporter, story = demo_like()
    pages = {
        "home": "/",
        "article": story.get_absolute_url(),
        "section": section.get_absolute_url(),
        "tag": "/tag/시흥/",
        "reporter": reporter.get_absolute_url(),
        "search": "/search/?q=시흥",
        "media": "/multimedia/",
        "tags": "/tags/",
    }
    counts = {name: queries_for(client, url) for name, url in pages.items()}
    assert all(counts[name] <= BUDGETS[name] for name in pages), counts
    # The 관련 의원 block came with the story's own query, in name order.
    page = client.get(story.get_absolute_url()).content.decode()
    block = page[page.index("data-article-members") :]
    assert block.index("김시흥 의원") < block.index("이정왕 전 의원"), block[:600]
