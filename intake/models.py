"""Reader and source material that is not yet a story: 기사제보 from the public and
보도자료 from institutions.

Its own privacy rules: the tipster's contact is shown to editors only, and no raw
client address is ever stored (the rate limit keeps an HMAC of it under a salt that
rotates every window, see ``intake/spam.py``).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from articles.fields import SanitizedHTMLField
from articles.models import Article


class Tip(models.Model):
    class Status(models.TextChoices):
        NEW = "new", "새 제보"
        IN_PROGRESS = "progress", "처리 중"
        PUBLISHED = "story", "기사화"
        CLOSED = "closed", "종결"

    name = models.CharField("이름", max_length=60, blank=True)
    contact = models.CharField("연락처", max_length=120)
    text = models.TextField("제보 내용")
    consent_at = models.DateTimeField("개인정보 수집 동의 시각", default=timezone.now)
    status = models.CharField(
        "처리 상태", max_length=20, choices=Status.choices, default=Status.NEW, db_index=True
    )
    article = models.ForeignKey(
        "articles.Article",
        verbose_name="기사 초안",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tips",
    )
    created_at = models.DateTimeField("접수 시각", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "기사제보"
        verbose_name_plural = "기사제보"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"제보 #{self.pk} ({self.get_status_display()})"


class TipPhoto(models.Model):
    tip = models.ForeignKey(Tip, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField("사진", upload_to="intake/tips/%Y/%m/")

    class Meta:
        verbose_name = "제보 사진"
        verbose_name_plural = "제보 사진"

    def __str__(self):
        return self.file.name


class RateBucket(models.Model):
    """How many tips one (hashed) address sent in one window. Counted by an atomic
    upsert, so concurrent requests never lose a count."""

    key = models.CharField(max_length=64)
    period = models.BigIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "period"], name="intake_bucket_key")]

    def __str__(self):
        return f"{self.period}: {self.count}"


class PressRelease(models.Model):
    """A 보도자료 as it came in (pasted, HWP-exported HTML, or a ``.eml`` file), waiting in
    the desk's queue until one click makes it a draft (``intake/press.py``).

    Where it came from (sender, organisation, received time) stays here, linked to the
    story by ``article``: the desk reads it on the story's change form, readers never see it.
    """

    class Source(models.TextChoices):
        TEXT = "text", "붙여 넣은 글"
        HTML = "html", "HTML 파일(HWP 내보내기)"
        MAIL = "eml", "메일 파일(.eml)"

    class Status(models.TextChoices):
        NEW = "new", "새 자료"
        PUBLISHED = "story", "기사화"
        CLOSED = "closed", "종결"

    title = models.CharField("제목", max_length=300)
    body = SanitizedHTMLField("본문")
    source = models.CharField("받은 형태", max_length=10, choices=Source.choices)
    sender = models.CharField("보낸 사람", max_length=254, blank=True)
    organisation = models.CharField("기관", max_length=120, blank=True)
    received_at = models.DateTimeField("받은 시각", default=timezone.now)
    # Set when the mail's From domain matches neither its Return-Path nor the first
    # Received hop: the headers are kept as given, the desk is told to check.
    sender_warning = models.CharField("발신자 확인", max_length=300, blank=True)
    status = models.CharField(
        "처리 상태", max_length=20, choices=Status.choices, default=Status.NEW, db_index=True
    )
    article = models.OneToOneField(
        "articles.Article",
        verbose_name="기사 초안",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="press_release",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="올린 사람",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField("올린 시각", default=timezone.now, db_index=True)

    class Meta:
        verbose_name = "보도자료"
        verbose_name_plural = "보도자료"
        ordering = ["-received_at", "-pk"]
        indexes = [
            # The queue's list in its ordering: a short walk, not a sort of every release
            # (29 → 0.3 ms at 8,000 releases, bench/RESULTS.md "Desk pages").
            models.Index(fields=["-received_at", "-id"], name="pressrelease_list_idx"),
        ]

    def __str__(self):
        return self.title


class PressReleaseImage(models.Model):
    """A photo attached to a release, already through the image gate (the cleaned master
    is what is stored); it becomes a library photo when the release becomes a draft."""

    release = models.ForeignKey(PressRelease, on_delete=models.CASCADE, related_name="images")
    file = models.FileField("사진", upload_to="intake/press/%Y/%m/")
    filename = models.CharField("원래 파일 이름", max_length=255, blank=True)
    image = models.ForeignKey(
        "articles.Image",
        verbose_name="사진 보관함",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "보도자료 사진"
        verbose_name_plural = "보도자료 사진"
        ordering = ["pk"]

    def __str__(self):
        return self.filename or self.file.name


class OriginReport(Article):
    """The own-story report's place in the admin (intake/origin_report.py): the same rows
    as Article, read only as counts."""

    class Meta:
        proxy = True
        verbose_name = "기사 유형 보고서"
        verbose_name_plural = "기사 유형 보고서(자체기사 비율)"
        # Editors only, decided in the admin by can_publish: no permission rows of its own.
        default_permissions = ()


class PortalDelivery(models.Model):
    """One story's delivery to one portal through the portal export (intake/portal.py):
    written only by the export's fetch log, one upsert per logged fetch."""

    class Portal(models.TextChoices):
        NAVER = "naver", "네이버"
        DAUM = "daum", "다음"

    article = models.ForeignKey(
        "articles.Article",
        verbose_name="기사",
        on_delete=models.CASCADE,
        related_name="portal_deliveries",
    )
    portal = models.CharField("포털", max_length=10, choices=Portal.choices)
    first_fetched_at = models.DateTimeField("처음 가져간 시각")
    last_fetched_at = models.DateTimeField("마지막으로 가져간 시각", db_index=True)
    # The story's 수정 time in the last export this portal fetched: behind the story's
    # own content_updated_at means the portal has not yet fetched the latest change.
    delivered_change_at = models.DateTimeField("가져간 판의 수정 시각")
    deleted_delivered_at = models.DateTimeField("삭제 표시를 가져간 시각", null=True, blank=True)
    fetch_count = models.PositiveIntegerField("가져간 횟수", default=1)

    class Meta:
        verbose_name = "포털 전송 기록"
        verbose_name_plural = "포털 전송 기록"
        ordering = ["-last_fetched_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "portal"], name="intake_delivery_once")
        ]

    def __str__(self):
        return f"{self.get_portal_display()}: {self.article_id}"

    @property
    def up_to_date(self) -> bool:
        return self.delivered_change_at >= self.article.content_updated_at
