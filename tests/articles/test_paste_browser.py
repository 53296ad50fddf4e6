"""Pasting into the body editor from 한글, Word, Google Docs and a web page (clipboard
HTML recorded under tests/articles/paste/): structure and links stay, fonts, colours,
spans and scripts go, in the editor and again after the server's sanitizer."""

from pathlib import Path

import pytest

from articles.sanitize import clean_html
from tests.articles.editor_page import (
    ADD_URL,
    EDITABLE,
    admin_page,
    body,
    open_editor,
    restore_groups,
)
from tests.factories import make_reporter_user

pytestmark = pytest.mark.django_db(transaction=True)

CLIPBOARDS = Path(__file__).parent / "paste"

PASTE = """([selector, html]) => {
  const data = new DataTransfer();
  data.setData("text/html", html);
  data.setData("text/plain", "");
  const event = new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true });
  document.querySelector(selector).dispatchEvent(event);
}"""

EXPECTED = {
    "hwp.html": (
        "<p><strong>시흥시, 2026년 주민참여예산 공모</strong></p>"
        "<p>시흥시는 내년도 주민참여예산 사업을 공모한다고 밝혔다.</p>"
        '<p>자세한 내용은 <a href="https://www.siheung.go.kr/">시 누리집</a>에서 볼 수 있다.</p>'
    ),
    "word.html": (
        "<h2>의회 일정</h2><p>본회의는 <strong>9월 10일</strong> 열린다.</p>"
        "<ul><li><p>조례안 심사</p></li><li><p>예산안 의결</p></li></ul>"
        '<p><a href="https://council.siheung.go.kr/">시의회 누리집</a></p>'
    ),
    "google-docs.html": (
        "<h2>갯골축제 준비 상황</h2><p><strong>올해 축제</strong>는 10월에 열린다.</p>"
        "<ul><li><p>공연</p></li><li><p>체험 행사</p></li></ul>"
        '<p><a href="https://festival.siheung.go.kr/">축제 안내</a></p>'
    ),
    "web-page.html": (
        "<h3>교통 대책</h3><p>시는 <strong>출퇴근 버스</strong>를 늘린다.</p>"
        "<ol><li><p><strong>배차 간격</strong> 단축</p></li><li><p>노선 신설</p></li></ol>"
        '<p><a href="https://www.example.kr/news/1">원문 보기</a></p>'
    ),
}


@pytest.fixture(scope="module")
def clipboards():
    return {name: (CLIPBOARDS / name).read_text(encoding="utf-8") for name in EXPECTED}


@pytest.fixture
def page(live_server, client, monkeypatch, media_root):
    restore_groups()
    with admin_page(live_server, client, make_reporter_user("paster"), monkeypatch) as page:
        open_editor(page, live_server.url + ADD_URL)
        yield page
        assert page.problems == [], page.problems


def paste(page, html):
    page.evaluate(
        "() => window.newsroomEditor.editorFor(document.querySelector('#id_body'))"
        ".commands.clearContent(true)"
    )
    page.click(EDITABLE)
    page.evaluate(PASTE, [EDITABLE, html])
    return body(page)


def test_each_source_keeps_structure_and_drops_styling(page, clipboards):
    results = {}
    for name, html in clipboards.items():
        results[name] = paste(page, html)
    for name, html in results.items():
        for dropped in ("style=", "<span", "font", "script", "color", "class=", "<img", "o:p"):
            assert dropped not in html, (name, dropped)
    # Stored: what the editor wrote, after the allowlist (which only drops the editor's
    # list-style attributes and adds rel to links).
    stored = {
        name: clean_html(html).replace(' rel="noopener noreferrer"', "")
        for name, html in results.items()
    }
    assert stored == EXPECTED


def test_the_server_stores_the_paste_as_the_editor_shows_it(clipboards):
    # What the editor hands over passes the allowlist whole (nh3 only adds rel to links).
    for html in EXPECTED.values():
        assert clean_html(html).replace(' rel="noopener noreferrer"', "") == html


def test_the_server_alone_cleans_a_raw_clipboard_too(clipboards):
    # A paste that skipped the editor (no JavaScript, the HTML view): nothing styled or
    # scripted is stored either.
    for name, html in clipboards.items():
        cleaned = clean_html(html)
        for dropped in ("style=", "<span", "<script", "<font", "onclick", "<o:p", "class="):
            assert dropped not in cleaned.lower(), (name, dropped)
