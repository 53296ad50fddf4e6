"""seed_demo's council: members, the reference story's group and session, links — once."""

import pytest
from django.core.management import call_command

from council.demo import GROUP, REFERENCE_HEADLINE
from council.models import (
    CouncilMember,
    GroupArticle,
    MemberArticle,
    ResearchGroup,
    Session,
    SessionArticle,
)

pytestmark = pytest.mark.django_db


def snapshot():
    return tuple(
        model.objects.count()
        for model in (
            CouncilMember,
            ResearchGroup,
            Session,
            MemberArticle,
            GroupArticle,
            SessionArticle,
        )  # fmt: skip
    )


def test_seed_demo_links_the_reference_story_and_the_council_stories_once(media_root, client):
    call_command("seed_demo", articles=40, verbosity=0)
    first = snapshot()
    sanghoon = CouncilMember.objects.get(name="이상훈", is_active=True)
    soyoung = CouncilMember.objects.get(name="박소영")
    group = ResearchGroup.objects.get(name=GROUP)
    assert group.leader == sanghoon and set(group.members.all()) == {sanghoon, soyoung}
    reference = sanghoon.stories().get(headline=REFERENCE_HEADLINE)
    assert soyoung.stories().filter(pk=reference.pk).exists()
    assert group.stories().filter(pk=reference.pk).exists()
    assert Session.objects.get(number=312).stories().filter(pk=reference.pk).exists()
    # The other seeded council stories name members too, and are linked to them.
    assert MemberArticle.objects.exclude(article=reference).exists()
    # 동명이인 in the demo: a former 이상훈 with no stories of the sitting one.
    former = CouncilMember.objects.get(name="이상훈", is_active=False)
    assert not former.stories().exists()

    call_command("seed_demo", articles=40, verbosity=0)
    assert snapshot() == first

    page = client.get(sanghoon.get_absolute_url()).content.decode()
    assert REFERENCE_HEADLINE in page and GROUP in page
    landing = client.get("/council/").content.decode()
    assert "제312회 시흥시의회 임시회" in landing and REFERENCE_HEADLINE in landing
