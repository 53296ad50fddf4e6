"""In Chromium, on a page served from the page cache: a reader posts a comment and sees it."""

import pytest

from comments.models import Comment
from tests.browser import launch
from tests.factories import make_article

READER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_reader_posts_a_comment_and_sees_it(live_server, monkeypatch, settings, media_root):
    settings.PAGE_CACHE_SECONDS = 300  # readers get stored pages, as in production
    article = make_article(headline="댓글 달 기사")
    with launch(live_server.url, monkeypatch) as chromium:
        errors = []
        page = chromium.new_context(user_agent=READER, locale="ko-KR").new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(live_server.url + article.get_absolute_url())
        page.reload()  # the stored copy now
        form = page.locator("[data-comment-form]")
        form.locator("input[name=name]").fill("시흥시민")
        form.locator("input[name=password]").fill("pass1234")
        form.locator("textarea[name=body]").fill("브라우저에서 쓴 댓글 <b>굵게</b>")
        form.locator("button[type=submit]").click()
        page.wait_for_selector(".comment__body")
        comment = Comment.objects.get()
        assert page.url.endswith(f"#comment-{comment.pk}")
        body = page.locator(f"#comment-{comment.pk} .comment__body")
        assert body.inner_text() == "브라우저에서 쓴 댓글 <b>굵게</b>"
        assert page.locator("[data-comment-count]").inner_text() == "1"

        Comment.objects.create(
            article=article, name="둘째", password="x", body="나중 댓글", status="published"
        )
        page.reload()
        first = page.locator(".comments__items > li .comment__body").first
        assert first.inner_text() == "나중 댓글"
        page.click("[data-comment-order=oldest]")
        # A selector, not a JS predicate: the site's CSP forbids eval, Playwright's too.
        page.wait_for_selector(
            ".comments__items > li:first-child > .comment .comment__body:has-text('브라우저')"
        )
        assert first.inner_text().startswith("브라우저에서 쓴 댓글")
        assert page.url.endswith(f"#comment-{comment.pk}")  # swapped in place
        assert errors == []
