"""Where the paper turns it on, a comment waits for a click on a signed, expiring link
mailed to the address the reader typed; the address itself is never stored."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail, signing
from django.core.management import call_command

from comments import confirmation
from comments.models import Comment
from tests.comments.helpers import post_comment, set_policy
from tests.factories import make_article

pytestmark = pytest.mark.django_db

ADDRESS = "reader@example.kr"


@pytest.fixture(autouse=True)
def _locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    set_policy(require_email=True)


def _link(message) -> str:
    url = re.search(r"https?://\S+/comments/confirm/\S+/", message.body).group(0)
    return url.split("://", 1)[1].split("/", 1)[1].join(["/", ""])


def test_the_comment_waits_unseen_until_the_link_is_clicked(client):
    article = make_article()
    response = post_comment(client, article, "확인 뒤 보일 댓글", email=ADDRESS)
    assert response.status_code == 200
    assert "확인 메일을 보냈습니다" in response.content.decode()
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.UNCONFIRMED
    assert "확인 뒤 보일 댓글" not in client.get(article.get_absolute_url()).content.decode()

    (message,) = mail.outbox
    assert message.to == [ADDRESS]
    assert article.headline in message.subject
    page = client.get(_link(message))
    assert page.status_code == 200 and "댓글이 게시되었습니다" in page.content.decode()
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PUBLISHED
    assert "확인 뒤 보일 댓글" in client.get(article.get_absolute_url()).content.decode()


def test_the_address_is_kept_only_as_a_hash(client):
    post_comment(client, make_article(), email=ADDRESS)
    comment = Comment.objects.get()
    assert len(comment.email_hash) == 64
    stored = " ".join(str(v) for v in Comment.objects.values().get().values())
    assert "reader" not in stored and "example.kr" not in stored


def test_the_form_asks_for_the_address_and_refuses_a_bad_one_in_korean(client):
    article = make_article()
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'type="email" name="email"' in page
    missing = post_comment(client, article)
    assert missing.status_code == 400
    assert "확인 링크를 받을 이메일 주소를 적어 주세요." in missing.content.decode()
    malformed = post_comment(client, article, email="not-an-address")
    assert "이메일 주소 형식이 올바르지 않습니다." in malformed.content.decode()
    long = post_comment(client, article, email="a" * 290 + "@example.kr")
    assert long.status_code == 400
    assert not Comment.objects.exists() and not mail.outbox


def test_a_link_used_twice_gets_a_clear_page_and_changes_nothing(client):
    post_comment(client, make_article(), email=ADDRESS)
    link = _link(mail.outbox[0])
    assert client.get(link).status_code == 200
    Comment.objects.update(status=Comment.Status.HIDDEN)  # an editor decided since
    again = client.get(link)
    assert again.status_code == 400
    assert "이미 사용한 확인 링크입니다" in again.content.decode()
    assert Comment.objects.get().status == Comment.Status.HIDDEN


def test_an_expired_or_altered_link_is_refused_in_korean(client):
    post_comment(client, make_article(), email=ADDRESS)
    link = _link(mail.outbox[0])
    later = signing.time.time() + confirmation.MAX_AGE + 60
    with mock.patch("django.core.signing.time.time", return_value=later):
        expired = client.get(link)
    assert expired.status_code == 400
    assert "유효 기간(24시간)이 지났습니다" in expired.content.decode()
    forged = client.get(link[:-3] + "xx/")
    assert forged.status_code == 400 and "올바르지 않습니다" in forged.content.decode()
    other = client.get(f"/comments/confirm/{signing.dumps(Comment.objects.get().pk)}/")
    assert other.status_code == 400  # signed for another purpose
    assert Comment.objects.get().status == Comment.Status.UNCONFIRMED


def test_a_held_comment_goes_to_the_queue_after_confirmation(client):
    set_policy(require_email=True, banned_words="바보")
    post_comment(client, make_article(), "바 보 같은 정책", email=ADDRESS)
    client.get(_link(mail.outbox[0]))
    comment = Comment.objects.get()
    assert (comment.status, comment.held_reason) == (Comment.Status.PENDING, "금칙어: 바보")


def test_a_mail_that_cannot_go_out_leaves_no_comment(client):
    with mock.patch("django.core.mail.EmailMessage.send", side_effect=OSError("down")):
        response = post_comment(client, make_article(), email=ADDRESS)
    assert response.status_code == 503
    assert "확인 메일을 보내지 못해" in response.content.decode()
    assert not Comment.objects.exists()


def test_without_the_switch_no_address_is_asked_or_kept(client):
    set_policy(require_email=False)
    article = make_article()
    assert 'name="email"' not in client.get(article.get_absolute_url()).content.decode()
    post_comment(client, article, email=ADDRESS)
    comment = Comment.objects.get()
    assert (comment.status, comment.email_hash) == (Comment.Status.PUBLISHED, "")
    assert not mail.outbox


def test_pruning_drops_unconfirmed_comments_after_the_link_expires(client):
    post_comment(client, make_article(), email=ADDRESS)
    Comment.objects.update(created_at=Comment.objects.get().created_at - timedelta(days=2))
    call_command("prune_comment_addresses", stdout=mock.Mock())
    assert not Comment.objects.exists()
