"""Our own Korean (locale/ko/LC_MESSAGES/django.po) replaces Django's odd phrasings, and
the committed .mo is not older than the .po."""

import gettext
import json
import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import make_article, make_banner, make_editor

pytestmark = pytest.mark.django_db

LOCALE = Path(settings.BASE_DIR) / "locale" / "ko" / "LC_MESSAGES"


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_compiled_catalogue_is_current(domain):
    """Every translation in the .po is in the committed .mo (msgfmt -o django.mo django.po)."""
    with open(LOCALE / f"{domain}.mo", "rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)._catalog
    written = (LOCALE / f"{domain}.po").read_text().count("\nmsgid ") - 1  # less the header
    assert len([key for key in catalogue if key]) == written


def test_the_admin_javascript_catalogue_gives_the_editor_its_korean(client):
    """django-prose-editor's dialogs ask window.gettext, which /admin/jsi18n/ defines from
    our djangojs.po (the change form loads it before the editor's module)."""
    client.force_login(make_editor())
    script = client.get("/admin/jsi18n/").content.decode()
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\n  \});", script, re.S).group(1))
    assert catalogue["Include header row"] == "첫 줄을 제목 줄로"
    assert catalogue["Edit Link"] == "링크" and catalogue["Cancel"] == "취소"
    form = client.get("/admin/articles/article/add/").content.decode()
    assert form.index("/admin/jsi18n/") < form.index("articles/body-editor.js")


def test_the_admin_speaks_our_korean(client):
    client.force_login(make_editor())
    make_article()
    page = client.get("/admin/articles/article/").content.decode()
    assert "(으)로" not in page and "상태별" in page
    form = client.get("/admin/articles/article/add/").content.decode()
    assert "저장 및 다른 이름으로 추가" not in form and "저장하고 새로 쓰기" in form
    sections = client.get("/admin/articles/section/").content.decode()
    assert "을/를" not in sections and "선택한 섹션 삭제" in sections
    # A list the editor may only view: Django's Korean reads "보기위한 1포털 전송 기록 를(을) 선택".
    deliveries = client.get("/admin/intake/portaldelivery/").content.decode()
    assert "보기위한" not in deliveries and "포털 전송 기록 보기" in deliveries


def test_the_banner_list_shows_its_window_in_one_short_column(client):
    client.force_login(make_editor())
    make_banner()
    page = client.get("/admin/newsroom/banner/").content.decode()
    assert "게시 기간" in page and "상시" in page and "노출 비중" in page


def test_the_tag_admin_speaks_korean(client):
    client.force_login(make_editor())
    make_article(tags=["갯골축제"])
    page = client.get("/admin/taggit/tag/").content.decode()
    assert "Merge selected tags" not in page and "선택한 태그 합치기" in page
    assert "태그 이름" in page and "주소 이름" in page


def test_asking_for_review_on_a_new_story_says_so(client):
    from articles.models import Article
    from tests.articles.test_admin_workflow import ADD_URL, form_data
    from tests.factories import make_reporter_user, make_section

    client.force_login(make_reporter_user())
    data = form_data(
        client,
        ADD_URL,
        headline="새 기사",
        section=make_section().pk,
        body="<p>본문</p>",
        _submit_for_review="1",
    )
    response = client.post(ADD_URL, data, follow=True)
    story = Article.objects.get(headline="새 기사")
    assert story.status == Article.Status.REVIEW
    assert "검토를 요청했습니다" in response.content.decode()


def test_a_new_story_s_dateline_is_the_paper_s_name(client):
    from newsroom.models import SiteSettings

    site = SiteSettings.current()
    site.name = "시흥타임즈"
    site.save()
    client.force_login(make_editor())
    form = client.get("/admin/articles/article/add/").context["adminform"].form
    assert form.initial["dateline"] == "시흥타임즈"


def test_save_and_continue_says_it_saved_not_that_something_is_wrong(client):
    # Django's stock Korean here ("아래 내용을 수정해야 합니다") reads like a form error.
    from tests.articles.test_admin_workflow import change_url, form_data

    story = make_article(headline="고칠 기사")
    client.force_login(make_editor())
    data = form_data(client, change_url(story), _continue="1")
    response = client.post(change_url(story), data, follow=True)
    page = response.content.decode()
    assert "아래에서 이어서 고칠 수 있습니다" in page
    assert "아래 내용을 수정해야 합니다" not in page
