from __future__ import annotations

import functools
import hashlib
import logging
import operator
import posixpath
import re
import uuid
from collections.abc import Callable

import reversion
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import (
    Exists,
    ExpressionWrapper,
    F,
    Func,
    OuterRef,
    Prefetch,
    Q,
    Subquery,
    Value,
)
from django.db.models.deletion import ProtectedError
from django.db.models.functions import Coalesce, Left
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.encoding import iri_to_uri
from django.utils.text import slugify
from taggit.managers import TaggableManager
from taggit.models import Tag, TaggedItem

from articles import renditions
from articles.fields import LibraryImageField, SanitizedHTMLField
from articles.sanitize import text_excerpt
from newsroom import pagecache
from newsroom.links import validate_http_url

image_logger = logging.getLogger("articles.images")

_INSIGNIFICANT_SPACE = re.compile(r"\s+")

# Enough of a body's HTML to make a list teaser without loading the whole body.
TEASER_SOURCE_LENGTH = 1200


class RefusesDeleteWhileUsed:
    """Sections, reporters and photos: deleting one that stories (trashed ones too), banners
    or portraits still use raises ``InUseError`` with a Korean message, whether through
    ``obj.delete()`` or a queryset's ``delete()`` (see "Delete protection" below)."""

    def delete(self, *args, **kwargs):
        refuse_if_used([self])
        return super().delete(*args, **kwargs)


class RefusesDeleteWhileUsedQuerySet(models.QuerySet):
    def delete(self):
        refuse_if_used(self)
        return super().delete()


class Section(RefusesDeleteWhileUsed, models.Model):
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
    comments_open = models.BooleanField(
        "댓글 허용",
        default=True,
        help_text="끄면 이 섹션과 하위 섹션의 기사에 댓글을 받지 않습니다.",
    )

    objects = RefusesDeleteWhileUsedQuerySet.as_manager()

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
        """This section's id and those of all its descendants (from the stored sections:
        no query while no section changed)."""
        from articles.menu import sections

        return sections().family_ids(self.pk)


def image_upload_to(instance, filename):
    """A random name: the upload's own ("gps.jpg", "시장님_단독.jpg") is guessable and
    says what it shows. Only the extension is kept, which articles.fields.
    LibraryImageFieldFile derived from the detected format, not the client's name."""
    extension = posixpath.splitext(filename)[1].lower()
    return f"images/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


class Image(RefusesDeleteWhileUsed, models.Model):
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

    objects = RefusesDeleteWhileUsedQuerySet.as_manager()

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


class Reporter(RefusesDeleteWhileUsed, models.Model):
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

    objects = RefusesDeleteWhileUsedQuerySet.as_manager()

    class Meta:
        verbose_name = "기자"
        verbose_name_plural = "기자"
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} {self.title}".strip()

    def get_absolute_url(self):
        return reverse("articles:reporter", kwargs={"pk": self.pk})

    @classmethod
    def for_user(cls, user) -> Reporter:
        """The byline of a staff account, made on its first story: an editor or the
        편집국장 who writes one gets their name on it, not an empty byline."""
        name = (f"{user.last_name}{user.first_name}".strip() or user.get_username())[:50]
        reporter, _ = cls.objects.get_or_create(user=user, defaults={"name": name})
        return reporter

    @property
    def public_email(self) -> str:
        """The address readers see: none once the reporter left (their archive stays)."""
        return self.email if self.is_active else ""


class StaleVersion(Exception):
    """An article was saved over a version someone else had already replaced."""

    def __init__(self, article_id: int, expected: int):
        super().__init__(f"article {article_id}: version {expected} is no longer current")
        self.article_id = article_id
        self.expected = expected


def _json_columns(model, prefix: str = "", path: str = "") -> dict[str, str]:
    """JSONObject arguments for every column of ``model`` (reached through ``path``)."""
    return {f"{prefix}{f.attname}": f"{path}{f.attname}" for f in model._meta.concrete_fields}


def _from_json(model, row: dict, prefix: str = ""):
    """An instance of ``model`` from the columns ``_json_columns`` put in a JSON row."""
    values = {}
    for f in model._meta.concrete_fields:
        value = row.get(prefix + f.attname)
        if value is not None and isinstance(f, models.DateField):
            value = f.to_python(value)  # JSON carries dates and times as ISO text
        values[f.attname] = value
    return model(**values)


def _as_prefetched(instance, name: str, model, objects: list) -> None:
    """Put ``objects`` where a prefetch of ``name`` would: ``instance.name.all()`` then
    runs no query."""
    found = model._base_manager.all()
    found._result_cache = objects
    found._prefetch_done = True
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[name] = found


def _byline_array(*, photos: bool = False):
    from django.contrib.postgres.expressions import ArraySubquery
    from django.db.models.functions import JSONObject

    columns = {"id": "id", "order": "order", **_json_columns(Reporter, "r_", "reporter__")}
    if photos:
        columns.update(_json_columns(Image, "p_", "reporter__photo__"))
    rows = Byline.objects.filter(article_id=OuterRef("pk")).order_by("order", "pk")
    return ArraySubquery(rows.values(json=JSONObject(**columns)))


def _unpack_bylines(article) -> None:
    rows = getattr(article, "list_bylines", None)
    if rows is None:
        return
    bylines = []
    for row in rows:
        reporter = _from_json(Reporter, row, "r_")
        if row.get("p_id") is not None:
            reporter.photo = _from_json(Image, row, "p_")
        elif "p_id" in row:
            reporter.photo = None
        byline = Byline(id=row["id"], article_id=article.pk, reporter=reporter, order=row["order"])
        byline.article = article
        bylines.append(byline)
    _as_prefetched(article, "bylines", Byline, bylines)


def _gallery_array():
    """The story's 포토뉴스 photos in order, each with its library photo's columns."""
    from django.contrib.postgres.expressions import ArraySubquery
    from django.db.models.functions import JSONObject

    columns = {
        "id": "id",
        "order": "order",
        "caption": "caption",
        **_json_columns(Image, "i_", "image__"),
    }
    rows = GalleryPhoto.objects.filter(article_id=OuterRef("pk")).order_by("order", "pk")
    return ArraySubquery(rows.values(json=JSONObject(**columns)))


def _row_count(rows) -> Coalesce:
    """How many of ``rows`` (a queryset correlated to the story) there are, as the length
    of an array of their ids: a per-story count in a list's own query that puts no COUNT
    in the list's SQL (tests/articles/test_pagination.py keeps lists from counting)."""
    from django.contrib.postgres.expressions import ArraySubquery

    ids = ArraySubquery(rows.order_by().values("id"))
    return Coalesce(Func(ids, function="cardinality", output_field=models.IntegerField()), 0)


def _gallery_count():
    """How many photos a story's gallery has (0 for a plain story), for list markers."""
    return _row_count(GalleryPhoto.objects.filter(article_id=OuterRef("pk")))


def _published_comment_count():
    """``댓글 N`` of a list item (comments/ owns the rule of what readers see; looked up
    lazily so articles/ does not import it at load time)."""
    from comments.models import Comment

    return _row_count(Comment.objects.filter(article_id=OuterRef("pk")).visible_to_readers())


class _BylinesFromArray(models.query.ModelIterable):
    """Rows of ``ArticleQuerySet.for_lists()``: each story's ``list_bylines`` array becomes
    its ``bylines`` (with their reporters) as if prefetched."""

    def __iter__(self):
        for article in super().__iter__():
            _unpack_bylines(article)
            yield article


class _InArray(Func):
    """``column = ANY(ARRAY(subquery))``: the subquery runs once, as an InitPlan, and the
    rows are then fetched by primary key. ``column IN (subquery)`` leaves the planner free
    to re-run a UNION of walks for every candidate row, which it does when its statistics
    are missing or stale (a freshly seeded database: 2–4 s for 관련기사 over 220 stories)."""

    template = "(%(expressions)s))"
    arg_joiner = " = ANY("
    output_field = models.BooleanField()

    def __init__(self, column, subquery):
        from django.contrib.postgres.expressions import ArraySubquery

        super().__init__(column, ArraySubquery(subquery))


class Series(models.Model):
    """기획·연재: stories published as numbered parts (회차) of one series."""

    name = models.CharField("연재 이름", max_length=100)
    slug = models.SlugField(
        "주소 이름",
        max_length=80,
        unique=True,
        allow_unicode=True,
        help_text="주소에 쓰입니다. 예: gaetgol → /series/gaetgol/",
        error_messages={"unique": "같은 주소 이름을 쓰는 연재가 이미 있습니다."},
    )
    description = models.TextField("소개", blank=True)
    image = models.ForeignKey(
        Image, verbose_name="대표 사진", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    is_running = models.BooleanField("연재 중", default=True, help_text="끄면 '완결'로 보입니다.")
    created_at = models.DateTimeField("만든 시각", auto_now_add=True)

    class Meta:
        verbose_name = "기획·연재"
        verbose_name_plural = "기획·연재"
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        pagecache.depends_on(f"series-{self.pk}")
        return reverse("articles:series", kwargs={"slug": self.slug})


class Column(models.Model):
    """칼럼: a named column by a writer — one of our reporters or an outside writer."""

    name = models.CharField("칼럼명", max_length=60)
    slug = models.SlugField(
        "주소 이름",
        max_length=80,
        unique=True,
        allow_unicode=True,
        error_messages={"unique": "같은 주소 이름을 쓰는 칼럼이 이미 있습니다."},
    )
    reporter = models.ForeignKey(
        Reporter, verbose_name="필자(기자)", null=True, blank=True, on_delete=models.PROTECT,
        related_name="columns", help_text="우리 기자가 쓰는 칼럼이면 고릅니다.",
    )  # fmt: skip
    writer_name = models.CharField(
        "필자 이름", max_length=50, blank=True, help_text="외부 필자면 이름을 적습니다."
    )
    writer_title = models.CharField(
        "필자 소개", max_length=100, blank=True, help_text="예: 시흥시민대학 교수"
    )
    photo = models.ForeignKey(
        Image, verbose_name="필자 사진", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    description = models.TextField("소개", blank=True)
    order = models.PositiveSmallIntegerField("순서", default=0)
    is_active = models.BooleanField("연재 중", default=True)

    class Meta:
        verbose_name = "칼럼"
        verbose_name_plural = "칼럼"
        ordering = ["order", "pk"]

    def __str__(self):
        return f"{self.name} ({self.writer})" if self.writer else self.name

    def get_absolute_url(self):
        pagecache.depends_on(f"column-{self.pk}")
        return reverse("articles:column", kwargs={"slug": self.slug})

    def clean(self):
        if not self.reporter_id and not self.writer_name.strip():
            raise ValidationError(
                {"writer_name": "필자(기자)를 고르거나 외부 필자 이름을 적으세요."}
            )
        if self.reporter_id and self.writer_name.strip():
            raise ValidationError(
                {"writer_name": "기자를 고른 칼럼에는 외부 필자 이름을 적지 않습니다."}
            )

    @property
    def writer(self) -> str:
        if self.reporter_id:
            return f"{self.reporter.name} {self.reporter.title}".strip()
        return self.writer_name


class ArticleQuerySet(models.QuerySet):
    """The workflow's states as filters. ``Article.is_published``/``is_scheduled`` say the
    same of one loaded row; tests/articles/test_workflow_predicates.py pins the two
    phrasings together over every status and time."""

    def published(self):
        """What readers may see: published, and its publication time has come.

        The clock is Python's (``timezone.now()``), not the database's, so a scheduled
        article appears by itself with no cron, and tests can move time.
        """
        return self.filter(
            status=Article.Status.PUBLISHED,
            published_at__lte=timezone.now(),
            deleted_at__isnull=True,
        )

    def scheduled(self):
        """Approved for publication at a time still to come."""
        return self.filter(
            status=Article.Status.PUBLISHED,
            published_at__gt=timezone.now(),
            deleted_at__isnull=True,
        )

    def in_review(self):
        return self.filter(status=Article.Status.REVIEW)

    def drafts(self):
        return self.filter(status=Article.Status.DRAFT)

    def rejected(self):
        """Sent back by an editor (반려됨) and not yet submitted again."""
        return self.filter(status=Article.Status.DRAFT, rejected_at__isnull=False)

    def with_status(self, status: str):
        """One status as stored (the admin's filter); ``published`` means live to readers."""
        if status == Article.Status.PUBLISHED:
            return self.published()
        return self.filter(status=status)

    def editable_by(self, user):
        """What ``user`` may change: everything for an editor, a reporter's own stories
        until they are published (articles.permissions says who is which)."""
        from articles.permissions import can_publish

        if not (user.is_active and user.has_perm("articles.change_article")):
            return self.none()
        if can_publish(user):
            return self.all()
        return self.owned_by(user).filter(status__in=Article.REPORTER_EDITABLE)

    def next_scheduled_time(self):
        """When the earliest scheduled story goes live (None if none is waiting)."""
        return (
            self.scheduled().order_by("published_at").values_list("published_at", flat=True).first()
        )

    def with_bylines(self, *, photos: bool = False):
        """Section, lead image and bylines joined; ``photos`` adds the reporters' portraits
        (the article page's reporter box; lists leave them out)."""
        reporter = ("reporter", "reporter__photo") if photos else ("reporter",)
        return self.select_related("section", "section__parent", "lead_image").prefetch_related(
            Prefetch("bylines", queryset=Byline.objects.select_related(*reporter).order_by("order"))
        )

    def with_byline_array(self):
        """``with_bylines()`` in one query: the bylines (with their reporters) come as an
        array column, unpacked as if prefetched (the search page's 20 stories by pk)."""
        listed = self.select_related("section", "section__parent", "lead_image").annotate(
            list_bylines=_byline_array()
        )
        listed._iterable_class = _BylinesFromArray
        return listed

    def for_page(self):
        """What the article page shows, in one query: the story with its section and lead
        image, and as arrays its bylines (reporters and portraits), tags, 정정·반론 and
        related links. Call ``unpack_page_parts()`` on the story fetched."""
        from django.contrib.postgres.expressions import ArraySubquery
        from django.db.models.functions import JSONObject

        def rows(model, **filters):
            found = model.objects.filter(**filters).order_by(*(model._meta.ordering or ["pk"]))
            return ArraySubquery(found.values(json=JSONObject(**_json_columns(model))))

        tags = (
            _tagged_items()
            .filter(object_id=OuterRef("pk"))
            .order_by("tag__name")
            .values(json=JSONObject(id="tag_id", name="tag__name", slug="tag__slug"))
        )
        # Parts other apps own (the council's 관련 의원), as arrays in the same query.
        extra = {}
        for name, source in page_part_sources.items():
            found = source(OuterRef("pk"))
            found = found.order_by(*(found.model._meta.ordering or ["pk"]))
            extra[f"page_part_{name}"] = ArraySubquery(
                found.values(json=JSONObject(**_json_columns(found.model)))
            )
        return self.select_related(
            "section",
            "section__parent",
            "lead_image",
            "series",
            "column",
            "column__reporter",
            "column__photo",
        ).annotate(  # fmt: skip
            list_bylines=_byline_array(photos=True),
            page_tags=ArraySubquery(tags),
            page_corrections=rows(Correction, article_id=OuterRef("pk")),
            page_links=rows(RelatedLink, article_id=OuterRef("pk")),
            page_gallery=_gallery_array(),
            **extra,
        )

    def in_series_order(self):
        """회차 order: numbered parts first by number, unnumbered ones after by publish time."""
        return self.order_by(F("series_part").asc(nulls_last=True), "published_at", "pk")

    def for_lists(self):
        """Columns a list or teaser needs: the body's first part instead of the body, and
        the bylines as an array in the same query (no prefetch query)."""
        return (
            self.with_byline_array()
            .annotate(gallery_count=_gallery_count())
            .defer("body")
            .annotate(body_head=Left("body", TEASER_SOURCE_LENGTH))
            .annotate(comment_count=_published_comment_count())
            .order_by("-published_at", "-pk")
        )

    def with_media(self):
        """포토·영상: stories with a lead image or a video embed in the body (the editor stores
        a video as ``<figure data-video="…">``, articles/embeds.py)."""
        return self.filter(MEDIA_Q)

    def with_video_flag(self):
        """``has_video``: the body holds a video player (for the 영상 mark in lists)."""
        return self.annotate(
            has_video=ExpressionWrapper(VIDEO_Q, output_field=models.BooleanField())
        )

    def older_than(self, pk: int):
        """Stories after story ``pk`` in list order (newest first, ties by id): the next
        keyset page. Its time is read in the same query; an unknown ``pk`` gives none."""
        cursor_time = Subquery(Article.objects.filter(pk=pk).values("published_at")[:1])
        # The plain bound lets the list's index start at the cursor instead of the top.
        return self.filter(published_at__lte=cursor_time).filter(
            Q(published_at__lt=cursor_time) | Q(pk__lt=pk)
        )

    def newest_of_each(self, walks: list, size: int = 0, *, also: Q | None = None):
        """These stories among the newest ``size`` matching each of ``walks`` (and all
        matching ``also``), in one query: a UNION ALL of small LIMITed walks down the list
        indexes, where one sort over every match would read all of a busy tag or section
        at a million stories. Unordered; a story met by several walks comes once. A walk
        may be a ``(Q, size)`` pair with its own size."""
        walks = [walk if isinstance(walk, tuple) else (walk, size) for walk in walks]
        parts = [self.filter(walk).order_by("-published_at", "-pk").values("pk")[:n] for walk, n in walks]  # fmt: skip
        if also is not None:
            parts.append(self.filter(also).values("pk"))
        if not parts:
            return self.none()
        return self.filter(_InArray(F("pk"), parts[0].union(*parts[1:], all=True)))

    def tagged(self, tag_id: int):
        """Stories carrying tag ``tag_id``, as a semi-join on taggit's rows. (A filter on
        ``tags`` joins through the generic relation, casting ``object_id``, so Postgres
        reads every row of a busy tag instead of walking the list index.)"""
        return self.filter(pk__in=_tagged_items().filter(tag_id=tag_id).values("object_id"))

    def in_section(self, section: Section):
        return self.filter(section_id__in=section.family_ids())

    def owned_by(self, user):
        """Articles a reporter may work on: created by them or carrying their byline."""
        return self.filter(Q(created_by=user) | Q(bylines__reporter__user=user)).distinct()

    # 휴지통 (articles/trash.py): a trashed story keeps its status, times and everything
    # hanging off it, so restoring it puts it back exactly as it was.

    def trashed(self):
        return self.filter(deleted_at__isnull=False)

    def not_trashed(self):
        return self.filter(deleted_at__isnull=True)


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
        # 기사형 광고: paid content must say so wherever the story appears.
        ADVERTISEMENT = "ad", "광고"
        SPONSORED = "sponsored", "협찬"

    # The label readers see on a paid story (pages, lists, feeds).
    PAID_ORIGINS = {Origin.ADVERTISEMENT: "광고", Origin.SPONSORED: "협찬"}

    # Fields whose change moves the 수정 time readers see.
    CONTENT_FIELDS = ("headline", "subheadline", "body", "summary", "lead_image_id")
    # The states in which a reporter still works on their own story.
    REPORTER_EDITABLE = (Status.DRAFT, Status.REVIEW)

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
    series = models.ForeignKey(
        Series, verbose_name="기획·연재", null=True, blank=True, on_delete=models.PROTECT,
        related_name="articles",
    )  # fmt: skip
    series_part = models.PositiveSmallIntegerField(
        "회차",
        null=True,
        blank=True,
        help_text="연재의 몇 번째 기사인지. 비워 두면 발행 순서로 놓입니다.",
    )
    column = models.ForeignKey(
        Column, verbose_name="칼럼", null=True, blank=True, on_delete=models.PROTECT,
        related_name="articles", help_text="오피니언 칼럼이면 고릅니다.",
    )  # fmt: skip
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
    # 반려: an editor sent the story back to its reporters with a reason (workflow.reject).
    # Set while the story waits in 작성 중 for the reporter; cleared when it is submitted
    # again or published (the revision history keeps every reason).
    rejection_reason = models.TextField("반려 사유", blank=True, editable=False)
    rejected_at = models.DateTimeField("반려 시각", null=True, blank=True, editable=False)
    rejected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="반려한 사람",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    published_at = models.DateTimeField(
        "발행 시각",
        null=True,
        blank=True,
        # No index of its own: the list indexes below (Meta.indexes) cover every use,
        # and Postgres, offered a bare published_at index too, wrongly prefers it and
        # then sorts thousands of rows (the 30k drafts of the admin list at 1M).
        help_text="미래 시각이면 그때 자동으로 공개됩니다(예약 발행).",
    )
    # Raised by one on every save, by an UPDATE that only matches the version the saver
    # loaded: two saves from the same version cannot both land (see _do_update).
    version = models.PositiveIntegerField("판", default=1, editable=False)
    # 휴지통: set when an editor deletes the story; purge_trash removes it for good later.
    deleted_at = models.DateTimeField(
        "휴지통으로 옮긴 시각", null=True, blank=True, db_index=True, editable=False
    )
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="휴지통으로 옮긴 사람",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    comments_open = models.BooleanField("댓글 허용", default=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = "기사"
        verbose_name_plural = "기사"
        ordering = ["-published_at", "-created_at"]
        permissions = [("publish_article", "기사 발행·예약·발행 취소")]
        indexes = [
            # Lists read newest first with ties by id (for_lists, older_than): a list page
            # is a short walk down one of these, whatever the archive's size.
            models.Index(fields=["status", "-published_at", "-id"], name="article_list_idx"),
            models.Index(
                fields=["section", "status", "-published_at", "-id"],
                name="article_section_list_idx",
            ),
            # The admin's list, in the model's ordering (the admin adds -pk).
            models.Index(
                fields=["-published_at", "-created_at", "-id"], name="article_admin_list_idx"
            ),
            # The article sitemap's lastmod and the home page's 최종 편집일시: the newest
            # visible edit is a short walk down this, not a scan of the archive.
            models.Index(fields=["-content_updated_at"], name="article_updated_idx"),
            # What readers may see (published(): its status and not trashed; the time is the
            # index's range), newest first, with their section (the search page's filter):
            # search walks it or hashes it whole (articles/search/postgres.py) without
            # reading a row of this table, so the 155 MB of stories at 100,000 stay out of
            # the buffer cache.
            models.Index(
                fields=["-published_at", "-id"],
                name="article_published_idx",
                include=["section"],
                condition=models.Q(status="published", deleted_at__isnull=True),
            ),
        ]
        constraints = [
            # One story per 회차 of a series; full_clean (the admin form) says so in Korean.
            models.UniqueConstraint(
                fields=["series", "series_part"],
                condition=Q(series_part__isnull=False),
                name="article_series_part_unique",
                violation_error_message="이 연재에 같은 회차 기사가 이미 있습니다.",
            ),
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
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "version"}
        expected = self.version
        self._saving_over_version = expected if self.pk is not None else None
        self.version = expected + 1 if self.pk is not None else expected
        try:
            super().save(*args, **kwargs)
        except BaseException:
            self.version = expected
            raise
        finally:
            self._saving_over_version = None
        self._loaded_content = self._content_fingerprint()

    def get_absolute_url(self):
        # Built by hand, not reverse(): list pages print dozens of these and reverse()
        # is the costlier part of an item. tests/articles pin it to the URLconf.
        # A page linking to a story shows it: the page ends when the story changes.
        pagecache.depends_on(f"article-{self.pk}")
        if self.slug:
            return f"{get_script_prefix()}articles/{self.pk}/{iri_to_uri(self.slug)}/"
        return f"{get_script_prefix()}articles/{self.pk}/"

    @property
    def paid_label(self) -> str:
        """``광고`` or ``협찬`` for a paid story, else empty (the 기사형 광고 label)."""
        return self.PAID_ORIGINS.get(self.origin, "")

    def _do_update(self, base_qs, using, pk_val, values, update_fields, forced_update):
        expected = getattr(self, "_saving_over_version", None)
        if expected is None:
            return super()._do_update(base_qs, using, pk_val, values, update_fields, forced_update)
        updated = super()._do_update(
            base_qs.filter(version=expected), using, pk_val, values, update_fields, forced_update
        )
        if not updated and base_qs.filter(pk=pk_val).exists():
            raise StaleVersion(pk_val, expected)
        return updated

    def clean(self):
        errors = {}
        if self.status == self.Status.PUBLISHED and not self.section_id:
            errors["section"] = "발행하려면 섹션을 골라야 합니다."
        if self.series_part is not None and not self.series_id:
            errors["series_part"] = "회차를 적으려면 기획·연재를 골라야 합니다."
        if errors:
            raise ValidationError(errors)

    def series_siblings(self, count: int = 10) -> list:
        """이 연재의 다른 기사: the series' other published parts in 회차 order (one query;
        none for a story in no series)."""
        if not self.series_id:
            return []
        return list(
            Article.objects.published()
            .filter(series_id=self.series_id)
            .exclude(pk=self.pk)
            .in_series_order()
            .only("pk", "slug", "headline", "published_at", "series_part", "origin")[:count]
        )

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
        """``ArticleQuerySet.published()`` said of this row (kept in step by a test)."""
        return self._publication_time_has_come() is True

    @property
    def is_scheduled(self) -> bool:
        """``ArticleQuerySet.scheduled()`` said of this row (kept in step by a test)."""
        return self._publication_time_has_come() is False

    def _publication_time_has_come(self) -> bool | None:
        """None when not approved for publication, else whether its time has come."""
        if self.status != self.Status.PUBLISHED or self.published_at is None:
            return None
        if self.deleted_at is not None:  # in the 휴지통: neither live nor waiting
            return None
        return self.published_at <= timezone.now()

    @property
    def is_trashed(self) -> bool:
        return self.deleted_at is not None

    @property
    def purge_due_at(self):
        """When purge_trash may remove this trashed story for good."""
        if self.deleted_at is None:
            return None
        return self.deleted_at + timezone.timedelta(days=settings.TRASH_KEEP_DAYS)

    @property
    def display_status(self) -> str:
        if self.is_rejected:
            return "반려됨"
        return "예약 발행" if self.is_scheduled else self.get_status_display()

    @property
    def is_rejected(self) -> bool:
        return self.status == Article.Status.DRAFT and self.rejected_at is not None

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

    def gallery(self) -> list[GalleryPhoto]:
        """The 포토뉴스 photos in order with their library photos (no query after
        ``unpack_page_parts()`` or a prefetch)."""
        return list(self.gallery_photos.all())

    @property
    def lead_image_in_gallery(self) -> bool:
        """The lead photo is one of the gallery's: the page shows it once, in the strip."""
        return bool(self.lead_image_id) and any(
            photo.image_id == self.lead_image_id for photo in self.gallery_photos.all()
        )

    def byline_reporters(self) -> list[Reporter]:
        return [byline.reporter for byline in self.bylines.all()]

    def unpack_page_parts(self) -> None:
        """After ``ArticleQuerySet.for_page()``: its arrays as if prefetched, so the
        template's ``article.tags.all``, ``bylines``, ``corrections`` and
        ``related_links`` run no query."""
        _unpack_bylines(self)
        if hasattr(self, "page_tags"):
            _as_prefetched(self, "tags", Tag, [Tag(**row) for row in self.page_tags])
        for name, model, attr in (
            ("corrections", Correction, "page_corrections"),
            ("related_links", RelatedLink, "page_links"),
        ):
            if hasattr(self, attr):
                _as_prefetched(
                    self, name, model, [_from_json(model, r) for r in getattr(self, attr)]
                )
        if hasattr(self, "page_gallery"):
            photos = []
            for row in self.page_gallery:
                photo = GalleryPhoto(
                    id=row["id"], article_id=self.pk, order=row["order"], caption=row["caption"]
                )
                photo.image = _from_json(Image, row, "i_")
                photos.append(photo)
            _as_prefetched(self, "gallery_photos", GalleryPhoto, photos)
        for name, source in page_part_sources.items():
            rows = self.__dict__.get(f"page_part_{name}")
            if rows is not None:
                model = source(OuterRef("pk")).model
                _as_prefetched(self, name, model, [_from_json(model, r) for r in rows])

    def related_for_readers(self, count: int | None = None) -> list[Article]:
        """The 관련기사 block, in one query: the desk's picks in their order, then recent
        stories sharing a tag, then recent stories of the same section, ``count`` in all
        (``RELATED_ARTICLES_COUNT``).

        Every candidate comes from ``published()`` and the article itself is excluded, so
        a pick that is unpublished, scheduled or self-referencing is simply not shown.

        The candidates are the picks and the newest ``count`` stories of each tag and of
        the section (``ArticleQuerySet.newest_of_each``), never every story sharing a busy
        tag; that is exact, since the block shows at most ``count`` of each kind. With
        the tags prefetched (the article page) each tag is its own index walk, planned
        for that tag's size; otherwise one walk covers the article's tags.

        Stories from ``closer_related_sources`` (the council's: sharing a member or a
        session) come after the picks and before those sharing a tag.
        """
        if self.pk is None:
            return []
        return list(self.related_query(count))

    def related_query(self, count: int | None = None):
        """The queryset behind ``related_for_readers`` (for a saved story), so the article
        page can read the 미디어 box in the same query (``articles.media``)."""
        count = count or settings.RELATED_ARTICLES_COUNT
        picks = RelatedArticle.objects.filter(article_id=self.pk)
        tagged = _tagged_items()
        own_tags = tagged.filter(object_id=self.pk).values("tag_id")
        prefetched_tags = getattr(self, "_prefetched_objects_cache", {}).get("tags")
        if prefetched_tags is not None:
            tag_ids = [tag.pk for tag in prefetched_tags]
            walks = [Q(pk__in=tagged.filter(tag_id=pk).values("object_id")) for pk in tag_ids]
        else:
            walks = [Q(pk__in=tagged.filter(tag_id__in=own_tags).values("object_id"))]
        if self.section_id:
            walks.append(Q(section_id=self.section_id))
        # Read from the link rows first (an array, run once): a walk down the list index
        # probing them would read the whole archive for a story with no such link, the
        # common case (2–5 s at a million stories); the array costs the links' count.
        closer = [
            Q(_InArray(F("pk"), ids))
            for source in closer_related_sources
            for ids in source(self.pk)
        ]
        walks = closer + walks
        is_closer = (
            ExpressionWrapper(functools.reduce(operator.or_, closer), models.BooleanField())
            if closer
            else Value(False)
        )
        readable = Article.objects.published().exclude(pk=self.pk)
        candidates = readable.newest_of_each(
            walks, count, also=Q(pk__in=picks.values("related_id"))
        )
        return (
            candidates.annotate(
                pick_order=Subquery(picks.filter(related_id=OuterRef("pk")).values("order")[:1]),
                is_closer=is_closer,
                shares_tag=Exists(tagged.filter(object_id=OuterRef("pk"), tag_id__in=own_tags)),
            )
            .select_related("section", "lead_image")
            .defer("body")
            .order_by(*RELATED_ORDER)[:count]
        )


# Related rows other apps show on the article page, read in its one query
# (``ArticleQuerySet.for_page``): the name of the article's reverse relation -> a function
# of the article's pk (an OuterRef) giving the rows, in their model's ordering. After
# ``unpack_page_parts()``, ``article.<name>.all()`` runs no query (council/apps.py).
page_part_sources: dict[str, Callable[[OuterRef], models.QuerySet]] = {}


# Functions of an article's pk giving querysets of the pks of stories closer to it than a
# shared tag (each becomes one bounded walk): apps that know such ties add theirs in
# AppConfig.ready() (council/apps.py).
closer_related_sources: list[Callable[[int], list[models.QuerySet]]] = []


# 관련기사 order: the desk's picks in their order, closer ties, shared tags, then newest.
RELATED_ORDER = (
    F("pick_order").asc(nulls_last=True),
    "-is_closer",
    "-shares_tag",
    "-published_at",
    "-pk",
)

VIDEO_Q = Q(body__contains='<figure data-video="')
MEDIA_Q = Q(lead_image__isnull=False) | VIDEO_Q


def _tagged_items():
    """Taggit's rows for articles (its content type comes from Django's per-process cache,
    and a plain id keeps the walks' plans simple)."""
    from django.contrib.contenttypes.models import ContentType

    return TaggedItem.objects.filter(content_type_id=ContentType.objects.get_for_model(Article).pk)


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
    url = models.URLField("주소", max_length=500, validators=[validate_http_url])
    order = models.PositiveSmallIntegerField("순서", default=0)

    class Meta:
        verbose_name = "관련 링크"
        verbose_name_plural = "관련 링크"
        ordering = ["order", "pk"]

    def __str__(self):
        return self.title


class GalleryPhoto(models.Model):
    """포토뉴스: one photo of a story's gallery, in order. The photo stays in the library
    while a gallery uses it (``stories_using``); the caption may be the story's own."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="gallery_photos")
    image = models.ForeignKey(
        Image, verbose_name="사진", on_delete=models.PROTECT, related_name="gallery_uses"
    )
    caption = models.CharField(
        "사진 설명(이 기사에서)",
        max_length=500,
        blank=True,
        help_text="비우면 사진 보관함의 사진 설명을 씁니다.",
    )
    order = models.PositiveSmallIntegerField("순서", default=0)

    class Meta:
        verbose_name = "포토뉴스 사진"
        verbose_name_plural = "포토뉴스 사진(순서대로)"
        ordering = ["order", "pk"]

    def __str__(self):
        return self.shown_caption or str(self.image_id)

    @property
    def shown_caption(self) -> str:
        return self.caption or (self.image.caption if self.image_id else "")


# 휴지통 (articles/trash.py, issue 8): the admin's list of trashed stories.


class TrashedArticleManager(models.Manager.from_queryset(ArticleQuerySet)):
    def get_queryset(self):
        return super().get_queryset().trashed()


class TrashedArticle(Article):
    """The 휴지통 in the admin: the same rows as Article, only the trashed ones."""

    objects = TrashedArticleManager()

    class Meta:
        proxy = True
        verbose_name = "휴지통의 기사"
        verbose_name_plural = "휴지통"
        ordering = ["-deleted_at", "-pk"]
        # Editors only, decided in the admin by can_publish: no permission rows of its own.
        default_permissions = ()


# Delete protection (issue 8): a section, reporter, photo or tag that stories still use
# cannot be deleted, and nothing cascades into stories. Trashed stories count as users:
# they may be restored.

# How many headlines (or names) an in-use message lists before "외 N건".
USES_LISTED = 5


class InUseError(ProtectedError):
    """Deleting something stories (or banners, portraits) still use; ``str()`` is the
    Korean message the desk sees."""

    def __init__(self, message: str, protected_objects):
        super().__init__(message, protected_objects)
        self.message = message

    def __str__(self):
        return self.message


def stories_using(obj) -> models.QuerySet:
    """Every story, trashed ones included, that uses ``obj`` (a section, reporter, photo
    or tag)."""
    if isinstance(obj, Section):
        return Article.objects.filter(section=obj)
    if isinstance(obj, Reporter):
        return Article.objects.filter(bylines__reporter=obj)
    if isinstance(obj, Image):
        # A body refers to a library photo as <figure data-image-id="12"> (articles/body.py).
        return Article.objects.filter(
            Q(lead_image=obj)
            | Q(body__contains=f'data-image-id="{obj.pk}"')
            | Q(pk__in=GalleryPhoto.objects.filter(image=obj).values("article_id"))
        )
    if isinstance(obj, Tag):
        return Article.objects.filter(tags=obj)
    return Article.objects.none()


def _use_summary(queryset, *, what: str, unit: str, name: str, stories: bool = False):
    count = queryset.count()
    if not count:
        return None
    names = list(queryset.order_by("-pk").values_list(name, flat=True)[:USES_LISTED])
    listed = ", ".join(f"‘{n}’" for n in names)
    if count > len(names):
        listed += f" 외 {count - len(names)}{unit}"
    summary = f"{what} {count}{unit}({listed})"
    trashed = queryset.filter(deleted_at__isnull=False).count() if stories else 0
    if trashed:
        summary += (
            f" — 이 가운데 {trashed}건은 휴지통에 있습니다. "
            "휴지통의 기사도 복원될 수 있어 함께 셉니다"
        )
    return summary


def in_use_message(obj) -> str | None:
    """The Korean refusal for deleting ``obj``, or None when nothing uses it."""
    if obj.pk is None:
        return None
    uses = [_use_summary(stories_using(obj), what="기사", unit="건", name="headline", stories=True)]
    if isinstance(obj, Section):
        uses.append(_use_summary(obj.children.all(), what="하위 섹션", unit="개", name="name"))
    if isinstance(obj, Image):
        uses.append(_use_summary(obj.banners.all(), what="배너", unit="개", name="name"))
        uses.append(
            _use_summary(
                Reporter.objects.filter(photo=obj), what="기자 사진", unit="명", name="name"
            )
        )
    uses = [use for use in uses if use]
    if not uses:
        return None
    return (
        f"{obj._meta.verbose_name} ‘{obj}’은(는) 쓰는 곳이 있어 삭제할 수 없습니다: "
        f"{'; '.join(uses)}. 그곳에서 먼저 빼거나 바꾼 뒤 삭제하세요."
    )


def refuse_if_used(objs) -> None:
    """Raise ``InUseError`` if anything uses one of ``objs``."""
    for obj in objs:
        message = in_use_message(obj)
        if message:
            raise InUseError(message, list(stories_using(obj)[:USES_LISTED]))


@receiver(pre_delete, sender=Tag, dispatch_uid="articles-refuse-deleting-used-tag")
def _refuse_deleting_used_tag(sender, instance, **kwargs):
    # taggit's Tag is not ours to give a delete(); its rows go through the collector,
    # which sends pre_delete before deleting anything.
    refuse_if_used([instance])


# Corrections (issue 8): 정정보도 / 반론보도 / 바로잡습니다 under a story.


@reversion.register()
class Correction(models.Model):
    class Kind(models.TextChoices):
        CORRECTION = "correction", "정정보도"
        REPLY = "reply", "반론보도"
        ERRATUM = "erratum", "바로잡습니다"

    article = models.ForeignKey(
        Article, verbose_name="기사", on_delete=models.CASCADE, related_name="corrections"
    )
    kind = models.CharField("종류", max_length=20, choices=Kind.choices, default=Kind.ERRATUM)
    text = models.TextField(
        "내용",
        error_messages={"required": "정정·반론 내용을 입력하세요."},
        help_text="글자 그대로 보입니다(HTML은 쓰지 않습니다). 줄을 바꾸면 그대로 바뀝니다.",
    )
    date = models.DateField("날짜", default=timezone.localdate)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="작성자",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    created_at = models.DateTimeField("작성 시각", auto_now_add=True)
    updated_at = models.DateTimeField("저장 시각", auto_now=True)

    class Meta:
        verbose_name = "정정·반론 보도"
        verbose_name_plural = "정정·반론 보도"
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.date:%Y.%m.%d})" if self.date else str(self.kind)


@receiver(post_save, sender=Correction, dispatch_uid="articles-correction-saved")
@receiver(post_delete, sender=Correction, dispatch_uid="articles-correction-deleted")
def _correction_moves_revised_time(sender, instance, **kwargs):
    # A correction changes what readers read: the story's 수정 time moves. An UPDATE, not
    # article.save(), so the story's own saving rules (versions, stale checks) stay out.
    Article.objects.filter(pk=instance.article_id).update(content_updated_at=timezone.now())


class EditingPresence(models.Model):
    """Someone has an article's change form open: written when the form is opened and by
    its heartbeat (static/articles/presence.js). In the database, so every gunicorn worker
    sees every editor without a shared cache."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    started_at = models.DateTimeField("편집 시작", default=timezone.now)
    seen_at = models.DateTimeField("마지막 신호", default=timezone.now)
    # Set when another person took the story over; shown to this editor on the next beat.
    taken_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    page_cache_neutral = True  # readers' pages do not show who is editing

    class Meta:
        verbose_name = "편집 중 표시"
        verbose_name_plural = "편집 중 표시"
        constraints = [
            models.UniqueConstraint(fields=["article", "user"], name="unique_editing_presence"),
        ]

    def __str__(self):
        return f"{self.user} · {self.article_id}"


class NoticePreference(models.Model):
    """Whether a person wants the desk's e-mail notices (articles/notices.py); no row: yes."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name="사용자",
        on_delete=models.CASCADE,
        related_name="notice_preference",
    )
    email = models.BooleanField("이메일 알림 받기", default=True)

    page_cache_neutral = True

    class Meta:
        verbose_name = "알림 설정"
        verbose_name_plural = "알림 설정"

    def __str__(self):
        return f"{self.user} · {'받음' if self.email else '받지 않음'}"


class Notice(models.Model):
    """One e-mail to one person about one workflow step, queued in the step's transaction
    and sent after it commits; ``send_notices`` retries what did not go out."""

    class Kind(models.TextChoices):
        SUBMITTED = "submitted", "검토 요청"
        REJECTED = "rejected", "반려"
        PUBLISHED = "published", "발행"
        SCHEDULED = "scheduled", "예약 발행"
        UNPUBLISHED = "unpublished", "발행 취소"

    kind = models.CharField("종류", max_length=20, choices=Kind.choices)
    article = models.ForeignKey(
        Article, verbose_name="기사", on_delete=models.CASCADE, related_name="notices"
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="받는 사람",
        on_delete=models.CASCADE,
        related_name="+",
    )
    # Written when queued: the mail says what happened then, whatever the story is now.
    email = models.EmailField("받는 주소")
    subject = models.CharField("제목", max_length=300)
    body = models.TextField("내용")
    created_at = models.DateTimeField("만든 시각", default=timezone.now)
    sent_at = models.DateTimeField("보낸 시각", null=True, blank=True)
    attempts = models.PositiveSmallIntegerField("보낸 시도", default=0)
    last_attempt_at = models.DateTimeField("마지막 시도", null=True, blank=True)
    last_error = models.TextField("마지막 오류", blank=True)

    page_cache_neutral = True

    class Meta:
        verbose_name = "알림 메일"
        verbose_name_plural = "알림 메일"
        ordering = ["-created_at", "-pk"]
        indexes = [
            # send_notices reads the unsent ones only.
            models.Index(
                fields=["created_at"], name="notice_unsent_idx", condition=Q(sent_at__isnull=True)
            ),
        ]

    def __str__(self):
        return self.subject


# The search index is its own small app-within-the-app (articles/search/); its model
# belongs to this app's registry.
from articles.search.models import ArticleSearchIndex  # noqa: E402,F401
