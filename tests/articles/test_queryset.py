from datetime import timedelta
from urllib.parse import unquote

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def visible_ids():
    return set(Article.objects.published().values_list("pk", flat=True))


def test_only_published_articles_whose_time_has_come_are_visible():
    now = timezone.now()
    shown = make_article(published_at=now - timedelta(minutes=1))
    draft = make_article(published=False)
    review = make_article(published=False, status=Article.Status.REVIEW)
    scheduled = make_article(published_at=now + timedelta(hours=1))
    unpublished = make_article(
        published=False, status=Article.Status.UNPUBLISHED, published_at=now - timedelta(days=1)
    )
    published_without_time = make_article(published=False, status=Article.Status.PUBLISHED)

    assert visible_ids() == {shown.pk}
    for hidden in (draft, review, scheduled, unpublished, published_without_time):
        assert not hidden.is_published


def test_scheduled_article_appears_by_itself_when_its_time_comes(monkeypatch):
    now = timezone.now()
    scheduled = make_article(published_at=now + timedelta(hours=1))
    assert scheduled.pk not in visible_ids()
    assert scheduled.is_scheduled and scheduled.display_status == "예약 발행"

    # The rule reads Python's clock, so moving it is enough: no cron, no save.
    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(hours=2))
    assert scheduled.pk in visible_ids()


def test_in_section_includes_sub_sections():
    from tests.factories import make_section

    politics = make_section("정치")
    council = make_section("시흥시의회", parent=politics)
    other = make_section("경제")
    in_parent = make_article(section=politics)
    in_child = make_article(section=council)
    make_article(section=other)

    assert set(Article.objects.published().in_section(politics)) == {in_parent, in_child}
    assert set(Article.objects.published().in_section(council)) == {in_child}


def test_content_time_moves_only_when_content_changes(monkeypatch):
    article = make_article()
    article = Article.objects.get(pk=article.pk)
    first = article.content_updated_at

    later = timezone.now() + timedelta(hours=3)
    monkeypatch.setattr(timezone, "now", lambda: later)
    article.origin = Article.Origin.WIRE  # not content readers read
    article.save()
    assert Article.objects.get(pk=article.pk).content_updated_at == first

    article.headline = "제목이 바뀌었다"
    article.save()
    assert Article.objects.get(pk=article.pk).content_updated_at == later


def test_saving_the_same_body_again_is_not_a_revision(monkeypatch):
    article = make_article(body="<p>그대로<script>x</script></p>")
    article = Article.objects.get(pk=article.pk)
    first = article.content_updated_at
    monkeypatch.setattr(timezone, "now", lambda: first + timedelta(hours=1))
    article.body = "<p>그대로<script>x</script></p>"  # cleans to what is stored
    article.save()
    assert Article.objects.get(pk=article.pk).content_updated_at == first


def test_slug_is_made_from_a_korean_headline():
    article = make_article(headline="시흥시의회 임시회 개회")
    assert article.slug == "시흥시의회-임시회-개회"
    url = article.get_absolute_url()
    assert unquote(url) == f"/articles/{article.pk}/시흥시의회-임시회-개회/"


def test_hand_built_article_urls_match_the_urlconf():
    from django.urls import reverse

    for headline in ("시흥시의회 임시회 개회", "Plain ASCII", "숫자 2025와 기호 ‘따옴표’"):
        article = make_article(headline=headline)
        expected = reverse("articles:detail", kwargs={"pk": article.pk, "slug": article.slug})
        assert article.get_absolute_url() == expected
    article.slug = ""
    assert article.get_absolute_url() == reverse("articles:detail_short", kwargs={"pk": article.pk})


def test_reflowed_white_space_in_the_body_is_not_a_revision(monkeypatch):
    article = make_article(
        body="<p>첫 문단</p>\n<p>둘째   문단</p>\n<blockquote><p>인용</p></blockquote>"
    )
    article = Article.objects.get(pk=article.pk)
    first = article.content_updated_at
    monkeypatch.setattr(timezone, "now", lambda: first + timedelta(hours=1))
    article.body = "<p>첫 문단</p><p>둘째 문단</p><blockquote><p>인용</p></blockquote>"
    article.save()
    assert Article.objects.get(pk=article.pk).content_updated_at == first
    article.body = "<p>첫 문단</p><p>둘째 문단이 바뀜</p>"
    article.save()
    assert Article.objects.get(pk=article.pk).content_updated_at != first
