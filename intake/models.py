"""Reader and source material that is not yet a story: 기사제보 from the public.

Its own privacy rules: the tipster's contact is shown to editors only, and no raw
client address is ever stored (the rate limit keeps an HMAC of it under a salt that
rotates every window, see ``intake/spam.py``).
"""

from django.db import models
from django.utils import timezone


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
