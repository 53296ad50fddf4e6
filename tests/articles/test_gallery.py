"""포토뉴스: a story's gallery of library photos, on its page, in lists, in the admin,
in its history and in the cache."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from articles import demo, history, workflow
from articles.models import Article, GalleryPhoto, Image, InUseError
from newsroom import pagecache
from tests.articles.test_admin_workflow import change_url, form_data
from tests.articles.test_query_budget import BUDGETS, queries_for
from tests.factories import (
    make_article,
    make_editor,
    make_image,
    make_reporter,
    make_section,
)

pytestmark = pytest.mark.django_db


def make_gallery(article, count=3):
    photos = []
    for n in range(count):
        image = make_image(
            alt_text=f"갯골 사진 {n + 1}",
            caption=f"보관함 설명 {n + 1}",
            credit=f"사진=기자{n + 1}",
        )
        # Stored out of order: the page follows ``order``, not insertion.
        photos.append(GalleryPhoto.objects.create(article=article, image=image, order=count - n))
    return list(reversed(photos))


def gallery_part(html: str) -> str:
    start = html.index("data-gallery ")
    return html[start : html.index("</section>", start)]


def test_the_page_shows_every_photo_in_order_with_renditions_captions_and_credits(
    client, media_root
):
    article = make_article(reporters=[make_reporter()])
    photos = make_gallery(article, 3)
    photos[1].caption = "이 기사에서만 쓰는 설명"
    photos[1].save()

    html = client.get(article.get_absolute_url()).content.decode()
    part = gallery_part(html)

    captions = ["보관함 설명 3", "이 기사에서만 쓰는 설명", "보관함 설명 1"]
    positions = [part.index(caption) for caption in captions]
    assert positions == sorted(positions)
    assert "보관함 설명 2" not in part  # overridden
    assert [part.index(f"사진=기자{n}") for n in (3, 2, 1)] == sorted(
        part.index(f"사진=기자{n}") for n in (3, 2, 1)
    )
    assert part.count("<picture>") == 3
    assert part.count('type="image/webp"') == 3
    # A WebP and a JPEG srcset of renditions for each photo.
    assert len(re.findall(r'srcset="[^"]+ \d+w', part)) == 6
    assert "1 / 3" in part and "3 / 3" in part
    assert "scroll" not in part  # the strip's layout lives in gallery.css, not inline
    assert 'src="/static/articles/gallery.js"' in html
    assert 'href="/static/articles/gallery.css"' in html
    # The counter and buttons need the script: without it they stay hidden.
    assert re.search(r"data-gallery-bar hidden", part)


def test_a_story_without_photos_loads_no_gallery_script(client):
    article = make_article()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "data-gallery" not in html
    assert "gallery.js" not in html and "gallery.css" not in html


def test_the_lead_photo_is_shown_once_when_it_is_in_the_gallery(client, media_root):
    article = make_article()
    photos = make_gallery(article, 2)
    article.lead_image = photos[0].image
    article.save()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "story__lead-image" not in html
    assert 'fetchpriority="high"' in gallery_part(html)

    other = make_image(alt_text="다른 대표 사진")
    article.lead_image = other
    article.save()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "story__lead-image" in html
    assert 'fetchpriority="high"' not in gallery_part(html)


@pytest.mark.parametrize("state", ["draft", "scheduled", "trashed"])
def test_an_unpublished_storys_gallery_is_not_shown(client, media_root, state):
    fields = {
        "draft": {"published": False},
        "scheduled": {"published_at": timezone.now() + timedelta(hours=2)},
        "trashed": {"deleted_at": timezone.now()},
    }[state]
    article = make_article(**fields)
    make_gallery(article, 2)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 404
    assert "갯골 사진" not in response.content.decode()


def test_the_preview_shows_the_gallery(client, media_root):
    article = make_article(published=False)
    make_gallery(article, 2)
    client.force_login(make_editor())
    html = client.get(reverse("articles:preview", args=[article.pk])).content.decode()
    assert gallery_part(html).count("<picture>") == 2


def test_a_gallery_costs_the_article_page_no_extra_query(client, media_root):
    plain = make_article(reporters=[make_reporter()], tags=["갯골"])
    story = make_article(reporters=[make_reporter("사진 기자")], tags=["갯골"])
    make_gallery(story, 6)
    without = queries_for(client, plain.get_absolute_url())
    with_gallery = queries_for(client, story.get_absolute_url())
    assert with_gallery == without
    assert with_gallery <= BUDGETS["article"]


def test_a_photo_in_a_gallery_cannot_be_deleted(media_root):
    article = make_article(headline="사진으로 보는 갯골축제")
    [photo] = make_gallery(article, 1)
    with pytest.raises(InUseError) as refused:
        photo.image.delete()
    assert "삭제할 수 없습니다" in str(refused.value)
    assert "‘사진으로 보는 갯골축제’" in str(refused.value)
    with pytest.raises(InUseError):
        Image.objects.filter(pk=photo.image_id).delete()
    assert Image.objects.filter(pk=photo.image_id).exists()

    photo.delete()  # out of the gallery, it may go
    Image.objects.get(pk=photo.image_id).delete()


def test_the_admin_refuses_deleting_a_gallery_photo_in_korean(client, media_root):
    article = make_article(headline="갯골 포토뉴스")
    [photo] = make_gallery(article, 1)
    client.force_login(make_editor())
    url = f"/admin/articles/image/{photo.image_id}/delete/"
    response = client.post(url, {"post": "yes"}, follow=True)
    assert Image.objects.filter(pk=photo.image_id).exists()
    assert "삭제할 수 없습니다" in response.content.decode()


def test_the_admin_inline_saves_the_gallery_and_the_revision_keeps_it(client, media_root):
    editor = make_editor()
    client.force_login(editor)
    article = make_article(section=make_section(), reporters=[make_reporter()])
    first, second = make_image(caption="첫 사진"), make_image(caption="둘째 사진")
    data = form_data(client, change_url(article))
    prefix = "gallery_photos"
    assert f"{prefix}-TOTAL_FORMS" in data
    data.update({
        "bylines-0-id": str(article.bylines.get().pk),
        f"{prefix}-TOTAL_FORMS": "2",
        f"{prefix}-0-image": str(second.pk),
        f"{prefix}-0-caption": "",
        f"{prefix}-0-order": "1",
        f"{prefix}-1-image": str(first.pk),
        f"{prefix}-1-caption": "기사용 설명",
        f"{prefix}-1-order": "0",
    })  # fmt: skip
    response = client.post(change_url(article), data)
    assert response.status_code == 302, [
        (inline.formset.prefix, inline.formset.errors, inline.formset.non_form_errors())
        for inline in response.context["inline_admin_formsets"]
    ]

    saved = list(article.gallery_photos.values_list("image_id", "caption"))
    assert saved == [(first.pk, "기사용 설명"), (second.pk, "")]
    snap = history.snapshot(history.versions_of(article).first())
    assert [row["image_id"] for row in snap.gallery_photos] == [first.pk, second.pk]

    # A later save without the photos, then 이전 판 복원 brings them back.
    old_version = history.versions_of(article).first()
    GalleryPhoto.objects.filter(article=article).delete()
    workflow.restore(Article.objects.get(pk=article.pk), old_version, by=editor)
    assert list(article.gallery_photos.values_list("image_id", "caption")) == saved


def test_the_change_form_offers_the_photo_autocomplete(client):
    client.force_login(make_editor())
    article = make_article()
    html = client.get(change_url(article)).content.decode()
    assert "포토뉴스 사진" in html
    assert 'data-model-name="image"' in html or "admin-autocomplete" in html
    assert 'name="gallery_photos-TOTAL_FORMS"' in html


def test_gallery_changes_end_the_storys_pages(media_root, monkeypatch):
    article = make_article(section=make_section())
    image = make_image()
    announced = []
    monkeypatch.setattr(pagecache, "changed", lambda *keys: announced.append(set(keys)))
    photo = GalleryPhoto.objects.create(article=article, image=image)
    assert any(f"article-{article.pk}" in keys and "home" in keys for keys in announced)

    announced.clear()
    image.caption = "고친 설명"
    image.save()
    assert any(f"article-{article.pk}" in keys for keys in announced)

    announced.clear()
    photo.delete()
    assert any(f"article-{article.pk}" in keys for keys in announced)


def test_lists_mark_gallery_stories_with_the_photo_count(client, media_root):
    section = make_section("포토")
    story = make_article(section=section, headline="갯골 포토뉴스")
    make_article(section=section, headline="글 기사")
    make_gallery(story, 4)
    html = client.get(section.get_absolute_url()).content.decode()
    marks = re.findall(r"data-photo-mark>(.*?)</span></span>", html)
    assert len(marks) == 1
    assert "4" in marks[0]
    listed = Article.objects.published().for_lists()
    assert {a.headline: a.gallery_count for a in listed} == {"갯골 포토뉴스": 4, "글 기사": 0}


def test_the_demo_seeds_one_gallery_story_once(media_root):
    sections = demo.seed_sections()
    reporters = demo.seed_reporters({})
    images = demo.seed_images(5, lambda done, total: None)
    assert demo.seed_gallery(sections, reporters, images) is True
    assert demo.seed_gallery(sections, reporters, images) is False
    story = Article.objects.get(legacy_id=demo.GALLERY_LEGACY_ID)
    assert story.is_published
    assert 4 <= story.gallery_photos.count() <= 6
