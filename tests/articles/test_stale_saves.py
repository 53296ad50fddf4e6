"""Two people, one story: a save over a version someone else replaced is refused."""

import threading
import time

import pytest
from django.db import connections, transaction
from django.test import Client

from articles import history
from articles.admin import ArticleAdmin
from articles.forms import KEEP_MINE
from articles.models import Article
from tests.articles.test_admin_workflow import change_url, form_data
from tests.factories import make_article, make_editor, make_reporter_user, make_user

STALE = "이 화면을 연 뒤의 저장이라 덮어쓰지 않았습니다"


def opened_form(client, article, **overrides):
    return form_data(client, change_url(article), **overrides)


@pytest.mark.django_db
class TestStaleSave:
    def test_the_second_save_from_the_same_version_is_refused_naming_who_and_what(self, client):
        article = make_article(headline="처음 제목", body="<p>시흥시 의회가 열렸다.</p>")
        history.record(article, by=None, step="save")
        first = make_reporter_user("hong")
        first.reporter.name = "홍길동"
        first.reporter.save()
        first.groups.add(*make_editor().groups.all())
        mine, theirs = Client(), Client()
        mine.force_login(make_editor("kim"))
        theirs.force_login(first)
        my_data = opened_form(mine, article, headline="내 제목")
        their_data = opened_form(theirs, article, body="<p>시흥시 의회가 오늘 열렸다.</p>")

        assert theirs.post(change_url(article), their_data).status_code == 302
        response = mine.post(change_url(article), my_data)

        assert response.status_code == 200
        html = response.content.decode()
        assert "홍길동 기자님이" in html and "본문을 저장했습니다" in html and STALE in html
        assert "<ins>오늘 </ins>" not in html  # theirs is the left column: their words, no ins
        assert "<del>오늘</del>" in html or "<del>오늘 </del>" in html
        article.refresh_from_db()
        assert article.headline == "처음 제목"
        assert article.body == "<p>시흥시 의회가 오늘 열렸다.</p>"

    def test_keep_mine_puts_my_text_on_the_current_version_then_saves(self, client):
        article = make_article(headline="처음 제목")
        mine, theirs = Client(), Client()
        mine.force_login(make_editor())
        theirs.force_login(make_editor())
        my_data = opened_form(mine, article, headline="내 제목")
        assert (
            theirs.post(
                change_url(article), opened_form(theirs, article, summary="요약")
            ).status_code
            == 302
        )
        refused = mine.post(change_url(article), my_data)
        token = refused.context["conflict"].current_token

        rebased = mine.post(change_url(article), {**my_data, KEEP_MINE: token})
        assert rebased.status_code == 200  # shown to check, not saved
        assert Article.objects.get(pk=article.pk).headline == "처음 제목"
        form = rebased.context["adminform"].form
        assert form["version"].value() == token
        assert form["headline"].value() == "내 제목"

        saved = mine.post(change_url(article), {**my_data, "version": token})
        assert saved.status_code == 302
        article.refresh_from_db()
        # Deliberately: the whole submitted form wins, after the side-by-side was shown.
        assert (article.headline, article.summary) == ("내 제목", "")

    @pytest.mark.parametrize(
        "token, message",
        [
            (None, "판 정보가 없어"),
            ("", "판 정보가 없어"),
            ("abc", "판 정보가 올바르지 않아"),
            ("future", "아직 없는 판"),
            ("other", "다른 기사의 판 정보"),
        ],
    )
    def test_bad_versions_are_refused_with_a_korean_error(self, client, token, message):
        article = make_article(headline="그대로")
        other = make_article()
        client.force_login(make_editor())
        data = opened_form(client, article, headline="바뀜")
        if token == "future":
            token = f"{article.pk}.{article.version + 5}"
        elif token == "other":
            token = f"{other.pk}.{article.version}"
        if token is None:
            data.pop("version")
        else:
            data["version"] = token
        response = client.post(change_url(article), data)
        assert response.status_code == 200
        assert message in response.content.decode()
        assert Article.objects.get(pk=article.pk).headline == "그대로"

    def test_a_list_action_makes_an_open_form_stale(self, client):
        article = make_article(published=False)
        client.force_login(make_editor())
        data = opened_form(client, article, headline="뒤늦은 저장")
        client.post(
            "/admin/articles/article/",
            {"action": "publish_selected", "_selected_action": [article.pk]},
        )
        response = client.post(change_url(article), data)
        assert response.content.decode().count(STALE) == 1
        article.refresh_from_db()
        assert article.status == Article.Status.PUBLISHED
        assert article.headline != "뒤늦은 저장"

    def test_a_direct_save_over_an_old_version_raises(self):
        from articles.models import StaleVersion

        article = make_article()
        stale = Article.objects.get(pk=article.pk)
        article.headline = "먼저"
        article.save()
        stale.headline = "나중"
        with pytest.raises(StaleVersion), transaction.atomic():
            stale.save()
        assert Article.objects.get(pk=article.pk).headline == "먼저"

    def test_a_reporter_is_refused_the_same_way(self, client):
        reporter = make_reporter_user()
        article = make_article(published=False, created_by=reporter)
        client.force_login(reporter)
        data = opened_form(client, article, headline="기자 제목")
        article.headline = "편집자 제목"
        article.save()
        assert STALE in client.post(change_url(article), data).content.decode()


@pytest.mark.django_db(transaction=True)
def test_two_saves_at_the_same_instant_exactly_one_lands(monkeypatch):
    article = make_article(headline="처음 제목")
    # Superusers: another transactional test may have flushed the migration's groups.
    editors = [make_user(f"desk{i}", is_superuser=True) for i in range(2)]
    clients = []
    payloads = []
    for index, editor in enumerate(editors):
        client = Client()
        client.force_login(editor)
        clients.append(client)
        payloads.append(opened_form(client, article, headline=f"제목 {index}"))
    connections.close_all()

    save_model = ArticleAdmin.save_model

    def slow_save_model(self, *args, **kwargs):
        save_model(self, *args, **kwargs)
        time.sleep(0.3)  # hold the row while the other save arrives

    monkeypatch.setattr(ArticleAdmin, "save_model", slow_save_model)
    start = threading.Barrier(2)
    results, errors = [None, None], []

    def save(index):
        try:
            start.wait()
            results[index] = clients[index].post(change_url(article), payloads[index])
        except Exception as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors
    codes = sorted(r.status_code for r in results)
    assert codes == [200, 302]
    refused = next(r for r in results if r.status_code == 200)
    assert STALE in refused.content.decode()
    article.refresh_from_db()
    landed = next(i for i, r in enumerate(results) if r.status_code == 302)
    assert article.headline == f"제목 {landed}"
    assert article.version == 2
