from django.core.cache import cache
from django.db import models
from django.urls import reverse


class SiteSettings(models.Model):
    """The paper's identity and the footer the newspaper law asks for (신문법 §9의2, §21).

    One row, edited in the admin, so a change needs no deploy.
    """

    CACHE_KEY = "newsroom:site-settings"

    name = models.CharField("명칭(신문사 이름)", max_length=60, default="시흥뉴스룸")
    title = models.CharField("제호", max_length=60, default="시흥뉴스룸")
    logo_text = models.CharField("로고 글자", max_length=30, default="시흥뉴스룸")
    tagline = models.CharField("한 줄 소개", max_length=100, blank=True, default="시흥의 오늘을 전합니다")
    copyright_holder = models.CharField("저작권자", max_length=60, default="시흥뉴스룸")
    registration_number = models.CharField("등록번호", max_length=30, blank=True, default="경기, 아00000")
    registered_on = models.DateField("등록연월일", null=True, blank=True)
    first_published_on = models.DateField("발행연월일", null=True, blank=True)
    publisher = models.CharField("발행인", max_length=30, blank=True, default="")
    editor = models.CharField("편집인", max_length=30, blank=True, default="")
    address = models.CharField("발행소(주소)", max_length=200, blank=True, default="")
    phone = models.CharField("전화번호", max_length=30, blank=True, default="")
    youth_protection_officer = models.CharField("청소년보호책임자", max_length=30, blank=True, default="")
    email = models.EmailField("이메일", blank=True, default="")

    class Meta:
        verbose_name = "사이트 설정"
        verbose_name_plural = "사이트 설정"

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)
        cache.delete(self.CACHE_KEY)

    @classmethod
    def current(cls) -> "SiteSettings":
        """The settings row, from the cache when possible (every page needs it)."""
        site = cache.get(cls.CACHE_KEY)
        if site is None:
            site = cls.objects.filter(pk=1).first() or cls(pk=1)
            cache.set(cls.CACHE_KEY, site, 300)
        return site


class LegalPage(models.Model):
    """개인정보처리방침 and 청소년보호정책: texts editors keep up to date."""

    class Kind(models.TextChoices):
        PRIVACY = "privacy", "개인정보처리방침"
        YOUTH = "youth", "청소년보호정책"

    kind = models.CharField("종류", max_length=20, choices=Kind.choices, unique=True)
    body = models.TextField("내용", help_text="빈 줄로 문단을 나눕니다.")
    updated_at = models.DateTimeField("최근 수정", auto_now=True)

    class Meta:
        verbose_name = "정책 페이지"
        verbose_name_plural = "정책 페이지"

    def __str__(self):
        return self.get_kind_display()

    def get_absolute_url(self):
        return reverse("legal_page", kwargs={"kind": self.kind})
