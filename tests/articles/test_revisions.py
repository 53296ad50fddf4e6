"""변경 이력: list, compare and restore, and who may see them."""

import pytest

from articles import history, workflow
from articles.models import Article, Byline
from tests.articles.test_admin_workflow import change_url, form_data
from tests.factories import (
    make_article,
    make_editor,
    make_image,
    make_reporter_user,
    make_section,
)

pytestmark = pytest.mark.django_db


def revisions_url(article):
    return f"/admin/articles/article/{article.pk}/revisions/"


def restore_url(article, version):
    return f"/admin/articles/article/{article.pk}/revisions/{version.pk}/restore/"


def edited(client, article, **changes):
    data = form_data(client, change_url(article), **changes)
    for index, byline in enumerate(Article.objects.get(pk=article.pk).bylines.all()):
        data[f"bylines-{index}-id"] = byline.pk  # the shared helper leaves inline ids out
    response = client.post(change_url(article), data)
    assert response.status_code == 302, (
        response.context["adminform"].form.errors,
        [f.formset.errors for f in response.context["inline_admin_formsets"]],
    )
    return Article.objects.get(pk=article.pk)


@pytest.fixture
def editor(client):
    user = make_editor()
    client.force_login(user)
    return user


def test_list_and_compare_mark_the_changed_words(client, editor):
    article = make_article(headline="시흥시 예산 통과")
    edited(client, article, headline="시흥시 추경 예산 통과")
    edited(client, article, headline="시흥시 추경 예산 부결")
    versions = list(history.versions_of(article))
    assert len(versions) == 2
    html = client.get(revisions_url(article)).content.decode()
    assert "변경 이력" in html and "저장" in html
    html = client.get(
        revisions_url(article), {"a": versions[1].pk, "b": versions[0].pk}
    ).content.decode()
    assert "<del>통과</del>" in html and "<ins>부결</ins>" in html
    assert "<del>시흥시" not in html


def test_restore_is_a_new_revision_with_bylines_and_tags(client, editor):
    reporter = make_reporter_user()
    article = make_article(headline="첫 제목", reporters=[reporter.reporter], tags=["시흥"])
    first = edited(client, article, summary="첫 요약")
    old = history.versions_of(first)[0]
    Byline.objects.filter(article=article).delete()
    edited(client, article, headline="바뀐 제목", tags="다른 태그")

    response = client.post(restore_url(article, old))
    assert response.status_code == 302
    article = Article.objects.get(pk=article.pk)
    assert article.headline == "첫 제목"
    assert list(article.tags.names()) == ["시흥"]
    assert [b.reporter for b in article.bylines.all()] == [reporter.reporter]
    assert history.steps_of(history.versions_of(article)[0].revision.comment) == ["restore"]


def test_restore_of_another_storys_revision_is_a_404(client, editor):
    article, other = make_article(), make_article()
    edited(client, other, headline="남의 기사")
    foreign = history.versions_of(other)[0]
    assert client.post(restore_url(article, foreign)).status_code == 404
    assert client.get(revisions_url(article), {"a": foreign.pk, "b": foreign.pk}).status_code == 404


@pytest.mark.parametrize("gone", ["section", "lead_image"])
def test_restore_when_the_section_or_photo_is_gone_changes_nothing(
    client, editor, gone, media_root
):
    old_section, photo = make_section(), make_image()
    article = make_article(section=old_section, lead_image=photo, headline="옛 제목")
    edited(client, article, summary="옛 판")
    old = history.versions_of(article)[0]
    edited(client, article, headline="새 제목", section=make_section().pk, lead_image="")
    (old_section if gone == "section" else photo).delete()

    response = client.post(restore_url(article, old), follow=True)
    assert "삭제되어 복원하지 않았습니다" in response.content.decode()
    article = Article.objects.get(pk=article.pk)
    assert article.headline == "새 제목"
    assert len(history.versions_of(article)) == 2


def test_a_published_restore_goes_through_the_publish_rules(client, editor):
    article = make_article(published=False, section=None)
    edited(client, article, summary="섹션 없는 판")
    old = history.versions_of(article)[0]
    section = make_section()
    edited(client, article, section=section.pk)
    workflow.publish(Article.objects.get(pk=article.pk), by=editor)
    response = client.post(restore_url(article, old), follow=True)
    assert "발행하려면 섹션을 골라야 합니다" in response.content.decode()
    assert Article.objects.get(pk=article.pk).section == section


class TestWhoMaySee:
    def test_anonymous_goes_to_login(self, client):
        article = make_article()
        response = client.get(revisions_url(article))
        assert response.status_code == 302 and "/login/" in response["Location"]

    def test_a_reporter_sees_own_story_revisions_only(self, client):
        reporter = make_reporter_user()
        mine = make_article(published=False, created_by=reporter)
        others = make_article(published=False)
        client.force_login(reporter)
        assert client.get(revisions_url(mine)).status_code == 200
        assert client.get(revisions_url(others)).status_code == 404

    def test_a_reporter_cannot_restore_a_published_story(self, client):
        reporter = make_reporter_user()
        article = make_article(created_by=reporter)
        history.record(article, by=make_editor(), step="save")
        version = history.versions_of(article)[0]
        client.force_login(reporter)
        assert client.post(restore_url(article, version)).status_code == 403
