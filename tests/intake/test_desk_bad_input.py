"""Bad input on the desk's pages: a Korean message and a 4xx (or the calendar's own
redirect to this month with the message), never a 500 and never half-written data.

The plain cases (month 13, W00, a reversed period, a blank 반려 사유) are in the pages' own
tests (tests/newsroom/test_desk_calendar.py, tests/newsroom/test_ad_report.py,
tests/articles/test_reject.py); these are the ones they did not try.
"""

import pytest
from django.contrib.admin.models import LogEntry
from django.test import Client
from reversion.models import Version

from articles.models import Article
from tests.factories import make_article, make_banner, make_editor, make_reporter_user

pytestmark = pytest.mark.django_db

CALENDAR = "/admin/calendar/"
REPORT = "/admin/newsroom/banner/report/"
EXPORT = "/portal/export.xml"


@pytest.fixture
def editor(client):
    client.force_login(make_editor())
    return client


@pytest.mark.parametrize(
    "url",
    [
        CALENDAR + "?month=2026-12%00",
        CALENDAR + "?week=2026-W49%00",
        REPORT + "?start=2026-11-01&end=2026-11-30%00",
        REPORT + "?start=2026-11-01&end=2026-11-30&advertiser=%EC%8B%9C%00",
        EXPORT + "?a=%00",
    ],
)
def test_a_nul_in_the_query_is_a_korean_400_on_every_desk_page(editor, url):
    # RejectNullBytesMiddleware answers before the view (Postgres refuses NUL in text).
    response = editor.get(url)
    assert response.status_code == 400
    assert "요청" in response.content.decode()


# 편집국 달력 ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        {"month": "99999-01"},
        {"month": "2026-1x"},
        {"month": "abcd-ef"},
        {"month": "2026-13"},
        {"month": "2026-0"},
        {"month": "2026-"},
        {"month": "-12"},
        {"month": "2026-12-01"},
        {"month": "1989-12"},  # before the years the calendar opens
        {"month": "2101-01"},
        {"week": "2026-W0"},
        {"week": "2026-W"},
        {"week": "2026-Wxx"},
        {"week": "99999-W01"},
        {"week": "2026-W-1"},
        {"week": "2026-W999"},
        {"week": "2100-W53"},  # 2100 has 52 ISO weeks
        {"week": "garbage", "month": "2026-12"},  # the week decides, and it is bad
    ],
)
def test_calendar_bad_period_is_a_korean_message_not_a_500(editor, query):
    response = editor.get(CALENDAR, query)
    assert response.status_code == 302 and response["Location"] == CALENDAR
    html = editor.get(response["Location"]).content.decode()
    assert "읽을 수 없습니다" in html and "이번 달을 보여 드립니다" in html


@pytest.mark.parametrize("query", [{"month": "1990-01"}, {"month": "2100-12"}, {"week": "1990-W01"}, {"week": "2100-W52"}])  # fmt: skip
def test_calendar_opens_the_first_and_last_years_it_allows(editor, query):
    # The grid reaches into the neighbouring year (1989-12-25, 2101-01-03): no overflow.
    assert editor.get(CALENDAR, query).status_code == 200


def test_calendar_ignores_a_year_parameter(editor):
    # There is no ?year=; a stray one must not break the page.
    assert editor.get(CALENDAR, {"year": "99999"}).status_code == 200


# 광고 보고서 -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, message",
    [
        ({"start": "2026-13-01", "end": "2026-12-31"}, "날짜를 2026-11-01 처럼 입력하세요."),
        ({"start": "2026-02-30", "end": "2026-03-01"}, "날짜를 2026-11-01 처럼 입력하세요."),
        ({"start": "99999-01-01", "end": "2026-12-31"}, "날짜를 2026-11-01 처럼 입력하세요."),
        ({"start": "2026-11-01", "end": "abc"}, "날짜를 2026-11-30 처럼 입력하세요."),
        ({"start": "", "end": ""}, "필수 항목입니다."),
        ({"end": "2026-11-30"}, "필수 항목입니다."),
        ({"start": "2026-12-01", "end": "2026-11-30"}, "종료일은 시작일과 같거나 뒤여야 합니다."),
        ({"start": "2025-11-29", "end": "2026-11-30"}, "보고서 기간은 366일까지입니다."),
        # The last day the calendar knows: its next midnight does not exist.
        ({"start": "9999-12-31", "end": "9999-12-31"}, "날짜는 9999-12-30까지 입력하세요."),
        ({"start": "9999-12-01", "end": "9999-12-31"}, "날짜는 9999-12-30까지 입력하세요."),
    ],
)
def test_ad_report_bad_period_is_a_korean_form_error(editor, query, message):
    make_banner(name="빵집 사이드", advertiser="시흥제과")
    response = editor.get(REPORT, query)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert editor.get(REPORT, {**query, "format": "csv"}).status_code == 400


def test_ad_report_first_and_last_days_it_allows(editor):
    make_banner(name="빵집 사이드", advertiser="시흥제과")
    for start, end in [("0001-01-01", "0001-01-31"), ("9999-12-01", "9999-12-30")]:
        assert editor.get(REPORT, {"start": start, "end": end}).status_code == 200
        assert editor.get(REPORT, {"start": start, "end": end, "format": "csv"}).status_code == 200


# 포털 전송 -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "?page=abc",
        "?since=not-a-date",
        "?limit=-1&offset=99999999999999999999",
        "?format=json",
        "?%ff=%fe",
    ],
)
def test_portal_export_ignores_query_parameters_it_does_not_take(client, query):
    make_article(headline="정왕동 도서관 개관")
    plain = client.get(EXPORT)
    response = client.get(EXPORT + query)
    # The export takes no parameters: anything after ? is the same export, not an error.
    assert response.status_code == 200 and response.content == plain.content


def test_portal_export_with_a_host_not_ours_is_400(client):
    assert Client().get(EXPORT, HTTP_HOST="evil.example").status_code == 400


def test_portal_export_answers_get_only_without_a_500():
    # A POST has no CSRF token: 403, never a 500 or a second kind of export.
    response = Client(enforce_csrf_checks=True).post(EXPORT, {"page": "1"})
    assert response.status_code in (403, 405)


# 반려 ------------------------------------------------------------------------------------


@pytest.fixture
def in_review():
    return make_article(
        published=False, status=Article.Status.REVIEW, created_by=make_reporter_user()
    )


def _unchanged(article):
    after = Article.objects.get(pk=article.pk)
    assert after.status == Article.Status.REVIEW
    assert after.rejected_at is None and after.rejected_by is None
    assert after.rejection_reason == ""
    assert after.updated_at == article.updated_at
    assert not Version.objects.get_for_object(after).filter(revision__comment__contains="반려")
    assert not LogEntry.objects.filter(object_id=str(article.pk)).exists()


@pytest.mark.parametrize(
    "data, message",
    [
        ({}, "반려 사유를 입력하세요."),
        ({"reason": ""}, "반려 사유를 입력하세요."),
        ({"reason": " \n\t\u3000 "}, "반려 사유를 입력하세요."),
        ({"reason": "가" * 2001}, "반려 사유는 2000자까지 씁니다."),
    ],
)
def test_reject_without_a_reason_is_a_korean_form_error_and_changes_nothing(
    editor, in_review, data, message
):
    response = editor.post(f"/admin/articles/article/{in_review.pk}/reject/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    _unchanged(in_review)


def test_reject_with_a_nul_in_the_reason_is_a_form_error_and_changes_nothing(editor, in_review):
    response = editor.post(
        f"/admin/articles/article/{in_review.pk}/reject/", {"reason": "출처\x00"}
    )
    assert response.status_code == 400
    _unchanged(in_review)


def test_reject_a_story_not_in_review_is_a_korean_error_and_changes_nothing(editor):
    draft = make_article(published=False, status=Article.Status.DRAFT)
    response = editor.post(f"/admin/articles/article/{draft.pk}/reject/", {"reason": "출처"})
    assert response.status_code == 400
    assert "검토 요청된 기사만 반려할 수 있습니다." in response.content.decode()
    after = Article.objects.get(pk=draft.pk)
    assert after.rejected_at is None and after.rejection_reason == ""
    assert not LogEntry.objects.filter(object_id=str(draft.pk)).exists()


@pytest.mark.parametrize("object_id", ["999999", "abc", "1.5", "-1"])
def test_reject_a_story_that_is_not_there_is_404(editor, object_id):
    response = editor.post(f"/admin/articles/article/{object_id}/reject/", {"reason": "출처"})
    assert response.status_code == 404
