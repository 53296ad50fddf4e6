"""Small factories: sensible defaults, every field overridable."""

from __future__ import annotations

import io
import itertools
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from articles.models import Article, Byline, Image, Reporter, Section

_seq = itertools.count(1)


def make_user(username=None, *, groups=(), is_staff=True, **fields):
    username = username or f"user{next(_seq)}"
    user = get_user_model().objects.create_user(
        username=username, password="pw-for-tests", is_staff=is_staff, **fields
    )
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def make_reporter_user(username=None, **fields):
    """A staff user in group 기자, with a byline profile."""
    user = make_user(username, groups=["기자"], **fields)
    Reporter.objects.create(user=user, name=user.username, email=f"{user.username}@example.kr")
    return user


def make_editor(username=None, **fields):
    return make_user(username, groups=["편집자"], **fields)


def make_section(name=None, **fields):
    n = next(_seq)
    fields.setdefault("slug", f"section-{n}")
    return Section.objects.create(name=name or f"섹션{n}", **fields)


def make_reporter(name=None, **fields):
    return Reporter.objects.create(name=name or f"기자{next(_seq)}", **fields)


def make_article(*, reporters=(), tags=(), published=True, **fields):
    """A published article (an hour ago) unless told otherwise."""
    n = next(_seq)
    fields.setdefault("headline", f"시흥 소식 {n}")
    fields.setdefault("body", f"<p>본문 {n}입니다.</p>")
    if "section" not in fields:
        fields["section"] = make_section()
    if published:
        fields.setdefault("status", Article.Status.PUBLISHED)
        fields.setdefault("published_at", timezone.now() - timedelta(hours=1))
    article = Article.objects.create(**fields)
    for order, reporter in enumerate(reporters):
        Byline.objects.create(article=article, reporter=reporter, order=order)
    if tags:
        article.tags.add(*tags)
    return article


def make_articles_in_bulk(count, *, section, reporters=(), tags=()):
    """``count`` published stories (newest first an hour ago, a second apart) in a handful of
    queries: bulk inserts and one search-index call. For tests about archive sizes, where
    saving story after story is what takes the time. No signals run: clear the cache after."""
    from django.contrib.contenttypes.models import ContentType
    from django.utils.text import slugify
    from taggit.models import Tag, TaggedItem

    from articles.search.backend import get_backend

    start = timezone.now() - timedelta(hours=1)
    stories = []
    for offset in range(count):
        n = next(_seq)
        stories.append(
            Article(
                headline=f"시흥 소식 {n}",
                slug=slugify(f"시흥 소식 {n}", allow_unicode=True),
                body=f"<p>본문 {n}입니다.</p>",
                section=section,
                status=Article.Status.PUBLISHED,
                published_at=start - timedelta(seconds=offset),
            )
        )
    stories = Article.objects.bulk_create(stories)
    Byline.objects.bulk_create(
        Byline(article=story, reporter=reporter, order=order)
        for story in stories
        for order, reporter in enumerate(reporters)
    )
    found = [Tag.objects.get_or_create(name=name)[0] for name in tags]
    content_type = ContentType.objects.get_for_model(Article)
    TaggedItem.objects.bulk_create(
        TaggedItem(content_type=content_type, object_id=story.pk, tag=tag)
        for story in stories
        for tag in found
    )
    get_backend().index([story.pk for story in stories])
    return stories


def jpeg_bytes(size=(64, 48), color=(10, 80, 160), fmt="JPEG") -> bytes:
    from PIL import Image as PILImage

    out = io.BytesIO()
    PILImage.new("RGB", size, color).save(out, fmt)
    return out.getvalue()


def make_image(**fields):
    fields.setdefault("alt_text", "시흥시청 전경")
    image = Image(**fields)
    if not image.file:
        image.file = SimpleUploadedFile(f"photo{next(_seq)}.jpg", jpeg_bytes(), "image/jpeg")
    image.save()
    return image


def make_banner(**fields):
    """A live banner in sidebar-1 unless told otherwise."""
    from newsroom.models import Banner

    n = next(_seq)
    fields.setdefault("name", f"배너 {n}")
    fields.setdefault("slot", "sidebar-1")
    fields.setdefault("alt_text", f"시흥 축제 안내 {n}")
    fields.setdefault("url", f"https://example.kr/ad/{n}")
    if "image" not in fields:
        fields["image"] = make_image(alt_text=f"배너 이미지 {n}")
    return Banner.objects.create(**fields)


def banner_form_data(**overrides):
    """What the banner admin form posts for a valid, always-on sidebar banner."""
    data = {
        "name": "갯골축제",
        "slot": "sidebar-1",
        "image": make_image().pk,
        "alt_text": "시흥갯골축제 9월 개막",
        "url": "https://example.kr/festival",
        "is_active": "on",
        "weight": "1",
        "order": "0",
        "starts_at_0": "",
        "starts_at_1": "",
        "ends_at_0": "",
        "ends_at_1": "",
    }
    data.update(overrides)
    return data


# Every data migration that makes the desk's groups or grants them permissions.
DESK_GROUP_MIGRATIONS = (
    ("articles.migrations.0002_newsroom_groups", "create_groups"),
    ("articles.migrations.0005_correction_permissions", "grant"),
    ("newsroom.migrations.0002_editor_permissions", "setup"),
    ("newsroom.migrations.0004_placement_permissions", "grant"),
    ("weather.migrations.0003_editor_permissions", "grant_editors"),
    ("council.migrations.0002_council_permissions", "grant"),
    ("articles.migrations.0014_series_and_columns", "grant"),
    ("articles.migrations.0017_article_gallery_photos", "grant"),
    ("comments.migrations.0002_privacy_and_editor_rights", "forwards"),
    ("newsletter.migrations.0002_editor_permissions_and_privacy", "forward"),
    ("newsroom.migrations.0009_footer_pages_and_editors", "add_pages"),
    ("newsroom.migrations.0010_home_block_pins", "grant"),
    ("weather.migrations.0002_seed_stations", "seed_stations"),
)
# Data migrations that write nothing a flushed database needs back (they rewrite rows).
DATA_MIGRATIONS_NOT_RESTORED = {"newsroom.migrations.0005_strip_xml_illegal_characters"}


def restore_desk_groups():
    """The 기자/편집자 groups and what migrations granted them, for transactional tests
    that run after an earlier one flushed every table (seed_demo refuses to run without
    them; an editor without them cannot open the banner admin)."""
    import importlib

    from django.apps import apps

    for module, function in DESK_GROUP_MIGRATIONS:
        getattr(importlib.import_module(module), function)(apps, None)
