"""Editors manage banners and the home page in the admin; reporters cannot, even by direct POST."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from articles import renditions
from newsroom.counters import bump
from newsroom.models import Banner, BannerClick, HomeBlock, HomeCuration, HomePick
from tests.factories import (
    banner_form_data,
    jpeg_bytes,
    make_article,
    make_banner,
    make_editor,
    make_reporter_user,
    make_section,
)

pytestmark = pytest.mark.django_db

BANNERS = "/admin/newsroom/banner/"
HOME = "/admin/newsroom/homecuration/1/change/"


@pytest.fixture(autouse=True)
def _media(media_root):
    return media_root


@pytest.fixture
def editor(client):
    client.force_login(make_editor())
    return client


@pytest.fixture
def reporter(client):
    client.force_login(make_reporter_user())
    return client


def home_data(picks=(), blocks=(), pins=(), **fields):
    data = {"breaking_text": "", "breaking_url": "", "featured_count": "4", **fields}
    for prefix, rows in (("picks", picks), ("blocks", blocks), ("pins", pins)):
        data[f"{prefix}-TOTAL_FORMS"] = str(len(rows))
        data[f"{prefix}-INITIAL_FORMS"] = "0"
        for n, row in enumerate(rows):
            data.update({f"{prefix}-{n}-{key}": value for key, value in row.items()})
    return data


class TestGroups:
    def test_editors_get_banner_and_home_rights_reporters_none(self):
        editors = set(
            Group.objects.get(name="편집자").permissions.values_list("codename", flat=True)
        )
        reporters = set(
            Group.objects.get(name="기자").permissions.values_list("codename", flat=True)
        )
        wanted = {"add_banner", "change_banner", "delete_banner", "view_banner"}
        wanted |= {"change_homecuration", "add_homepick", "add_homeblock"}
        assert wanted <= editors
        assert not {
            c for c in reporters if c.endswith(("banner", "homecuration", "homepick", "homeblock"))
        }


class TestReporter:
    def test_reporter_does_not_see_banners(self, reporter):
        make_banner()
        assert reporter.get(BANNERS).status_code == 403
        assert "배너" not in reporter.get("/admin/").content.decode()

    def test_reporter_cannot_add_a_banner_by_direct_post(self, reporter):
        response = reporter.post(BANNERS + "add/", banner_form_data())
        assert response.status_code == 403
        assert not Banner.objects.exists()

    def test_reporter_cannot_change_a_banner_by_direct_post(self, reporter):
        banner = make_banner(url="https://example.kr/original")
        response = reporter.post(
            f"{BANNERS}{banner.pk}/change/", banner_form_data(url="https://evil.example/")
        )
        assert response.status_code == 403
        assert Banner.objects.get(pk=banner.pk).url == "https://example.kr/original"

    def test_reporter_cannot_replace_a_banners_picture_by_direct_post(self, reporter):
        # The picture lives in the shared photo library, which reporters may add to.
        banner = make_banner()
        picture = banner.image
        stored = picture.file.name
        response = reporter.post(
            f"/admin/articles/image/{picture.pk}/change/",
            {
                "file": SimpleUploadedFile("ad.jpg", jpeg_bytes(color=(200, 0, 0)), "image/jpeg"),
                "alt_text": "바꾼 광고",
                "caption": "",
                "credit": "",
            },
        )
        assert response.status_code == 403
        picture.refresh_from_db()
        assert picture.file.name == stored
        assert picture.alt_text != "바꾼 광고"

    def test_reporter_cannot_delete_a_banner_by_direct_post(self, reporter):
        banner = make_banner()
        reporter.post(f"{BANNERS}{banner.pk}/delete/", {"post": "yes"})
        assert Banner.objects.filter(pk=banner.pk).exists()

    def test_reporter_cannot_curate_the_home_page(self, reporter):
        story = make_article()
        assert reporter.get(HOME).status_code == 403
        response = reporter.post(
            HOME,
            home_data(
                picks=[{"kind": "headline", "article": story.pk, "order": "0"}],
                breaking_on="on",
                breaking_text="가짜 속보",
            ),
        )
        assert response.status_code == 403
        assert not HomePick.objects.exists()
        assert not HomeCuration.objects.get(pk=1).breaking_on


class TestEditor:
    def test_editor_pages_render(self, editor):
        banner = make_banner()
        for url in (BANNERS, BANNERS + "add/", f"{BANNERS}{banner.pk}/change/", HOME):
            assert editor.get(url).status_code == 200, url
        # the banner's picture and click total on its own page
        html = editor.get(f"{BANNERS}{banner.pk}/change/").content.decode()
        assert renditions.smallest_url(banner.image, "article") in html and "전체 클릭" in html

    @pytest.mark.parametrize(
        "window, expected",
        [
            ("live", "지금 광고"),
            ("scheduled", "내일 광고"),
            ("ended", "지난 광고"),
            ("off", "꺼둔 광고"),
        ],
    )
    def test_list_filters_by_window(self, editor, window, expected):
        now = timezone.now()
        make_banner(name="지금 광고")
        make_banner(name="내일 광고", starts_at=now + timedelta(days=1))
        make_banner(name="지난 광고", ends_at=now - timedelta(days=1))
        make_banner(name="꺼둔 광고", is_active=False)
        response = editor.get(BANNERS, {"window": window})
        assert [b.name for b in response.context["cl"].result_list] == [expected]

    def test_editor_adds_a_banner(self, editor):
        response = editor.post(BANNERS + "add/", banner_form_data())
        assert response.status_code == 302
        assert Banner.objects.get().url == "https://example.kr/festival"

    @pytest.mark.parametrize(
        "fields, field, message",
        [
            ({"url": "javascript:alert(1)"}, "url", "javascript: 주소는 쓸 수 없습니다"),
            ({"url": "data:text/html;base64,PHNjcmlwdD4="}, "url", "data: 주소는 쓸 수 없습니다"),
            ({"alt_text": ""}, "alt_text", "대체 텍스트를 입력하세요"),
            (
                {
                    "starts_at_0": "2026-10-02",
                    "starts_at_1": "10:00",
                    "ends_at_0": "2026-10-01",
                    "ends_at_1": "10:00",
                },
                "ends_at",
                "게시 종료 시각은 시작 시각보다 뒤여야 합니다.",
            ),
        ],
        ids=["javascript", "data", "no-alt", "end-before-start"],
    )
    def test_bad_banner_is_a_korean_form_error(self, editor, fields, field, message):
        response = editor.post(BANNERS + "add/", banner_form_data(**fields))
        assert response.status_code == 200
        errors = response.context["adminform"].form.errors[field]
        assert any(message in error for error in errors), errors
        assert not Banner.objects.exists()

    def test_list_shows_each_slots_live_banners_and_clicks(self, editor):
        header = make_banner(slot="header", name="시청 헤더 광고")
        make_banner(slot="footer", name="끝난 광고", ends_at=timezone.now() - timedelta(days=1))
        bump(BannerClick, 3, banner_id=header.pk, day=timezone.localdate())
        html = editor.get(BANNERS).content.decode()
        summary = html[html.index('id="banner-slots"') :]
        row = summary[summary.index('data-slot="header"') :]
        row = row[: row.index("</tr>")]
        assert "시청 헤더 광고" in row and "<td>3</td>" in row
        footer = summary[summary.index('data-slot="footer"') :]
        assert "끝난 광고" not in footer[: footer.index("</tr>")]
        # and the list below carries the totals per banner
        assert "전체 클릭" in html

    def test_editor_curates_the_home_page(self, editor, client):
        headline, featured = make_article(headline="시장 신년 기자회견"), make_article()
        media = make_section("미디어", slug="media")
        for _ in range(6):  # enough for the 주요 기사 and, below them, the block
            make_article(section=media)
        response = editor.post(
            HOME,
            home_data(
                picks=[
                    {"kind": "headline", "article": headline.pk, "order": "0"},
                    {"kind": "featured", "article": featured.pk, "order": "1"},
                ],
                blocks=[{"section": media.pk, "layout": "teaser", "item_count": "3", "order": "0"}],
                breaking_on="on",
                breaking_text="시흥시 폭염경보",
                breaking_ends_at_0="2099-12-31",
                breaking_ends_at_1="18:00",
            ),
        )
        assert response.status_code == 302, response.context["adminform"].form.errors
        assert HomePick.objects.count() == 2
        assert HomeBlock.objects.get().layout == "teaser"
        html = client.get("/").content.decode()
        assert "시흥시 폭염경보" in html
        assert html.index("시장 신년 기자회견") < html.index('id="block-media"')

    def test_breaking_on_without_text_is_a_korean_error(self, editor):
        response = editor.post(HOME, home_data(breaking_on="on"))
        assert response.status_code == 200
        assert response.context["adminform"].form.errors["breaking_text"] == [
            "속보를 켜려면 속보 문구를 입력하세요."
        ]

    def test_home_list_goes_straight_to_the_one_page(self, editor):
        response = editor.get("/admin/newsroom/homecuration/")
        assert response.status_code == 302
        assert response["Location"].endswith(HOME)
