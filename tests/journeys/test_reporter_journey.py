"""Journey 1, in Chromium against the live app: a reporter logs in, writes a story with a
heading, bold text, a link, a list, an uploaded photo with caption, tags and a section;
saves a draft; previews it; asks for review; and finds no way to publish."""

import pytest
from django.urls import reverse

from articles.models import Article, Image
from tests.articles.editor_page import EDITABLE, body, choose_section, restore_groups, select_back
from tests.articles.image_samples import encode, photo
from tests.browser import launch
from tests.factories import make_article, make_reporter_user, make_section

pytestmark = pytest.mark.django_db(transaction=True)

PASSWORD = "newsroom-demo"


@pytest.fixture
def page(live_server, monkeypatch, media_root):
    with launch(live_server.url, monkeypatch) as browser:
        context = browser.new_context(locale="ko-KR", viewport={"width": 1366, "height": 900})
        page = context.new_page()
        problems = []
        page.on("pageerror", lambda error: problems.append(f"pageerror: {error}"))
        page.on(
            "console",
            lambda m: problems.append(f"console: {m.text}") if m.type == "error" else None,
        )
        yield page
        assert problems == [], problems


def test_a_reporter_writes_a_story_and_asks_for_review(page, live_server):
    restore_groups()
    reporter = make_reporter_user("reporter")
    reporter.set_password(PASSWORD)
    reporter.save()
    make_section(name="사회")
    make_article(tags=["시흥시의회"])
    url = live_server.url

    page.goto(url + "/admin/login/")
    page.fill("#id_username", "reporter")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#content")

    # The photo goes into the library first, with its caption.
    page.goto(url + reverse("admin:articles_image_add"))
    page.set_input_files(
        "#id_file",
        files=[
            {"name": "gaetgol.jpg", "mimeType": "image/jpeg", "buffer": encode(photo(), "JPEG")}
        ],
    )
    page.fill("#id_alt_text", "갯골생태공원의 염전 체험장")
    page.fill("#id_caption", "갯골생태공원 염전 체험장")
    page.fill("#id_credit", "사진=시흥뉴스룸")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist")
    image = Image.objects.get(caption="갯골생태공원 염전 체험장")

    page.goto(url + reverse("admin:articles_article_add"))
    page.wait_for_selector(EDITABLE)
    page.fill("#id_headline", "갯골축제, 10월 열린다")
    choose_section(page, "사회")
    page.click(EDITABLE)
    page.keyboard.insert_text("축제 안내")
    page.click(".prose-menubar__selected")  # the block type menu
    page.click(".prose-menubar__option[data-name=heading2]")
    page.keyboard.press("End")
    page.keyboard.press("Enter")
    page.keyboard.insert_text("올해 축제는 ")
    page.keyboard.press("Control+b")
    page.keyboard.insert_text("10월")
    page.keyboard.press("Control+b")
    page.keyboard.insert_text("에 열린다. ")
    page.keyboard.insert_text("안내")
    select_back(page, 2)
    page.keyboard.press("Control+k")
    page.wait_for_function("() => document.querySelector('.prose-editor-dialog input')")
    page.fill(".prose-editor-dialog input[name=href]", "https://festival.siheung.go.kr/")
    page.click(".prose-editor-dialog button[type=submit]")
    page.wait_for_selector(".ProseMirror a[href]")  # the dialog has handed the caret back
    page.evaluate(  # the caret after the link, not a key racing the dialog's focus
        "() => { const e = window.newsroomEditor.editorFor(document.querySelector('#id_body'));"
        " e.chain().focus().setTextSelection(e.state.selection.to).run(); }"
    )
    page.keyboard.press("Enter")
    page.keyboard.type("- ")
    page.keyboard.insert_text("공연")
    page.keyboard.press("Enter")
    page.keyboard.insert_text("체험 행사")
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")
    page.click(".prose-menubar [data-name=libraryImage]")
    page.click(".nb-picker-grid button >> text=갯골생태공원 염전 체험장")
    page.click("#id_tags")
    page.keyboard.type("시흥")
    page.wait_for_selector(".tag-suggestions [role=option] >> text=시흥시의회")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.keyboard.type("갯골축제")
    assert f'data-image-id="{image.pk}"' in body(page)

    page.click("input[name=_continue]")  # the draft
    page.wait_for_selector(".messagelist")
    article = Article.objects.get(headline="갯골축제, 10월 열린다")
    assert article.status == Article.Status.DRAFT
    assert article.section.name == "사회"
    assert sorted(article.tags.names()) == ["갯골축제", "시흥시의회"]
    assert article.body == (
        "<h2>축제 안내</h2><p>올해 축제는 <strong>10월</strong>에 열린다. "
        '<a href="https://festival.siheung.go.kr/" rel="noopener noreferrer">안내</a></p>'
        "<ul><li><p>공연</p></li><li><p>체험 행사</p></li></ul>"
        f'<figure data-image-id="{image.pk}"><img data-image-id="{image.pk}"'
        ' alt="갯골생태공원의 염전 체험장"></figure>'
    )

    with page.expect_popup() as popup:
        page.click("a >> text=미리보기")
    preview = popup.value
    preview.wait_for_load_state()
    assert preview.locator("h1 >> text=갯골축제, 10월 열린다").count() == 1
    assert preview.locator("text=갯골생태공원 염전 체험장").count() >= 1
    assert preview.locator("strong >> text=10월").count() == 1
    preview.close()

    page.click("input[name=_submit_for_review]")
    page.wait_for_selector(".messagelist")
    article.refresh_from_db()
    assert article.status == Article.Status.REVIEW

    # No way to publish: no status field, no publish action, no publish button.
    page.goto(url + reverse("admin:articles_article_change", args=[article.pk]))
    assert page.locator("select#id_status").count() == 0
    assert page.locator("#id_published_at_0").count() == 0
    page.goto(url + reverse("admin:articles_article_changelist"))
    actions = page.eval_on_selector_all(
        "select[name=action] option", "options => options.map(o => o.value)"
    )
    assert "publish_selected" not in actions
    assert "submit_selected_for_review" in actions
