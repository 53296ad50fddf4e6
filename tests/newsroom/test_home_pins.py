"""Stories the desk pins to a home section block: first in the block, in pin order, repeated
there even when shown higher up; hidden while readers cannot see them; edited in the home
curation admin with Korean errors; every edit on the page at once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles import trash
from articles.models import Article
from newsroom.home import chosen_blocks, home_page
from newsroom.models import HomeBlock, HomeBlockPin, HomeCuration, HomePick
from tests.factories import make_article, make_editor, make_section

pytestmark = pytest.mark.django_db

HOME = "/admin/newsroom/homecuration/1/change/"


def story(section, hours, **fields):
    return make_article(
        section=section, published_at=timezone.now() - timedelta(hours=hours), **fields
    )


def pin(block, article, order=0):
    return HomeBlockPin.objects.create(
        curation=block.curation, block=block, article=article, order=order
    )


@pytest.fixture
def curation():
    curation = HomeCuration.objects.get_or_create(pk=1)[0]
    curation.featured_count = 2
    curation.save()
    return curation


@pytest.fixture
def politics():
    return make_section("정치", slug="politics")


def block_html(html, slug):
    """The home page's block of section ``slug``, as HTML (the 최신 기사 list may show any story)."""
    start = html.index(f'aria-labelledby="block-{slug}"')
    return html[start : html.index("</section>", start)]


def blocks_of(curation):
    front, blocks = home_page(curation, chosen_blocks(curation))
    return front, {b.section.slug: b.articles for b in blocks}


class TestPinnedStories:
    def test_a_pinned_headline_is_repeated_first_in_its_block(self, curation, politics):
        headline = story(politics, hours=30, headline="시장 단독 인터뷰")
        newest = [story(politics, hours=n) for n in range(1, 8)]
        HomePick.objects.create(curation=curation, article=headline, kind=HomePick.Kind.HEADLINE)
        block = HomeBlock.objects.create(curation=curation, section=politics, item_count=3)
        pin(block, headline)
        front, blocks = blocks_of(curation)
        assert front.top_story == headline
        # the 주요 기사 took newest[0:2]; the block: the pin, then the next newest
        assert front.featured == newest[:2]
        assert blocks["politics"] == [headline, *newest[2:4]]

    def test_an_unpinned_story_shown_higher_up_is_not_repeated(self, curation, politics):
        headline = story(politics, hours=30)
        for n in range(1, 8):
            story(politics, hours=n)
        HomePick.objects.create(curation=curation, article=headline, kind=HomePick.Kind.HEADLINE)
        HomeBlock.objects.create(curation=curation, section=politics, item_count=5)
        front, blocks = blocks_of(curation)
        shown_above = {front.top_story, *front.featured}
        assert not shown_above & set(blocks["politics"])

    def test_pins_come_in_pin_order_and_a_lower_block_repeats_only_its_own(
        self, curation, politics
    ):
        council = make_section("시흥시의회", slug="council", parent=politics)
        other = make_section("사회", slug="society")
        for n in range(1, 4):
            story(other, hours=n)  # the headline and the 주요 기사
        old, older = story(council, hours=50), story(council, hours=60)
        fresh = [story(council, hours=10 + n) for n in range(6)]
        upper = HomeBlock.objects.create(curation=curation, section=politics, item_count=3)
        lower = HomeBlock.objects.create(curation=curation, section=council, item_count=3, order=1)
        pin(upper, older, order=0)
        pin(upper, old, order=1)
        pin(lower, old)
        _, blocks = blocks_of(curation)
        assert blocks["politics"] == [older, old, fresh[0]]
        # ``old`` is pinned below too; ``older`` and fresh[0] are not, so they are not repeated
        assert blocks["council"] == [old, *fresh[1:3]]

    @pytest.mark.parametrize("state", ["draft", "unpublished", "scheduled", "trashed"])
    def test_a_pin_readers_cannot_see_is_left_out(self, curation, politics, state):
        hidden = story(politics, hours=40, headline="숨은 고정 기사")
        if state == "draft":
            hidden.status = Article.Status.DRAFT
        elif state == "unpublished":
            hidden.status = Article.Status.UNPUBLISHED
        elif state == "scheduled":
            hidden.published_at = timezone.now() + timedelta(hours=2)
        hidden.save()
        if state == "trashed":
            trash.trash(hidden, by=make_editor())
        newest = [story(politics, hours=n) for n in range(1, 8)]
        block = HomeBlock.objects.create(curation=curation, section=politics, item_count=3)
        pin(block, hidden)
        _, blocks = blocks_of(curation)
        assert blocks["politics"] == newest[3:6]

    def test_a_grid_block_with_a_photo_less_pin_becomes_a_list(self, curation, politics):
        from tests.factories import make_image

        image = make_image()
        bare = story(politics, hours=40)
        for n in range(1, 8):
            story(politics, hours=n, lead_image=image)
        block = HomeBlock.objects.create(
            curation=curation, section=politics, item_count=3, layout=HomeBlock.Layout.GRID
        )
        pin(block, bare)
        _, [built] = home_page(curation, chosen_blocks(curation))
        assert built.articles[0] == bare
        assert built.layout == HomeBlock.Layout.LIST  # no grey square for the pin


@pytest.fixture
def _media(media_root):
    return media_root


@pytest.fixture
def editor(client, _media):
    client.force_login(make_editor())
    return client


def pin_data(block, pins, initial=0):
    data = {
        "breaking_text": "",
        "breaking_url": "",
        "featured_count": "2",
        "picks-TOTAL_FORMS": "0",
        "picks-INITIAL_FORMS": "0",
        "blocks-TOTAL_FORMS": "1",
        "blocks-INITIAL_FORMS": "1",
        "blocks-0-id": str(block.pk),
        "blocks-0-curation": "1",
        "blocks-0-section": str(block.section_id),
        "blocks-0-layout": block.layout,
        "blocks-0-item_count": str(block.item_count),
        "blocks-0-order": "0",
        "pins-TOTAL_FORMS": str(len(pins)),
        "pins-INITIAL_FORMS": str(initial),
    }
    for n, row in enumerate(pins):
        row = {"order": 0, **row}
        data.update({f"pins-{n}-{key}": str(value) for key, value in row.items()})
    return data


def pin_errors(response):
    [formset] = [f for f in response.context["inline_admin_formsets"] if f.formset.prefix == "pins"]
    return [e for form in formset.formset.forms for e in form.errors.get("article", [])]


class TestPinAdmin:
    @pytest.fixture
    def block(self, curation, politics):
        return HomeBlock.objects.create(curation=curation, section=politics, item_count=3)

    def test_editor_pins_a_story_and_the_page_shows_it_at_once(self, editor, block, politics):
        page_cache_story = story(politics, hours=90, headline="고정할 옛 기사")
        for n in range(1, 8):
            story(politics, hours=n)
        assert "고정할 옛 기사" not in block_html(editor.get("/").content.decode(), "politics")
        response = editor.post(
            HOME, pin_data(block, [{"block": block.pk, "article": page_cache_story.pk}])
        )
        assert response.status_code == 302, response.context["adminform"].form.errors
        assert HomeBlockPin.objects.get().article == page_cache_story
        assert "고정할 옛 기사" in block_html(editor.get("/").content.decode(), "politics")

    def test_the_admin_page_names_the_pins_in_korean(self, editor, block):
        html = editor.get(HOME).content.decode()
        assert "섹션 블록에 고정한 기사" in html
        assert "정치 (제목 목록)" in html  # the block choice

    def test_a_story_outside_the_block_s_sections_is_a_korean_error(self, editor, block):
        sports = make_article(section=make_section("스포츠", slug="sports"))
        response = editor.post(HOME, pin_data(block, [{"block": block.pk, "article": sports.pk}]))
        assert response.status_code == 200
        assert pin_errors(response) == [
            "‘정치’ 섹션이나 그 하위 섹션의 기사만 이 블록에 고정할 수 있습니다."
        ]
        assert not HomeBlockPin.objects.exists()

    def test_a_sub_section_story_may_be_pinned(self, editor, block, politics):
        council = make_section("시흥시의회", slug="council", parent=politics)
        story_ = make_article(section=council)
        response = editor.post(HOME, pin_data(block, [{"block": block.pk, "article": story_.pk}]))
        assert response.status_code == 302
        assert HomeBlockPin.objects.filter(article=story_).exists()

    def test_a_draft_is_a_korean_error_and_a_scheduled_story_is_fine(self, editor, block, politics):
        draft = make_article(section=politics, published=False)
        response = editor.post(HOME, pin_data(block, [{"block": block.pk, "article": draft.pk}]))
        assert pin_errors(response) == ["발행된 기사(예약 발행 포함)만 블록에 고정할 수 있습니다."]
        scheduled = make_article(section=politics, published_at=timezone.now() + timedelta(hours=3))
        response = editor.post(
            HOME, pin_data(block, [{"block": block.pk, "article": scheduled.pk}])
        )
        assert response.status_code == 302
        assert HomeBlockPin.objects.get().article == scheduled

    def test_a_pin_unpublished_later_does_not_block_the_form(self, editor, block, politics):
        pinned = make_article(section=politics)
        row = pin(block, pinned)
        pinned.status = Article.Status.UNPUBLISHED
        pinned.save()
        data = pin_data(
            block,
            [{"id": row.pk, "curation": 1, "block": block.pk, "article": pinned.pk, "order": 0}],
            initial=1,
        )
        data["featured_count"] = "3"
        response = editor.post(HOME, data)
        assert response.status_code == 302
        assert HomeCuration.objects.get(pk=1).featured_count == 3

    def test_the_same_story_twice_in_one_block_is_a_korean_error(self, editor, block, politics):
        pinned = make_article(section=politics)
        response = editor.post(
            HOME,
            pin_data(
                block,
                [
                    {"block": block.pk, "article": pinned.pk, "order": 0},
                    {"block": block.pk, "article": pinned.pk, "order": 1},
                ],
            ),
        )
        assert response.status_code == 200
        [formset] = [
            f.formset
            for f in response.context["inline_admin_formsets"]
            if f.formset.prefix == "pins"
        ]
        assert "중복" in " ".join(formset.non_form_errors())
        assert not HomeBlockPin.objects.exists()

    def test_reporters_cannot_pin(self, client, block, politics):
        from tests.factories import make_reporter_user

        client.force_login(make_reporter_user())
        pinned = make_article(section=politics)
        response = client.post(HOME, pin_data(block, [{"block": block.pk, "article": pinned.pk}]))
        assert response.status_code == 403
        assert not HomeBlockPin.objects.exists()


def test_a_pin_change_ends_the_stored_home_page(
    client, settings, curation, politics, django_capture_on_commit_callbacks
):
    """Through the one cache layer: the pin announces ``home``, so the stored page ends."""
    settings.PAGE_CACHE_SECONDS = 300
    old = story(politics, hours=90, headline="다시 올린 기사")
    for n in range(1, 8):
        story(politics, hours=n)
    block = HomeBlock.objects.create(curation=curation, section=politics, item_count=3)
    first = client.get("/")
    assert "다시 올린 기사" not in block_html(first.content.decode(), "politics")
    assert "home" in first["xkey"].split()
    with django_capture_on_commit_callbacks(execute=True):
        row = pin(block, old)
    assert "다시 올린 기사" in block_html(client.get("/").content.decode(), "politics")
    with django_capture_on_commit_callbacks(execute=True):
        row.delete()
    assert "다시 올린 기사" not in block_html(client.get("/").content.decode(), "politics")


def test_a_pin_change_ends_the_home_page_only(monkeypatch, curation, politics):
    """``home``, not ``site``: a pin edit must not end every stored page of the paper."""
    from newsroom import pagecache

    block = HomeBlock.objects.create(curation=curation, section=politics)
    article = make_article(section=politics)
    announced = []
    monkeypatch.setattr(pagecache, "changed", lambda *keys: announced.append(set(keys)))
    row = pin(block, article)
    row.order = 2
    row.save()
    row.delete()
    assert announced == [{"home"}] * 3


def test_section_blocks_alone_also_put_pins_first(curation, politics):
    """``section_blocks`` (the blocks without the top of the page) honours pins too."""
    from newsroom.home import section_blocks

    old = story(politics, hours=80)
    newest = [story(politics, hours=n) for n in range(1, 5)]
    block = HomeBlock.objects.create(curation=curation, section=politics, item_count=3)
    pin(block, old)
    [built] = section_blocks(curation)
    assert built.articles == [old, *newest[:2]]
