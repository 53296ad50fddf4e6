"""One workflow path: times survive, every step leaves a revision, no empty log lines."""

from datetime import timedelta

import pytest
from django.contrib.admin.models import LogEntry
from django.db import DatabaseError
from django.utils import timezone
from taggit.managers import _TaggableManager

from articles import history, workflow
from articles.models import Article
from tests.articles.test_admin_workflow import change_url, form_data
from tests.factories import make_article, make_editor, make_reporter_user

pytestmark = pytest.mark.django_db
LIST_URL = "/admin/articles/article/"


def steps(article):
    return [history.steps_of(v.revision.comment) for v in history.versions_of(article)]


class TestTimesSurvive:
    def test_unpublish_then_publish_keeps_the_original_times(self, client):
        editor = make_editor()
        article = make_article(published=False)
        workflow.publish(article, by=editor)
        first = Article.objects.get(pk=article.pk)
        client.force_login(editor)
        for action in ("unpublish_selected", "publish_selected"):
            client.post(LIST_URL, {"action": action, "_selected_action": [article.pk]})
        again = Article.objects.get(pk=article.pk)
        assert again.status == Article.Status.PUBLISHED
        assert again.published_at == first.published_at
        assert again.approved_at == first.approved_at
        assert again.created_at == first.created_at

    def test_redate_is_its_own_step(self):
        editor = make_editor()
        article = make_article()
        new_time = timezone.now() - timedelta(minutes=5)
        workflow.redate(article, by=editor, at=new_time)
        assert Article.objects.get(pk=article.pk).published_at == new_time
        assert steps(article)[0] == ["redate"]

    def test_schedule_refuses_a_past_time(self):
        from django.core.exceptions import ValidationError

        with pytest.raises(ValidationError):
            workflow.schedule(make_article(published=False), by=make_editor(), at=timezone.now())


class TestHistory:
    def test_list_actions_leave_a_revision_and_a_log_entry(self, client):
        editor = make_editor()
        article = make_article(published=False)
        client.force_login(editor)
        client.post(LIST_URL, {"action": "publish_selected", "_selected_action": [article.pk]})
        client.post(LIST_URL, {"action": "unpublish_selected", "_selected_action": [article.pk]})
        assert steps(article) == [["unpublish"], ["publish"]]
        newest = history.versions_of(article)[0]
        assert newest.revision.user == editor
        messages = list(
            LogEntry.objects.filter(object_id=str(article.pk)).values_list(
                "change_message", flat=True
            )
        )
        assert "발행 취소(목록에서)" in messages and "발행(목록에서)" in messages

    def test_a_reporters_submit_from_the_form_is_one_revision_save_and_submit(self, client):
        reporter = make_reporter_user()
        article = make_article(published=False, created_by=reporter)
        client.force_login(reporter)
        data = form_data(client, change_url(article), _submit_for_review="1")
        assert client.post(change_url(article), data).status_code == 302
        assert steps(article)[0] == ["save", "submit"]
        assert Article.objects.get(pk=article.pk).status == Article.Status.REVIEW

    def test_editor_publishing_from_the_form_goes_through_workflow(self, client):
        editor = make_editor()
        article = make_article(published=False)
        client.force_login(editor)
        data = form_data(client, change_url(article), status="published")
        assert client.post(change_url(article), data).status_code == 302
        article.refresh_from_db()
        assert article.is_published and article.approved_by == editor
        assert steps(article)[0] == ["save", "publish"]

    def test_a_save_that_changed_nothing_is_not_logged(self, client):
        article = make_article(body="<p>첫 문단</p>\n<p>둘째 문단</p>")
        client.force_login(make_editor())
        # The editor re-serializes the body without the line break.
        data = form_data(client, change_url(article), body="<p>첫 문단</p><p>둘째 문단</p>")
        assert client.post(change_url(article), data).status_code == 302
        assert not LogEntry.objects.filter(object_id=str(article.pk)).exists()

    def test_a_change_is_logged_with_the_right_particle(self, client):
        article = make_article()
        client.force_login(make_editor())
        data = form_data(client, change_url(article), headline="새 제목", subheadline="새 부제")
        client.post(change_url(article), data)
        entry = LogEntry.objects.get(object_id=str(article.pk))
        assert entry.get_change_message() == "제목·부제를 고쳤습니다."

    def test_revision_keeps_bylines_and_tags(self, client):
        reporter = make_reporter_user()
        article = make_article(reporters=[reporter.reporter], tags=["시흥", "의회"])
        history.record(article, by=make_editor(), step="save")
        snap = history.snapshot(history.versions_of(article)[0])
        assert snap.tags == ["시흥", "의회"]
        assert [row["reporter_id"] for row in snap.bylines] == [reporter.reporter.pk]


class TestHalfWrittenSaves:
    def test_a_database_error_on_the_tags_leaves_the_story_as_it_was(self, client, monkeypatch):
        article = make_article(headline="그대로", tags=["시흥"])
        client.force_login(make_editor())
        data = form_data(client, change_url(article), headline="반쯤", tags="새 태그")

        def broken(*args, **kwargs):
            raise DatabaseError("tags table unavailable")

        monkeypatch.setattr(_TaggableManager, "set", broken)
        with pytest.raises(DatabaseError):
            client.post(change_url(article), data)
        article = Article.objects.get(pk=article.pk)
        assert article.headline == "그대로" and article.version == 1
        assert list(article.tags.names()) == ["시흥"]
        assert not history.versions_of(article).exists()

    def test_an_error_in_a_workflow_step_after_the_body_is_stored_rolls_it_back(
        self, client, monkeypatch
    ):
        article = make_article(published=False, headline="그대로")
        client.force_login(make_editor())
        data = form_data(client, change_url(article), headline="반쯤", status="published")

        def broken(*args, **kwargs):
            raise DatabaseError("lost the connection")

        monkeypatch.setattr(workflow, "publish", broken)
        with pytest.raises(DatabaseError):
            client.post(change_url(article), data)
        article = Article.objects.get(pk=article.pk)
        assert (article.headline, article.status) == ("그대로", Article.Status.DRAFT)

    def test_an_error_in_a_byline_row_rolls_the_whole_save_back(self, client, monkeypatch):
        from articles.models import Byline

        article = make_article(headline="그대로")
        reporter = make_reporter_user()
        client.force_login(make_editor())
        data = form_data(client, change_url(article), headline="반쯤")
        data.update(
            {
                "bylines-TOTAL_FORMS": "1",
                "bylines-0-reporter": reporter.reporter.pk,
                "bylines-0-order": "0",
            }
        )
        original = Byline.save

        def broken(self, *args, **kwargs):
            original(self, *args, **kwargs)
            raise DatabaseError("disk full")

        monkeypatch.setattr(Byline, "save", broken)
        with pytest.raises(DatabaseError):
            client.post(change_url(article), data)
        article = Article.objects.get(pk=article.pk)
        assert article.headline == "그대로" and not article.bylines.exists()


@pytest.mark.parametrize(
    "status, offset",
    [
        (status, offset)
        for status in Article.Status.values
        for offset in (None, timedelta(hours=-1), timedelta(hours=1))
    ],
)
def test_per_row_properties_agree_with_the_querysets(status, offset):
    published_at = None if offset is None else timezone.now() + offset
    article = make_article(published=False, status=status, published_at=published_at)
    assert article.is_published == Article.objects.published().filter(pk=article.pk).exists()
    assert article.is_scheduled == Article.objects.scheduled().filter(pk=article.pk).exists()


def test_editable_by_matches_the_permission_rule():
    from articles.permissions import can_change_article

    reporter = make_reporter_user()
    stories = [
        make_article(published=False, created_by=reporter),
        make_article(published=False, status=Article.Status.REVIEW, created_by=reporter),
        make_article(created_by=reporter),
        make_article(published=False),
    ]
    editable = set(Article.objects.editable_by(reporter).values_list("pk", flat=True))
    assert editable == {a.pk for a in stories if can_change_article(reporter, a)}
    assert len(editable) == 2
