"""One story's comments as readers see them: one query, threaded one level."""

from __future__ import annotations

from dataclasses import dataclass, field

from comments.forms import TOKEN_SALT
from comments.models import Comment, CommentPolicy
from intake import spam


@dataclass
class Thread:
    article_pk: int
    order: str
    closed: str  # why no comment can be added now, or ''
    token: str  # the signed form token for the reply forms ('' when closed)
    require_email: bool = False  # the reply forms ask for an address to confirm with
    comments: list = field(default_factory=list)  # top level, each with .shown_replies
    count: int = 0  # published comments (replies too): the story's 댓글 N
    policy: CommentPolicy | None = None


# The name the thread's rows go by in ``articles.models.page_part_sources``.
PAGE_PART = "thread_comments"


def thread_rows(article_pk):
    """The rows a thread is built from (published, and withdrawn ones as placeholders) of
    the story ``article_pk`` (a pk or an OuterRef)."""
    return Comment.objects.filter(
        article_id=article_pk, status__in=(Comment.Status.PUBLISHED, Comment.Status.WITHDRAWN)
    )


# The comment policy row, read beside the thread in the story's query (an uncorrelated
# array of one row, or none before the first edit).
POLICY_PART = "thread_policy"


def policy_rows(article_pk):
    return CommentPolicy.objects.filter(pk=1)


def policy_for(article) -> CommentPolicy:
    """The policy the article page read with the story, else ``CommentPolicy.current()``."""
    read = getattr(article, "_prefetched_objects_cache", {}).get(POLICY_PART)
    if read is None:
        return CommentPolicy.current()
    return next(iter(read), None) or CommentPolicy(pk=1)


def thread_for(article, order: str = "newest") -> Thread:
    policy = policy_for(article)
    closed = policy.closed_reason(article)
    # The article page read them in the story's own query (comments/apps.py).
    read = getattr(article, "_prefetched_objects_cache", {}).get(PAGE_PART)
    if read is not None:
        rows = sorted(read, key=lambda row: (row.created_at, row.pk))
    else:
        rows = list(
            thread_rows(article.pk)
            .only("pk", "article_id", "parent_id", "name", "body", "status", "created_at")
            .order_by("created_at", "pk")
        )
    by_id = {row.pk: row for row in rows}
    for row in rows:
        row.shown_replies = []
    top = []
    for row in rows:
        parent = by_id.get(row.parent_id) if row.parent_id else None
        if row.parent_id and parent is None:
            continue  # its comment was hidden or rejected: the reply goes with it
        if row.status == Comment.Status.WITHDRAWN and parent is not None:
            continue
        (parent.shown_replies if parent else top).append(row)
    # A withdrawn comment stays as a placeholder only while it holds replies.
    top = [c for c in top if c.status == Comment.Status.PUBLISHED or c.shown_replies]
    if order == "newest":
        top.reverse()  # replies stay oldest first under their comment, as a conversation
    count = sum(1 for row in rows if row.status == Comment.Status.PUBLISHED)
    return Thread(
        article_pk=article.pk,
        order=order,
        closed=closed,
        require_email=policy.require_email,
        token="" if closed else spam.make_token(TOKEN_SALT),
        comments=top,
        count=count,
        policy=policy,
    )
