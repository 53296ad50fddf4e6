"""The curated home page: 헤드라인, 주요 기사, section blocks with 더보기, 속보, query budget."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from newsroom.home import front_stories, section_blocks
from newsroom.models import (
    ArticleRead,
    BannerSlot,
    HomeBlock,
    HomeBlockPin,
    HomeCuration,
    HomePick,
)
from tests.factories import make_article, make_banner, make_image, make_section

pytestmark = pytest.mark.django_db


def ago(hours):
    return timezone.now() - timedelta(hours=hours)


@pytest.fixture
def curation():
    return HomeCuration.objects.get_or_create(pk=1)[0]


def put(curation, article, kind=HomePick.Kind.FEATURED, order=0):
    return HomePick.objects.create(curation=curation, article=article, kind=kind, order=order)


class TestFrontStories:
    def test_without_picks_the_newest_is_the_headline_and_the_next_are_featured(self, curation):
        stories = [make_article(published_at=ago(n + 1)) for n in range(8)]
        curation.featured_count = 3
        front = front_stories(curation)
        assert front.top_story == stories[0]
        assert front.featured == stories[1:4]
        assert front.latest == stories[4:]

    def test_picked_headline_and_featured_come_first(self, curation):
        newest = make_article(published_at=ago(1))
        old_headline = make_article(published_at=ago(300))
        second, first = make_article(published_at=ago(200)), make_article(published_at=ago(100))
        put(curation, old_headline, HomePick.Kind.HEADLINE)
        put(curation, first, order=1)
        put(curation, second, order=2)
        curation.featured_count = 3
        front = front_stories(curation)
        assert front.top_story == old_headline
        assert front.featured == [first, second, newest]  # the gap filled with the newest
        assert newest not in front.latest and old_headline not in front.latest

    def test_unpublished_pick_falls_back_to_the_newest(self, curation):
        newest = make_article(published_at=ago(1))
        withdrawn = make_article(status=Article.Status.UNPUBLISHED)
        scheduled = make_article(published_at=timezone.now() + timedelta(hours=2))
        put(curation, withdrawn, HomePick.Kind.HEADLINE)
        put(curation, scheduled)
        front = front_stories(curation)
        assert front.top_story == newest
        assert scheduled not in front.featured

    def test_no_story_twice(self, curation):
        a, b = make_article(published_at=ago(1)), make_article(published_at=ago(2))
        c = make_article(published_at=ago(3))
        put(curation, b, HomePick.Kind.HEADLINE)
        put(curation, a)
        front = front_stories(curation)
        shown = [front.top_story, *front.featured, *front.latest]
        assert shown == [b, a, c]


class TestBlocks:
    def test_without_chosen_blocks_every_menu_section_with_stories_appears(self, curation):
        sports = make_section("스포츠", order=2)
        culture = make_section("문화", order=1)
        make_section("빈 섹션", order=3)
        make_article(section=sports)
        make_article(section=culture)
        blocks = section_blocks(curation)
        assert [b.section for b in blocks] == [culture, sports]
        assert {b.layout for b in blocks} == {HomeBlock.Layout.LIST}

    def test_desk_chooses_sections_order_size_and_layout(self, curation):
        media, council, hidden = make_section("미디어"), make_section("시흥시의회"), make_section()
        for n in range(6):
            make_article(section=media, published_at=ago(n + 1))
            make_article(section=council, published_at=ago(n + 1))
            make_article(section=hidden)
        HomeBlock.objects.create(
            curation=curation, section=media, order=1, item_count=2, layout="teaser"
        )
        HomeBlock.objects.create(
            curation=curation, section=council, order=0, item_count=4, layout="grid"
        )
        blocks = section_blocks(curation)
        # No story has a photo: the 사진 격자 falls back to a list rather than grey boxes.
        assert [(b.section, b.layout, len(b.articles)) for b in blocks] == [
            (council, "list", 4),
            (media, "teaser", 2),
        ]
        assert blocks[1].articles == list(
            Article.objects.published().filter(section=media).order_by("-published_at")[:2]
        )

    def test_block_gathers_its_sub_sections(self, curation):
        politics = make_section("정치")
        council = make_section("시흥시의회", parent=politics)
        story = make_article(section=council)
        HomeBlock.objects.create(curation=curation, section=politics)
        HomeBlock.objects.create(curation=curation, section=council, order=1)
        blocks = section_blocks(curation)
        # 정치 gathers the 시흥시의회 story; the block below does not repeat it, and a
        # block left with nothing is not shown.
        assert [(b.section, b.articles) for b in blocks] == [(politics, [story])]

    def test_blocks_never_show_unpublished_stories(self, curation):
        section = make_section()
        make_article(section=section, published=False)
        make_article(section=section, published_at=timezone.now() + timedelta(hours=1))
        HomeBlock.objects.create(curation=curation, section=section)
        assert section_blocks(curation) == []


def fill_front():
    """Newer stories elsewhere for the 헤드라인 and 주요 기사, so a block's own stories are
    not already shown above it (the home page shows each story once)."""
    elsewhere = make_section("사회")
    for _ in range(6):
        make_article(section=elsewhere, published_at=timezone.now() - timedelta(minutes=5))


class TestPage:
    def test_a_small_paper_whose_stories_are_all_above_never_says_there_are_none(
        self, client, curation
    ):
        for n in range(3):
            make_article(published_at=ago(n + 1))
        html = client.get("/").content.decode()
        assert "아직 기사가 없습니다" not in html
        Article.objects.all().delete()
        assert "아직 기사가 없습니다" in client.get("/").content.decode()

    def test_every_block_ends_with_more_linking_to_its_section(self, client, curation):
        fill_front()
        media = make_section("미디어", slug="media")
        make_article(section=media, summary="시흥도시공사 노사가 단체협약을 체결했다.")
        HomeBlock.objects.create(curation=curation, section=media, layout="teaser")
        html = client.get("/").content.decode()
        block = html[html.index('id="block-media"') :]
        block = block[: block.index("</section>")]
        assert "시흥도시공사 노사가 단체협약을 체결했다." in block
        assert block.rstrip().endswith(
            '<a class="more" href="/section/media/">더보기<span class="visually-hidden"> 미디어 기사</span></a></p>'
        )

    def test_photo_grid_layout(self, client, curation, media_root):
        fill_front()
        section = make_section("포토", slug="photo")
        make_article(section=section, lead_image=make_image(), headline="갯골 노을")
        HomeBlock.objects.create(curation=curation, section=section, layout="grid", item_count=1)
        html = client.get("/").content.decode()
        assert 'class="photo-grid"' in html and "갯골 노을" in html

    def test_photo_grid_takes_only_stories_with_photos_even_older_ones(
        self, client, curation, media_root
    ):
        fill_front()
        section = make_section("포토", slug="photo")
        image = make_image()
        old = [
            make_article(
                section=section, lead_image=image, headline=f"사진 {n}", published_at=ago(50 + n)
            )
            for n in range(4)
        ]
        # Newer than every photo story, and more than the section's walk would reach.
        for n in range(20):
            make_article(section=section, headline=f"글 기사 {n}", published_at=ago(1 + n / 10))
        HomeBlock.objects.create(curation=curation, section=section, layout="grid", item_count=4)
        (block,) = [b for b in section_blocks(curation) if b.section == section]
        assert (block.layout, block.articles) == ("grid", old)
        html = client.get("/").content.decode()
        grid = html[html.index('class="photo-grid"') :].split("</ul>", 1)[0]
        assert grid.count("<img") == 4 and "글 기사" not in grid
        assert "photo-grid__blank" not in html

    def test_photo_grid_with_too_few_photos_becomes_a_list(self, client, curation, media_root):
        fill_front()
        section = make_section("포토", slug="photo")
        make_article(section=section, lead_image=make_image(), headline="사진 하나")
        for n in range(3):
            make_article(section=section, headline=f"글 기사 {n}")
        HomeBlock.objects.create(curation=curation, section=section, layout="grid", item_count=4)
        html = client.get("/").content.decode()
        block = html[html.index('id="block-photo"') :].split("</section>", 1)[0]
        assert "photo-grid" not in block and "section-block--list" in html
        assert "사진 하나" in block and "글 기사 0" in block

    def test_breaking_line_shows_when_on_and_hides_when_off(self, client, curation):
        make_article()
        curation.breaking_text = "시흥시 전역 호우경보 발령"
        curation.breaking_url = "https://www.safekorea.go.kr/"
        curation.breaking_on = True
        curation.save()
        html = client.get("/").content.decode()
        assert "속보" in html and "시흥시 전역 호우경보 발령" in html
        assert 'href="https://www.safekorea.go.kr/"' in html

        curation.breaking_on = False
        curation.save()
        assert "시흥시 전역 호우경보 발령" not in client.get("/").content.decode()

    def test_breaking_link_written_around_the_form_is_not_a_link(self, client, curation):
        make_article()
        HomeCuration.objects.filter(pk=1).update(
            breaking_on=True, breaking_text="속보 문구", breaking_url="javascript:alert(1)"
        )
        html = client.get("/").content.decode()
        assert "속보 문구" in html and "javascript:" not in html

    def test_breaking_needs_text_and_a_safe_link(self, curation):
        from django.core.exceptions import ValidationError

        curation.breaking_on = True
        with pytest.raises(ValidationError) as error:
            curation.full_clean()
        assert "속보를 켜려면 속보 문구를 입력하세요." in str(error.value)
        curation.breaking_text = "속보"
        curation.breaking_url = "javascript:alert(1)"
        with pytest.raises(ValidationError) as error:
            curation.full_clean()
        assert "주소는 쓸 수 없습니다" in str(error.value)
        curation.breaking_url = "/articles/1/"
        with pytest.raises(ValidationError) as error:
            curation.full_clean()
        assert "내릴 시각" in str(error.value)
        curation.breaking_ends_at = timezone.now() + timedelta(hours=2)
        curation.full_clean()


def build(size, curation):
    """``size`` blocks of every layout with ``size`` stories, picks, banners and reads."""
    layouts = list(HomeBlock.Layout.values)
    image = make_image()
    for n in range(size):
        section = make_section(f"섹션 {size}-{n}")
        sub = make_section(f"하위 {size}-{n}", parent=section)
        block = HomeBlock.objects.create(
            curation=curation, section=section, order=n, item_count=size, layout=layouts[n % 3]
        )
        for m in range(size):
            story = make_article(section=sub if m % 2 else section, lead_image=image, tags=["예산"])
            ArticleRead.objects.create(article=story, hour=timezone.now(), count=m + 1)
            put(curation, story, order=m)
            # pinned too (shown above as a 주요 기사, repeated in its block): pins cost no query
            HomeBlockPin.objects.create(curation=curation, block=block, article=story, order=m)
    put(curation, make_article(lead_image=image), HomePick.Kind.HEADLINE)
    for slot in BannerSlot.values[:size]:
        make_banner(slot=slot, image=image)


def test_home_queries_do_not_grow_with_blocks_items_banners_picks_and_pins(
    client, curation, media_root
):
    counts = []
    for size in (2, 5):
        build(size, curation)
        cache.clear()  # a cold page: caches only hide growth
        with CaptureQueriesContext(connection) as captured:
            response = client.get("/")
        assert response.status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts
    assert counts[1] <= 8, [q["sql"][:150] for q in captured.captured_queries]
    assert "더보기" in response.content.decode()


def test_a_featured_story_without_a_photo_keeps_a_box_of_the_photos_shape(client, curation):
    """Issue 14: in the 주요 기사 row a story with no photo gets a placeholder box, so the
    row's headlines stay level with those under photos."""
    make_article(headline="사진 있는 헤드라인", lead_image=make_image())
    bare = make_article(headline="사진 없는 주요 기사")
    put(curation, bare)
    html = client.get("/").content.decode()
    row = html[html.index('class="featured"') :].split("</section>")[0]
    item = next(i for i in row.split("<li") if bare.headline in i)
    assert 'class="featured__image featured__image--none"' in item
    assert item.index("featured__image--none") < item.index(bare.headline)
