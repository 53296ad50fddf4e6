"""The permissions matrix of README.md, one HTTP attempt per cell.

Each cell logs in as the role (or not at all), tries the action the way a browser or a
forged POST would — admin pages, list actions, direct POSTs, preview URLs, the revision
and trash views — and checks what the database says happened. A refusal must be a login
redirect (anonymous), a 403 or a 404, never a 500 and never a silent success.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from articles import history, trash
from articles.models import Article, Correction, Section
from newsroom.models import Banner
from tests.articles.test_admin_workflow import form_data
from tests.factories import (
    banner_form_data,
    make_article,
    make_editor,
    make_reporter_user,
    make_section,
)

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "reporter", "editor", "admin")
ADMIN = "/admin/articles/article/"

# action -> (anonymous, 기자, 편집자, 관리자): may this role do it? Mirrors README.md.
MATRIX = {
    "create": (False, True, True, True),
    "edit_own_draft": (False, True, True, True),
    "edit_others_story": (False, False, True, True),
    "submit": (False, True, True, True),
    "publish": (False, False, True, True),
    "schedule": (False, False, True, True),
    "unpublish": (False, False, True, True),
    "reject": (False, False, True, True),
    "delete": (False, False, True, True),
    "restore_from_trash": (False, False, True, True),
    "see_revisions_of_own_story": (False, True, True, True),
    "see_revisions_of_others_story": (False, False, True, True),
    "restore_revision": (False, True, True, True),
    "corrections": (False, False, True, True),
    "preview_own_draft": (False, True, True, True),
    "preview_others_draft": (False, False, True, True),
    "sections": (False, False, True, True),
    "banners": (False, False, True, True),
    "curation": (False, False, True, True),
    "stations": (False, False, True, True),
    "site_settings": (False, False, True, True),
    "users": (False, False, False, True),
}


class World:
    """The stories and people every cell starts from."""

    def __init__(self, client, role):
        self.client = client
        self.section = make_section("시흥시의회", slug="council")
        self.other_reporter = make_reporter_user("other-reporter")
        if role == "reporter":
            self.user = make_reporter_user("matrix-reporter")
        elif role == "editor":
            self.user = make_editor("matrix-editor")
        elif role == "admin":
            self.user = get_user_model().objects.create_superuser(
                "matrix-admin", "admin@example.kr", "pw-for-tests"
            )
        else:
            self.user = None
        owner = self.user or self.other_reporter
        self.own_draft = make_article(
            headline="내 초고", published=False, section=self.section, created_by=owner
        )
        self.others_draft = make_article(
            headline="남의 초고",
            published=False,
            section=self.section,
            created_by=self.other_reporter,
        )
        self.published = make_article(
            headline="발행된 기사", section=self.section, created_by=self.other_reporter
        )
        self.trashed = make_article(headline="휴지통 기사", section=self.section)
        trash.trash(self.trashed, by=make_editor("trasher"))
        if self.user is not None:
            client.force_login(self.user)

    def change_form_post(self, article, **overrides):
        url = f"{ADMIN}{article.pk}/change/"
        response = self.client.get(url)
        if response.status_code != 200:
            return response
        return self.client.post(url, form_data(self.client, url, **overrides))

    def list_action(self, action, article):
        return self.client.post(
            ADMIN, {"action": action, "_selected_action": [article.pk], "index": "0"}
        )


def _fresh(article):
    return Article.objects.get(pk=article.pk)


def try_create(w):
    response = w.client.get(f"{ADMIN}add/")
    if response.status_code == 200:
        url = f"{ADMIN}add/"
        data = form_data(w.client, url, headline="매트릭스 새 기사", section=w.section.pk)
        response = w.client.post(url, data)
    return response, Article.objects.filter(headline="매트릭스 새 기사").exists()


def try_edit_own_draft(w):
    response = w.change_form_post(w.own_draft, headline="내 초고 고침")
    return response, _fresh(w.own_draft).headline == "내 초고 고침"


def try_edit_others_story(w):
    response = w.change_form_post(w.others_draft, headline="남의 초고 고침")
    return response, _fresh(w.others_draft).headline == "남의 초고 고침"


def try_submit(w):
    response = w.list_action("submit_selected_for_review", w.own_draft)
    return response, _fresh(w.own_draft).status == Article.Status.REVIEW


def try_publish(w):
    response = w.list_action("publish_selected", w.own_draft)
    return response, _fresh(w.own_draft).status == Article.Status.PUBLISHED


def try_schedule(w):
    at = timezone.localtime(timezone.now() + timedelta(days=1)).strftime("%Y-%m-%d %H:%M:%S")
    response = w.change_form_post(w.own_draft, status="published", published_at=at)
    article = _fresh(w.own_draft)
    return response, article.status == Article.Status.PUBLISHED and article.is_scheduled


def try_unpublish(w):
    response = w.list_action("unpublish_selected", w.published)
    return response, _fresh(w.published).status == Article.Status.UNPUBLISHED


def try_reject(w):
    Article.objects.filter(pk=w.own_draft.pk).update(status=Article.Status.REVIEW)
    response = w.client.post(f"{ADMIN}{w.own_draft.pk}/reject/", {"reason": "사유"})
    return response, _fresh(w.own_draft).rejected_at is not None


def try_delete(w):
    response = w.client.post(f"{ADMIN}{w.published.pk}/delete/", {"post": "yes"})
    return response, _fresh(w.published).deleted_at is not None


def try_restore_from_trash(w):
    response = w.client.post(f"/admin/articles/trashedarticle/{w.trashed.pk}/restore/")
    return response, _fresh(w.trashed).deleted_at is None


def try_see_revisions_of_own_story(w):
    history.record(w.own_draft, by=w.other_reporter, step="save")
    response = w.client.get(f"{ADMIN}{w.own_draft.pk}/revisions/")
    return response, response.status_code == 200 and "변경 이력" in response.content.decode()


def try_see_revisions_of_others_story(w):
    history.record(w.others_draft, by=w.other_reporter, step="save")
    response = w.client.get(f"{ADMIN}{w.others_draft.pk}/revisions/")
    return response, response.status_code == 200 and "변경 이력" in response.content.decode()


def try_restore_revision(w):
    history.record(w.own_draft, by=w.other_reporter, step="save")
    old = history.versions_of(w.own_draft).order_by("pk").last()
    Article.objects.filter(pk=w.own_draft.pk).update(headline="나중 제목", version=5)
    response = w.client.post(f"{ADMIN}{w.own_draft.pk}/revisions/{old.pk}/restore/")
    return response, _fresh(w.own_draft).headline == "내 초고"


def try_corrections(w):
    url = "/admin/articles/correction/add/"
    response = w.client.get(url)
    if response.status_code == 200:
        data = form_data(w.client, url, article=w.published.pk, text="날짜를 바로잡습니다.")
        data.setdefault("kind", Correction.Kind.ERRATUM)
        data["date"] = timezone.localdate().isoformat()
        response = w.client.post(url, data)
    return response, Correction.objects.filter(text="날짜를 바로잡습니다.").exists()


def try_preview_own_draft(w):
    response = w.client.get(f"/preview/{w.own_draft.pk}/")
    return response, response.status_code == 200


def try_preview_others_draft(w):
    response = w.client.get(f"/preview/{w.others_draft.pk}/")
    return response, response.status_code == 200


def try_sections(w):
    url = "/admin/articles/section/add/"
    response = w.client.get(url)
    if response.status_code == 200:
        response = w.client.post(url, {"name": "새 섹션", "slug": "new-section", "order": "0"})
    return response, Section.objects.filter(slug="new-section").exists()


def try_banners(w):
    url = "/admin/newsroom/banner/add/"
    response = w.client.get(url)
    if response.status_code == 200:
        response = w.client.post(url, banner_form_data(name="매트릭스 배너"))
    return response, Banner.objects.filter(name="매트릭스 배너").exists()


def _page_opens(w, url):
    response = w.client.get(url, follow=False)
    if response.status_code == 302 and "/login/" not in response["Location"]:
        response = w.client.get(response["Location"])
    return response, response.status_code == 200


def try_curation(w):
    return _page_opens(w, "/admin/newsroom/homecuration/")


def try_stations(w):
    return _page_opens(w, "/admin/weather/station/add/")


def try_site_settings(w):
    return _page_opens(w, "/admin/newsroom/sitesettings/")


def try_users(w):
    return _page_opens(w, "/admin/auth/user/add/")


CELLS = [
    pytest.param(action, role, allowed, id=f"{action}-{role}")
    for action, row in MATRIX.items()
    for role, allowed in zip(ROLES, row, strict=True)
]


@pytest.mark.parametrize(("action", "role", "allowed"), CELLS)
def test_cell(client, action, role, allowed):
    world = World(client, role)
    response, done = globals()[f"try_{action}"](world)
    assert response.status_code < 500, response.status_code
    assert done is allowed, (action, role, response.status_code)
    if allowed:
        return
    if role == "anonymous":
        # Sent to log in, whether or not the story exists: nothing is told to the public.
        assert response.status_code == 302, response.status_code
        assert "/admin/login/" in response["Location"]
        if action.startswith("preview"):
            missing = client.get("/preview/987654321/")
            assert missing.status_code == 302 and "/admin/login/" in missing["Location"]
    else:
        # Staff are told no (403), or not told the story exists (404), or the action
        # simply is not offered (the list answers without doing it).
        assert response.status_code in {200, 302, 403, 404}, response.status_code
