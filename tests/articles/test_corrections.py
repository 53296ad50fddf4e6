"""정정보도 / 반론보도 / 바로잡습니다: editors write them, readers see them under the story
and in the feed, newest first; each has its own revisions and moves the 수정 time."""

import datetime
from datetime import timedelta

import pytest
from django.utils import timezone
from reversion.models import Version

from articles.models import Article, Correction
from tests.articles.test_admin_workflow import change_url, form_data
from tests.factories import make_article, make_editor, make_reporter_user

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/articles/correction/add/"


@pytest.fixture
def story():
    return make_article(
        headline="시의회 예산 통과", published_at=timezone.now() - timedelta(days=1)
    )


def with_correction(data, *, kind="correction", text="예산 규모는 1조 원이 아니라 1천억 원입니다."):
    index = int(data["corrections-TOTAL_FORMS"])
    data.update(
        {
            "corrections-TOTAL_FORMS": str(index + 1),
            f"corrections-{index}-kind": kind,
            f"corrections-{index}-date": timezone.localdate().isoformat(),
            f"corrections-{index}-text": text,
        }
    )
    return data


class TestEditor:
    def test_adds_one_on_the_article_form_and_readers_see_it(self, client, story):
        editor = make_editor()
        client.force_login(editor)
        data = with_correction(form_data(client, change_url(story)))
        response = client.post(change_url(story), data)
        assert response.status_code == 302, response.context["adminform"].form.errors
        correction = Correction.objects.get(article=story)
        assert correction.created_by == editor and correction.kind == "correction"
        story.refresh_from_db()
        assert story.was_revised  # the 수정 time moved
        page = client.get(story.get_absolute_url()).content.decode()
        assert "정정·반론 보도" in page and "정정보도" in page and "1천억 원" in page
        assert "수정 <time" in page
        comments = [v.revision.comment for v in Version.objects.get_for_object(story)]
        # One revision for the whole form save: "저장 · 정정·반론 추가".
        assert any("정정·반론 추가" in comment.split(" · ") for comment in comments)
        assert Version.objects.get_for_object(correction).count() == 1

    def test_own_admin_keeps_revisions_of_each_change(self, client, story):
        client.force_login(make_editor())
        data = {
            "article": story.pk,
            "kind": "reply",
            "date": timezone.localdate().isoformat(),
            "text": "반론: 시는 다르게 봅니다.",
        }
        assert client.post(ADD_URL, data).status_code == 302
        correction = Correction.objects.get()
        url = f"/admin/articles/correction/{correction.pk}/change/"
        assert client.post(url, {**data, "text": "반론: 고친 문장."}).status_code == 302
        versions = Version.objects.get_for_object(correction).order_by("pk")
        assert [v.field_dict["text"] for v in versions] == [
            "반론: 시는 다르게 봅니다.",
            "반론: 고친 문장.",
        ]
        assert versions.last().revision.comment.startswith("정정·반론 추가")
        history = client.get(f"{url.removesuffix('change/')}history/").content.decode()
        assert "정정·반론 추가: 반론보도" in history

    def test_changing_one_moves_the_revised_time(self, story):
        correction = Correction.objects.create(article=story, text="첫 문장")
        Article.objects.filter(pk=story.pk).update(content_updated_at=story.published_at)
        correction.text = "고친 문장"
        correction.save()
        story.refresh_from_db()
        assert story.content_updated_at > story.published_at + timedelta(minutes=1)

    def test_empty_text_is_a_korean_form_error(self, client, story):
        client.force_login(make_editor())
        data = {"article": story.pk, "kind": "erratum", "date": "2026-12-01", "text": ""}
        response = client.post(ADD_URL, data)
        assert "정정·반론 내용을 입력하세요." in response.content.decode()
        assert not Correction.objects.exists()


class TestReaders:
    def test_newest_first_under_a_heading(self, client, story):
        Correction.objects.create(article=story, text="옛 정정", date=datetime.date(2026, 11, 1))
        Correction.objects.create(
            article=story, kind="erratum", text="새 정정", date=datetime.date(2026, 11, 20)
        )
        page = client.get(story.get_absolute_url()).content.decode()
        assert page.index("새 정정") < page.index("옛 정정")
        assert "바로잡습니다" in page and "2026.11.20" in page

    def test_a_script_in_a_correction_is_shown_escaped(self, client, story):
        Correction.objects.create(article=story, text='<script>alert("x")</script>\n둘째 줄')
        page = client.get(story.get_absolute_url()).content.decode()
        assert '<script>alert("x")</script>' not in page
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;<br>둘째 줄" in page
        feed = client.get("/rss/").content.decode()
        assert "<script>" not in feed and "&lt;script&gt;" in feed

    def test_the_feed_item_carries_the_correction(self, client, story):
        Correction.objects.create(article=story, text="예산 규모를 바로잡습니다.")
        feed = client.get("/rss/").content.decode()
        assert (
            f"[바로잡습니다 {timezone.localdate():%Y.%m.%d}] " in feed
            and "예산 규모를 바로잡습니다." in feed
        )

    def test_no_block_without_corrections(self, client, story):
        assert "정정·반론 보도" not in client.get(story.get_absolute_url()).content.decode()


class TestReporter:
    def test_cannot_add_on_their_own_draft_by_direct_post(self, client):
        reporter = make_reporter_user("reporter1")
        draft = make_article(published=False, created_by=reporter)
        client.force_login(reporter)
        data = form_data(client, change_url(draft))
        data.update({"corrections-TOTAL_FORMS": "0", "corrections-INITIAL_FORMS": "0"})
        response = client.post(change_url(draft), with_correction(data, text="기자가 쓴 정정"))
        assert response.status_code == 302
        assert not Correction.objects.exists()

    def test_cannot_add_or_change_in_the_corrections_admin(self, client, story):
        correction = Correction.objects.create(article=story, text="편집자의 정정")
        client.force_login(make_reporter_user("reporter1"))
        data = {"article": story.pk, "kind": "erratum", "date": "2026-12-01", "text": "가짜"}
        assert client.post(ADD_URL, data).status_code == 403
        url = f"/admin/articles/correction/{correction.pk}/change/"
        assert client.post(url, data).status_code == 403
        assert client.post(f"/admin/articles/correction/{correction.pk}/delete/").status_code == 403
        correction.refresh_from_db()
        assert correction.text == "편집자의 정정" and Correction.objects.count() == 1
