"""광고 보고서: impressions, clicks and CTR per banner and advertiser, page and CSV."""

import csv
import io
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from newsroom.models import BannerClick, BannerImpression
from tests.factories import make_banner, make_editor, make_reporter_user

pytestmark = pytest.mark.django_db
REPORT = "/admin/newsroom/banner/report/"
KST = timezone.get_fixed_timezone(9 * 60)


@pytest.fixture(autouse=True)
def _media(media_root):
    pass


@pytest.fixture
def editor(client):
    client.force_login(make_editor())
    return client


def at(day, hour):
    return datetime(day.year, day.month, day.day, hour, tzinfo=KST)


def counted(banner, day, impressions, clicks, hour=10):
    BannerImpression.objects.create(banner=banner, hour=at(day, hour), count=impressions)
    BannerClick.objects.create(banner=banner, day=day, count=clicks)


@pytest.fixture
def november():
    bakery = make_banner(name="빵집 사이드", advertiser="시흥제과")
    bakery_top = make_banner(name="빵집 상단", slot="header", advertiser="시흥제과")
    gym = make_banner(name="헬스장", advertiser="갯골피트니스")
    counted(bakery, date(2026, 11, 3), 1000, 25)
    counted(bakery, date(2026, 11, 4), 500, 5)
    counted(bakery_top, date(2026, 11, 4), 2000, 10)
    counted(gym, date(2026, 11, 10), 400, 0)
    counted(gym, date(2026, 10, 31), 9999, 99)  # before the period
    # 23:30 KST on 30 Nov is still November; 00:00 KST on 1 Dec is not.
    BannerImpression.objects.create(banner=gym, hour=at(date(2026, 11, 30), 23), count=7)
    BannerImpression.objects.create(banner=gym, hour=at(date(2026, 12, 1), 0), count=8888)
    return bakery, bakery_top, gym


def test_totals_per_banner_and_advertiser(editor, november, django_assert_max_num_queries):
    bakery, bakery_top, gym = november
    with django_assert_max_num_queries(12):
        response = editor.get(REPORT, {"start": "2026-11-01", "end": "2026-11-30"})
    assert response.status_code == 200
    rows = {b.pk: b for b in response.context["rows"]}
    assert (rows[bakery.pk].period_impressions, rows[bakery.pk].period_clicks) == (1500, 30)
    assert rows[bakery.pk].ctr == pytest.approx(2.0)
    assert (rows[gym.pk].period_impressions, rows[gym.pk].period_clicks) == (407, 0)
    assert rows[gym.pk].ctr == 0
    totals = dict(response.context["advertisers"])
    assert (totals["시흥제과"].impressions, totals["시흥제과"].clicks) == (3500, 40)
    html = response.content.decode()
    assert "광고 보고서" in html and "3,500" in html and "2.00%" in html


def test_one_advertiser(editor, november):
    response = editor.get(
        REPORT, {"start": "2026-11-01", "end": "2026-11-30", "advertiser": "갯골피트니스"}
    )
    assert [b.name for b in response.context["rows"]] == ["헬스장"]


def test_csv_opens_in_excel_with_korean_headers(editor, november):
    response = editor.get(REPORT, {"start": "2026-11-01", "end": "2026-11-30", "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["날짜", "광고주", "배너", "위치", "노출 수", "클릭 수", "클릭률(%)"]
    daily = [r for r in rows[1:] if not r[0].endswith("합계")]
    assert any(r[0] == "2026-11-03" and r[1:3] == ["시흥제과", "빵집 사이드"]
               and r[4:] == ["1000", "25", "2.50"] for r in daily)  # fmt: skip
    assert any(r[0] == "2026-11-30" and r[2] == "헬스장" and r[4] == "7" for r in daily)
    assert not any(r[0] in ("2026-10-31", "2026-12-01") for r in daily)
    totals = [r for r in rows[1:] if r[0].endswith("합계")]
    assert {r[2]: r[4] for r in totals} == {
        "빵집 사이드": "1500",
        "빵집 상단": "2000",
        "헬스장": "407",
    }


def test_default_is_last_month(editor, move_clock):
    move_clock(datetime(2026, 12, 3, 9, tzinfo=KST))
    response = editor.get(REPORT)
    assert response.status_code == 200
    assert response.context["period"]["start"] == date(2026, 11, 1)
    assert response.context["period"]["end"] == date(2026, 11, 30)


@pytest.mark.parametrize(
    "query, message",
    [
        ({"start": "2026-11-30", "end": "2026-11-01"}, "종료일은 시작일과 같거나 뒤여야 합니다."),
        ({"start": "2024-01-01", "end": "2026-11-01"}, "보고서 기간은 366일까지입니다."),
        ({"start": "어제", "end": "2026-11-01"}, "날짜를 2026-11-01 처럼 입력하세요."),
        ({"start": "2026-11-01"}, "필수 항목입니다."),
    ],
)
def test_bad_period_is_a_korean_form_error(editor, query, message):
    response = editor.get(REPORT, query)
    assert response.status_code == 400
    assert message in response.content.decode()
    csv_response = editor.get(REPORT, {**query, "format": "csv"})
    assert csv_response.status_code == 400


def test_reporters_cannot_see_it(client):
    client.force_login(make_reporter_user())
    assert client.get(REPORT).status_code == 403


def test_anonymous_goes_to_login(client):
    response = client.get(REPORT)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_banner_list_links_the_report(editor):
    html = editor.get("/admin/newsroom/banner/").content.decode()
    assert "data-ad-report-link" in html and REPORT in html


def test_report_query_count_does_not_grow_with_banners(editor, django_assert_max_num_queries):
    day = date(2026, 11, 5)
    for n in range(30):
        counted(make_banner(advertiser=f"광고주{n % 5}"), day - timedelta(days=n % 3), 100, n)
    with django_assert_max_num_queries(12):
        response = editor.get(REPORT, {"start": "2026-11-01", "end": "2026-11-30"})
    assert len(response.context["rows"]) == 30
    with django_assert_max_num_queries(8):
        editor.get(REPORT, {"start": "2026-11-01", "end": "2026-11-30", "format": "csv"})
