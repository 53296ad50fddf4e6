"""bench/generate.py fills every kind of row the pages read, and the pages render on it."""

import importlib.util
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db.models import Count, F

pytestmark = pytest.mark.django_db(transaction=True)  # COPY batches, TRUNCATE and VACUUM

GENERATOR = Path(__file__).resolve().parents[2] / "bench" / "generate.py"


def load_generator():
    spec = importlib.util.spec_from_file_location("bench_generate", GENERATOR)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def generator():
    return load_generator()


def test_small_archive_has_comments_council_series_columns_video_and_galleries(
    generator, media_root, client
):
    from articles.models import Article, Column, GalleryPhoto, Series
    from comments.models import Comment
    from council.models import CouncilMember, MemberArticle, Session, SessionArticle

    generator.generate(generator.parse_args(["--articles", "400", "--database-url", "-", "--reset"]))  # fmt: skip

    assert Article.objects.count() == 400
    # Comments: most stories none, a few with hundreds; replies one level; not all shown.
    per_story = Comment.objects.values("article").annotate(n=Count("pk"))
    assert 0 < per_story.count() < 400 // 2
    busiest = per_story.order_by("-n").first()
    assert busiest["n"] >= 200
    replies = Comment.objects.exclude(parent=None)
    assert replies.exists() and not replies.exclude(parent__parent=None).exists()
    assert not replies.exclude(parent__article_id=F("article_id")).exists()
    assert {"hidden", "pending"} <= set(Comment.objects.values_list("status", flat=True))
    # The council: three terms, a 동명이인 pair (one sitting, one former), ~100 sessions.
    assert CouncilMember.objects.count() >= 28
    namesakes = CouncilMember.objects.filter(name="이상훈")
    assert sorted(namesakes.values_list("is_active", flat=True)) == [False, True]
    assert Session.objects.count() == generator.SESSIONS
    assert MemberArticle.objects.exists() and SessionArticle.objects.exists()
    council = Article.objects.filter(section__slug="council")
    assert not MemberArticle.objects.exclude(article__in=council).exists()
    # Series with their 회차, columns on opinion stories, videos, galleries.
    series = Series.objects.annotate(n=Count("articles")).filter(n__gte=3).first()
    assert series is not None
    parts = list(series.articles.values_list("series_part", flat=True))
    assert len(parts) == len(set(parts)) and min(parts) == 1
    assert not Article.objects.exclude(column=None).exclude(section__slug__in=["opinion", "column"]).exists()  # fmt: skip
    column = Column.objects.filter(is_active=True).annotate(n=Count("articles")).order_by("-n").first()  # fmt: skip
    assert column.n > 0
    video = Article.objects.published().filter(body__contains='<figure data-video="').first()
    assert video is not None
    gallery = GalleryPhoto.objects.filter(article__in=Article.objects.published()).first()
    assert gallery is not None

    member = CouncilMember.objects.annotate(n=Count("links")).order_by("-n").first()
    session = Session.objects.annotate(n=Count("links")).order_by("-n").first()
    talked_about = Article.objects.get(pk=busiest["article"])
    pages = [
        "/council/",
        member.get_absolute_url(),
        session.get_absolute_url(),
        "/opinion/",
        column.get_absolute_url(),
        series.get_absolute_url(),
        talked_about.get_absolute_url(),
        f"/articles/{talked_about.pk}/comments/",
        video.get_absolute_url(),
        gallery.article.get_absolute_url(),
        "/multimedia/",
        "/tags/",
    ]
    for url in pages:
        cache.clear()
        assert client.get(url).status_code == 200, url
    # The video's embed and the thread reach the pages.
    cache.clear()
    assert 'data-video="' in client.get(video.get_absolute_url()).content.decode()
