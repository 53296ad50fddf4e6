"""관련기사 on a council story: sharing a member or a session comes before a shared tag."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import RelatedArticle
from council.models import SessionArticle
from tests.council.factories import link, make_member, make_session
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


def ago(hours):
    return timezone.now() - timedelta(hours=hours)


def test_members_and_sessions_come_after_picks_and_before_tags_and_section():
    council = make_section("시흥시의회", slug="council")
    member, session = make_member("이상훈"), make_session(312)
    story = make_article(section=council, tags=["예산"])
    link(member, story)
    SessionArticle.objects.create(session=session, article=story)
    picked = make_article(section=make_section(), published_at=ago(900))
    RelatedArticle.objects.create(article=story, related=picked, order=0)
    same_member_old = make_article(section=make_section(), published_at=ago(500))
    link(member, same_member_old)
    same_session = make_article(section=make_section(), published_at=ago(300))
    SessionArticle.objects.create(session=session, article=same_session)
    shares_tag_new = make_article(section=make_section(), tags=["예산"], published_at=ago(2))
    same_section_new = make_article(section=council, published_at=ago(1))
    other_member = make_article(section=make_section(), published_at=ago(1))
    link(make_member("박소영"), other_member)

    related = story.related_for_readers(count=6)

    assert related == [picked, same_session, same_member_old, shares_tag_new, same_section_new]


def test_an_unpublished_story_sharing_a_member_is_not_offered():
    member = make_member()
    story = make_article()
    draft = make_article(published=False)
    scheduled = make_article(published_at=timezone.now() + timedelta(hours=2))
    link(member, story, draft, scheduled)
    assert story.related_for_readers() == []


def test_a_story_without_council_links_keeps_the_old_order():
    section = make_section()
    story = make_article(section=section, tags=["축제"])
    tagged = make_article(section=make_section(), tags=["축제"], published_at=ago(50))
    same_section = make_article(section=section, published_at=ago(1))
    assert story.related_for_readers() == [tagged, same_section]


def test_it_stays_one_query():
    member = make_member()
    story = make_article()
    link(member, story, *[make_article() for _ in range(3)])
    with CaptureQueriesContext(connection) as captured:
        assert len(story.related_for_readers()) == 3
    assert len(captured) == 1


def test_member_and_session_ties_are_read_from_the_link_rows_not_by_walking_the_archive():
    """A story with no council link is the common case: its closer walks must cost the
    links' count (an array read once), not a walk of every published story probing the
    link rows (2–5 s for every story page at a million stories, bench/RESULTS.md)."""
    story = make_article(section=make_section(), tags=["예산"])
    sql = str(story.related_query(6).query)
    for table in ("council_memberarticle", "council_sessionarticle"):
        start = sql.index(f'FROM "{table}"')
        assert "= ANY(ARRAY(SELECT" in sql[start - 60 : start], (table, sql[start - 120 : start])
