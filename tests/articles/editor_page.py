"""A Chromium page logged in to the admin, for the body editor's browser tests.

Collects page errors and console errors (a CSP refusal is a console error), so each
test ends by asserting the page stayed clean.
"""

from __future__ import annotations

import contextlib
import importlib

from django.apps import apps

from tests.browser import launch

ADD_URL = "/admin/articles/article/add/"
# The menu's dropdown reuses the .ProseMirror class for its picker; the text is the editable one.
EDITABLE = ".prose-editor .ProseMirror[contenteditable=true]"


def restore_groups():
    # A transactional test's database was flushed by the one before it: the groups
    # 기자/편집자 come from a data migration, so run it again (it is idempotent).
    importlib.import_module("articles.migrations.0002_newsroom_groups").create_groups(apps, None)


@contextlib.contextmanager
def admin_page(live_server, client, user, monkeypatch, **context_options):
    with launch(live_server.url, monkeypatch) as browser:
        context_options.setdefault("viewport", {"width": 1280, "height": 900})
        context = browser.new_context(locale="ko-KR", **context_options)
        client.force_login(user)
        context.add_cookies(
            [
                {
                    "name": "sessionid",
                    "value": client.cookies["sessionid"].value,
                    "url": live_server.url,
                }
            ]
        )
        page = context.new_page()
        page.problems = []
        page.on("pageerror", lambda error: page.problems.append(f"pageerror: {error}"))
        page.on(
            "console",
            lambda message: (
                page.problems.append(f"console: {message.text}")
                if message.type == "error"
                else None
            ),
        )
        yield page


def open_editor(page, url):
    page.goto(url)
    page.wait_for_selector(EDITABLE)
    return page.locator(EDITABLE)


def body(page) -> str:
    return page.input_value("#id_body")


def editor_html(page) -> str:
    return page.evaluate(
        "() => window.newsroomEditor.editorFor(document.querySelector('#id_body')).getHTML()"
    )


def choose_section(page, name):
    """The section field is the admin's autocomplete (select2)."""
    page.click("[aria-labelledby=select2-id_section-container]")
    page.keyboard.type(name)
    page.click(f".select2-results__option >> text={name}")


def select_back(page, characters):
    """Select the ``characters`` before the caret through the editor itself: Shift+arrow
    keys race ProseMirror's reading of the DOM selection on a busy machine."""
    page.evaluate(
        """(n) => {
          const editor = window.newsroomEditor.editorFor(document.querySelector('#id_body'));
          const end = editor.state.selection.to;
          editor.chain().focus().setTextSelection({ from: end - n, to: end }).run();
        }""",
        characters,
    )
