"""The moderation queue and the policy, as editors use them."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from comments.models import Comment, CommentPolicy
from newsroom.models import LegalPage
from tests.comments.helpers import post_comment, set_policy
from tests.factories import make_article, make_editor, make_reporter_user

pytestmark = pytest.mark.django_db


def _comment(article, body, status):
    return Comment.objects.create(
        article=article, name="독자", password="x", body=body, status=status
    )


def test_the_queue_lists_held_and_hidden_first(client):
    article = make_article()
    _comment(article, "게시된 것", Comment.Status.PUBLISHED)
    _comment(article, "숨긴 것", Comment.Status.HIDDEN)
    _comment(article, "기다리는 것", Comment.Status.PENDING)
    _comment(article, "또 게시된 것", Comment.Status.PUBLISHED)
    client.force_login(make_editor())
    page = client.get("/admin/comments/comment/").content.decode()
    positions = [
        page.index(text) for text in ("기다리는 것", "숨긴 것", "또 게시된 것", "게시된 것")
    ]
    assert max(positions[:2]) < min(positions[2:])


@pytest.mark.parametrize(
    "action, status",
    [("mark_published", "published"), ("mark_hidden", "hidden"), ("mark_rejected", "rejected")],
)
def test_editor_actions_change_the_status_and_the_page(client, action, status):
    article = make_article()
    comment = _comment(article, "판단할 댓글", Comment.Status.PENDING)
    client.force_login(make_editor())
    response = client.post(
        "/admin/comments/comment/", {"action": action, "_selected_action": [comment.pk]}
    )
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == status
    client.logout()
    shown = "판단할 댓글" in client.get(article.get_absolute_url()).content.decode()
    assert shown == (status == "published")


def test_editors_edit_the_policy(client):
    client.force_login(make_editor())
    response = client.get("/admin/comments/commentpolicy/")
    assert response.status_code == 302
    data = {
        "enabled": "on", "moderation": "pre", "close_after_days": 14, "report_threshold": 5,
        "per_minute": 2, "per_hour": 10, "max_length": 500, "banned_words": "바보",
    }  # fmt: skip
    response = client.post("/admin/comments/commentpolicy/1/change/", data)
    assert response.status_code == 302
    assert CommentPolicy.current().moderation == "pre"


def test_reporters_do_not_moderate(client):
    client.force_login(make_reporter_user())
    assert client.get("/admin/comments/comment/").status_code == 403


def test_the_story_list_is_anonymous_only_for_readers(client):
    article = make_article()
    post_comment(client, article, "독자 댓글")
    client.force_login(make_editor())
    page = client.get(article.get_absolute_url()).content.decode()
    assert "독자 댓글" in page


def test_the_privacy_policy_names_the_comment_hashes(client):
    body = LegalPage.objects.get(kind="privacy").body
    assert body.count("90일 보관") == 1
    assert "댓글" in client.get("/policy/privacy/").content.decode()


def test_the_privacy_sentence_is_added_only_once():
    from importlib import import_module

    from django.apps import apps

    migration = import_module("comments.migrations.0002_privacy_and_editor_rights")
    migration.forwards(apps, None)
    assert LegalPage.objects.get(kind="privacy").body.count(migration.PRIVACY_COMMENTS) == 1


def test_prune_blanks_old_hashes_and_salts(client, move_clock):
    from datetime import timedelta

    from django.utils import timezone

    from comments import addresses
    from comments.models import CommentSalt

    article = make_article(published_at=timezone.now() - timedelta(days=200))
    set_policy(close_after_days=0)
    then = timezone.now() - timedelta(days=100)
    move_clock(then)
    post_comment(client, article, "오래된 댓글")
    move_clock(then + timedelta(days=100))
    addresses._salts.clear()
    post_comment(client, article, "새 댓글")
    call_command("prune_comment_addresses")
    old, new = Comment.objects.order_by("created_at")
    assert old.address_hash == "" and new.address_hash != ""
    assert CommentSalt.objects.count() == 1


def test_prune_refuses_zero_days():
    with pytest.raises(CommandError, match="1 이상"):
        call_command("prune_comment_addresses", days=0)
