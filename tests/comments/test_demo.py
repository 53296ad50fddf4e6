"""seed_demo leaves a few comments and one reply, so the 댓글 box is seen working; once."""

import pytest
from django.core.management import call_command

from comments.models import Comment

pytestmark = pytest.mark.django_db


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_seed_demo_adds_comments_and_a_reply_once(media_root, client):
    call_command("seed_demo", articles=10, verbosity=0)
    shown = Comment.objects.visible_to_readers()
    assert shown.count() == 5 and shown.filter(parent__isnull=False).count() == 1
    assert shown.values("article").distinct().count() == 2
    story = shown.get(parent__isnull=False).article
    page = client.get(story.get_absolute_url()).content.decode()
    assert "data-comment-count>3<" in page and "주민 설명회 일정" in page
    call_command("seed_demo", articles=10, verbosity=0)
    assert Comment.objects.count() == 5
