"""편집국 달력 (newsroom/desk_calendar.py), through HTTP."""

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from tests.council.factories import make_session
from tests.factories import make_article, make_banner, make_editor, make_reporter_user

pytestmark = pytest.mark.django_db

KST = ZoneInfo("Asia/Seoul")
NOW = datetime(2026, 12, 10, 12, 0, tzinfo=KST)  # a Thursday


def kst(*args):
    return datetime(*args, tzinfo=KST)


@pytest.fixture
def today(move_clock):
    move_clock(NOW)
    return NOW


def cell(html, day, part="daybody"):
    match = re.search(
        rf'<div class="([^"]*cal-{part})" data-date="{day}"[^>]*>(.*?)</div>', html, re.S
    )
    assert match, f"no {part} for {day}"
    return match[1], match[2]


def test_month_shows_stories_by_korean_time_banners_and_sessions(client, today, media_root):
    published = make_article(headline="어제 발행", published_at=kst(2026, 12, 9, 9, 30))
    scheduled = make_article(headline="예약된 기사", published_at=kst(2026, 12, 15, 14, 0))
    make_article(headline="첫날 아침", published_at=kst(2026, 12, 1, 8, 0))  # 11.30 UTC
    make_article(
        headline="아직 쓰는 중인 초안", published=False, published_at=kst(2026, 12, 9, 10, 0)
    )
    make_article(headline="지운 기사 하나", published_at=kst(2026, 12, 9, 11, 0), deleted_at=NOW)
    banner = make_banner(name="갯골축제 배너", starts_at=kst(2026, 12, 5), ends_at=kst(2026, 12, 9))
    make_banner(name="꺼진 배너", starts_at=kst(2026, 12, 5), is_active=False)
    make_banner(name="상시 배너")
    session = make_session(341, start_date=date(2026, 12, 1), end_date=date(2026, 12, 12))
    client.force_login(make_editor())
    response = client.get("/admin/calendar/?month=2026-12")
    assert response.status_code == 200
    html = response.content.decode()
    assert "2026년 12월" in html
    _, day9 = cell(html, "2026-12-09")
    assert "09:30" in day9 and "어제 발행" in day9 and "cal-entry--published" in day9
    assert f'href="/admin/articles/article/{published.pk}/change/"' in day9
    _, day15 = cell(html, "2026-12-15")
    assert "cal-entry--scheduled" in day15 and f"/article/{scheduled.pk}/change/" in day15
    assert "첫날 아침" in cell(html, "2026-12-01")[1]  # its KST day, not its UTC one
    assert (
        "아직 쓰는 중인 초안" not in html
        and "지운 기사 하나" not in html
        and "꺼진 배너" not in html
    )
    # The banner ends at midnight of the 9th: its bar covers the 5th to the 8th (Sat–Tue
    # falls across two weeks: 12.05–12.06 and 12.07–12.08).
    bars = re.findall(r'cal-bar cal-bar--banner[^"]*" style="grid-column: (\d) / (\d)', html)
    assert bars == [("6", "8"), ("1", "3")]
    assert f'href="/admin/newsroom/banner/{banner.pk}/change/"' in html
    assert f'href="/admin/council/session/{session.pk}/change/"' in html
    assert "상시 배너" in html.split("cal-always-title")[1]
    today_class, _ = cell(html, "2026-12-10", "dayhead")
    assert "cal-today" in today_class
    assert 'data-date="2026-12-10" style="grid-column: 4; grid-row: 1" aria-current="date"' in html
    christmas_class, christmas = cell(html, "2026-12-25", "dayhead")
    assert "cal-holiday" in christmas_class and "기독탄신일" in christmas
    assert "cal-sat" in cell(html, "2026-12-12", "dayhead")[0]
    assert "cal-sun" in cell(html, "2026-12-13", "dayhead")[0]
    assert "cal-outside" in cell(html, "2026-11-30", "dayhead")[0]  # the grid's Monday


def test_reporter_sees_own_stories_and_sessions_but_no_banners(client, today, media_root):
    me = make_reporter_user()
    make_article(headline="내 기사", created_by=me, published_at=kst(2026, 12, 9, 9, 0))
    make_article(headline="남의 기사", published_at=kst(2026, 12, 9, 10, 0))
    make_banner(name="갯골축제 배너", starts_at=kst(2026, 12, 5), ends_at=kst(2026, 12, 9))
    make_session(342, start_date=date(2026, 12, 1), end_date=date(2026, 12, 3))
    client.force_login(me)
    html = client.get("/admin/calendar/").content.decode()
    assert "내 기사" in html and "남의 기사" not in html
    assert "갯골축제 배너" not in html
    assert "제342회" in html
    assert "내 기사만 보입니다" in html


def test_week_lists_a_busy_day_whole_and_the_month_sends_there(client, today):
    for minute in range(9):
        make_article(headline=f"바쁜 날 {minute}", published_at=kst(2026, 12, 8, 9, minute))
    client.force_login(make_editor())
    month = client.get("/admin/calendar/?month=2026-12").content.decode()
    _, busy = cell(month, "2026-12-08")
    assert busy.count("cal-entry ") == 6
    assert '<a class="cal-more" href="?week=2026-W50">외 3건</a>' in busy
    week = client.get("/admin/calendar/?week=2026-W50").content.decode()
    assert "2026년 50주 (12.07–12.13)" in week
    assert cell(week, "2026-12-08")[1].count("cal-entry ") == 9
    assert 'href="?week=2026-W49" rel="prev"' in week and 'href="?week=2026-W51" rel="next"' in week


@pytest.mark.parametrize(
    "query",
    [
        "month=2026-13",
        "month=2026-00",
        "month=garbage",
        "month=20266-01",
        "month=0000-01",
        "week=garbage",
        "week=2026-W54",
        "week=2026-W00",
        "week=9999-W01",
    ],
)
def test_bad_period_goes_to_this_month_with_a_korean_message(client, query):
    client.force_login(make_editor())
    response = client.get(f"/admin/calendar/?{query}")
    assert response.status_code == 302 and response["Location"] == "/admin/calendar/"
    html = client.get(response["Location"]).content.decode()
    assert "읽을 수 없습니다" in html and "이번 달을 보여 드립니다" in html


def test_the_calendar_is_behind_the_admin_login_and_linked_from_the_index(client):
    response = client.get("/admin/calendar/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    client.force_login(make_reporter_user())
    assert 'href="/admin/calendar/">편집국 달력</a>' in client.get("/admin/").content.decode()


def test_a_month_and_a_week_cost_the_same_queries_however_full(client, today, media_root):
    client.force_login(make_editor())
    client.get("/admin/calendar/?month=2026-12")  # session and permissions warmed
    periods = ("month=2026-12", "week=2026-W50")

    def queries():
        counts = []
        for period in periods:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(f"/admin/calendar/?{period}").status_code == 200
            counts.append(len(captured))
        return counts

    empty = queries()
    image = make_banner().image
    for day in range(1, 32):
        for hour in (7, 12, 18):
            make_article(published_at=kst(2026, 12, day, hour, 0))
        if day % 3 == 0:
            make_banner(
                image=image,
                starts_at=kst(2026, 12, day),
                ends_at=kst(2026, 12, day) + timedelta(days=4),
            )
        if day % 10 == 0:
            make_session(
                400 + day, start_date=date(2026, 12, day), end_date=date(2026, 12, day + 1)
            )
    assert Article.objects.count() == 93
    full = queries()
    assert full == empty
    assert max(full) <= 12
    assert timezone.now() == NOW


def test_a_week_across_the_new_year_marks_its_holiday(client, today):
    make_article(headline="새해 첫 기사", published_at=kst(2027, 1, 1, 0, 5))
    client.force_login(make_editor())
    html = client.get("/admin/calendar/?week=2026-W53").content.decode()
    assert "2026년 53주 (12.28–01.03)" in html
    assert "cal-holiday" in cell(html, "2027-01-01", "dayhead")[0]
    assert "새해 첫 기사" in cell(html, "2027-01-01")[1]
    month = client.get("/admin/calendar/?month=2027-01").content.decode()
    assert 'href="?week=2026-W53">주 보기</a>' in month  # the week of 1.1, not this week


def times_in(body):
    return re.findall(r'<time class="cal-time" datetime="([^"]+)">(\d\d:\d\d)</time>', body)


@pytest.mark.parametrize("zone", ["Asia/Seoul", "UTC"])
@pytest.mark.parametrize("period", ["month=2026-12", "week=2026-W50"])
def test_a_late_evening_story_is_on_its_korean_day_at_its_korean_time(
    client, today, settings, zone, period
):
    # 23:30 KST is 14:30 UTC the same day and 00:30 KST is 15:30 UTC the day before: the
    # calendar speaks KST whatever the server's time zone is set to.
    settings.TIME_ZONE = zone
    make_article(
        headline="밤늦은 속보", published_at=datetime(2026, 12, 9, 14, 30, tzinfo=ZoneInfo("UTC"))
    )
    make_article(headline="자정 넘은 기사", published_at=kst(2026, 12, 10, 0, 30))
    client.force_login(make_editor())
    html = client.get(f"/admin/calendar/?{period}").content.decode()
    _, day9 = cell(html, "2026-12-09")
    _, day10 = cell(html, "2026-12-10")
    assert "밤늦은 속보" in day9 and "밤늦은 속보" not in day10
    assert times_in(day9) == [("2026-12-09T23:30:00+09:00", "23:30")]
    assert "자정 넘은 기사" in day10 and "자정 넘은 기사" not in day9
    assert times_in(day10) == [("2026-12-10T00:30:00+09:00", "00:30")]
    assert "14:30" not in html and "15:30" not in html


@pytest.mark.parametrize("period", ["month=2026-12", "week=2026-W50"])
def test_a_day_lists_its_stories_by_time_of_day(client, today, period):
    for hour, minute, headline in [
        (18, 0, "저녁"),
        (7, 5, "아침"),
        (23, 59, "자정 직전"),
        (12, 0, "점심"),
    ]:
        make_article(headline=headline, published_at=kst(2026, 12, 8, hour, minute))
    client.force_login(make_editor())
    _, day = cell(client.get(f"/admin/calendar/?{period}").content.decode(), "2026-12-08")
    assert [clock for _, clock in times_in(day)] == ["07:05", "12:00", "18:00", "23:59"]
    assert re.findall(r"</time> ([^<]+)</a>", day) == ["아침", "점심", "저녁", "자정 직전"]


def test_banner_and_session_bars_show_their_windows(client, today, media_root):
    make_banner(
        name="송년 배너", starts_at=kst(2026, 12, 7, 9, 0), ends_at=kst(2026, 12, 9, 18, 30)
    )
    make_session(343, start_date=date(2026, 12, 1), end_date=date(2026, 12, 12))
    client.force_login(make_editor())
    html = client.get("/admin/calendar/?week=2026-W50").content.decode()
    banner = re.search(r'<a class="cal-bar cal-bar--banner[^>]*>(.*?)</a>', html, re.S)[1]
    assert banner == '송년 배너 <span class="cal-window">12.07 09:00–12.09 18:30</span>'
    make_banner(name="열린 배너", starts_at=kst(2026, 12, 8, 6, 0))
    make_banner(name="닫히는 배너", ends_at=kst(2026, 12, 10, 12, 0))
    html = client.get("/admin/calendar/?week=2026-W50").content.decode()
    assert '열린 배너 <span class="cal-window">12.08 06:00부터</span>' in html
    assert '닫히는 배너 <span class="cal-window">12.10 12:00까지</span>' in html
    session = re.search(r'<a class="cal-bar cal-bar--session[^>]*>(.*?)</a>', html, re.S)[1]
    assert session.endswith('<span class="cal-window">12.01–12.12</span>') and "제343회" in session
