import threading
from datetime import date, timedelta
from io import StringIO
from smtplib import SMTPServerDisconnected

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import CommandError, call_command
from django.db import connection
from django.utils import timezone

from newsletter.models import Delivery, Edition, EditionPick, Subscriber
from tests.factories import make_article, make_image

DAY = "2026-12-03"


def subscribers(n, status=Subscriber.Status.ACTIVE):
    return Subscriber.objects.bulk_create(
        Subscriber(email=f"r{i}@example.kr", status=status) for i in range(n)
    )


def send(*args):
    out = StringIO()
    call_command("send_newsletter", "--date", DAY, *args, stdout=out)
    return out.getvalue()


class FlakyBackend(EmailBackend):
    """Hands over ``limit`` mails, then the server goes away."""

    limit = None
    sent = 0

    def send_messages(self, messages):
        if FlakyBackend.limit is not None and FlakyBackend.sent >= FlakyBackend.limit:
            raise SMTPServerDisconnected("연결 끊김")
        FlakyBackend.sent += len(messages)
        return super().send_messages(messages)


@pytest.mark.django_db
def test_sends_html_and_text_with_tracked_links_and_renditions(client, media_root):
    story = make_article(headline="시흥시의회 예산 통과", lead_image=make_image())
    make_article(headline="안 실릴 옛 기사", published_at=timezone.now() - timedelta(days=3))
    Edition.objects.create(
        date=date(2026, 11, 1),
        subject="지난 호",
        status="sent",
        sent_at=timezone.now() - timedelta(days=2),
    )
    subscribers(3)
    output = send("--batch-size", "2")
    assert len(mail.outbox) == 3
    assert "2/3" in output and "3/3" in output
    message = mail.outbox[0]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html, mime = message.alternatives[0]
    assert mime == "text/html"
    assert "시흥시의회 예산 통과" in message.body and "시흥시의회 예산 통과" in html
    assert "안 실릴 옛 기사" not in html
    assert "https://news.example.kr/media/" in html  # absolute rendition URL
    assert "https://news.example.kr/newsletter/c/" in html and f"/{story.pk}/" in html
    assert "https://news.example.kr/newsletter/o/" in html
    edition = Edition.objects.get(date=DAY)
    assert edition.status == "sent" and edition.sent_at
    assert list(edition.picks.values_list("article_id", flat=True)) == [story.pk]
    assert Delivery.objects.filter(status="sent").count() == 3


@pytest.mark.django_db
def test_editor_picks_win_in_their_order():
    a, b = make_article(headline="첫째 기사"), make_article(headline="둘째 기사")
    make_article(headline="고르지 않은 기사")
    edition = Edition.objects.create(date=DAY, subject="오늘 아침")
    EditionPick.objects.create(edition=edition, article=b, order=0)
    EditionPick.objects.create(edition=edition, article=a, order=1)
    subscribers(1)
    send()
    body = mail.outbox[0].body
    assert "고르지 않은 기사" not in body
    assert body.index("둘째 기사") < body.index("첫째 기사")
    assert mail.outbox[0].subject == "오늘 아침"


@pytest.mark.django_db
def test_only_active_subscribers_and_never_twice():
    make_article()
    subscribers(2)
    for status in ("pending", "unsubscribed", "bounced", "complained"):
        Subscriber.objects.create(email=f"{status}@example.kr", status=status)
    send()
    assert sorted(m.to[0] for m in mail.outbox) == ["r0@example.kr", "r1@example.kr"]
    mail.outbox.clear()
    assert "이미 발송" in send()
    assert not mail.outbox


@pytest.mark.django_db
def test_interrupted_then_rerun_sends_only_the_rest(settings):
    settings.EMAIL_BACKEND = "tests.newsletter.test_send.FlakyBackend"
    FlakyBackend.limit, FlakyBackend.sent = 3, 0
    make_article()
    subscribers(7)
    with pytest.raises(CommandError, match="다시 실행하면 남은 주소부터"):
        send("--batch-size", "2")
    assert len(mail.outbox) == 3
    assert Edition.objects.get().status == "sending"
    FlakyBackend.limit = None
    send("--batch-size", "2")
    recipients = [m.to[0] for m in mail.outbox]
    assert len(recipients) == 7 and len(set(recipients)) == 7
    assert Delivery.objects.filter(status="sent").count() == 7
    assert Edition.objects.get().status == "sent"


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_each_address_once():
    make_article()
    subscribers(30)
    errors = []

    def run():
        try:
            send("--batch-size", "4")
        except Exception as exc:  # noqa: BLE001 — reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    recipients = [m.to[0] for m in mail.outbox]
    assert len(recipients) == 30 and len(set(recipients)) == 30
    assert Delivery.objects.count() == 30


@pytest.mark.django_db
def test_dry_run_sends_and_writes_nothing():
    make_article(headline="미리 볼 기사")
    subscribers(4)
    output = send("--dry-run")
    assert "미리 볼 기사" in output and "4곳" in output
    assert not mail.outbox and not Edition.objects.exists() and not Delivery.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "args,message",
    [
        (["--date", "2026-13-01"], "YYYY-MM-DD"),
        (["--date", DAY, "--batch-size", "0"], "1 이상"),
    ],
)
def test_bad_arguments_are_korean_command_errors(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("send_newsletter", *args, stdout=StringIO())


@pytest.mark.django_db
def test_missing_sender_and_empty_edition_are_errors(settings):
    subscribers(1)
    with pytest.raises(CommandError, match="기사가 없습니다"):
        send()
    settings.NEWSLETTER_FROM = ""
    with pytest.raises(CommandError, match="NEWSLETTER_FROM"):
        send()
    assert not mail.outbox


def test_command_exits_non_zero_on_error(tmp_path):
    import os
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "manage.py", "send_newsletter", "--date", "어제"],
        capture_output=True,
        text=True,
        env={**os.environ},
        timeout=120,
    )
    assert result.returncode != 0 and "YYYY-MM-DD" in result.stderr
