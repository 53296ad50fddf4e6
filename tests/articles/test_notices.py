"""E-mail notices of the workflow (articles/notices.py), on Django's locmem backend."""

import smtplib
from datetime import timedelta

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import timezone

from articles import workflow
from articles.models import Article, Byline, Notice, NoticePreference, Reporter
from tests.factories import make_article, make_editor, make_reporter_user

pytestmark = pytest.mark.django_db

LOCMEM = "django.core.mail.backends.locmem.EmailBackend"


class FailingBackend(BaseEmailBackend):
    """A mail server that takes the connection and then refuses every message."""

    def send_messages(self, messages):
        raise smtplib.SMTPException("451 잠시 후 다시 시도하세요")


@pytest.fixture
def desk(settings):
    settings.EMAIL_BACKEND = LOCMEM
    settings.SITE_URL = "https://news.example.kr"
    editor = make_editor("editor", email="editor@example.kr")
    quiet_editor = make_editor("quiet", email="quiet@example.kr")
    NoticePreference.objects.create(user=quiet_editor, email=False)
    make_editor("noaddress")  # no e-mail address: nobody to write to
    reporter = make_reporter_user("reporter", email="reporter@example.kr")
    make_reporter_user("other", email="other@example.kr")
    article = make_article(published=False, created_by=reporter, headline="시흥 갯골 축제")
    Byline.objects.create(article=article, reporter=Reporter.objects.get(user=reporter))
    return editor, reporter, article


def recipients():
    return sorted(address for message in mail.outbox for address in message.to)


def test_submit_tells_the_desk_only(desk, django_capture_on_commit_callbacks):
    editor, reporter, article = desk
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit(article, by=reporter)
    assert recipients() == ["editor@example.kr"]  # not the quiet editor, not the reporter
    message = mail.outbox[0]
    assert message.subject == "[시흥뉴스룸] 검토 요청: 시흥 갯골 축제"
    assert "reporter님이 기사 검토를 요청했습니다." in message.body
    assert f"https://news.example.kr/admin/articles/article/{article.pk}/change/" in message.body
    assert Notice.objects.get().sent_at is not None


def test_submit_through_the_admin_tells_the_desk(desk, client, django_capture_on_commit_callbacks):
    editor, reporter, article = desk
    client.force_login(reporter)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/articles/article/{article.pk}/reject/", {"reason": "x"}
        )  # a reporter cannot reject: nothing happens, nobody is told
        assert response.status_code == 403
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/articles/article/?state=draft",
            {"action": "submit_selected_for_review", "_selected_action": [article.pk]},
        )
    assert response.status_code == 302
    assert recipients() == ["editor@example.kr"]


def test_reject_tells_the_reporters_with_the_reason(
    desk, client, django_capture_on_commit_callbacks
):
    editor, reporter, article = desk
    article.status = Article.Status.REVIEW
    article.save()
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/articles/article/{article.pk}/reject/", {"reason": "출처를 밝혀 주세요"}
        )
    assert response.status_code == 302
    assert recipients() == ["reporter@example.kr"]
    message = mail.outbox[0]
    assert message.subject == "[시흥뉴스룸] 반려: 시흥 갯골 축제"
    assert "반려 사유:\n출처를 밝혀 주세요" in message.body
    assert "editor님이 기사를 반려했습니다." in message.body


def test_publish_and_unpublish_tell_the_reporters_not_the_editor(
    desk, django_capture_on_commit_callbacks
):
    editor, reporter, article = desk
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(article, by=editor)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.unpublish(article, by=editor)
    assert [m.subject for m in mail.outbox] == [
        "[시흥뉴스룸] 발행: 시흥 갯골 축제",
        "[시흥뉴스룸] 발행 취소: 시흥 갯골 축제",
    ]
    assert recipients() == ["reporter@example.kr", "reporter@example.kr"]


def test_schedule_says_when_in_korean_time(desk, django_capture_on_commit_callbacks):
    editor, reporter, article = desk
    at = timezone.now() + timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.schedule(article, by=editor, at=at)
    local = timezone.localtime(at).strftime("%Y.%m.%d %H:%M")
    assert f"공개 시각: {local} (한국 시각)" in mail.outbox[0].body
    assert mail.outbox[0].subject.startswith("[시흥뉴스룸] 예약 발행:")


def test_an_editor_publishing_their_own_story_gets_no_mail(
    desk, django_capture_on_commit_callbacks
):
    editor, _, _ = desk
    own = make_article(published=False, created_by=editor)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(own, by=editor)
    assert mail.outbox == [] and not Notice.objects.exists()


def test_a_reporter_turns_mail_off_on_their_own_settings_page(
    desk, client, django_capture_on_commit_callbacks
):
    editor, reporter, article = desk
    client.force_login(reporter)
    index = client.get("/admin/").content.decode()
    assert 'href="/admin/notices/">알림 설정</a>' in index
    page = client.get("/admin/notices/").content.decode()
    assert "reporter@example.kr" in page and "이메일 알림 받기" in page
    response = client.post("/admin/notices/", {}, follow=True)  # the box unticked
    assert "이제 이메일 알림을 받지 않습니다" in response.content.decode()
    assert NoticePreference.objects.get(user=reporter).email is False
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(article, by=editor)
    assert mail.outbox == []
    client.post("/admin/notices/", {"email": "on"})
    assert NoticePreference.objects.get(user=reporter).email is True


def test_settings_page_needs_a_login(client):
    response = client.get("/admin/notices/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_nothing_is_sent_before_commit_and_nothing_after_a_rollback(
    desk, django_capture_on_commit_callbacks
):
    editor, reporter, article = desk
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(article, by=editor)
        assert mail.outbox == []  # queued, not sent: the step has not committed yet
        assert Notice.objects.filter(sent_at__isnull=True).count() == 1
    assert len(mail.outbox) == 1
    mail.outbox.clear()

    class Undo(Exception):
        pass

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(Undo),
        transaction.atomic(),
    ):
        workflow.unpublish(article, by=editor)
        raise Undo
    assert callbacks == [] and mail.outbox == []
    assert Notice.objects.count() == 1  # only the publish notice: the rollback took its own


def test_a_failing_mail_server_does_not_fail_the_save_and_send_notices_retries(
    desk, client, settings, move_clock, django_capture_on_commit_callbacks
):
    editor, reporter, article = desk
    settings.EMAIL_BACKEND = f"{__name__}.FailingBackend"
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/articles/article/",
            {"action": "publish_selected", "_selected_action": [article.pk]},
        )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.is_published
    notice = Notice.objects.get()
    assert notice.sent_at is None and notice.attempts == 1
    assert "451" in notice.last_error

    settings.EMAIL_BACKEND = LOCMEM
    call_command("send_notices")
    assert mail.outbox == []  # its wait (a minute after the first failure) is not over
    move_clock(timezone.now() + timedelta(minutes=2))
    call_command("send_notices")
    assert recipients() == ["reporter@example.kr"]
    notice.refresh_from_db()
    assert notice.sent_at is not None and notice.attempts == 2 and notice.last_error == ""


def test_send_notices_picks_up_notices_a_crash_left_unsent(desk, move_clock, capsys):
    editor, reporter, article = desk
    workflow.publish(article, by=editor)  # the after-commit send never ran
    call_command("send_notices")
    assert mail.outbox == []  # the request's own send may still be at it
    move_clock(timezone.now() + timedelta(minutes=2))
    call_command("send_notices")
    assert recipients() == ["reporter@example.kr"]
    assert "알림 1건을 보냈습니다." in capsys.readouterr().out


def test_send_notices_gives_up_after_the_attempt_limit(desk, settings, move_clock, capsys):
    editor, reporter, article = desk
    settings.NOTICE_MAX_ATTEMPTS = 2
    workflow.publish(article, by=editor)
    Notice.objects.update(attempts=2, last_attempt_at=timezone.now() - timedelta(days=1))
    call_command("send_notices")
    assert mail.outbox == []
    assert "2번 시도해도 보내지 못한 알림 1건" in capsys.readouterr().err


def test_send_notices_stops_on_a_mail_configuration_error(desk, settings, move_clock):
    editor, reporter, article = desk
    workflow.publish(article, by=editor)
    move_clock(timezone.now() + timedelta(minutes=2))
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 1
    with pytest.raises(CommandError, match="메일 설정을 확인하세요"):
        call_command("send_notices")
    settings.EMAIL_BACKEND = "no.such.Backend"
    with pytest.raises(CommandError, match="알림 1건은 그대로 남아 있습니다"):
        call_command("send_notices")
    assert Notice.objects.get().attempts == 0  # a wrong setting costs no notice a try


def test_notice_list_is_the_editors(desk, client):
    editor, reporter, article = desk
    workflow.publish(article, by=editor)
    client.force_login(editor)
    assert "시흥 갯골 축제" in client.get("/admin/articles/notice/").content.decode()
    client.force_login(reporter)
    assert client.get("/admin/articles/notice/").status_code == 403


def test_a_headline_with_a_line_break_still_makes_a_one_line_subject(
    desk, django_capture_on_commit_callbacks
):
    editor, reporter, article = desk
    Article.objects.filter(pk=article.pk).update(headline="시흥\r\n갯골 축제")
    article.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(article, by=editor)
    assert mail.outbox[0].subject == "[시흥뉴스룸] 발행: 시흥 갯골 축제"
