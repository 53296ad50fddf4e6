"""Banners: time windows, slots on the pages, rotation by weight, the click redirect."""

import itertools
import random
from collections import Counter
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.encoding import iri_to_uri

from newsroom.banners import choose, next_window_change
from newsroom.forms import BannerForm
from newsroom.models import Banner, BannerClick, BannerSlot
from tests.factories import banner_form_data, make_article, make_banner
from tests.newsroom.concurrency import hit_concurrently

pytestmark = pytest.mark.django_db

BROWSER = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Safari/604.1"


@pytest.fixture(autouse=True)
def _media(media_root):
    return media_root


def hours(n):
    return timezone.now() + timedelta(hours=n)


def clicks(banner):
    return sum(BannerClick.objects.filter(banner=banner).values_list("count", flat=True))


class TestWindow:
    def test_banner_without_window_is_live(self):
        banner = make_banner()
        assert list(Banner.objects.live()) == [banner]

    def test_banner_scheduled_for_tomorrow_is_not_live_yet(self):
        make_banner(starts_at=hours(24))
        assert not Banner.objects.live().exists()

    def test_scheduled_banner_appears_by_itself_when_its_time_comes(self, monkeypatch):
        banner = make_banner(starts_at=hours(24), ends_at=hours(48))
        later = hours(25)
        monkeypatch.setattr(timezone, "now", lambda: later)
        assert list(Banner.objects.live()) == [banner]

    def test_banner_that_ended_yesterday_is_not_live(self):
        make_banner(starts_at=hours(-48), ends_at=hours(-24))
        assert not Banner.objects.live().exists()

    def test_switched_off_banner_is_not_live_inside_its_window(self):
        make_banner(starts_at=hours(-1), ends_at=hours(1), is_active=False)
        assert not Banner.objects.live().exists()

    def test_next_window_change_is_the_nearest_start_or_end(self):
        make_banner(ends_at=hours(5))
        soon = make_banner(starts_at=hours(2)).starts_at
        make_banner(starts_at=hours(1), is_active=False)
        assert next_window_change() == soon


class TestSlots:
    def test_each_slot_renders_with_its_marker_where_banners_exist(self, client):
        article = make_article()
        for slot in BannerSlot.values:
            make_banner(slot=slot, alt_text=f"광고 {slot}")
        home = client.get("/").content.decode()
        page = client.get(article.get_absolute_url()).content.decode()
        for slot in (
            "header",
            "header-side",
            "footer",
            "home-between",
            "sidebar-1",
            "sidebar-2",
            "sidebar-3",
        ):
            assert f'data-banner-slot="{slot}"' in home, slot
        for slot in (
            "header",
            "article-inline",
            "article-bottom",
            "sidebar-1",
            "sidebar-2",
            "sidebar-3",
        ):
            assert f'data-banner-slot="{slot}"' in page, slot
        assert "광고 article-bottom" in page

    def test_empty_slot_renders_nothing(self, client):
        make_banner(slot="footer")
        html = client.get("/").content.decode()
        assert 'data-banner-slot="footer"' in html
        assert 'data-banner-slot="sidebar-1"' not in html

    def test_banner_links_to_our_click_redirect_not_to_the_target(self, client):
        banner = make_banner(url="https://advertiser.example/landing")
        html = client.get("/").content.decode()
        assert f'href="/banner/{banner.pk}/click/"' in html
        assert "advertiser.example" not in html
        assert f'alt="{banner.alt_text}"' in html

    def test_banner_outside_its_window_is_not_on_the_page(self, client):
        make_banner(alt_text="내일부터 광고", starts_at=hours(24))
        make_banner(alt_text="어제 끝난 광고", ends_at=hours(-24))
        html = client.get("/").content.decode()
        assert "내일부터 광고" not in html
        assert "어제 끝난 광고" not in html

    def test_all_slots_cost_one_query(self, client):
        for slot in BannerSlot.values:
            make_banner(slot=slot)
            make_banner(slot=slot)
        client.get("/")  # warm the caches of the rest of the page
        with CaptureQueriesContext(connection) as captured:
            client.get("/")
        banner_queries = [q for q in captured if "newsroom_banner" in q["sql"]]
        assert len(banner_queries) == 1


class TestRotation:
    def test_slot_shows_at_most_its_capacity(self):
        banners = [make_banner(slot="header") for _ in range(3)]
        assert len(choose(banners, 1)) == 1

    def test_all_banners_fit_shown_in_order(self):
        first = make_banner(order=1)
        second = make_banner(order=2)
        zeroth = make_banner(order=0)
        assert choose([first, second, zeroth], 3) == [zeroth, first, second]

    def test_weight_sets_the_share_of_page_views(self):
        heavy = make_banner(slot="header", weight=3)
        light = make_banner(slot="header", weight=1)
        rng = random.Random(4)
        shown = Counter(choose([heavy, light], 1, rng)[0].pk for _ in range(8000))
        share = shown[heavy.pk] / 8000
        assert 0.72 < share < 0.78, share

    def test_full_slot_shows_its_capacity_and_hides_the_other_candidates(self, client):
        for n in range(3):
            make_banner(slot="header", alt_text=f"헤더 광고 {n}", weight=n + 1)
        html = client.get("/").content.decode()
        slot = html[html.index('data-banner-slot="header"') :]
        slot = slot[: slot.index("</aside>")]
        assert 'data-banner-capacity="1"' in slot  # the browser draws again (banners.js)
        assert slot.count('class="banner"') == 3
        assert slot.count(" hidden>") == 2
        assert 'data-banner-weight="3"' in slot
        assert "banners.js" in html

    def test_slot_with_room_for_all_does_not_rotate(self, client):
        make_banner(slot="sidebar-1")
        make_banner(slot="sidebar-1")
        html = client.get("/").content.decode()
        assert "data-banner-capacity" not in html and " hidden>" not in html

    def test_server_draw_reaches_every_banner_of_a_full_slot(self, client):
        names = [make_banner(slot="header", alt_text=f"헤더 광고 {n}").alt_text for n in range(3)]
        seen = set()
        for _ in range(60):
            html = client.get("/").content.decode()
            visible = [a for a in html.split('<a class="banner"')[1:] if " hidden>" not in a[:400]]
            seen |= {name for name in names for a in visible if f'alt="{name}"' in a}
        assert seen == set(names)


class TestClickRedirect:
    def test_click_counts_and_goes_to_the_stored_address(self, client):
        banner = make_banner(url="https://advertiser.example/landing?utm=시흥")
        response = client.get(f"/banner/{banner.pk}/click/", HTTP_USER_AGENT=BROWSER)
        assert response.status_code == 302
        assert response["Location"] == iri_to_uri(banner.url)  # Hangul percent-encoded
        assert clicks(banner) == 1

    @pytest.mark.parametrize(
        "query",
        ["?next=https://evil.example/", "?url=//evil.example", "?redirect=javascript:alert(1)"],
    )
    def test_no_parameter_can_redirect_elsewhere(self, client, query):
        banner = make_banner(url="https://advertiser.example/")
        response = client.get(f"/banner/{banner.pk}/click/{query}", HTTP_USER_AGENT=BROWSER)
        assert response["Location"] == "https://advertiser.example/"

    def test_script_address_written_around_the_form_is_never_a_redirect(self, client):
        banner = make_banner()
        Banner.objects.filter(pk=banner.pk).update(url="javascript:alert(1)")
        response = client.get(f"/banner/{banner.pk}/click/", HTTP_USER_AGENT=BROWSER)
        assert response.status_code == 400
        assert "Location" not in response

    def test_suffix_on_the_path_is_not_a_redirect(self, client):
        banner = make_banner()
        assert client.get(f"/banner/{banner.pk}/click/https://evil.example/").status_code == 404

    @pytest.mark.parametrize(
        "window",
        [
            {"ends_at": timedelta(hours=-1)},
            {"starts_at": timedelta(hours=1)},
            {"is_active": False},
        ],
        ids=["expired", "scheduled", "inactive"],
    )
    def test_banner_not_live_is_404_and_not_counted(self, client, window):
        fields = {
            k: timezone.now() + v if isinstance(v, timedelta) else v for k, v in window.items()
        }
        banner = make_banner(**fields)
        response = client.get(f"/banner/{banner.pk}/click/", HTTP_USER_AGENT=BROWSER)
        assert response.status_code == 404
        assert clicks(banner) == 0

    def test_unknown_banner_is_404(self, client):
        assert client.get("/banner/999999/click/").status_code == 404

    def test_robot_is_redirected_but_not_counted(self, client):
        banner = make_banner()
        response = client.get(f"/banner/{banner.pk}/click/", HTTP_USER_AGENT="Googlebot/2.1")
        assert response.status_code == 302
        assert clicks(banner) == 0

    def test_redirect_is_never_cached(self, client):
        banner = make_banner()
        response = client.get(f"/banner/{banner.pk}/click/", HTTP_USER_AGENT=BROWSER)
        assert "no-cache" in response["Cache-Control"] or "max-age=0" in response["Cache-Control"]

    def test_counting_never_writes_the_banner_row(self, client):
        banner = make_banner()
        before = Banner.objects.get(pk=banner.pk).updated_at
        with CaptureQueriesContext(connection) as captured:
            client.get(f"/banner/{banner.pk}/click/", HTTP_USER_AGENT=BROWSER)
        assert not [q for q in captured if q["sql"].startswith("UPDATE")]
        assert Banner.objects.get(pk=banner.pk).updated_at == before
        assert len(captured) <= 3  # find the banner, the hour's salt (once), the guarded add


@pytest.mark.django_db(transaction=True)
def test_concurrent_clicks_are_all_counted(client, media_root):
    banner = make_banner()
    per_thread, threads = 10, 8

    addresses = (f"203.0.113.{n}" for n in itertools.count(1))

    def click(client):  # each a different reader: one reader's clicks count once an hour
        assert (
            client.get(f"/banner/{banner.pk}/click/", REMOTE_ADDR=next(addresses)).status_code
            == 302
        )

    errors = hit_concurrently(click, threads=threads, per_thread=per_thread, user_agent=BROWSER)
    assert not errors
    assert clicks(banner) == per_thread * threads


class TestForm:
    def data(self, **overrides):
        return banner_form_data(**overrides)

    def test_valid_banner(self):
        form = BannerForm(self.data())
        assert form.is_valid(), form.errors

    @pytest.mark.parametrize(
        "url",
        [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " java\tscript:alert(1)",
            "data:text/html,<b>x</b>",
        ],
    )
    def test_script_and_data_addresses_are_refused_in_korean(self, url):
        form = BannerForm(self.data(url=url))
        assert not form.is_valid()
        assert "주소는 쓸 수 없습니다" in form.errors["url"][0]

    @pytest.mark.parametrize(
        "url", ["ftp://example.kr/a", "//evil.example", "/local/path", "example.kr"]
    )
    def test_only_absolute_http_addresses(self, url):
        form = BannerForm(self.data(url=url))
        assert not form.is_valid()
        assert "http://" in form.errors["url"][0]

    def test_end_before_start_is_refused_in_korean(self):
        start = timezone.localtime() + timedelta(days=2)
        form = BannerForm(
            self.data(
                starts_at=start.strftime("%Y-%m-%d %H:%M"),
                ends_at=(start - timedelta(days=1)).strftime("%Y-%m-%d %H:%M"),
            )
        )
        assert not form.is_valid()
        assert form.errors["ends_at"] == ["게시 종료 시각은 시작 시각보다 뒤여야 합니다."]

    @pytest.mark.parametrize("alt", ["", "   "])
    def test_missing_alt_text_is_refused_in_korean(self, alt):
        form = BannerForm(self.data(alt_text=alt))
        assert not form.is_valid()
        assert form.errors["alt_text"][0].startswith("대체 텍스트를 입력하세요")


class TestWithThePageCache:
    @pytest.fixture(autouse=True)
    def page_cache_on(self, settings):
        settings.PAGE_CACHE_SECONDS = 300

    def test_scheduled_banner_appears_on_a_cached_page_on_time(self, client, move_clock):

        make_article()
        now = timezone.now()
        # Inside the page cache's own 5 minutes: only the banner's start can expire the page.
        make_banner(alt_text="곧 시작하는 광고", starts_at=now + timedelta(minutes=2))
        assert "곧 시작하는 광고" not in client.get("/").content.decode()

        later = now + timedelta(minutes=3)
        move_clock(later)
        assert "곧 시작하는 광고" in client.get("/").content.decode()

    def test_clicks_and_reads_keep_stored_pages(self, client, django_assert_num_queries):
        article = make_article()
        banner = make_banner()
        client.get(article.get_absolute_url())
        client.get(f"/banner/{banner.pk}/click/", HTTP_USER_AGENT=BROWSER)
        client.post(f"/read/{article.pk}/", HTTP_USER_AGENT=BROWSER)
        with django_assert_num_queries(0):
            assert client.get(article.get_absolute_url()).status_code == 200


def test_header_banners_load_at_once_and_lower_ones_lazily(client, media_root):
    import re

    make_banner(slot="header")
    make_banner(slot="sidebar-1")
    html = client.get("/").content.decode()
    slots = dict(re.findall(r'data-banner-slot="([\w-]+)".*?(<img [^>]*>)', html, re.S))
    assert 'loading="lazy"' not in slots["header"]
    assert 'loading="lazy"' in slots["sidebar-1"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("fields", "label"),
    [
        ({}, "게시 중"),
        ({"is_active": False}, "사용 안 함"),
        ({"starts_at": timedelta(hours=1)}, "예약"),
        ({"ends_at": timedelta(hours=-1)}, "종료"),
        ({"starts_at": timedelta(hours=-2), "ends_at": timedelta(hours=2)}, "게시 중"),
    ],
)
def test_window_label_agrees_with_the_querysets(fields, label):
    now = timezone.now()
    values = {k: now + v if isinstance(v, timedelta) else v for k, v in fields.items()}
    banner = make_banner(**values)
    manager = Banner.objects
    by_label = {
        "게시 중": manager.live(),
        "사용 안 함": manager.switched_off(),
        "예약": manager.scheduled(),
        "종료": manager.ended(),
    }
    assert banner.window_state == label
    assert [name for name, rows in by_label.items() if rows.filter(pk=banner.pk).exists()] == [
        label
    ]
