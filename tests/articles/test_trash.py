"""휴지통: deleting a story hides it everywhere, keeps everything, and can be undone;
purge_trash removes old items, and a purge racing a restore never leaves a half state."""

import threading
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connections
from django.utils import timezone
from reversion.models import Version

from articles import trash
from articles.models import Article, Byline, Correction, Image, RelatedArticle
from newsroom.models import HomeCuration, HomePick
from tests.factories import (
    make_article,
    make_editor,
    make_image,
    make_reporter,
    make_reporter_user,
    make_section,
    make_user,
)

pytestmark = pytest.mark.django_db

LIST_URL = "/admin/articles/article/"
TRASH_URL = "/admin/articles/trashedarticle/"


def delete_url(article):
    return f"/admin/articles/article/{article.pk}/delete/"


@pytest.fixture
def editor():
    return make_editor("editor1")


@pytest.fixture
def story(media_root):
    """A published story with everything a restore must bring back."""
    section = make_section("시흥시의회", slug="council")
    article = make_article(
        headline="시의회 예산 통과",
        section=section,
        reporters=[make_reporter("홍길동")],
        tags=["예산", "시의회"],
        lead_image=make_image(alt_text="본회의장"),
        published_at=timezone.now() - timedelta(days=2),
    )
    RelatedArticle.objects.create(article=article, related=make_article(section=section))
    return article


def public_urls(article):
    return [
        article.get_absolute_url(),
        f"/articles/{article.pk}/",
        "/",
        article.section.get_absolute_url(),
        "/tag/예산/",
        f"/reporter/{article.byline_reporters()[0].pk}/",
        "/search/?q=예산",
        "/rss/",
        "/sitemap-articles.xml",
    ]


class TestTrashing:
    def test_a_trashed_story_is_nowhere_public(self, client, editor, story):
        link = f"/articles/{story.pk}/"
        for url in public_urls(story)[2:]:
            assert link in client.get(url).content.decode(), url
        trash.trash(story, by=editor)
        assert client.get(story.get_absolute_url()).status_code == 404
        assert client.get(link).status_code == 404
        for url in public_urls(story)[2:]:
            response = client.get(url)
            assert link not in response.content.decode(), url
            assert story.headline not in response.content.decode(), url
        assert not Article.objects.published().filter(pk=story.pk).exists()

    def test_trashed_story_leaves_the_home_picks_and_related_blocks(self, client, editor, story):
        other = make_article(section=story.section)
        RelatedArticle.objects.create(article=other, related=story)
        HomePick.objects.create(curation=HomeCuration.objects.get_or_create(pk=1)[0], article=story)
        trash.trash(story, by=editor)
        assert story not in other.related_for_readers()
        assert story.headline not in client.get("/").content.decode()
        assert story.headline not in client.get(other.get_absolute_url()).content.decode()

    def test_preview_answers_404_to_its_reporter_but_shows_editors(self, client, editor):
        reporter = make_reporter_user("reporter1")
        article = make_article(published=False, created_by=reporter)
        trash.trash(article, by=editor)
        client.force_login(reporter)
        assert client.get(f"/preview/{article.pk}/").status_code == 404
        client.force_login(editor)
        assert client.get(f"/preview/{article.pk}/").status_code == 200

    def test_admin_delete_moves_to_trash_with_korean_texts(self, client, editor, story):
        client.force_login(editor)
        page = client.get(delete_url(story)).content.decode()
        assert "휴지통으로 옮길까요" in page and "30일" in page
        response = client.post(delete_url(story), {"post": "yes"}, follow=True)
        assert "휴지통으로 옮겼습니다" in response.content.decode()
        story.refresh_from_db()
        assert story.deleted_at is not None and story.deleted_by == editor
        assert story.status == Article.Status.PUBLISHED  # kept for the restore
        assert story.headline not in client.get(LIST_URL).content.decode()
        assert story.headline in client.get(TRASH_URL).content.decode()

    def test_delete_selected_is_replaced_by_trash_selected(self, client, editor, story):
        second = make_article(section=story.section)
        client.force_login(editor)
        selected = {"_selected_action": [story.pk, second.pk]}
        page = client.post(LIST_URL, {"action": "trash_selected", **selected})
        assert "휴지통으로 옮길까요" in page.content.decode()
        assert not Article.objects.trashed().exists()  # asked first
        client.post(LIST_URL, {"action": "trash_selected", "post": "yes", **selected})
        assert set(Article.objects.trashed()) == {story, second}
        # Django's hard delete is not offered, and a forged POST of it does nothing.
        client.post(LIST_URL, {"action": "delete_selected", "post": "yes", **selected})
        assert Article.objects.filter(pk__in=[story.pk, second.pk]).count() == 2

    def test_reporter_cannot_trash_even_by_direct_post(self, client):
        reporter = make_reporter_user("reporter1")
        article = make_article(published=False, created_by=reporter)
        client.force_login(reporter)
        assert client.post(delete_url(article), {"post": "yes"}).status_code == 403
        client.post(
            LIST_URL,
            {"action": "trash_selected", "post": "yes", "_selected_action": [article.pk]},
        )
        article.refresh_from_db()
        assert article.deleted_at is None
        assert client.get(TRASH_URL).status_code == 403
        with pytest.raises(trash.PermissionDenied):
            trash.trash(article, by=reporter)

    def test_trash_and_restore_are_in_the_history(self, editor, story):
        trash.trash(story, by=editor)
        trash.untrash(story, by=editor)
        comments = [
            v.revision.comment for v in Version.objects.get_for_object(story).order_by("pk")
        ]
        assert comments == ["휴지통으로 이동", "휴지통에서 복원"]
        assert Version.objects.get_for_object(story).first().revision.user == editor


class TestRestoring:
    def test_restore_brings_everything_back_as_it_was(self, client, editor, story):
        before = Article.objects.get(pk=story.pk)
        picks = list(story.related_picks.values_list("related_id", flat=True))
        trash.trash(story, by=editor)
        client.force_login(editor)
        response = client.post(f"{TRASH_URL}{story.pk}/restore/", follow=True)
        assert "복원했습니다" in response.content.decode()
        after = Article.objects.get(pk=story.pk)
        assert after.deleted_at is None and after.deleted_by is None
        for field in ("status", "published_at", "approved_at", "created_at", "content_updated_at"):
            assert getattr(after, field) == getattr(before, field), field
        assert sorted(after.tags.names()) == ["시의회", "예산"]
        assert [r.name for r in after.byline_reporters()] == ["홍길동"]
        assert list(after.related_picks.values_list("related_id", flat=True)) == picks
        assert after.lead_image_id == before.lead_image_id
        assert client.get(story.get_absolute_url()).status_code == 200

    def test_the_trash_list_restores_and_purges_selected(self, client, editor, story):
        other = make_article(section=story.section, headline="함께 지운 기사")
        trash.trash(story, by=editor)
        trash.trash(other, by=editor)
        client.force_login(editor)
        page = client.get(TRASH_URL).content.decode()
        assert f'formaction="{TRASH_URL}{story.pk}/restore/"' in page and "영구 삭제" in page
        client.post(TRASH_URL, {"action": "restore_selected", "_selected_action": [story.pk]})
        selected = {"action": "purge_selected", "_selected_action": [other.pk]}
        assert "되돌릴 수 없습니다" in client.post(TRASH_URL, selected).content.decode()
        client.post(TRASH_URL, {**selected, "post": "yes"})
        assert Article.objects.get(pk=story.pk).deleted_at is None
        assert not Article.objects.filter(pk=other.pk).exists()

    def test_restoring_a_story_not_in_the_trash_is_a_korean_error(self, client, editor, story):
        client.force_login(editor)
        response = client.post(f"{TRASH_URL}{story.pk}/restore/", follow=True)
        assert "휴지통에 있는 기사가 아닙니다" in response.content.decode()

    def test_restore_is_post_only_and_editors_only(self, client, editor, story):
        trash.trash(story, by=editor)
        client.force_login(editor)
        assert client.get(f"{TRASH_URL}{story.pk}/restore/").status_code == 405
        client.force_login(make_reporter_user("reporter1"))
        assert client.post(f"{TRASH_URL}{story.pk}/restore/").status_code == 403
        assert Article.objects.trashed().filter(pk=story.pk).exists()

    def test_purge_from_the_trash_asks_then_deletes_for_good(self, client, editor, story):
        Correction.objects.create(article=story, text="바로잡습니다.")
        trash.trash(story, by=editor)
        client.force_login(editor)
        assert "되돌릴 수 없습니다" in client.get(f"{TRASH_URL}{story.pk}/purge/").content.decode()
        client.post(f"{TRASH_URL}{story.pk}/purge/", {"post": "yes"})
        assert not Article.objects.filter(pk=story.pk).exists()
        assert not Version.objects.get_for_object(story).exists()
        assert not Byline.objects.filter(article_id=story.pk).exists()
        assert Image.objects.filter(pk=story.lead_image_id).exists()  # the library keeps it
        response = client.post(f"{TRASH_URL}{story.pk}/restore/", follow=True)
        assert "영구 삭제된 기사라 복원할 수 없습니다" in response.content.decode()


class TestPurgeCommand:
    def trashed_days_ago(self, editor, days, **fields):
        article = make_article(**fields)
        trash.trash(article, by=editor)
        Article.objects.filter(pk=article.pk).update(
            deleted_at=timezone.now() - timedelta(days=days)
        )
        return article

    def test_purges_only_items_older_than_the_setting(self, editor, settings):
        old = self.trashed_days_ago(editor, 31, headline="오래된 기사")
        recent = self.trashed_days_ago(editor, 29, headline="최근 기사")
        alive = make_article()
        out = StringIO()
        call_command("purge_trash", stdout=out)
        assert "1건을 영구 삭제했습니다" in out.getvalue() and "오래된 기사" in out.getvalue()
        assert set(Article.objects.all()) >= {recent, alive}
        assert not Article.objects.filter(pk=old.pk).exists()
        settings.TRASH_KEEP_DAYS = 10
        call_command("purge_trash", stdout=StringIO())
        assert not Article.objects.filter(pk=recent.pk).exists()
        assert Article.objects.filter(pk=alive.pk).exists()

    def test_days_and_dry_run(self, editor):
        article = self.trashed_days_ago(editor, 5, headline="닷새 전 기사")
        out = StringIO()
        call_command("purge_trash", "--days", "3", "--dry-run", stdout=out)
        assert "닷새 전 기사" in out.getvalue() and "지우지 않았습니다" in out.getvalue()
        assert Article.objects.filter(pk=article.pk).exists()
        call_command("purge_trash", "--days", "3", stdout=StringIO())
        assert not Article.objects.filter(pk=article.pk).exists()

    @pytest.mark.parametrize("days", ["-1", "열흘"])
    def test_bad_days_is_a_korean_error(self, days):
        with pytest.raises(CommandError, match="0 이상의 정수"):
            call_command("purge_trash", "--days", days)


@pytest.mark.django_db(transaction=True)
class TestPurgeRacingRestore:
    """Two connections on real Postgres; one holds the story's lock while the other waits."""

    def setup_story(self):
        # Not make_editor(): a transactional test may run after another one's flush
        # removed the migrations' groups.
        editor = make_user(is_superuser=True)
        article = make_article(headline="경합 기사", tags=["경합"], reporters=[make_reporter()])
        trash.trash(article, by=editor)
        Article.objects.filter(pk=article.pk).update(deleted_at=timezone.now() - timedelta(days=40))
        return editor, article

    def in_thread(self, work):
        outcome = {}

        def run():
            try:
                outcome["value"] = work()
            except Exception as error:  # the caller asserts on it
                outcome["error"] = error
            finally:
                connections.close_all()

        thread = threading.Thread(target=run)
        thread.start()
        return thread, outcome

    def test_restore_holding_the_lock_wins_and_the_purge_passes_it_by(self, monkeypatch):
        editor, article = self.setup_story()
        locked, release = threading.Event(), threading.Event()
        record = trash.history.record

        def slow_record(*args, **kwargs):
            record(*args, **kwargs)
            if kwargs.get("step") == "untrash":
                locked.set()  # inside the restore's transaction, lock held
                release.wait(10)

        monkeypatch.setattr(trash.history, "record", slow_record)
        restorer, restored = self.in_thread(lambda: trash.untrash(article.pk, by=editor))
        assert locked.wait(10)
        purger, purged = self.in_thread(lambda: trash.purge_expired(keep_days=30))
        purger.join(0.5)
        assert purger.is_alive()  # waiting for the restore's lock
        release.set()
        restorer.join(10)
        purger.join(10)
        assert "error" not in restored and "error" not in purged, (restored, purged)
        assert purged["value"] == []
        survivor = Article.objects.get(pk=article.pk)
        assert survivor.deleted_at is None
        assert survivor.tags.names()[0] == "경합" and survivor.bylines.count() == 1

    def test_purge_holding_the_lock_wins_and_the_restore_says_it_was_purged(self, monkeypatch):
        editor, article = self.setup_story()
        locked, release = threading.Event(), threading.Event()
        delete_revisions = trash._delete_revisions

        def slow_delete(story):
            delete_revisions(story)
            locked.set()  # inside the purge's transaction, lock held
            release.wait(10)

        monkeypatch.setattr(trash, "_delete_revisions", slow_delete)
        purger, purged = self.in_thread(lambda: trash.purge_expired(keep_days=30))
        assert locked.wait(10)
        restorer, restored = self.in_thread(lambda: trash.untrash(article.pk, by=editor))
        restorer.join(0.5)
        assert restorer.is_alive()  # waiting for the purge's lock
        release.set()
        purger.join(10)
        restorer.join(10)
        assert [p.pk for p in purged["value"]] == [article.pk]
        assert isinstance(restored.get("error"), trash.PurgedError)
        assert "영구 삭제" in restored["error"].message
        assert not Article.objects.filter(pk=article.pk).exists()
        assert not Byline.objects.filter(article_id=article.pk).exists()

    def test_at_the_same_instant_exactly_one_wins_wholly(self):
        for _ in range(5):
            editor, article = self.setup_story()
            start = threading.Barrier(2)

            def restore(pk=article.pk, editor=editor, start=start):
                start.wait()
                return trash.untrash(pk, by=editor)

            def purge(start=start):
                start.wait()
                return trash.purge_expired(keep_days=30)

            restorer, restored = self.in_thread(restore)
            purger, purged = self.in_thread(purge)
            restorer.join(10)
            purger.join(10)
            exists = Article.objects.filter(pk=article.pk).first()
            if exists is not None:  # the restore won
                assert "error" not in restored and exists.deleted_at is None
                assert purged["value"] == []
                assert exists.bylines.count() == 1 and exists.tags.count() == 1
            else:  # the purge won
                assert isinstance(restored.get("error"), trash.PurgedError)
                assert not Byline.objects.filter(article_id=article.pk).exists()
