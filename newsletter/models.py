"""Readers' addresses (their own consent), the day's editions and who got which."""

from django.db import models
from django.utils import timezone


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "확인 대기"
        ACTIVE = "active", "구독 중"
        UNSUBSCRIBED = "unsubscribed", "구독 해지"
        BOUNCED = "bounced", "반송(주소 없음)"
        COMPLAINED = "complained", "스팸 신고"

    email = models.EmailField("이메일", unique=True)
    status = models.CharField("상태", max_length=12, choices=Status, default=Status.PENDING)
    created_at = models.DateTimeField("신청 일시", default=timezone.now)
    confirmed_at = models.DateTimeField("확인 일시", null=True, blank=True)
    unsubscribed_at = models.DateTimeField("해지 일시", null=True, blank=True)
    # Bounds confirmation mails per address (one an hour), whatever the form is sent.
    confirmation_sent_at = models.DateTimeField("확인 메일 발송", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "구독자"
        ordering = ["-created_at"]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)


class Edition(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "준비 중"
        SENDING = "sending", "발송 중"
        SENT = "sent", "발송 완료"

    date = models.DateField("날짜", unique=True)
    subject = models.CharField("제목", max_length=150)
    status = models.CharField("상태", max_length=8, choices=Status, default=Status.DRAFT)
    sent_at = models.DateTimeField("발송 완료 일시", null=True, blank=True)
    articles = models.ManyToManyField(
        "articles.Article", through="EditionPick", related_name="+", blank=True
    )

    class Meta:
        verbose_name = verbose_name_plural = "뉴스레터 호"
        ordering = ["-date"]

    def __str__(self):
        return f"{self.date:%Y-%m-%d} {self.subject}"


class EditionPick(models.Model):
    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="picks")
    article = models.ForeignKey(
        "articles.Article", on_delete=models.CASCADE, related_name="+", verbose_name="기사"
    )
    order = models.PositiveSmallIntegerField("순서", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "실을 기사"
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "article"], name="newsletter_pick_once")
        ]

    def __str__(self):
        return f"{self.order}. {self.article_id}"


class Delivery(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", "대기"
        SENT = "sent", "발송"
        FAILED = "failed", "실패"

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=6, choices=Status, default=Status.QUEUED)
    sent_at = models.DateTimeField(null=True, blank=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    clicked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "발송 기록"
        constraints = [
            # The rule "never the same edition twice to one address" lives here.
            models.UniqueConstraint(
                fields=["edition", "subscriber"], name="newsletter_delivery_once"
            )
        ]

    def __str__(self):
        return f"{self.edition_id}→{self.subscriber_id} {self.status}"
