"""What a comment change ends (docs/cache.md). A published comment is on its story's page
and in the ``댓글 N`` of every list showing the story, so it ends the story's keys; a
comment readers cannot see (held, rejected) ends nothing. Read from the database before
and after the save, so publishing, hiding or withdrawing one ends the pages it left."""

from articles.cache_keys import article_keys
from comments.models import Comment, CommentPolicy, CommentRate, CommentReport, CommentSalt
from newsroom import pagecache


def comment_keys(comment: Comment) -> set[str]:
    shown = Comment.objects.filter(
        pk=comment.pk, status__in=(Comment.Status.PUBLISHED, Comment.Status.WITHDRAWN)
    ).exists()
    return article_keys(comment.article_id) if shown else set()


def register() -> None:
    pagecache.announce(Comment, comment_keys)
    pagecache.announce(CommentPolicy, lambda policy: {pagecache.SITE})
    for quiet in (CommentReport, CommentSalt, CommentRate):
        pagecache.announce(quiet, None)
