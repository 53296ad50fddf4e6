"""The footer a Korean paper's main page must carry: 신문사소개, 광고문의, 기사제보,
불편신고·고충처리 (with the 고충처리인 named, 언론중재법 §6), 이메일무단수집거부, several
편집인 with their 책임분야, and 최종 편집일시 on the main page."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from newsroom.models import LegalPage, SiteEditor, SiteSettings
from tests.factories import make_article, make_editor

pytestmark = pytest.mark.django_db

FOOTER_PAGES = {
    "about": "신문사소개",
    "advertising": "광고문의",
    "grievance": "불편신고·고충처리",
    "privacy": "개인정보처리방침",
    "youth": "청소년보호정책",
    "no-email-harvest": "이메일무단수집거부",
}


def footer(html):
    return html[html.index('<footer class="site-footer">') :]


def test_every_footer_page_exists_and_is_linked(client):
    html = footer(client.get("/").content.decode())
    for kind, title in FOOTER_PAGES.items():
        assert f'href="/policy/{kind}/"' in html, kind
        page = client.get(f"/policy/{kind}/")
        assert page.status_code == 200, kind
        assert f"<h1>{title}</h1>" in page.content.decode()
    assert 'href="/tip/"' in html


def test_privacy_policy_says_how_counting_treats_addresses(client):
    body = LegalPage.objects.get(kind="privacy").body
    assert "주소 자체는 저장하지 않으며" in body


def test_grievance_page_names_the_officer(client):
    site = SiteSettings.objects.get(pk=1)
    site.grievance_officer, site.grievance_contact = "한서연", "031-000-0001"
    site.save()
    html = client.get("/policy/grievance/").content.decode()
    officer = html[html.index("data-grievance-officer") :]
    assert "한서연 · 031-000-0001" in officer
    assert "<dt>고충처리인</dt><dd>한서연</dd>" in footer(html)


def test_grievance_page_without_an_officer_says_whom_to_write(client):
    html = client.get("/policy/grievance/").content.decode()
    assert "고충처리인이 지정되지 않았습니다" in html


def test_several_editors_with_their_fields(client, django_assert_max_num_queries):
    site = SiteSettings.objects.get(pk=1)
    site.editor = "한 사람"
    site.save()
    SiteEditor.objects.create(site=site, name="최유나", responsibility="편집 총괄", order=0)
    SiteEditor.objects.create(site=site, name="김도윤", responsibility="시의회", order=1)
    html = footer(client.get("/policy/about/").content.decode())
    assert "<dd>최유나(편집 총괄), 김도윤(시의회)</dd>" in html
    assert "한 사람" not in html
    # the list travels with the cached settings row: no query per page for it
    client.get("/policy/about/")
    with django_assert_max_num_queries(1):
        assert [e.name for e in SiteSettings.current().editor_list] == ["최유나", "김도윤"]


def test_an_editor_list_change_shows_at_once(client):
    site = SiteSettings.objects.get(pk=1)
    editor = SiteEditor.objects.create(site=site, name="최유나", responsibility="편집 총괄")
    client.get("/policy/about/")
    editor.name = "박민준"
    editor.save()
    assert "박민준(편집 총괄)" in client.get("/policy/about/").content.decode()


def test_without_a_list_the_single_editor_shows(client):
    site = SiteSettings.objects.get(pk=1)
    site.editor = "최유나"
    site.save()
    assert "<dd>최유나</dd>" in footer(client.get("/").content.decode())


def test_main_page_shows_the_last_edit(client):
    now = timezone.now().replace(microsecond=0)
    recent = make_article(published_at=now - timedelta(hours=5))
    Article.objects.filter(pk=recent.pk).update(content_updated_at=now - timedelta(hours=5))
    edited = make_article(published_at=now - timedelta(days=2))
    Article.objects.filter(pk=edited.pk).update(content_updated_at=now - timedelta(minutes=30))
    # a draft's edit is not what readers see
    draft = make_article(published=False)
    Article.objects.filter(pk=draft.pk).update(content_updated_at=now)
    html = footer(client.get("/").content.decode())
    shown = timezone.localtime(now - timedelta(minutes=30))
    assert (
        f'최종 편집일시 <time datetime="{shown.isoformat()}">{shown:%Y.%m.%d %H:%M}</time>' in html
    )


def test_last_edit_follows_a_newer_publish(client):
    now = timezone.now().replace(microsecond=0)
    old = make_article(published_at=now - timedelta(days=3))
    Article.objects.filter(pk=old.pk).update(content_updated_at=now - timedelta(days=3))
    new = make_article(published_at=now - timedelta(minutes=5))
    Article.objects.filter(pk=new.pk).update(content_updated_at=now - timedelta(minutes=6))
    html = footer(client.get("/").content.decode())
    assert f"{timezone.localtime(now - timedelta(minutes=5)):%Y.%m.%d %H:%M}" in html


def test_other_pages_do_not_carry_it(client):
    article = make_article()
    assert "data-last-edited" not in client.get(article.get_absolute_url()).content.decode()


def test_editors_edit_the_editor_list_in_the_admin(client):
    client.force_login(make_editor())
    html = client.get("/admin/newsroom/sitesettings/1/change/").content.decode()
    assert "편집인" in html and "책임분야" in html and "고충처리인" in html
