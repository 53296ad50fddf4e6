"""Readers' comments (댓글): the site's policy, the comments, readers' reports, and the
daily salts that turn an address into a hash (docs/comments.md)."""

from __future__ import annotations

from datetime import timedelta

from django.db import models
from django.utils import timezone

from newsroom.models import SingletonModel


class CommentPolicy(SingletonModel):
    """How the paper takes comments; one row, edited by editors."""

    CACHE_KEY = "comments:policy"
    # The form is on every story page, so a change ends every page.
    PAGE_KEY = "site"

    class Moderation(models.TextChoices):
        POST = "post", "사후 검토 (바로 게시)"
        PRE = "pre", "사전 검토 (편집자가 게시)"

    enabled = models.BooleanField("댓글 받기", default=True)
    moderation = models.CharField(
        "검토 방식", max_length=4, choices=Moderation.choices, default=Moderation.POST
    )
    close_after_days = models.PositiveSmallIntegerField(
        "발행 뒤 댓글을 닫는 날 수", default=30, help_text="0이면 닫지 않습니다."
    )
    report_threshold = models.PositiveSmallIntegerField(
        "숨김 신고 수",
        default=3,
        help_text="서로 다른 독자의 신고가 이만큼 모이면 편집자가 판단할 때까지 숨깁니다.",
    )
    require_email = models.BooleanField(
        "이메일 확인 뒤 게시",
        default=False,
        help_text="켜면 독자가 이메일 주소를 적고, 받은 확인 링크를 눌러야 댓글이 게시(또는 검토 대기)됩니다. "
        "주소는 확인 메일을 보내는 데만 쓰고 저장하지 않습니다(변환된 값만 90일 보관).",
    )
    per_minute = models.PositiveSmallIntegerField("주소당 1분 한도", default=3)
    per_hour = models.PositiveSmallIntegerField("주소당 1시간 한도", default=20)
    max_length = models.PositiveSmallIntegerField("댓글 최대 글자 수", default=1000)
    banned_words = models.TextField(
        "금칙어",
        blank=True,
        help_text="한 줄에 하나. 띄어쓰기·숫자·기호를 끼우거나 자음만 쓴 변형(ㅅㅂ, 시1발)도 걸립니다. "
        "걸린 댓글은 게시하지 않고 검토 대기로 둡니다.",
    )

    class Meta:
        verbose_name = "댓글 정책"
        verbose_name_plural = "댓글 정책"

    def __str__(self):
        return "댓글 정책"

    def word_list(self) -> list[str]:
        return [line.strip() for line in self.banned_words.splitlines() if line.strip()]

    def closed_reason(self, article) -> str:
        """Why ``article`` takes no comments now, in Korean; empty when it does."""
        if not self.enabled:
            return "이 사이트는 지금 댓글을 받지 않습니다."
        if not article.comments_open:
            return "이 기사는 댓글을 받지 않습니다."
        from articles.menu import sections

        # The cached section tree (the menu's), so walking up to the top costs no query.
        tree = sections().by_pk
        section_id, seen = article.section_id, set()
        while section_id is not None and section_id not in seen:
            seen.add(section_id)
            section = tree.get(section_id)
            if section is None:
                break
            if not section.comments_open:
                return "이 섹션의 기사는 댓글을 받지 않습니다."
            section_id = section.parent_id
        if (
            self.close_after_days
            and article.published_at
            and timezone.now() >= article.published_at + timedelta(days=self.close_after_days)
        ):
            return f"발행 뒤 {self.close_after_days}일이 지나 댓글이 닫혔습니다."
        return ""


class CommentQuerySet(models.QuerySet):
    def visible_to_readers(self):
        """What readers see and count: published comments."""
        return self.filter(status=Comment.Status.PUBLISHED)

    def for_moderation(self):
        """The queue: held and hidden comments first, newest first within each."""
        first = models.Case(
            models.When(status__in=(Comment.Status.PENDING, Comment.Status.HIDDEN), then=0),
            default=1,
        )
        return self.annotate(queue_order=first).order_by("queue_order", "-created_at")


class Comment(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "검토 대기"
        PUBLISHED = "published", "게시"
        HIDDEN = "hidden", "숨김"
        REJECTED = "rejected", "거절"
        WITHDRAWN = "withdrawn", "작성자 삭제"
        UNCONFIRMED = "unconfirmed", "이메일 확인 대기"

    article = models.ForeignKey(
        "articles.Article", verbose_name="기사", on_delete=models.CASCADE, related_name="comments"
    )
    # One level: a reply to a reply is stored under the top-level comment (forms.py).
    parent = models.ForeignKey(
        "self",
        verbose_name="원댓글",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="replies",
    )
    name = models.CharField("이름", max_length=30)
    password = models.CharField("비밀번호(해시)", max_length=128, editable=False)
    body = models.TextField("내용")
    status = models.CharField(
        "상태", max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    held_reason = models.CharField("보류 사유", max_length=100, blank=True)
    report_count = models.PositiveIntegerField("신고 수", default=0)
    # HMAC(the day's random salt, address): links one day's comments from one address for
    # abuse handling; blanked after 90 days with the salt (prune_comment_addresses).
    address_hash = models.CharField("주소 해시", max_length=64, blank=True, editable=False)
    # HMAC(the day's salt, e-mail address) when the policy asks for e-mail confirmation: the
    # address itself is only used to send the link, never stored; blanked with address_hash.
    email_hash = models.CharField("이메일 해시", max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField("작성 시각", default=timezone.now, db_index=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = "댓글"
        verbose_name_plural = "댓글"
        indexes = [models.Index(fields=["article", "status", "created_at"])]

    def __str__(self):
        return f"{self.name}: {self.body[:30]}"

    def confirm_email(self) -> bool:
        """The reader clicked the link: publish, or hold for the reason found when it was
        written. Saved, not updated, so the page is purged. False when it was not waiting
        (the link was used already, or an editor decided first)."""
        if self.status != self.Status.UNCONFIRMED:
            return False
        self.status = self.Status.PENDING if self.held_reason else self.Status.PUBLISHED
        self.save(update_fields=["status"])
        return True


class CommentReport(models.Model):
    """One reader's 신고 of one comment: a second report from the same address (that day)
    conflicts here and counts nothing."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    address_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = "댓글 신고"
        verbose_name_plural = "댓글 신고"
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "address_hash"], name="comment_report_once_per_address"
            )
        ]

    def __str__(self):
        return f"신고 #{self.pk}"


class CommentSalt(models.Model):
    """The day's random salt for address hashes; deleted after 90 days, after which no
    hash made with it can be turned back into an address."""

    day = models.DateField(unique=True)
    salt = models.CharField(max_length=64)

    def __str__(self):
        return str(self.day)


class CommentRate(models.Model):
    """Comments per address hash and window, counted by one upsert (comments/addresses.py)."""

    key = models.CharField(max_length=80)
    period = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["key", "period"], name="comment_rate_key_period")
        ]

    def __str__(self):
        return f"{self.key}@{self.period}"
