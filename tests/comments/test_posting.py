"""Readers post, reply, delete and report through HTTP."""

import pytest

from comments.models import Comment, CommentReport
from tests.comments.helpers import post_comment, set_policy
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_a_comment_is_shown_at_once_under_post_moderation(client):
    article = make_article()
    response = post_comment(client, article, "시흥천 정비 잘 됐으면 좋겠습니다.")
    comment = Comment.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith(f"#comment-{comment.pk}")
    assert comment.status == Comment.Status.PUBLISHED
    page = client.get(article.get_absolute_url()).content.decode()
    assert "시흥천 정비 잘 됐으면 좋겠습니다." in page
    assert "data-comment-count>1<" in page


def test_password_is_stored_hashed_and_the_address_only_as_a_hash(client):
    article = make_article()
    post_comment(client, article, password="secret-1", REMOTE_ADDR="203.0.113.9")
    comment = Comment.objects.get()
    assert comment.password != "secret-1" and comment.password.startswith("md5$")
    assert "203.0.113.9" not in comment.address_hash and len(comment.address_hash) == 64


def test_pre_moderation_holds_every_comment(client):
    set_policy(moderation="pre")
    article = make_article()
    response = post_comment(client, article, "검토 뒤에 보일 댓글")
    assert response.status_code == 200
    assert "편집자가 확인한 뒤 게시합니다" in response.content.decode()
    comment = Comment.objects.get()
    assert (comment.status, comment.held_reason) == (Comment.Status.PENDING, "사전 검토")
    assert "검토 뒤에 보일 댓글" not in client.get(article.get_absolute_url()).content.decode()


def test_a_reply_to_a_reply_joins_the_top_level_comment(client):
    article = make_article()
    post_comment(client, article, "첫 댓글")
    first = Comment.objects.get()
    post_comment(client, article, "답글", parent=first.pk)
    reply = Comment.objects.get(body="답글")
    post_comment(client, article, "답글의 답글", parent=reply.pk)
    assert Comment.objects.get(body="답글의 답글").parent == first
    assert reply.parent == first


def test_a_reply_to_another_storys_comment_is_not_attached(client):
    other = make_article()
    post_comment(client, other, "다른 기사 댓글")
    article = make_article()
    post_comment(client, article, "여기 댓글", parent=Comment.objects.get().pk)
    assert Comment.objects.get(body="여기 댓글").parent is None


def test_the_list_endpoint_orders_newest_or_oldest(client):
    article = make_article()
    post_comment(client, article, "먼저 쓴 댓글")
    post_comment(client, article, "나중에 쓴 댓글")
    newest = client.get(f"/articles/{article.pk}/comments/").content.decode()
    oldest = client.get(f"/articles/{article.pk}/comments/?order=oldest").content.decode()
    assert newest.index("나중에 쓴 댓글") < newest.index("먼저 쓴 댓글")
    assert oldest.index("먼저 쓴 댓글") < oldest.index("나중에 쓴 댓글")


def test_the_list_endpoint_of_an_unpublished_story_is_404(client):
    article = make_article(published=False)
    assert client.get(f"/articles/{article.pk}/comments/").status_code == 404


def test_delete_with_the_right_password_withdraws_the_text(client):
    article = make_article()
    post_comment(client, article, "지울 댓글", password="mypass")
    comment = Comment.objects.get()
    response = client.post(f"/comments/{comment.pk}/delete/", {"password": "mypass"})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert (comment.status, comment.body) == (Comment.Status.WITHDRAWN, "")
    assert "지울 댓글" not in client.get(article.get_absolute_url()).content.decode()


def test_a_forged_delete_password_changes_nothing(client):
    article = make_article()
    post_comment(client, article, "남을 댓글", password="mypass")
    comment = Comment.objects.get()
    response = client.post(f"/comments/{comment.pk}/delete/", {"password": "guess"})
    assert response.status_code == 403
    assert "비밀번호가 맞지 않아" in response.content.decode()
    comment.refresh_from_db()
    assert (comment.status, comment.body) == (Comment.Status.PUBLISHED, "남을 댓글")


def test_delete_needs_post(client):
    article = make_article()
    post_comment(client, article)
    assert client.get(f"/comments/{Comment.objects.get().pk}/delete/").status_code == 405


def test_reports_from_different_readers_hide_the_comment_at_the_threshold(client):
    article = make_article()
    post_comment(client, article, "신고될 댓글")
    comment = Comment.objects.get()
    for n in range(3):
        client.post(f"/comments/{comment.pk}/report/", REMOTE_ADDR=f"198.51.100.{n}")
    comment.refresh_from_db()
    assert comment.status == Comment.Status.HIDDEN
    assert comment.held_reason == "신고 3건"
    assert "신고될 댓글" not in client.get(article.get_absolute_url()).content.decode()


def test_a_report_flood_from_one_address_counts_once(client):
    article = make_article()
    post_comment(client, article, "버틸 댓글")
    comment = Comment.objects.get()
    for _ in range(20):
        assert client.post(f"/comments/{comment.pk}/report/").status_code == 200
    comment.refresh_from_db()
    assert comment.report_count == 1
    assert CommentReport.objects.count() == 1
    assert comment.status == Comment.Status.PUBLISHED


def test_a_post_from_another_site_is_refused(client):
    article = make_article()
    response = post_comment(client, article, HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert "다른 사이트" in response.content.decode()
    response = post_comment(client, article, HTTP_SEC_FETCH_SITE="cross-site")
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_a_same_origin_post_is_taken(client):
    article = make_article()
    response = post_comment(
        client, article, HTTP_ORIGIN="http://testserver", HTTP_SEC_FETCH_SITE="same-origin"
    )
    assert response.status_code == 302
    assert Comment.objects.count() == 1


def test_the_honeypot_stores_nothing_and_looks_like_success(client):
    article = make_article()
    response = post_comment(client, article, website="http://spam.example")
    assert response.status_code == 302
    assert not Comment.objects.exists()


def test_a_forged_or_missing_token_is_refused_in_korean(client):
    article = make_article()
    response = post_comment(client, article, token="forged")
    assert response.status_code == 400
    assert "양식을 너무 빨리" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_token_made_for_the_tip_form_is_refused(client):
    from intake import spam

    article = make_article()
    response = post_comment(client, article, token=spam.make_token())
    assert response.status_code == 400
