"""Demo comments (seed_demo): a few published comments and one reply on two stories, so a
newcomer sees the 댓글 box working. Once: nothing is added when demo comments exist."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from articles.models import Article
from comments.models import Comment

DEMO_PASSWORD = "demo1234"
COMMENTS = (
    ("정왕동 주민", "우리 동네 이야기라 반갑게 읽었습니다. 후속 기사도 기대합니다."),
    ("시흥시민", "현장 사진까지 있어 이해가 잘 됩니다."),
)
REPLY = ("기사 읽은 사람", "저도 같은 생각입니다. 주민 설명회 일정도 알려 주시면 좋겠어요.")


def seed() -> int:
    """How many comments were added (0 when the demo ran before)."""
    stories = list(
        Article.objects.published().filter(comments_open=True).order_by("-published_at")[:2]
    )
    if not stories or Comment.objects.filter(article__in=stories).exists():
        return 0
    password = make_password(DEMO_PASSWORD)  # one hash for all: seed_demo stays fast
    now = timezone.now()
    added = 0
    for story in stories:
        tops = Comment.objects.bulk_create(
            Comment(
                article=story,
                name=name,
                password=password,
                body=body,
                status=Comment.Status.PUBLISHED,
                created_at=now - timedelta(minutes=30 - n * 10),
            )
            for n, (name, body) in enumerate(COMMENTS)
        )
        added += len(tops)
        if story == stories[0]:
            Comment.objects.create(
                article=story,
                parent=tops[0],
                name=REPLY[0],
                password=password,
                body=REPLY[1],
                status=Comment.Status.PUBLISHED,
                created_at=now - timedelta(minutes=5),
            )
            added += 1
    return added
