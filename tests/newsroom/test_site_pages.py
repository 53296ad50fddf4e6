import pytest
from django.conf import settings
from django.core.management import call_command
from django.http import HttpRequest
from django.test import Client

from articles.models import Article, Reporter, Section
from newsroom.models import LegalPage, SiteSettings
from tests.factories import make_article, make_editor

pytestmark = pytest.mark.django_db


def test_footer_carries_the_newspaper_law_fields_on_every_page(client):
    site = SiteSettings.current()
    site.name = "시흥타임즈"
    site.registration_number = "경기, 아51234"
    site.youth_protection_officer = "김보호"
    site.save()
    article = make_article()
    for url in (
        "/",
        article.get_absolute_url(),
        article.section.get_absolute_url(),
        "/policy/privacy/",
        "/없는-페이지/",
    ):
        html = client.get(url).content.decode()
        for label in (
            "명칭",
            "제호",
            "등록번호",
            "등록연월일",
            "발행연월일",
            "발행인",
            "편집인",
            "발행소",
            "전화번호",
            "청소년보호책임자",
            "이메일",
        ):
            assert f"<dt>{label}</dt>" in html, (url, label)
        assert "경기, 아51234" in html and "김보호" in html
        assert 'href="/policy/privacy/"' in html and 'href="/policy/youth/"' in html


def test_editor_changes_the_paper_name_without_a_deploy(client):
    client.force_login(make_editor())
    data = {
        "name": "새 이름 신문",
        "title": "새 제호",
        "logo_text": "새로고침",
        "copyright_holder": "새 이름 신문",
        "tagline": "",
        # the 편집인 inline's management form
        "editors-TOTAL_FORMS": "1",
        "editors-INITIAL_FORMS": "0",
        "editors-0-name": "최유나",
        "editors-0-responsibility": "편집 총괄",
        "editors-0-order": "0",
    }
    response = client.post("/admin/newsroom/sitesettings/1/change/", data)
    assert response.status_code == 302
    html = Client().get("/").content.decode()
    assert "새로고침" in html
    assert "저작권자 © 새 이름 신문" in html
    assert "최유나(편집 총괄)" in html
    assert "<dd>새 제호</dd>" in html


def test_policy_pages_show_text_editors_maintain(client):
    page = LegalPage.objects.get(kind="youth")
    page.body = "첫 문단\n\n둘째 문단"
    page.save()
    html = client.get("/policy/youth/").content.decode()
    assert "청소년보호정책" in html and "<p>둘째 문단</p>" in html


def test_server_error_page_is_korean_and_needs_no_database(rf):
    from newsroom.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "일시적인 오류" in response.content.decode()


def test_seed_demo_is_idempotent_and_creates_demo_accounts(media_root):
    call_command("seed_demo", articles=12, verbosity=0)
    counts = (Article.objects.count(), Section.objects.count(), Reporter.objects.count())
    call_command("seed_demo", articles=12, verbosity=0)
    assert (Article.objects.count(), Section.objects.count(), Reporter.objects.count()) == counts
    assert Section.objects.count() >= 8
    assert (
        Section.objects.filter(name="시흥시의회").exists()
        and Section.objects.filter(name="미디어").exists()
    )
    client = Client()
    for username, group in (("reporter", "기자"), ("editor", "편집자")):
        # django-axes judges every login by its request, so the test client passes one.
        assert client.login(request=HttpRequest(), username=username, password="newsroom-demo")
        from django.contrib.auth import get_user_model

        assert get_user_model().objects.get(username=username).groups.filter(name=group).exists()
    assert Article.objects.published().count() >= 12
    assert Article.objects.filter(lead_image__isnull=False).exists()


def test_migrations_create_groups_but_no_people():
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    assert set(Group.objects.values_list("name", flat=True)) >= {"기자", "편집자"}
    assert not get_user_model().objects.exists()
    editors = Group.objects.get(name="편집자")
    assert editors.permissions.filter(codename="publish_article").exists()
    assert (
        not Group.objects.get(name="기자").permissions.filter(codename="publish_article").exists()
    )


def test_favicon_is_named_on_pages_and_answers_at_the_old_address(client):
    assert "newsroom/favicon.svg" in client.get("/").content.decode()
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("newsroom/favicon.svg")
    assert (settings.BASE_DIR / "static/newsroom/favicon.svg").is_file()


def test_demo_stories_start_their_history_at_publication():
    from django.core.management import call_command

    from articles import history
    from articles.models import Article

    call_command("seed_demo", articles=6, verbosity=0)
    article = Article.objects.published().filter(legacy_id__isnull=False).first()
    versions = list(history.versions_of(article))
    assert len(versions) == 1
    assert history.steps_of(versions[0].revision.comment) == ["publish"]
