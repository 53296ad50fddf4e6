"""The body editor speaks Korean: every menu and dialog a reporter can open shows no
English word, in its text, its tooltips, its field labels or its choices.

The package's own words come from our djangojs catalogue (locale/ko/LC_MESSAGES/djangojs.po,
read through the admin's JavaScript catalogue); the toolbar's titles and the table
dialog are ours (static/articles/body-editor.js).
"""

import re

import pytest

from tests.articles.editor_page import ADD_URL, admin_page, open_editor, restore_groups
from tests.factories import make_reporter_user

pytestmark = pytest.mark.django_db(transaction=True)

# Names a reporter reads as names, not as English.
BRANDS = {"YouTube", "TV", "HTML"}
# The list dialog's numbering styles are shown as samples: "i, ii, iii".
ROMAN = re.compile(r"[ivxIVX]+")

# Everything a reporter can read inside the editor: visible text (the icon font's ligature
# names are drawings, not words), tooltips, labels for screen readers, placeholders and
# the choices of a select.
VISIBLE_WORDS = """() => {
  const roots = [...document.querySelectorAll('.prose-editor, dialog[open]')];
  const seen = [];
  const shown = (el) => el.checkVisibility ? el.checkVisibility() : !!el.offsetParent;
  for (const root of roots) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('.material-icons, svg, .ProseMirror[contenteditable=true]')) continue;
      if (parent.closest('option') ? !shown(parent.closest('select')) : !shown(parent)) continue;
      if (node.textContent.trim()) seen.push(node.textContent.trim());
    }
    for (const el of root.querySelectorAll('[title], [aria-label], [placeholder], [alt]')) {
      if (el.closest('.ProseMirror[contenteditable=true]') || !shown(el)) continue;
      for (const name of ['title', 'aria-label', 'placeholder', 'alt']) {
        const value = el.getAttribute(name);
        if (value) seen.push(value);
      }
    }
  }
  return seen;
}"""


def english_words(page) -> set[str]:
    words = set()
    for text in page.evaluate(VISIBLE_WORDS):
        text = re.sub(r"https?://\S+", "", text)
        words.update(
            w
            for w in re.findall(r"[A-Za-z]{2,}", text)
            if w not in BRANDS and not ROMAN.fullmatch(w)
        )
    return words


@pytest.fixture
def page(live_server, client, monkeypatch, media_root):
    restore_groups()
    user = make_reporter_user("korean-reporter")
    with admin_page(live_server, client, user, monkeypatch) as page:
        yield page
        assert page.problems == [], page.problems


def editor_command(page, script):
    page.evaluate(
        "(script) => new Function('editor', script)("
        "window.newsroomEditor.editorFor(document.querySelector('#id_body')))",
        script,
    )


def open_dialog(page, selector):
    page.click(selector)
    # Playwright's own waiting misses the package's dialog; polling from the page sees it.
    page.wait_for_function("() => document.querySelector('dialog[open]')")


def close_dialog(page):
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.querySelector('dialog[open]')")


def test_every_menu_and_dialog_speaks_korean(page, live_server):
    found = {}
    text = open_editor(page, live_server.url + ADD_URL)
    text.click()
    page.keyboard.insert_text("시흥시의회 임시회")
    found["toolbar"] = english_words(page)

    # The block-type dropdown, opened.
    page.click(".prose-menubar__selected")
    page.wait_for_selector(".prose-menubar__picker [data-name=heading2]", state="visible")
    found["block dropdown"] = english_words(page)
    page.keyboard.press("Escape")
    text.click()

    editor_command(page, "editor.chain().focus().selectAll().run()")
    open_dialog(page, ".prose-menubar [data-name=link]")
    found["link dialog"] = english_words(page)
    page.fill("dialog[open] input[name=href]", "https://www.siheung.go.kr/")
    page.click("dialog[open] button[type=submit]")
    page.wait_for_selector(".ProseMirror a[href]")
    found["toolbar in a link"] = english_words(page)

    editor_command(page, "editor.chain().focus().setTextSelection(2).toggleOrderedList().run()")
    open_dialog(page, ".prose-menubar [data-name=orderedListProperties]")
    found["list dialog"] = english_words(page)
    close_dialog(page)

    editor_command(
        page,
        "editor.chain().focus().toggleOrderedList().setTextSelection(editor.state.doc.content.size).run()",
    )
    open_dialog(page, ".prose-menubar [data-name=table]")
    found["table dialog"] = english_words(page)
    page.check("dialog[open] input[name=withHeaderRow]")  # a checkbox, not "Yes"/"No"
    page.click("dialog[open] button[type=submit]")
    page.wait_for_selector(".ProseMirror table th")
    found["toolbar in a table"] = english_words(page)

    open_dialog(page, ".prose-menubar [data-name=libraryImage]")
    page.wait_for_selector(".nb-picker-status:not(:empty)")
    found["photo picker"] = english_words(page)
    close_dialog(page)

    open_dialog(page, ".prose-menubar [data-name=video]")
    found["video dialog"] = english_words(page)
    close_dialog(page)

    assert {step: words for step, words in found.items() if words} == {}
