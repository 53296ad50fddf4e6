"""A section, reporter, photo or tag that stories still use cannot be deleted: a Korean
refusal naming the stories, in the admin and at the model; nothing cascades into stories."""

import pytest
from django.db import transaction
from taggit.models import Tag

from articles import trash
from articles.models import USES_LISTED, Article, Image, InUseError, Reporter, Section
from tests.factories import (
    make_article,
    make_banner,
    make_editor,
    make_image,
    make_reporter,
    make_section,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = make_editor("editor1")
    client.force_login(user)
    return user


def admin_url(obj):
    meta = obj._meta
    return f"/admin/{meta.app_label}/{meta.model_name}/"


def used_things(media_root):
    """One of each, used by the story '시의회 예산 통과'."""
    section = make_section("시흥시의회", slug="council")
    reporter = make_reporter("홍길동")
    photo = make_image(alt_text="본회의장")
    article = make_article(
        headline="시의회 예산 통과",
        section=section,
        reporters=[reporter],
        tags=["예산"],
        lead_image=photo,
    )
    return article, [section, reporter, photo, Tag.objects.get(name="예산")]


class TestModel:
    def test_each_used_thing_refuses_with_a_korean_message(self, media_root):
        article, things = used_things(media_root)
        for thing in things:
            # A tag's refusal comes from inside the delete's own transaction (taggit's
            # model has no delete() of ours): the caller's block rolls back, as any would.
            with pytest.raises(InUseError) as refused, transaction.atomic():
                thing.delete()
            assert "삭제할 수 없습니다" in str(refused.value)
            assert "‘시의회 예산 통과’" in str(refused.value)
            assert type(thing).objects.filter(pk=thing.pk).exists()
        for queryset in (Section.objects.all(), Reporter.objects.all(), Image.objects.all()):
            with pytest.raises(InUseError):
                queryset.delete()
        with pytest.raises(InUseError), transaction.atomic():
            Tag.objects.filter(name="예산").delete()
        article.refresh_from_db()
        assert article.section_id and article.lead_image_id and article.tags.count() == 1
        assert article.bylines.count() == 1

    def test_photo_used_only_in_a_body_a_banner_or_a_portrait(self, media_root):
        in_body, in_banner, portrait = (make_image() for _ in range(3))
        make_article(body=f'<figure data-image-id="{in_body.pk}"></figure>')
        make_banner(image=in_banner, name="갯골축제 배너")
        make_reporter("김기자", photo=portrait)
        for photo, what in (
            (in_body, "기사 1건"),
            (in_banner, "배너 1개"),
            (portrait, "기자 사진 1명"),
        ):
            with pytest.raises(InUseError, match=what):
                photo.delete()
        unused = make_image()
        unused.delete()
        assert not Image.objects.filter(pk=unused.pk).exists()

    def test_trashed_stories_count_and_the_message_says_so(self, media_root):
        section = make_section("행정")
        article = make_article(section=section, headline="휴지통 기사")
        trash.trash(article, by=make_editor())
        with pytest.raises(InUseError) as refused:
            section.delete()
        assert "휴지통" in str(refused.value) and "복원" in str(refused.value)

    def test_lists_a_few_headlines_and_counts_the_rest(self):
        section = make_section("사회")
        for n in range(USES_LISTED + 3):
            make_article(section=section, headline=f"기사 {n}")
        with pytest.raises(InUseError) as refused:
            section.delete()
        message = str(refused.value)
        assert f"기사 {USES_LISTED + 3}건" in message and "외 3건" in message
        assert message.count("‘기사 ") == USES_LISTED

    def test_a_section_with_child_sections_says_so(self):
        parent = make_section("정치")
        make_section("시의회", parent=parent)
        with pytest.raises(InUseError, match="하위 섹션 1개"):
            parent.delete()

    def test_unused_things_delete(self):
        section, reporter = make_section(), make_reporter()
        tag = Tag.objects.create(name="빈 태그", slug="empty")
        for thing in (section, reporter, tag):
            thing.delete()
            assert not type(thing).objects.filter(pk=thing.pk).exists()


class TestAdmin:
    def test_delete_view_refuses_and_a_forged_post_deletes_nothing(
        self, client, editor, media_root
    ):
        article, things = used_things(media_root)
        for thing in things:
            url = f"{admin_url(thing)}{thing.pk}/delete/"
            page = client.get(url).content.decode()
            assert "삭제할 수 없습니다" in page and "시의회 예산 통과" in page, url
            assert 'name="post"' not in page
            client.post(url, {"post": "yes"})
            assert type(thing).objects.filter(pk=thing.pk).exists(), url
        assert Article.objects.filter(pk=article.pk).exists()

    def test_bulk_delete_refuses_and_deletes_none(self, client, editor, media_root):
        article, things = used_things(media_root)
        for thing in things:
            spare = type(thing).objects.create(
                **{"name": f"빈 것 {type(thing).__name__}"}
                if not isinstance(thing, Image)
                else {"file": make_image().file, "alt_text": "빈 사진"}
            )
            if isinstance(thing, (Section, Tag)):
                spare.slug = f"spare-{spare.pk}"
                spare.save()
            data = {
                "action": "delete_selected",
                "post": "yes",
                "_selected_action": [thing.pk, spare.pk],
            }
            page = client.post(admin_url(thing), data).content.decode()
            assert "하나도 삭제하지 않았습니다" in page and "시의회 예산 통과" in page
            assert type(thing).objects.filter(pk__in=[thing.pk, spare.pk]).count() == 2

    def test_unused_section_still_deletes_in_the_admin(self, client, editor):
        section = make_section("빈 섹션")
        client.post(f"/admin/articles/section/{section.pk}/delete/", {"post": "yes"})
        assert not Section.objects.filter(pk=section.pk).exists()
