"""The body editor in Chromium: it loads clean under the CSP, writes our vocabulary,
and Korean typed through the input method is stored exactly as typed."""

import itertools

import pytest
from django.template.loader import render_to_string

from articles import editor
from articles.body import referenced_image_ids, render_body
from articles.embeds import REFUSAL
from articles.models import Article, Image
from tests.articles.editor_page import (
    ADD_URL,
    EDITABLE,
    admin_page,
    body,
    choose_section,
    open_editor,
    restore_groups,
    select_back,
)
from tests.factories import make_article, make_image, make_reporter_user, make_section

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def page(live_server, client, monkeypatch, media_root):
    restore_groups()
    with admin_page(live_server, client, make_reporter_user("ime-reporter"), monkeypatch) as page:
        yield page
        assert page.problems == [], page.problems


def test_the_add_form_loads_the_editor_with_no_console_errors(page, live_server):
    open_editor(page, live_server.url + ADD_URL)
    labels = page.eval_on_selector_all(
        ".prose-menubar [data-name]", "buttons => buttons.map(b => b.getAttribute('aria-label'))"
    )
    assert "굵게" in labels and "사진" in labels and "동영상" in labels
    # No inline import map: the module imports the package's bundle by its static path.
    assert page.locator("script[type=importmap]").count() == 0


def saved_body(page, headline):
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist")
    return Article.objects.get(headline=headline).body


def start_story(page, live_server, headline):
    make_section(name="사회")
    text = open_editor(page, live_server.url + ADD_URL)
    page.fill("#id_headline", headline)
    choose_section(page, "사회")
    text.click()
    return text


def compose(cdp, syllables):
    """Type ``syllables`` the way a Hangul IME does: each syllable grows through
    composition updates (ㅎ → 하 → 한) and is then committed."""
    for syllable, steps in syllables:
        for step in steps:
            cdp.send(
                "Input.imeSetComposition",
                {"text": step, "selectionStart": len(step), "selectionEnd": len(step)},
            )
        cdp.send("Input.insertText", {"text": syllable})


# ProseMirror's history groups edits closer than 500 ms into one undo step; a writer
# pausing between sentences gets a step per sentence.
PAUSE = 700
HANGUL = [("한", ["ㅎ", "하", "한"]), ("글", ["ㄱ", "그", "글"])]


class TestKoreanInput:
    def test_insert_text_in_a_paragraph_is_stored_as_typed(self, page, live_server):
        start_story(page, live_server, "입력 시험")
        page.keyboard.insert_text("시흥시의회 임시회가 열렸다.")
        assert body(page) == "<p>시흥시의회 임시회가 열렸다.</p>"
        assert saved_body(page, "입력 시험") == "<p>시흥시의회 임시회가 열렸다.</p>"

    def test_composition_in_a_paragraph_a_list_and_a_link(self, page, live_server):
        start_story(page, live_server, "조합 시험")
        cdp = page.context.new_cdp_session(page)
        compose(cdp, HANGUL)
        page.keyboard.press("Enter")
        page.keyboard.type("- ")  # the list input rule
        compose(cdp, HANGUL)
        page.keyboard.press("Enter")
        compose(cdp, [("둘", ["ㄷ", "두", "둘"])])
        page.keyboard.press("Enter")
        page.keyboard.press("Enter")  # an empty item ends the list
        page.keyboard.insert_text("링크")
        select_back(page, 2)
        page.keyboard.press("Control+k")
        # Playwright's own waiting misses the dialog here; polling from the page sees it.
        page.wait_for_function("() => document.querySelector('.prose-editor-dialog input')")
        page.fill(".prose-editor-dialog input[name=href]", "https://www.siheung.go.kr/")
        page.click(".prose-editor-dialog button[type=submit]")
        page.wait_for_selector(".ProseMirror a[href]")  # the dialog has handed the caret back
        page.keyboard.press("End")
        page.keyboard.press("ArrowLeft")  # inside the link
        compose(cdp, HANGUL)
        expected = (
            "<p>한글</p><ul><li><p>한글</p></li><li><p>둘</p></li></ul>"
            '<p><a href="https://www.siheung.go.kr/">링한글크</a></p>'
        )
        assert saved_body(page, "조합 시험") == expected.replace(
            '">', '" rel="noopener noreferrer">', 1
        )

    def test_composition_after_undo_and_redo(self, page, live_server):
        start_story(page, live_server, "되돌리기 시험")
        cdp = page.context.new_cdp_session(page)
        page.keyboard.insert_text("첫 문단")
        page.keyboard.press("Enter")
        page.wait_for_timeout(PAUSE)
        compose(cdp, HANGUL)
        page.keyboard.press("Control+z")
        assert body(page).startswith("<p>첫 문단</p>")
        page.keyboard.press("Control+Shift+z")
        assert body(page) == "<p>첫 문단</p><p>한글</p>"
        page.wait_for_timeout(PAUSE)
        compose(cdp, [("만", ["ㅁ", "마", "만"])])
        page.keyboard.press("Control+z")
        assert body(page) == "<p>첫 문단</p><p>한글</p>"
        page.keyboard.press("Control+Shift+z")
        compose(cdp, [("세", ["ㅅ", "세"])])
        assert saved_body(page, "되돌리기 시험") == "<p>첫 문단</p><p>한글만세</p>"


def test_photo_from_the_library_video_and_tags(page, live_server, monkeypatch):
    monkeypatch.setattr(editor, "IMAGES_PER_PAGE", 1)  # the live server runs in this process
    image = make_image(alt_text="갯골생태공원 전경", caption="갯골의 가을", credit="사진=시흥시")
    make_image(alt_text="시청", caption="시흥시청")
    make_article(tags=["시흥시의회"])
    start_story(page, live_server, "사진과 영상 기사")
    page.keyboard.insert_text("첫 문단")

    page.click(".prose-menubar [data-name=libraryImage]")
    page.wait_for_selector(".nb-picker-position >> text=1 / 2쪽")
    page.click(".nb-picker-pages button >> text=다음")
    page.wait_for_selector(".nb-picker-position >> text=2 / 2쪽")
    page.fill(".nb-dialog input[type=search]", "갯골")
    page.wait_for_selector(".nb-picker-grid button >> text=갯골의 가을")
    page.click(".nb-picker-grid button")
    shown = page.locator(f'.ProseMirror figure[data-image-id="{image.pk}"] img')
    assert shown.get_attribute("src") == editor.image_json(Image.objects.get(pk=image.pk))["url"]
    assert "src=" not in body(page)

    page.click(".prose-menubar [data-name=video]")
    page.fill(".nb-dialog input[type=url]", "https://vimeo.com/123456")
    page.keyboard.press("Enter")
    page.wait_for_selector(".nb-dialog-error >> text=" + REFUSAL)
    # The refusal is a 400 answer, which Chromium reports in the console; nothing else may.
    page.problems.remove(
        "console: Failed to load resource: the server responded with a status of 400 (Bad Request)"
    )
    page.fill(".nb-dialog input[type=url]", "https://youtu.be/dQw4w9WgXcQ")
    page.keyboard.press("Enter")
    page.wait_for_selector(".ProseMirror figure[data-video=youtube]")

    page.click("#id_tags")
    page.keyboard.type("시흥")
    page.wait_for_selector(".tag-suggestions [role=option] >> text=시흥시의회")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")  # picks the tag; does not submit the form
    assert page.input_value("#id_tags") == "시흥시의회, "
    page.keyboard.type("신천동 소식")

    stored = saved_body(page, "사진과 영상 기사")
    assert stored == (
        f'<p>첫 문단</p><figure data-image-id="{image.pk}"><img data-image-id="{image.pk}"'
        ' alt="갯골생태공원 전경"></figure><figure data-video="youtube"><iframe'
        ' src="https://www.youtube.com/embed/dQw4w9WgXcQ" title="유튜브 동영상"'
        ' allowfullscreen=""></iframe></figure>'
    )
    article = Article.objects.get(headline="사진과 영상 기사")
    assert sorted(article.tags.names()) == ["시흥시의회", "신천동 소식"]
    assert referenced_image_ids(stored) == [image.pk]
    rendered = render_body(stored)
    assert render_to_string("articles/_body_image.html", {"image": image}) in rendered


def tab_to(page, selector, *, key="Shift+Tab", limit=60):
    """Press ``key`` until the focused element matches ``selector``; the presses taken."""
    for presses in range(1, limit + 1):
        page.keyboard.press(key)
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return presses
    raise AssertionError(f"{key} did not reach {selector} in {limit} presses")


def test_photo_and_video_dialogs_by_keyboard_alone(page, live_server):
    """Issue 11, "keyboard alone reaches every control": from the body Shift+Tab reaches
    the toolbar's 사진 and 동영상 buttons; Enter opens each dialog with the focus in its box;
    Escape closes it and gives the body its focus back; Tab reaches a photo of the library
    and Enter places it; Enter in the address box puts the video in. Stored as the
    sanitizer allows."""
    image = make_image(alt_text="갯골생태공원 전경", caption="갯골의 가을")
    make_image(alt_text="시청", caption="시흥시청")
    start_story(page, live_server, "자판으로 넣은 사진과 영상")
    page.keyboard.insert_text("첫 문단")
    in_body = "(s) => document.activeElement.matches(s)"
    photo = ".prose-menubar [data-name=libraryImage]"
    video = ".prose-menubar [data-name=video]"

    tab_to(page, photo)
    page.keyboard.press("Enter")
    assert page.evaluate(in_body, ".nb-dialog input[type=search]")
    page.keyboard.press("Escape")
    assert page.locator(".nb-dialog").count() == 0
    assert page.evaluate(in_body, EDITABLE)

    tab_to(page, photo)
    page.keyboard.press("Enter")
    page.keyboard.type("갯골")
    page.wait_for_selector(".nb-picker-status >> text=1장")
    tab_to(page, ".nb-picker-grid button", key="Tab", limit=5)
    page.keyboard.press("Enter")
    page.wait_for_selector(f'.ProseMirror figure[data-image-id="{image.pk}"]')
    assert page.evaluate(in_body, EDITABLE)

    tab_to(page, video)
    page.keyboard.press("Enter")
    assert page.evaluate(in_body, ".nb-dialog input[type=url]")
    page.keyboard.type("https://youtu.be/dQw4w9WgXcQ")
    page.keyboard.press("Enter")
    page.wait_for_selector(".ProseMirror figure[data-video=youtube]")
    assert page.evaluate(in_body, EDITABLE)

    page.focus("input[name=_continue]")
    page.keyboard.press("Enter")
    page.wait_for_selector(".messagelist")
    paragraph = "<p>첫 문단</p>"
    photo_figure = (
        f'<figure data-image-id="{image.pk}"><img data-image-id="{image.pk}"'
        ' alt="갯골생태공원 전경"></figure>'
    )
    video_figure = (
        '<figure data-video="youtube"><iframe'
        ' src="https://www.youtube.com/embed/dQw4w9WgXcQ" title="유튜브 동영상"'
        ' allowfullscreen=""></iframe></figure>'
    )
    # Where Escape leaves the caret (start or end of the body) is the browser's choice and
    # varies run to run; what is stored must be exactly these three blocks, in some order.
    stored = Article.objects.get(headline="자판으로 넣은 사진과 영상").body
    assert stored in {
        "".join(order) for order in itertools.permutations((paragraph, photo_figure, video_figure))
    }
