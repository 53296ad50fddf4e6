"""The desk's workflow: draft → review → published (or scheduled) → unpublished.

Each step checks the same rule the admin's buttons and actions check, so a direct
POST cannot do what a hidden button would not.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from articles.models import Article
from articles.permissions import can_change_article, can_publish


def submit_for_review(article: Article, *, by) -> Article:
    if not can_change_article(by, article):
        raise PermissionDenied("이 기사를 검토 요청할 권한이 없습니다.")
    if article.status != Article.Status.DRAFT:
        raise ValidationError("작성 중인 기사만 검토 요청할 수 있습니다.")
    article.status = Article.Status.REVIEW
    article.save(update_fields=["status", "updated_at"])
    return article


def publish(article: Article, *, by, at=None) -> Article:
    """Publish now, or schedule for ``at`` (a future time: visible from then, no cron)."""
    if not can_publish(by):
        raise PermissionDenied("기사를 발행할 권한이 없습니다.")
    if not article.section_id:
        raise ValidationError("발행하려면 섹션을 골라야 합니다.")
    now = timezone.now()
    if at is None:
        # A time the editor already set in the future stays: that is a schedule.
        scheduled = article.published_at and article.published_at > now
        at = article.published_at if scheduled else now
    article.status = Article.Status.PUBLISHED
    article.published_at = at
    article.approved_by = by
    article.approved_at = now
    article.save(
        update_fields=["status", "published_at", "approved_by", "approved_at", "updated_at"]
    )
    return article


def unpublish(article: Article, *, by) -> Article:
    if not can_publish(by):
        raise PermissionDenied("기사 발행을 취소할 권한이 없습니다.")
    article.status = Article.Status.UNPUBLISHED
    article.save(update_fields=["status", "updated_at"])
    return article
