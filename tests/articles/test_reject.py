import pytest

from articles import history
from articles.models import Article
from tests.factories import make_article, make_editor, make_reporter_user

pytestmark = pytest.mark.django_db


def test_editor_rejects_with_reason_reporter_sees_it_and_resubmits(client):
    reporter = make_reporter_user()
    article = make_article(published=False, status=Article.Status.REVIEW, created_by=reporter)
    client.force_login(make_editor())
    url = f"/admin/articles/article/{article.pk}/reject/"
    assert client.post(url, {"reason": "   "}).status_code == 400
    assert Article.objects.get(pk=article.pk).status == Article.Status.REVIEW
    assert client.post(url, {"reason": "출처를 밝혀 주세요"}).status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT and article.is_rejected
    client.force_login(reporter)
    html = client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert "출처를 밝혀 주세요" in html
    assert "반려됨" in client.get("/admin/articles/article/").content.decode()
    assert "반려됨" in client.get("/admin/").content.decode()
    from articles import workflow

    workflow.submit(article, by=reporter)
    article.refresh_from_db()
    assert not article.is_rejected and article.rejection_reason == ""
    comments = [v.revision.comment for v in history.versions_of(article)]
    assert any("반려: 출처를 밝혀 주세요" in c for c in comments)


def test_reporter_cannot_reject(client):
    reporter = make_reporter_user()
    article = make_article(published=False, status=Article.Status.REVIEW, created_by=reporter)
    client.force_login(reporter)
    response = client.post(f"/admin/articles/article/{article.pk}/reject/", {"reason": "x"})
    assert response.status_code == 403
    assert Article.objects.get(pk=article.pk).status == Article.Status.REVIEW
