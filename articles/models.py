from __future__ import annotations

import hashlib
import logging
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Exists, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Left
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.encoding import iri_to_uri
from django.utils.text import slugify
from taggit.managers import TaggableManager
from taggit.models import TaggedItem

from articles import renditions
from articles.fields import LibraryImageField, SanitizedHTMLField
from articles.sanitize import text_excerpt

image_logger = logging.getLogger("articles.images")

_INSIGNIFICANT_SPACE = re.compile(r"\s+")

# Enough of a body's HTML to make a list teaser without loading the whole body.
TEASER_SOURCE_LENGTH = 1200


class Section(models.Model):
    name = models.CharField("이름", max_length=50)
    slug = models.SlugField(
        "주소 이름",
        max_length=60,
        unique=True,
        allow_unicode=True,
        help_text="주소에 쓰입니다. 예: council → /section/council/",
        error_messages={"unique": "같은 주소 이름을 쓰는 섹션이 이미 있습니다."},
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="상위 섹션",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    order = models.PositiveSmallIntegerField("순서", default=0)
    show_in_menu = models.BooleanField("메뉴에 표시", default=True)
    description = models.CharField("설명", max_length=200, blank=True)

    class Meta:
        verbose_name = "섹션"
        verbose_name_plural = "섹션"
        ordering = ["order", "name"]

    def __str__(self):
        return f"{self.parent.name} › {self.name}" if self.parent_id and self.parent else self.name

    def get_absolute_url(self):
        return reverse("articles:section", kwargs={"slug": self.slug})

    def clean(self):
        ancestor, seen = self.parent, set()
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None or ancestor.pk in seen:
                raise ValidationError(
                    {"parent": "섹션을 자기 자신이나 하위 섹션 아래에 둘 수 없습니다."}
                )
            seen.add(ancestor.pk)
            ancestor = ancestor.parent

    def family_ids(self) -> list[int]:
        """This section's id and those of all its descendants (one query)."""
        children: dict[int | None, list[int]] = {}
        for pk, parent_id in Section.objects.values_list("pk", "parent_id"):
            children.setdefault(parent_id, []).append(pk)
        ids, todo = [], [self.pk]
        while todo:
            pk = todo.pop()
            if pk in ids:
                continue
            ids.append(pk)
            todo.extend(children.get(pk, []))
        return ids


def image_upload_to(instance, filename):
    return f"images/{timezone.now():%Y/%m}/{filename}"


class Image(models.Model):
    """A photo in the library, shared by articles (lead and body), reporters and banners."""

    file = LibraryImageField(
        "파일",
        upload_to=image_upload_to,
        help_text=(
            "JPEG·PNG·WebP·GIF 사진. 촬영 위치(GPS) 같은 EXIF 정보는 지우고 저장하며, "
            "움직이는 GIF는 첫 장면만 씁니다."
        ),
    )
    alt_text = models.CharField(
        "대체 텍스트",
        max_length=250,
        help_text="사진을 볼 수 없는 독자에게 읽어 줄 설명입니다.",
    )
    caption = models.CharField("사진 설명", max_length=500, blank=True)
    credit = models.CharField(
        "출처", max_length=100, blank=True, help_text="예: 사진=홍길동 기자 / 제공=시흥시"
    )
    # Of the upright, cleaned picture (EXIF orientation applied), set when a file is stored.
    width = models.PositiveIntegerField("너비", null=True, blank=True, editable=False)
    height = models.PositiveIntegerField("높이", null=True, blank=True, editable=False)
    focal_x = models.FloatField(
        "초점 가로 위치",
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text="0(왼쪽)~1(오른쪽). 사진을 잘라 쓸 때 이 점(얼굴 등)이 남습니다. 비우면 가운데.",
    )
    focal_y = models.FloatField(
        "초점 세로 위치",
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text="0(위)~1(아래).",
    )
    # What articles.renditions made for this photo (names, widths, heights, per kind),
    # loaded with the row so a page needs no query or storage call per picture.
    renditions = models.JSONField("변환본", default=dict, blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="올린 사람",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        editable=False,
        related_name="+",
    )
    uploaded_at = models.DateTimeField("올린 시각", auto_now_add=True)

    class Meta:
        verbose_name = "사진"
        verbose_name_plural = "사진"
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.caption or self.alt_text or self.file.name

    def save(self, *args, **kwargs):
        try:
            super().save(*args, **kwargs)
        except BaseException:
            # The file was written (and cleaned) but the row was refused: leave nothing.
            new_master = self.__dict__.pop("_new_master_name", None)
            if new_master:
                self.file.storage.delete(new_master)
            raise
        new_master = self.__dict__.pop("_new_master_name", None)
        replaced = getattr(self, "_stored_file_name", None)
        if new_master and replaced and replaced != new_master:
            # A new file for the same library entry: the old master is no one's any more.
            storage = self.file.storage
            transaction.on_commit(lambda: renditions.delete_files(storage, [replaced]))
        self._stored_file_name = self.file.name
        prepared = self.__dict__.pop("_prepared_upload", None)
        if self.file and not renditions.is_current(self):
            try:
                self.refresh_renditions(source=prepared.image if prepared else None)
            except Exception:
                # The photo is saved; pages fall back to making the renditions on first
                # view (articles/templatetags/images.py) or rebuild_renditions does it.
                image_logger.exception("renditions for image %s failed", self.pk)
                if new_master and replaced and replaced != new_master:
                    # The old renditions show the old picture, which may have been replaced
                    # for a reason (a face, a location): forget and remove them, so pages
                    # show the new master until new renditions exist.
                    self._forget_renditions()

    def _forget_renditions(self) -> None:
        stale = renditions.files_of(self.renditions)
        Image.objects.filter(pk=self.pk).update(renditions={})
        self.renditions = {}
        if stale:
            storage = self.file.storage
            transaction.on_commit(lambda: renditions.delete_files(storage, stale))

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # The stored name as loaded, so a save with a new file can drop the old one.
        instance._stored_file_name = instance.__dict__.get("file")
        return instance

    def refresh_renditions(self, source=None) -> None:
        """Make this photo's renditions again and record them on the row (one UPDATE).

        Files of the previous set are deleted once the transaction commits, so a rolled
        back save keeps serving the old ones.
        """
        previous = renditions.files_of(self.renditions)
        record = renditions.build(self, source)
        Image.objects.filter(pk=self.pk).update(renditions=record)
        self.renditions = record
        stale = set(previous) - set(renditions.files_of(record))
        if stale:
            storage = self.file.storage
            transaction.on_commit(lambda: renditions.delete_files(storage, stale))


@receiver(post_delete, sender=Image)
def _delete_image_files(sender, instance, **kwargs):
    """A photo removed from the library takes its master and renditions with it."""
    if not instance.file:
        return
    storage = instance.file.storage
    names = [instance.file.name, *renditions.files_of(instance.renditions)]
    transaction.on_commit(lambda: renditions.delete_files(storage, names))


class Reporter(models.Model):
    """A byline: a staff member, or a contributor or agency without an account."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="사용자 계정",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reporter",
    )
    name = models.CharField("이름", max_length=50)
    title = models.CharField(
        "직함", max_length=30, default="기자", help_text="기자, 편집국장, 객원기자 등"
    )
    email = models.EmailField("바이라인 이메일", blank=True)
    photo = models.ForeignKey(
        Image,
        verbose_name="사진",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    bio = models.TextField("소개", blank=True)
    is_active = models.BooleanField("활동 중", default=True)

    class Meta:
        verbose_name = "기자"
        verbose_name_plural = "기자"
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} {self.title}".strip()

    def get_absolute_url(self):
        return reverse("articles:reporter", kwargs={"pk": self.pk})


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """What readers may see: published, and its publication time has come.

        The clock is Python's (``timezone.now()``), not the database's, so a scheduled
        article appears by itself with no cron, and tests can move time.
        """
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def with_bylines(self, *, photos: bool = False):
        """Section, lead image and bylines joined; ``photos`` adds the reporters' portraits
        (the article page's reporter box; lists leave them out)."""
        reporter = ("reporter", "reporter__photo") if photos else ("reporter",)
        return self.select_related("section", "section__parent", "lead_image").prefetch_related(
            Prefetch("bylines", queryset=Byline.objects.select_related(*reporter).order_by("order"))
        )

    def for_lists(self):
        """Columns a list or teaser needs: the body's first part instead of the body."""
        return (
            self.with_bylines()
            .defer("body")
            .annotate(body_head=Left("body", TEASER_SOURCE_LENGTH))
            .order_by("-published_at", "-pk")
        )

    def in_section(self, section: Section):
        return self.filter(section_id__in=section.family_ids())

    def owned_by(self, user):
        """Articles a reporter may work on: created by them or carrying their byline."""
        return self.filter(Q(created_by=user) | Q(bylines__reporter__user=user)).distinct()


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "작성 중"
        REVIEW = "review", "검토 요청"
        PUBLISHED = "published", "발행"
        UNPUBLISHED = "unpublished", "발행 취소"

    class Origin(models.TextChoices):
        OWN = "own", "자체기사"
        PRESS_RELEASE = "press", "보도자료"
        CONTRIBUTION = "contribution", "기고"
        WIRE = "wire", "통신"

    # Fields whose change moves the 수정 time readers see.
    CONTENT_FIELDS = ("headline", "subheadline", "body", "summary", "lead_image_id")

    headline = models.CharField(
        "제목", max_length=200, error_messages={"required": "제목을 입력하세요."}
    )
    subheadline = models.CharField("부제", max_length=300, blank=True)
    slug = models.SlugField(
        "주소 이름",
        max_length=120,
        allow_unicode=True,
        blank=True,
        help_text="비워 두면 제목으로 만듭니다. 바꿔도 이전 주소는 새 주소로 연결됩니다.",
    )
    section = models.ForeignKey(
        Section,
        verbose_name="섹션",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="articles",
    )
    reporters = models.ManyToManyField(
        Reporter, through="Byline", verbose_name="기자", related_name="articles", blank=True
    )
    body = SanitizedHTMLField("본문", blank=True)
    summary = models.TextField(
        "요약", blank=True, help_text="목록과 미리보기에 쓰입니다. 비워 두면 본문 첫머리를 씁니다."
    )
    lead_image = models.ForeignKey(
        Image,
        verbose_name="대표 사진",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="lead_articles",
    )
    tags = TaggableManager("태그", blank=True, help_text="쉼표로 구분합니다.")
    dateline = models.CharField(
        "출처 표기", max_length=40, blank=True, help_text="본문 앞에 붙는 [시흥타임즈] 같은 표기"
    )
    origin = models.CharField(
        "기사 유형", max_length=20, choices=Origin.choices, default=Origin.OWN
    )
    status = models.CharField(
        "상태", max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    legacy_id = models.PositiveIntegerField(
        "이전 사이트 기사 번호",
        null=True,
        blank=True,
        unique=True,
        help_text="이전 사이트의 articleView.html?idxno= 번호. 옛 주소가 이 기사로 연결됩니다.",
        error_messages={"unique": "이 번호를 쓰는 기사가 이미 있습니다."},
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="작성자",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="승인자",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField("작성 시각", default=timezone.now, editable=False)
    updated_at = models.DateTimeField("저장 시각", auto_now=True)
    content_updated_at = models.DateTimeField("수정 시각", default=timezone.now, editable=False)
    approved_at = models.DateTimeField("승인 시각", null=True, blank=True, editable=False)
    published_at = models.DateTimeField(
        "발행 시각",
        null=True,
        blank=True,
        db_index=True,
        help_text="미래 시각이면 그때 자동으로 공개됩니다(예약 발행).",
    )

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = "기사"
        verbose_name_plural = "기사"
        ordering = ["-published_at", "-created_at"]
        permissions = [("publish_article", "기사 발행·예약·발행 취소")]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="article_visible_idx"),
            models.Index(fields=["section", "status", "-published_at"], name="article_section_idx"),
        ]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.headline, allow_unicode=True)[:120] or "article"
        # Readers' 수정 time moves only when what they read changed, not on every save.
        loaded = getattr(self, "_loaded_content", None)
        if self.pk is not None and loaded is not None:
            from articles.sanitize import clean_html

            self.body = clean_html(self.body)
            current = self._content_fingerprint()
            if current != loaded:
                self.content_updated_at = timezone.now()
        super().save(*args, **kwargs)
        self._loaded_content = self._content_fingerprint()

    def get_absolute_url(self):
        # Built by hand, not reverse(): list pages print dozens of these and reverse()
        # is the costlier part of an item. tests/articles pin it to the URLconf.
        if self.slug:
            return f"{get_script_prefix()}articles/{self.pk}/{iri_to_uri(self.slug)}/"
        return f"{get_script_prefix()}articles/{self.pk}/"

    def clean(self):
        errors = {}
        if self.status == self.Status.PUBLISHED and not self.section_id:
            errors["section"] = "발행하려면 섹션을 골라야 합니다."
        if errors:
            raise ValidationError(errors)

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._loaded_content = instance._content_fingerprint()
        return instance

    def _content_fingerprint(self) -> str | None:
        if any(name in self.get_deferred_fields() for name in ("body", *self.CONTENT_FIELDS)):
            return None
        # Readers do not see white space between or inside tags change: the editor
        # re-serializes a body without the line breaks between paragraphs, and a save that
        # changed nothing else must not move the 수정 time.
        parts = [
            _INSIGNIFICANT_SPACE.sub(" ", str(getattr(self, name) or ""))
            .replace("> <", "><")
            .strip()
            for name in self.CONTENT_FIELDS
        ]
        return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()

    @property
    def is_published(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def display_status(self) -> str:
        return "예약 발행" if self.is_scheduled else self.get_status_display()

    @property
    def teaser(self) -> str:
        if self.summary:
            return self.summary
        # Lists load only the body's head (ArticleQuerySet.for_lists), never the whole body.
        head = self.__dict__.get("body_head")
        return text_excerpt(head if head is not None else self.body)

    @property
    def was_revised(self) -> bool:
        """Show 수정 only when the content changed after publication."""
        return bool(
            self.published_at
            and self.content_updated_at
            and self.content_updated_at > self.published_at + timezone.timedelta(minutes=1)
        )

    def byline_reporters(self) -> list[Reporter]:
        return [byline.reporter for byline in self.bylines.all()]

    def related_for_readers(self, count: int | None = None) -> list[Article]:
        """The 관련기사 block, in one query: the desk's picks in their order, then recent
        stories sharing a tag, then recent stories of the same section, ``count`` in all
        (``RELATED_ARTICLES_COUNT``).

        Every candidate comes from ``published()`` and the article itself is excluded, so
        a pick that is unpublished, scheduled or self-referencing is simply not shown.
        """
        if self.pk is None:
            return []
        count = count or settings.RELATED_ARTICLES_COUNT
        picks = RelatedArticle.objects.filter(article_id=self.pk)
        # Taggit's generic rows, matched by content type name so no extra lookup query runs.
        tagged = TaggedItem.objects.filter(
            content_type__app_label="articles", content_type__model="article"
        )
        shares_tag = Exists(
            tagged.filter(
                object_id=OuterRef("pk"),
                tag_id__in=tagged.filter(object_id=self.pk).values("tag_id"),
            )
        )
        matches = Q(pk__in=picks.values("related_id")) | Q(shares_tag=True)
        if self.section_id:
            matches |= Q(section_id=self.section_id)
        return list(
            Article.objects.published()
            .exclude(pk=self.pk)
            .annotate(
                pick_order=Subquery(picks.filter(related_id=OuterRef("pk")).values("order")[:1]),
                shares_tag=shares_tag,
            )
            .filter(matches)
            .select_related("section", "lead_image")
            .defer("body")
            .order_by(F("pick_order").asc(nulls_last=True), "-shares_tag", "-published_at", "-pk")[
                :count
            ]
        )


class Byline(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    reporter = models.ForeignKey(
        Reporter, verbose_name="기자", on_delete=models.PROTECT, related_name="bylines"
    )
    order = models.PositiveSmallIntegerField("순서", default=0)

    class Meta:
        verbose_name = "바이라인"
        verbose_name_plural = "바이라인"
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "reporter"], name="unique_byline"),
        ]

    def __str__(self):
        return str(self.reporter)


class RelatedArticle(models.Model):
    """An article an editor picked for the 관련기사 block, in order."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="related_picks")
    related = models.ForeignKey(
        Article, verbose_name="관련기사", on_delete=models.CASCADE, related_name="+"
    )
    order = models.PositiveSmallIntegerField("순서", default=0)

    class Meta:
        verbose_name = "관련기사"
        verbose_name_plural = "관련기사"
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "related"], name="unique_related_article"),
        ]

    def __str__(self):
        return str(self.related_id)

    def clean(self):
        if self.article_id and self.article_id == self.related_id:
            raise ValidationError({"related": "기사를 자기 자신의 관련기사로 넣을 수 없습니다."})


class RelatedLink(models.Model):
    """An outside source listed under the story."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="related_links")
    title = models.CharField("제목", max_length=200)
    url = models.URLField("주소", max_length=500)
    order = models.PositiveSmallIntegerField("순서", default=0)

    class Meta:
        verbose_name = "관련 링크"
        verbose_name_plural = "관련 링크"
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title


# The search index is its own small app-within-the-app (articles/search/); its model
# belongs to this app's registry.
from articles.search.models import ArticleSearchIndex  # noqa: E402,F401
