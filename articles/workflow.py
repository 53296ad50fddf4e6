"""The desk's workflow: draft → review → published (or scheduled) → unpublished;
review → draft again when an editor sends it back with a reason (반려).

Each step checks the same rule the admin's buttons and actions check, so a direct
POST cannot do what a hidden button would not; the change form, the list actions, the
revision restore and imports all call these functions, and each leaves a revision
(articles.history) naming the step, who and when, and queues the e-mail notices the
step owes (articles.notices: sent after commit, never failing the step).

A story's own times are its record: publishing again after an unpublish keeps the
first 발행·승인 times (and so the 수정 line); moving them is ``redate``, on purpose.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from articles import history, notices
from articles.models import Article
from articles.permissions import can_change_article, can_publish


def check_publishable(article: Article, *, by) -> None:
    """The rules a story meets to be (or stay) public: an editor, and a section."""
    if not can_publish(by):
        raise PermissionDenied("기사를 발행할 권한이 없습니다.")
    if not article.section_id:
        raise ValidationError("발행하려면 섹션을 골라야 합니다.")


def submit(article: Article, *, by) -> Article:
    if not can_change_article(by, article):
        raise PermissionDenied("이 기사를 검토 요청할 권한이 없습니다.")
    if article.status != Article.Status.DRAFT:
        raise ValidationError("작성 중인 기사만 검토 요청할 수 있습니다.")
    article.status = Article.Status.REVIEW
    return _save(article, by, "submit", ["status", *_clear_rejection(article)])


def reject(article: Article, *, by, reason: str) -> Article:
    """반려: an editor sends a story in review back to its reporters, with a reason.

    The story goes back to 작성 중 flagged 반려됨 (``rejected_at``); the reporter sees the
    reason, edits and submits again. The reason is in the revision history for good.
    """
    if not can_publish(by):
        raise PermissionDenied("기사를 반려할 권한이 없습니다.")
    if article.status != Article.Status.REVIEW:
        raise ValidationError("검토 요청된 기사만 반려할 수 있습니다.")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("반려 사유를 입력하세요.")
    article.status = Article.Status.DRAFT
    article.rejection_reason = reason
    article.rejected_at = timezone.now()
    article.rejected_by = by
    fields = ["status", "rejection_reason", "rejected_at", "rejected_by"]
    note = " ".join(reason.replace(history.STEP_SEPARATOR, " ").split())
    return _save(article, by, "reject", fields, note=note)


def _clear_rejection(article: Article) -> list[str]:
    """A story submitted again or published is no longer 반려됨 (history keeps the reason)."""
    if article.rejected_at is None and not article.rejection_reason:
        return []
    article.rejection_reason = ""
    article.rejected_at = None
    article.rejected_by = None
    return ["rejection_reason", "rejected_at", "rejected_by"]


def publish(article: Article, *, by, at=None) -> Article:
    """Publish now, or at ``at`` (a future time makes it a schedule, visible from then).

    A story published before keeps its publication and approval times: unpublishing
    by mistake and publishing again must not re-date it as new.
    """
    check_publishable(article, by=by)
    now = timezone.now()
    if at is None:
        published_before = article.approved_at is not None and article.published_at is not None
        # A time the editor already set in the future stays: that is a schedule.
        scheduled = article.published_at is not None and article.published_at > now
        at = article.published_at if (published_before or scheduled) else now
    step = "schedule" if at > now else "publish"
    article.status = Article.Status.PUBLISHED
    if article.published_at != at:
        article.published_at = at
    if article.approved_at is None or step == "schedule":
        article.approved_by = by
        article.approved_at = now
    fields = ["status", "published_at", "approved_by", "approved_at", *_clear_rejection(article)]
    return _save(article, by, step, fields)


def schedule(article: Article, *, by, at) -> Article:
    if at is None or at <= timezone.now():
        raise ValidationError("예약 발행 시각은 지금보다 뒤여야 합니다.")
    check_publishable(article, by=by)
    article.status = Article.Status.PUBLISHED
    article.published_at = at
    article.approved_by = by
    article.approved_at = timezone.now()
    fields = ["status", "published_at", "approved_by", "approved_at", *_clear_rejection(article)]
    return _save(article, by, "schedule", fields)


def unpublish(article: Article, *, by) -> Article:
    if not can_publish(by):
        raise PermissionDenied("기사 발행을 취소할 권한이 없습니다.")
    if article.status != Article.Status.PUBLISHED:
        raise ValidationError("발행된 기사만 발행을 취소할 수 있습니다.")
    # published_at and approved_* stay: publishing again restores the story as it was.
    article.status = Article.Status.UNPUBLISHED
    return _save(article, by, "unpublish", ["status"])


def redate(article: Article, *, by, at) -> Article:
    """Move the publication time on purpose (the story moves in every list)."""
    if not can_publish(by):
        raise PermissionDenied("발행 시각을 바꿀 권한이 없습니다.")
    if at is None:
        raise ValidationError("새 발행 시각을 입력하세요.")
    article.published_at = at
    note = timezone.localtime(at).strftime("%Y.%m.%d %H:%M")
    return _save(article, by, "redate", ["published_at"], note=note)


def _save(article: Article, by, step: str, fields: list[str], note: str = "") -> Article:
    with transaction.atomic():
        article.save(update_fields=[*fields, "updated_at"])
        history.record(article, by=by, step=step, note=note)
        # In the step's transaction: a step rolled back tells no one (sent after commit).
        notices.queue(article, step, by=by)
    return article


# What a restore brings back: the story's words, place and people. Its state and times stay
# as they are now (moving those is publish/unpublish/redate), and a story that is public
# must still meet the publish rules with the restored content.
RESTORED_FIELDS = (
    "headline",
    "subheadline",
    "slug",
    "section_id",
    "body",
    "summary",
    "lead_image_id",
    "dateline",
    "origin",
)


def restore(article: Article, version, *, by) -> Article:
    """Make ``version`` (a revision of this article) the current text, as a new revision.

    Everything it refers to must still exist; otherwise nothing is changed and the
    ValidationError says what is missing.
    """
    from articles.models import (
        Byline,
        GalleryPhoto,
        Image,
        RelatedArticle,
        RelatedLink,
        Reporter,
        Section,
    )

    if str(version.object_id) != str(article.pk):
        raise ValidationError("이 기사의 판이 아닙니다.")
    if not can_change_article(by, article):
        raise PermissionDenied("이 기사를 고칠 권한이 없습니다.")
    snap = history.snapshot(version)
    fields = snap.fields
    missing = []
    if fields.get("section_id") and not Section.objects.filter(pk=fields["section_id"]).exists():
        missing.append("섹션")
    if (
        fields.get("lead_image_id")
        and not Image.objects.filter(pk=fields["lead_image_id"]).exists()
    ):
        missing.append("대표 사진")
    reporter_ids = {row["reporter_id"] for row in snap.bylines}
    if len(Reporter.objects.filter(pk__in=reporter_ids)) != len(reporter_ids):
        missing.append("기자")
    related_ids = {row["related_id"] for row in snap.related_picks}
    if Article.objects.filter(pk__in=related_ids).count() != len(related_ids):
        missing.append("관련기사")
    gallery_ids = {row["image_id"] for row in snap.gallery_photos}
    if Image.objects.filter(pk__in=gallery_ids).count() != len(gallery_ids):
        missing.append("포토뉴스 사진")
    if missing:
        raise ValidationError(
            f"이 판이 쓰던 {'·'.join(missing)}이(가) 그 뒤 삭제되어 복원하지 않았습니다. "
            "기사는 그대로입니다. 지금 판에서 직접 고쳐 주세요."
        )
    with transaction.atomic():
        current = Article.objects.select_for_update().get(pk=article.pk)
        for name in RESTORED_FIELDS:
            if name in fields:
                setattr(current, name, fields[name])
        if current.status == Article.Status.PUBLISHED:
            check_publishable(current, by=by)
        current.save()
        current.bylines.all().delete()
        Byline.objects.bulk_create(
            Byline(article=current, reporter_id=row["reporter_id"], order=row.get("order", 0))
            for row in snap.bylines
        )
        current.related_picks.all().delete()
        RelatedArticle.objects.bulk_create(
            RelatedArticle(article=current, related_id=row["related_id"], order=row.get("order", 0))
            for row in snap.related_picks
        )
        current.related_links.all().delete()
        RelatedLink.objects.bulk_create(
            RelatedLink(
                article=current, title=row["title"], url=row["url"], order=row.get("order", 0)
            )
            for row in snap.related_links
        )
        current.gallery_photos.all().delete()
        GalleryPhoto.objects.bulk_create(
            GalleryPhoto(
                article=current,
                image_id=row["image_id"],
                caption=row.get("caption", ""),
                order=row.get("order", 0),
            )
            for row in snap.gallery_photos
        )
        current.tags.set(snap.tags)
        note = timezone.localtime(version.revision.date_created).strftime("%Y.%m.%d %H:%M 판")
        history.record(current, by=by, step="restore", note=note)
    return current
