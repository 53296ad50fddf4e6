"""The desk's rules through the admin, including POSTs a hidden button would not send."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, Section
from tests.factories import (
    jpeg_bytes,
    make_article,
    make_editor,
    make_image,
    make_reporter_user,
    make_section,
)

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/articles/article/add/"
LIST_URL = "/admin/articles/article/"
AUTOCOMPLETE_SECTION = "app_label=articles&model_name=article&field_name=section&term="


def change_url(article):
    return f"/admin/articles/article/{article.pk}/change/"


def image_change_url(image):
    return f"/admin/articles/image/{image.pk}/change/"


def image_data(**fields):
    """A change of a library photo: a new file and new words."""
    upload = SimpleUploadedFile("new.jpg", jpeg_bytes(color=(200, 20, 20)), "image/jpeg")
    return {"file": upload, "alt_text": "사진", "caption": "", "credit": "", **fields}


def form_data(client, url, **overrides):
    """The POST a browser would send for the form at ``url``, with ``overrides`` applied."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    data = {}
    form = response.context["adminform"].form
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None:
            continue
        if hasattr(value, "pk"):
            value = value.pk
        if name == "tags":
            value = ", ".join(t.name for t in value) if not isinstance(value, str) else value
        if name == "published_at":
            local = timezone.localtime(value)
            data["published_at_0"] = local.strftime("%Y-%m-%d")
            data["published_at_1"] = local.strftime("%H:%M:%S")
            continue
        data[name] = value
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        prefix = formset.prefix
        data[f"{prefix}-TOTAL_FORMS"] = str(len(formset.initial_forms))
        data[f"{prefix}-INITIAL_FORMS"] = str(len(formset.initial_forms))
        data[f"{prefix}-MIN_NUM_FORMS"] = "0"
        data[f"{prefix}-MAX_NUM_FORMS"] = "1000"
        for index, sub in enumerate(formset.initial_forms):
            for name in sub.fields:
                value = sub.initial.get(name)
                if value is not None:
                    data[f"{prefix}-{index}-{name}"] = getattr(value, "pk", value)
    for key, value in overrides.items():
        if key == "published_at":  # the admin splits date and time
            data["published_at_0"], data["published_at_1"] = value.split(" ")
            continue
        if value is None:
            data.pop(key, None)
        else:
            data[key] = value
    return data


@pytest.fixture
def reporter(client):
    return make_reporter_user("reporter1")


@pytest.fixture
def section():
    return make_section("시흥시의회", slug="council")


class TestReporter:
    def test_creates_a_draft_bylined_to_themselves(self, client, reporter, section):
        client.force_login(reporter)
        data = form_data(
            client, ADD_URL, headline="새 기사", section=section.pk, body="<p>본문</p>"
        )
        response = client.post(ADD_URL, data)
        assert response.status_code == 302, response.context["adminform"].form.errors
        article = Article.objects.get(headline="새 기사")
        assert article.status == Article.Status.DRAFT
        assert article.created_by == reporter
        assert [r.user for r in article.byline_reporters()] == [reporter]

    def test_an_editors_story_gets_the_editors_byline(self, client, section):
        editor = make_editor("desk1", last_name="김", first_name="편집")
        client.force_login(editor)
        data = form_data(
            client, ADD_URL, headline="편집자가 쓴 기사", section=section.pk, body="<p>본문</p>"
        )
        response = client.post(ADD_URL, data)
        assert response.status_code == 302, response.context["adminform"].form.errors
        article = Article.objects.get(headline="편집자가 쓴 기사")
        [byline] = article.byline_reporters()
        assert byline.user == editor and byline.name == "김편집"
        # the second story reuses the same byline
        data = form_data(
            client, ADD_URL, headline="둘째 기사", section=section.pk, body="<p>본문</p>"
        )
        client.post(ADD_URL, data)
        assert Article.objects.get(headline="둘째 기사").byline_reporters() == [byline]

    def test_cannot_publish_by_direct_post_of_status(self, client, reporter, section):
        client.force_login(reporter)
        data = form_data(
            client,
            ADD_URL,
            headline="몰래 발행",
            section=section.pk,
            status="published",
            published_at=timezone.localtime().strftime("%Y-%m-%d %H:%M:%S"),
        )
        client.post(ADD_URL, data)
        article = Article.objects.get(headline="몰래 발행")
        assert article.status == Article.Status.DRAFT
        assert article.published_at is None
        assert not Article.objects.published().exists()

    def test_cannot_run_the_publish_action_by_direct_post(self, client, reporter):
        article = make_article(published=False, created_by=reporter)
        client.force_login(reporter)
        response = client.post(
            LIST_URL, {"action": "publish_selected", "_selected_action": [article.pk]}
        )
        article.refresh_from_db()
        assert article.status == Article.Status.DRAFT
        assert response.status_code in (200, 302)

    def test_cannot_see_or_change_others_stories(self, client, reporter):
        others = make_article(published=False, created_by=make_reporter_user("other"))
        client.force_login(reporter)
        assert client.get(change_url(others)).status_code in (302, 403, 404)
        response = client.post(change_url(others), {"headline": "가로채기"})
        assert response.status_code in (302, 403, 404)
        others.refresh_from_db()
        assert others.headline != "가로채기"
        assert others.headline not in client.get(LIST_URL).content.decode()

    def test_cannot_edit_own_story_once_published(self, client, reporter):
        article = make_article(created_by=reporter)
        client.force_login(reporter)
        response = client.post(change_url(article), {"headline": "발행 뒤 수정"})
        article.refresh_from_db()
        assert article.headline != "발행 뒤 수정"
        assert response.status_code == 403

    def test_cannot_unpublish_or_delete(self, client, reporter):
        article = make_article(created_by=reporter)
        client.force_login(reporter)
        client.post(LIST_URL, {"action": "unpublish_selected", "_selected_action": [article.pk]})
        client.post(f"/admin/articles/article/{article.pk}/delete/", {"post": "yes"})
        article.refresh_from_db()
        assert article.is_published

    def test_submits_for_review_with_the_button(self, client, reporter, section):
        article = make_article(published=False, created_by=reporter, section=section)
        client.force_login(reporter)
        data = form_data(client, change_url(article), _submit_for_review="1")
        response = client.post(change_url(article), data)
        assert response.status_code == 302
        article.refresh_from_db()
        assert article.status == Article.Status.REVIEW

    def test_cannot_replace_the_photo_of_a_published_story_by_direct_post(
        self, client, reporter, media_root
    ):
        photo = make_image(alt_text="시장 취임식")
        make_article(lead_image=photo, created_by=make_reporter_user("other"))
        client.force_login(reporter)
        response = client.post(image_change_url(photo), image_data(alt_text="바꾼 사진"))
        assert response.status_code == 403
        photo.refresh_from_db()
        assert photo.alt_text == "시장 취임식"

    def test_cannot_replace_their_photo_once_a_published_body_shows_it(
        self, client, reporter, media_root
    ):
        photo = make_image(alt_text="본문 사진", uploaded_by=reporter)
        make_article(body=f'<figure data-image-id="{photo.pk}"></figure>', created_by=reporter)
        client.force_login(reporter)
        response = client.post(image_change_url(photo), image_data(alt_text="바꾼 사진"))
        assert response.status_code == 403
        photo.refresh_from_db()
        assert photo.alt_text == "본문 사진"

    def test_changes_a_photo_they_uploaded_for_their_draft(self, client, reporter, media_root):
        photo = make_image(alt_text="초안 사진", uploaded_by=reporter)
        make_article(published=False, lead_image=photo, created_by=reporter)
        client.force_login(reporter)
        response = client.post(image_change_url(photo), image_data(alt_text="고친 설명"))
        assert response.status_code == 302
        photo.refresh_from_db()
        assert photo.alt_text == "고친 설명"

    def test_cannot_manage_sections(self, client, reporter):
        client.force_login(reporter)
        response = client.post(
            "/admin/articles/section/add/", {"name": "새 섹션", "slug": "new", "order": 0}
        )
        assert response.status_code == 403
        assert not Section.objects.filter(slug="new").exists()


class TestEditor:
    def test_publishes_with_the_action(self, client, section):
        editor = make_editor()
        article = make_article(published=False, status=Article.Status.REVIEW, section=section)
        client.force_login(editor)
        client.post(LIST_URL, {"action": "publish_selected", "_selected_action": [article.pk]})
        article.refresh_from_db()
        assert article.is_published
        assert article.approved_by == editor

    def test_publish_action_leaves_already_published_stories_their_times(self, client, section):
        # Selecting a page that mixes drafts with live stories must not re-date the live
        # ones (they would jump to the top of every list with a new 입력 time).
        last_month = timezone.now() - timedelta(days=30)
        live = make_article(section=section, published_at=last_month, approved_at=last_month)
        draft = make_article(published=False, section=section)
        client.force_login(make_editor())
        client.post(
            LIST_URL, {"action": "publish_selected", "_selected_action": [live.pk, draft.pk]}
        )
        live.refresh_from_db()
        draft.refresh_from_db()
        assert live.published_at == last_month
        assert live.approved_at == last_month
        assert draft.is_published

    def test_publish_action_skips_articles_without_a_section(self, client):
        article = make_article(published=False, section=None)
        client.force_login(make_editor())
        response = client.post(
            LIST_URL,
            {"action": "publish_selected", "_selected_action": [article.pk]},
            follow=True,
        )
        article.refresh_from_db()
        assert article.status == Article.Status.DRAFT
        assert "섹션이 없어 발행하지 못한 기사" in response.content.decode()

    def test_schedules_with_a_future_time_in_the_form(self, client, section):
        article = make_article(published=False, section=section)
        client.force_login(make_editor())
        tomorrow = timezone.localtime() + timedelta(days=1)
        data = form_data(
            client,
            change_url(article),
            status="published",
            published_at=tomorrow.strftime("%Y-%m-%d %H:%M:%S"),
        )
        assert client.post(change_url(article), data).status_code == 302
        article.refresh_from_db()
        assert article.is_scheduled and not article.is_published

    def test_unpublishes(self, client):
        article = make_article()
        client.force_login(make_editor())
        client.post(LIST_URL, {"action": "unpublish_selected", "_selected_action": [article.pk]})
        article.refresh_from_db()
        assert article.status == Article.Status.UNPUBLISHED
        assert client.get(article.get_absolute_url()).status_code == 404

    def test_korean_form_errors_for_bad_input(self, client):
        client.force_login(make_editor())
        data = form_data(
            client,
            ADD_URL,
            headline="",
            section=None,
            status="published",
            published_at=timezone.localtime().strftime("%Y-%m-%d %H:%M:%S"),
        )
        response = client.post(ADD_URL, data)
        assert response.status_code == 200
        errors = response.context["adminform"].form.errors
        assert "제목을 입력하세요." in errors["headline"]
        assert any("섹션" in message for message in errors["section"])
        assert not Article.objects.exists()

    def test_overlong_tag_is_a_korean_form_error(self, client, section):
        # taggit stores a tag's name in 100 characters and its form field does not check.
        client.force_login(make_editor())
        data = form_data(client, ADD_URL, headline="긴 태그", section=section.pk, tags="가" * 101)
        response = client.post(ADD_URL, data)
        assert response.status_code == 200
        assert any("100자" in m for m in response.context["adminform"].form.errors["tags"])
        assert not Article.objects.exists()

    def test_section_slug_clash_is_a_korean_form_error(self, client, section):
        client.force_login(make_editor())
        response = client.post(
            "/admin/articles/section/add/",
            {"name": "다른 의회", "slug": section.slug, "order": 0, "show_in_menu": "on"},
        )
        assert response.status_code == 200
        assert "같은 주소 이름을 쓰는 섹션이 이미 있습니다." in response.content.decode()

    def test_list_shows_status_section_reporters_and_scheduled_filter(self, client, section):
        make_article(
            headline="예약된 기사",
            section=section,
            published_at=timezone.now() + timedelta(hours=2),
        )
        make_article(headline="지난 기사", section=section)
        client.force_login(make_editor())
        html = client.get(LIST_URL + "?state=scheduled").content.decode()
        assert "예약된 기사" in html and "지난 기사" not in html
        assert "예약 발행" in html


@pytest.mark.parametrize(
    "url",
    [LIST_URL, "/admin/articles/section/", "/admin/autocomplete/?" + AUTOCOMPLETE_SECTION],
    ids=["article-list", "section-list", "section-autocomplete"],
)
def test_admin_queries_do_not_grow_with_sub_sections(client, url):
    # A sub-section prints as "정치 › 시흥시의회": its parent must come with it.
    client.force_login(make_editor())
    politics = make_section("정치")
    counts = []
    for size in (2, 8):
        for _ in range(size):
            make_article(section=make_section(parent=politics))
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts
