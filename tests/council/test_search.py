"""Linked council members' names in the search index (council/search.py)."""

import pytest

from articles.models import Article
from articles.search.analyzer import parse_query
from articles.search.backend import get_backend
from council.models import MemberArticle
from tests.council.factories import link, make_member
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def hits(text: str) -> set[int]:
    found = get_backend().query(parse_query(text), within=Article.objects.published())
    return set(found.values_list("pk", flat=True))


def test_a_linked_members_name_finds_the_story_with_or_without_의원():
    member = make_member("이상훈")
    story = make_article(headline="연구단체 벤치마킹", body="<p>창업 생태계를 살폈다.</p>")
    other = make_article(headline="다른 기사", body="<p>창업 생태계</p>")
    assert hits("이상훈") == set()
    link(member, story)
    for query in ("이상훈", "이상훈 의원", "이상훈의원", "이상훈 의원은"):
        assert hits(query) == {story.pk}, query
    assert other.pk not in hits("이상훈")


def test_weighted_like_tags_above_a_body_mention():
    member = make_member("박소영")
    linked = make_article(headline="본회의 소식", body="<p>안건을 처리했다.</p>")
    mentioned = make_article(headline="다른 소식", body="<p>박소영 씨가 말했다.</p>")
    link(member, linked)
    ranked = get_backend().query(parse_query("박소영"), within=Article.objects.published())
    assert list(ranked.values_list("pk", flat=True)) == [linked.pk, mentioned.pk]


def test_renaming_a_member_and_unlinking_reindex():
    member = make_member("김철수")
    story = make_article(headline="예산 심사")
    link(member, story)
    member.name = "김영희"
    member.save()
    assert hits("김영희 의원") == {story.pk} and hits("김철수") == set()
    MemberArticle.objects.filter(member=member).delete()
    assert hits("김영희") == set()


def test_m2m_add_remove_and_clear_reindex():
    member = make_member("최민수")
    story = make_article(headline="행정사무감사")
    story.council_members.add(member)
    assert hits("최민수") == {story.pk}
    story.council_members.remove(member)
    assert hits("최민수") == set()
    member.articles.add(story)
    assert hits("최민수") == {story.pk}
    member.articles.clear()
    assert hits("최민수") == set()
