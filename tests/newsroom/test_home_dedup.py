"""A story shown higher up the home page is not repeated in a lower block."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsroom.home import chosen_blocks, home_page
from newsroom.models import HomeBlock, HomeCuration, HomePick
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


def story(section, hours, **fields):
    return make_article(
        section=section, published_at=timezone.now() - timedelta(hours=hours), **fields
    )


@pytest.fixture
def curation():
    curation = HomeCuration.objects.get_or_create(pk=1)[0]
    curation.featured_count = 2
    curation.save()
    return curation


def test_blocks_leave_out_the_headline_and_featured_and_still_fill(curation):
    politics = make_section("정치", slug="politics")
    stories = [story(politics, hours=n, headline=f"정치 {n}") for n in range(1, 9)]
    HomeBlock.objects.create(curation=curation, section=politics, item_count=3)
    front, [block] = home_page(curation, chosen_blocks(curation))
    above = [front.top_story, *front.featured]
    assert above == stories[:3]
    assert block.articles == stories[3:6]


def test_a_picked_old_story_is_not_repeated_below(curation):
    politics = make_section("정치", slug="politics")
    old = story(politics, hours=100, headline="오래된 단독")
    for n in range(1, 6):
        story(politics, hours=n)
    HomePick.objects.create(curation=curation, article=old, kind=HomePick.Kind.HEADLINE)
    HomeBlock.objects.create(curation=curation, section=politics, item_count=5)
    front, [block] = home_page(curation, chosen_blocks(curation))
    assert front.top_story == old
    assert old not in block.articles


def test_a_child_block_below_its_parent_takes_the_next_stories(curation):
    politics = make_section("정치", slug="politics")
    council = make_section("시흥시의회", slug="council", parent=politics)
    other = make_section("사회", slug="society")
    for n in range(1, 4):
        story(other, hours=n)  # these fill the headline and 주요 기사
    council_stories = [story(council, hours=10 + n) for n in range(6)]
    HomeBlock.objects.create(curation=curation, section=politics, item_count=3, order=0)
    HomeBlock.objects.create(curation=curation, section=council, item_count=3, order=1)
    _, blocks = home_page(curation, chosen_blocks(curation))
    by_name = {b.section.name: b.articles for b in blocks}
    assert by_name["정치"] == council_stories[:3]
    assert by_name["시흥시의회"] == council_stories[3:6]


def test_the_home_page_shows_each_story_once(client, curation):
    politics = make_section("정치", slug="politics")
    for n in range(1, 9):
        story(politics, hours=n, headline=f"고유제목{n:02d}")
    HomeBlock.objects.create(curation=curation, section=politics, item_count=5)
    html = client.get("/").content.decode()
    main = html[html.index('class="home-main"') :]
    main = main[: main.index('class="sidebar"')] if 'class="sidebar"' in main else main
    for n in range(1, 9):
        assert main.count(f"고유제목{n:02d}</a>") <= 1, n
