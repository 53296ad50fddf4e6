"""Stories written before the ProseMirror editor open and save unchanged: every demo body
(articles/demo.py) and the older shapes the allowlist keeps come back from the editor
with only normalising changes, and a save without edits does not move the 수정 time."""

import random
import re

import pytest
from django.urls import reverse

from articles import demo
from articles.models import Article
from articles.sanitize import clean_html
from tests.articles.editor_page import EDITABLE, admin_page, body, open_editor, restore_groups
from tests.factories import make_article, make_editor

pytestmark = pytest.mark.django_db(transaction=True)

# What older bodies hold besides the demo's paragraphs, 소제목 and quotes.
OLDER_SHAPES = [
    '<p>앞 문단</p><figure data-image-id="7"><img data-image-id="7" alt="시청"></figure><p>뒤</p>',
    '<figure data-video="youtube"><iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"'
    ' title="유튜브 동영상" allowfullscreen=""></iframe></figure>',
    "<ul><li>하나</li><li>둘</li></ul><ol><li>첫째</li><li>둘째</li></ol>",
    "<p><b>굵게</b>와 <i>기울임</i>, <u>밑줄</u>, <s>취소</s>, H<sub>2</sub>O, m<sup>2</sup></p>",
    "<p>첫 줄<br>둘째 줄</p><hr><h4>작은 제목</h4>",
    '<p><a href="https://www.siheung.go.kr/" rel="noopener noreferrer">시 누리집</a></p>',
    "<table><thead><tr><th>구분</th><th>인원</th></tr></thead>"
    "<tbody><tr><td>신천동</td><td>120</td></tr></tbody></table>",
]


def demo_bodies():
    rng = random.Random(20250918)  # seed_articles' own seed: the demo corpus itself
    topics = [topic for names in demo.TOPICS.values() for topic in names]
    return [demo._body(rng, topic, rng.randint(4, 8)) for topic in topics]


def normalised(html: str) -> str:
    """``html`` as stored, spelled the one way the editor writes it."""
    html = re.sub(r">\s+<", "><", clean_html(html)).strip()
    html = re.sub(r"<(/?)b>", r"<\1strong>", html)
    html = re.sub(r"<(/?)i>", r"<\1em>", html)
    # ProseMirror's list items and table cells hold paragraphs.
    html = re.sub(r"<(li|td|th)>(?!<p>)(.*?)</\1>", r"<\1><p>\2</p></\1>", html)
    html = re.sub(r"</?(thead|tbody)>", "", html)
    return html


def editor_roundtrip(page, html: str) -> str:
    return page.evaluate(
        """(html) => {
          const editor = window.newsroomEditor.editorFor(document.querySelector('#id_body'));
          editor.commands.setContent(html);
          return editor.getHTML();
        }""",
        html,
    )


@pytest.fixture
def page(live_server, client, monkeypatch, media_root):
    restore_groups()
    with admin_page(live_server, client, make_editor("desk"), monkeypatch) as page:
        yield page
        assert page.problems == [], page.problems


def test_old_bodies_come_back_with_only_normalising_changes(page, live_server):
    open_editor(page, live_server.url + reverse("admin:articles_article_add"))
    corpus = demo_bodies() + OLDER_SHAPES
    assert len(corpus) > 10
    for html in corpus:
        stored_again = clean_html(editor_roundtrip(page, html))
        assert normalised(stored_again) == normalised(html), html


def test_open_and_save_without_edits_keeps_the_body_and_the_revision_time(page, live_server):
    article = make_article(body=demo_bodies()[0], headline="데모 기사")
    before = Article.objects.get(pk=article.pk)
    open_editor(page, live_server.url + reverse("admin:articles_article_change", args=[article.pk]))
    # Make the editor write the textarea (a keystroke and its undoing), as any visit may.
    page.click(EDITABLE)
    page.keyboard.press("End")
    page.keyboard.insert_text("가")
    page.keyboard.press("Backspace")
    assert body(page) != before.body  # re-serialized: no line breaks between blocks
    page.click("input[name=_continue]")
    page.wait_for_selector(".messagelist")
    after = Article.objects.get(pk=article.pk)
    assert normalised(after.body) == normalised(before.body)
    assert after.content_updated_at == before.content_updated_at
