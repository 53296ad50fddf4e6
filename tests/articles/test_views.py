from datetime import timedelta
from urllib.parse import quote

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import (
    make_article,
    make_editor,
    make_reporter,
    make_reporter_user,
    make_section,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def hidden_articles():
    """One article in every state readers must not see, all in one section with one tag."""
    section = make_section("시흥시의회", slug="council")
    reporter = make_reporter("홍길동")
    now = timezone.now()
    common = {"section": section, "reporters": [reporter], "tags": ["비공개태그"]}
    return (
        section,
        reporter,
        [
            make_article(headline="초안 기사", published=False, **common),
            make_article(
                headline="검토 기사", published=False, status=Article.Status.REVIEW, **common
            ),
            make_article(headline="예약 기사", published_at=now + timedelta(hours=1), **common),
            make_article(
                headline="취소 기사",
                published=False,
                status=Article.Status.UNPUBLISHED,
                published_at=now - timedelta(days=1),
                **common,
            ),
        ],
    )


def test_article_page_shows_what_a_korean_paper_shows(client):
    reporter = make_reporter("홍길동", title="기자", email="hong@example.kr")
    section = make_section("시흥시의회", slug="council")
    article = make_article(
        headline="의원 연구단체 벤치마킹",
        subheadline="창업생태계 활성화 모색",
        section=section,
        reporters=[reporter],
        tags=["시흥시의회"],
        dateline="시흥타임즈",
        body="<p>시흥시의회 의원 연구단체가 방문했다.</p>",
        published_at=timezone.make_aware(timezone.datetime(2025, 9, 18, 14, 30)),
    )
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="ko">' in html
    for text in (
        "시흥시의회",
        "의원 연구단체 벤치마킹",
        "창업생태계 활성화 모색",
        "홍길동 기자",
        "hong@example.kr",
        "2025.09.18 14:30",
        "[시흥타임즈]</span> 시흥시의회 의원 연구단체가",
        "#시흥시의회",
        "무단전재 및 재배포 금지",
        "청소년보호책임자",
    ):
        assert text in html, text


def test_wrong_or_missing_slug_redirects_permanently_to_the_canonical_url(client):
    article = make_article(headline="처음 제목")
    old_url = article.get_absolute_url()
    article.slug = ""
    article.headline = "바뀐 제목"
    article.save()
    for url in (old_url, f"/articles/{article.pk}/"):
        response = client.get(url)
        assert response.status_code == 301
        assert response["Location"] == article.get_absolute_url()


def test_unknown_ids_sections_tags_and_reporters_are_korean_404s(client):
    for url in (
        "/articles/999999/",
        "/articles/999999/slug/",
        "/section/no-such/",
        "/tag/없는태그/",
        "/reporter/999999/",
        "/news/articleView.html?idxno=abc",
        "/news/articleView.html?idxno=424242",
        "/policy/unknown/",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "페이지를 찾을 수 없습니다" in response.content.decode()


def test_a_nul_byte_in_a_section_tag_feed_or_policy_address_is_no_server_error(client):
    # Postgres refuses NUL in text; scanners send it. A slug never holds one: not found,
    # or refused as a bad request before any view runs.
    for url in ("/section/a%00b/", "/tag/a%00b/", "/rss/a%00b/", "/policy/a%00b/"):
        assert client.get(url).status_code in (400, 404), url


def test_hidden_articles_are_404_and_absent_from_every_list(client, hidden_articles):
    section, reporter, hidden = hidden_articles
    for article in hidden:
        assert client.get(article.get_absolute_url()).status_code == 404
    pages = [
        "/",
        section.get_absolute_url(),
        f"/tag/{quote('비공개태그')}/",
        reporter.get_absolute_url(),
        "/search/?q=" + quote("기사"),
    ]
    for url in pages:
        response = client.get(url)
        html = response.content.decode()
        for article in hidden:
            assert article.headline not in html, (url, article.headline)


def test_section_page_lists_sub_section_stories_and_paginates(client, settings):
    settings.ARTICLES_PER_PAGE = 2
    politics = make_section("정치", slug="politics")
    council = make_section("시흥시의회", slug="council", parent=politics)
    for n in range(3):
        make_article(headline=f"의회 소식 {n}", section=council)
    first = client.get("/section/politics/").content.decode()
    assert "의회 소식 2" in first and "의회 소식 0" not in first
    assert "1쪽" in first and 'href="/section/politics/?page=2"' in first
    second = client.get("/section/politics/?page=2").content.decode()
    assert "의회 소식 0" in second
    assert client.get("/section/politics/?page=3").status_code == 404
    assert client.get("/section/politics/?page=abc").status_code == 404


def test_korean_tag_slugs_work_in_urls(client):
    article = make_article(headline="태그 기사", tags=["시흥시의회"])
    response = client.get("/tag/시흥시의회/")
    assert response.status_code == 200
    assert article.headline in response.content.decode()


def test_reporter_page_lists_their_stories(client):
    reporter = make_reporter("연합뉴스", title="")
    mine = make_article(headline="통신 기사", reporters=[reporter], origin=Article.Origin.WIRE)
    make_article(headline="다른 기사")
    html = client.get(reporter.get_absolute_url()).content.decode()
    assert mine.headline in html and "다른 기사" not in html


def test_legacy_url_redirects_permanently(client):
    article = make_article(legacy_id=123)
    response = client.get("/news/articleView.html?idxno=123")
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


def test_search_finds_published_stories_and_cuts_overlong_queries(client):
    make_article(headline="갯골축제 개막")
    make_article(headline="다른 소식")
    html = client.get("/search/?q=갯골").content.decode()
    assert "개막" in html and "다른 소식" not in html.split("최신 기사")[0]
    response = client.get("/search/?q=" + "가" * 201)
    assert response.status_code == 200 and "앞의 200자로" in response.content.decode()


class TestPreview:
    def test_editor_previews_any_unpublished_article_marked_as_preview(self, client):
        article = make_article(headline="미공개 초안", published=False)
        client.force_login(make_editor())
        response = client.get(f"/preview/{article.pk}/")
        html = response.content.decode()
        assert response.status_code == 200
        assert "미리보기" in html and "미공개 초안" in html
        assert 'name="robots" content="noindex' in html
        assert response["Cache-Control"].startswith("max-age=0")

    def test_reporter_previews_own_but_not_others_drafts(self, client):
        author = make_reporter_user()
        mine = make_article(published=False, created_by=author)
        theirs = make_article(published=False, created_by=make_reporter_user())
        client.force_login(author)
        assert client.get(f"/preview/{mine.pk}/").status_code == 200
        assert client.get(f"/preview/{theirs.pk}/").status_code == 403

    def test_readers_and_non_staff_cannot_preview(self, client):
        article = make_article(published=False)
        response = client.get(f"/preview/{article.pk}/")
        assert response.status_code == 302 and "/admin/login/" in response["Location"]
        client.force_login(make_user(is_staff=False))
        assert client.get(f"/preview/{article.pk}/").status_code == 403


def test_article_page_offers_share_links_and_news_article_data(client):
    import json
    import re
    from urllib.parse import quote

    article = make_article(
        headline="</script><script>alert(1)</script> 갯골축제",
        reporters=[make_reporter("홍길동")],
    )
    html = client.get(article.get_absolute_url()).content.decode()
    absolute = "http://testserver" + article.get_absolute_url()
    assert "https://www.facebook.com/sharer/sharer.php?u=" + quote(absolute, safe="") in html
    assert "share.naver.com/web/shareView" in html
    assert f'data-copy-link="{absolute}"' in html

    payloads = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    # NewsArticle, then its BreadcrumbList (tests/newsroom/test_seo.py).
    data, breadcrumbs = (json.loads(payload) for payload in payloads)
    assert breadcrumbs["@type"] == "BreadcrumbList"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.headline
    assert data["author"] == [{"@type": "Person", "name": "홍길동"}]
    assert "<script>alert(1)" not in html  # escaped in the JSON and in the page


def test_preview_has_no_share_links_or_structured_data(client):
    article = make_article(published=False)
    client.force_login(make_editor())
    html = client.get(f"/preview/{article.pk}/").content.decode()
    assert "application/ld+json" not in html and "data-copy-link" not in html


def test_reporter_box_links_to_each_reporters_other_stories(client):
    reporters = [
        make_reporter("홍길동", email="hong@example.kr"),
        make_reporter("연합뉴스", title=""),
    ]
    article = make_article(reporters=reporters)
    html = client.get(article.get_absolute_url()).content.decode()
    for reporter in reporters:
        assert f'href="{reporter.get_absolute_url()}"' in html
    assert "홍길동 기자의 다른 기사" in html


def test_a_tag_only_unpublished_stories_carry_is_a_404(client):
    make_article(published=False, tags=["엠바고"])
    assert client.get("/tag/엠바고/").status_code == 404


def test_kakao_share_only_with_a_key_and_within_the_csp(client, settings):
    import json
    import re
    from urllib.parse import parse_qs, urlsplit

    article = make_article(headline="갯골축제 개막")
    absolute = "http://testserver" + article.get_absolute_url()
    settings.KAKAO_JS_KEY = ""
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert "카카오톡" not in html and "sharer.kakao.com" not in html
    assert 'data-share="kakao"' not in html

    settings.KAKAO_JS_KEY = "abc123key"
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    [href] = re.findall(r'<a href="([^"]+)"[^>]*data-share="kakao"', html)
    parts = urlsplit(href.replace("&amp;", "&"))
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == (
        "https://sharer.kakao.com/talk/friends/picker/link"
    )
    query = parse_qs(parts.query)
    assert query["app_key"] == ["abc123key"] and query["validation_action"] == ["scrap"]
    assert json.loads(query["validation_params"][0])["request_url"] == absolute
    assert ">카카오톡<" in html
    # A plain link: no Kakao script, so the policy's own-scripts-only rule stands.
    scripts = re.findall(r"<script[^>]*src=\"([^\"]+)\"", html)
    assert all(src.startswith("/") for src in scripts)
    assert "script-src 'self'" in response["Content-Security-Policy"]
