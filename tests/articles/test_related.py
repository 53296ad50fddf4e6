"""관련기사: the desk's picks in order, filled up with stories sharing tags, then section."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, RelatedArticle, RelatedLink
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


def ago(hours):
    return timezone.now() - timedelta(hours=hours)


def pick(article, *related):
    for order, other in enumerate(related):
        RelatedArticle.objects.create(article=article, related=other, order=order)


@pytest.fixture
def council():
    return make_section("시흥시의회", slug="council")


def test_picks_come_first_in_the_desk_order(council):
    story = make_article(section=council)
    older = make_article(section=make_section(), published_at=ago(300))
    newer = make_article(section=make_section(), published_at=ago(2))
    pick(story, older, newer)
    assert story.related_for_readers(count=2) == [older, newer]


def test_fills_up_with_shared_tags_then_section_newest_first(council):
    story = make_article(section=council, tags=["예산"])
    same_section_new = make_article(section=council, published_at=ago(2))
    shares_tag_old = make_article(section=make_section(), tags=["예산"], published_at=ago(200))
    shares_tag_new = make_article(section=make_section(), tags=["예산"], published_at=ago(20))
    unrelated = make_article(section=make_section(), published_at=ago(1))
    picked = make_article(section=make_section(), published_at=ago(500))
    pick(story, picked)

    related = story.related_for_readers(count=5)

    assert related == [picked, shares_tag_new, shares_tag_old, same_section_new]
    assert unrelated not in related


def test_count_is_the_setting(settings, council):
    settings.RELATED_ARTICLES_COUNT = 3
    story = make_article(section=council)
    for n in range(5):
        make_article(section=council, published_at=ago(n + 2))
    assert len(story.related_for_readers()) == 3


def test_never_itself_never_unpublished(council):
    story = make_article(section=council, tags=["배곧"])
    draft = make_article(section=council, tags=["배곧"], published=False)
    scheduled = make_article(
        section=council, tags=["배곧"], published_at=timezone.now() + timedelta(days=1)
    )
    withdrawn = make_article(section=council, status=Article.Status.UNPUBLISHED)
    # Picks made through the ORM skip the form's self-check: the reader side must hold anyway.
    pick(story, story, draft, scheduled, withdrawn)
    assert story.related_for_readers() == []


def test_article_alone_in_its_section_and_without_tags_has_none():
    assert make_article().related_for_readers() == []


def test_one_query_whatever_the_number_of_picks(council):
    story = make_article(section=council, tags=["예산", "청년"])
    pick(story, *[make_article(section=make_section()) for _ in range(6)])
    with CaptureQueriesContext(connection) as captured:
        story.related_for_readers(count=10)
    assert len(captured) == 1


class TestArticlePage:
    def test_shows_related_articles_and_links_under_the_story(self, client, council):
        story = make_article(section=council)
        other = make_article(section=council, headline="시의회 예산 심사 마무리")
        RelatedLink.objects.create(
            article=story, title="시흥시 보도자료", url="https://www.siheung.go.kr/"
        )
        html = client.get(story.get_absolute_url()).content.decode()
        block = html[html.index("관련기사") :]
        assert other.headline in block
        assert 'href="https://www.siheung.go.kr/"' in block
        assert html.index("story__copyright") < html.index('id="related-title"')

    def test_no_block_when_there_is_nothing_to_show(self, client):
        story = make_article()
        assert 'id="related-title"' not in client.get(story.get_absolute_url()).content.decode()

    def test_page_queries_do_not_grow_with_related_items(self, client, council):
        counts = []
        for size in (1, 6):
            story = make_article(section=council, tags=["예산"])
            pick(story, *[make_article(section=make_section()) for _ in range(size)])
            for n in range(size):
                RelatedLink.objects.create(
                    article=story, title=f"링크 {n}", url=f"https://e.kr/{n}"
                )
                make_article(section=council, tags=["예산"])
            client.get(story.get_absolute_url())  # warm the caches of the rest of the page
            with CaptureQueriesContext(connection) as captured:
                assert client.get(story.get_absolute_url(), {"v": size}).status_code == 200
            counts.append(len(captured))
        assert counts[0] == counts[1]


def test_bounded_walks_give_exactly_what_the_order_rule_gives(council, settings):
    """Picks, busy and rare tags, a busy section: the walks (newest ``count`` per tag and
    section) must pick what sorting every candidate by the rule would."""
    import random

    rng = random.Random(4)
    other = make_section("사회", slug="society")
    tags = ["시흥시", "본회의", "의원", "배곧", "갯골"]
    stories = [
        make_article(
            section=rng.choice([council, other]),
            tags=rng.sample(tags, rng.randint(0, 2)),
            published_at=ago(rng.randint(1, 500)),
            status=rng.choice([Article.Status.PUBLISHED] * 5 + [Article.Status.DRAFT]),
        )
        for _ in range(60)
    ]
    for story in stories[:20]:
        pick(story, *rng.sample(stories, rng.randint(0, 3)))

    # The rule, by hand, over data read once (nothing changes inside the loop).
    readable = list(Article.objects.published())
    tags_of = {a.pk: set(a.tags.values_list("pk", flat=True)) for a in Article.objects.all()}

    def by_rule(story, count):
        picks = {r.related_id: r.order for r in RelatedArticle.objects.filter(article=story)}
        own = tags_of[story.pk]

        def key(a):
            shares = bool(own & tags_of[a.pk])
            return (picks.get(a.pk, 10**6), not shares, -a.published_at.timestamp(), -a.pk)

        matching = [
            a for a in readable
            if a.pk != story.pk
            and (a.pk in picks or a.section_id == story.section_id or own & tags_of[a.pk])
        ]  # fmt: skip
        return sorted(matching, key=key)[:count]

    for story in stories[:25]:
        for count in (2, 6):
            fresh = Article.objects.prefetch_related("tags").get(pk=story.pk)
            assert fresh.related_for_readers(count=count) == by_rule(story, count), story.pk
            assert story.related_for_readers(count=count) == by_rule(story, count), story.pk


def test_the_candidate_walks_run_once_whatever_the_statistics(council):
    """The UNION of walks is an InitPlan (``pk = ANY(ARRAY(…))``), run once; as
    ``pk IN (…)`` a planner without statistics (a freshly seeded database) re-ran it for
    every story: 2.7 s for 관련기사 over the 220-story demo (bench/RESULTS.md)."""
    import json

    story = make_article(section=council, tags=["갯골", "물왕"])
    for _ in range(3):
        make_article(section=council, tags=["갯골"])
    story = Article.objects.published().for_page().get(pk=story.pk)
    story.unpack_page_parts()
    with CaptureQueriesContext(connection) as captured:
        assert story.related_for_readers()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + captured.captured_queries[-1]["sql"])
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan

    def appends(node):
        if node.get("Node Type") == "Append":
            yield node
        for child in node.get("Plans", []):
            yield from appends(child)

    found = list(appends(plan[0]["Plan"]))
    assert found, "no UNION of walks in the plan"
    assert all(node.get("Parent Relationship") == "InitPlan" for node in found), found
