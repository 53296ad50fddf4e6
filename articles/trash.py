"""휴지통: deleting a story moves it here for ``TRASH_KEEP_DAYS`` days; a purge then
removes it for good.

Trashing sets ``Article.deleted_at``/``deleted_by`` and nothing else, so a restored story
is back exactly as it was: status and times (a published story is published again, at
its original time), revisions, tags, bylines, related picks and images. While trashed it
is out of ``published()``, so no public page, feed or list shows it.

Restore and purge both take the story's row lock (``SELECT … FOR UPDATE``) and decide
under it. When they race, one wins wholly: either the story is restored and the purge,
re-checking ``deleted_at`` once it has the lock, passes it by; or the story is gone and
the restore raises ``PurgedError``. Never half of each.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from reversion.models import Revision, Version

from articles import history
from articles.cache_keys import article_keys
from articles.models import Article, Correction
from articles.permissions import can_publish
from newsroom import pagecache


class PurgedError(Exception):
    """The story was purged from the 휴지통 (or never existed): nothing to restore."""

    def __init__(self, message="휴지통에서 이미 영구 삭제된 기사라 복원할 수 없습니다."):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Purged:
    pk: int
    headline: str
    deleted_at: datetime


def _require_editor(user, what: str) -> None:
    if user is None or not can_publish(user):
        raise PermissionDenied(f"{what} 편집자만 할 수 있습니다.")


def _content_changed(keys: set[str]) -> None:
    # The trash fields change by UPDATE (no post_save), so the cache layer is told here.
    pagecache.changed(*keys)


def trash(article: Article, *, by) -> Article:
    """Move ``article`` to the 휴지통 (editors only)."""
    _require_editor(by, "기사를 휴지통으로 옮기는 일은")
    now = timezone.now()
    with transaction.atomic():
        keys = article_keys(article.pk)  # what shows it now: ended once it is gone
        moved = Article.objects.filter(pk=article.pk, deleted_at__isnull=True).update(
            deleted_at=now, deleted_by=by
        )
        if not moved:
            if Article.objects.filter(pk=article.pk).exists():
                raise ValidationError("이미 휴지통에 있는 기사입니다.")
            raise PurgedError("이미 영구 삭제된 기사입니다.")
        article.deleted_at, article.deleted_by = now, by
        history.record(article, by=by, step="trash")
    _content_changed(keys)
    return article


def untrash(article: Article | int, *, by) -> Article:
    """Take a story out of the 휴지통, as it was (editors only).

    Raises ``PurgedError`` when a purge removed it first, ``ValidationError`` when it is
    not in the 휴지통.
    """
    _require_editor(by, "휴지통의 기사를 복원하는 일은")
    pk = article.pk if isinstance(article, Article) else int(article)
    with transaction.atomic():
        # A purge holding the lock makes this wait; if it deleted the row, nothing comes.
        locked = Article.objects.select_for_update().filter(pk=pk).first()
        if locked is None:
            raise PurgedError()
        if locked.deleted_at is None:
            raise ValidationError("휴지통에 있는 기사가 아닙니다.")
        Article.objects.filter(pk=pk).update(deleted_at=None, deleted_by=None)
        keys = article_keys(pk)
        locked.deleted_at = locked.deleted_by = None
        history.record(locked, by=by, step="untrash")
    _content_changed(keys)
    return locked


def purge(article: Article | int, *, by) -> Purged | None:
    """Remove one trashed story for good now (editors only); None if it was restored or
    purged meanwhile."""
    _require_editor(by, "휴지통의 기사를 영구 삭제하는 일은")
    pk = article.pk if isinstance(article, Article) else int(article)
    return _purge_one(pk, trashed_before=None)


def expired(*, keep_days: int, now: datetime | None = None):
    """Trashed stories older than ``keep_days`` days, oldest first."""
    cutoff = (now or timezone.now()) - timedelta(days=keep_days)
    return Article.objects.trashed().filter(deleted_at__lt=cutoff).order_by("deleted_at", "pk")


def purge_expired(*, keep_days: int, now: datetime | None = None) -> list[Purged]:
    """Remove every story trashed more than ``keep_days`` days ago; each in its own
    transaction, so a long purge never holds many locks."""
    cutoff = (now or timezone.now()) - timedelta(days=keep_days)
    done = []
    for pk in list(expired(keep_days=keep_days, now=now).values_list("pk", flat=True)):
        purged = _purge_one(pk, trashed_before=cutoff)
        if purged is not None:
            done.append(purged)
    return done


def _purge_one(pk: int, *, trashed_before: datetime | None) -> Purged | None:
    with transaction.atomic():
        candidates = Article.objects.trashed().filter(pk=pk)
        if trashed_before is not None:
            candidates = candidates.filter(deleted_at__lt=trashed_before)
        # Postgres re-checks the WHERE clause once a restore holding the lock commits: a
        # story restored meanwhile is not returned, and so not deleted.
        article = candidates.select_for_update().first()
        if article is None:
            return None
        purged = Purged(article.pk, article.headline, article.deleted_at)
        _delete_revisions(article)
        article.delete()
    return purged


def _delete_revisions(article: Article) -> None:
    """Its revisions go with it: a purged story must not come back from its history."""
    correction_ids = [str(pk) for pk in article.corrections.values_list("pk", flat=True)]
    versions = Version.objects.get_for_object(article).values("revision_id")
    if correction_ids:
        versions = Version.objects.filter(
            Q(pk__in=Version.objects.get_for_object(article).values("pk"))
            | Q(
                pk__in=Version.objects.get_for_model(Correction)
                .filter(object_id__in=correction_ids)
                .values("pk")
            )
        ).values("revision_id")
    Revision.objects.filter(pk__in=versions).delete()
