"""In Chromium, on stored (page-cached) story pages: a reader writes a comment, replies to
it (one level: a reply has no reply form), deletes their own with the password (a wrong
password gets the Korean refusal and changes nothing) and reports a comment, which the
threshold then hides."""

import pytest
from playwright.sync_api import expect

from comments.models import Comment
from tests.comments.helpers import set_policy
from tests.factories import make_article

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def story(settings):
    settings.PAGE_CACHE_SECONDS = 300  # readers get stored pages, as in production
    return make_article(headline="댓글 달 기사")


def open_story(site, page, story):
    site.open(page, story.get_absolute_url())
    page.reload()  # the stored copy now
    site.check(page)


def write(form, name, password, body):
    form.locator("input[name=name]").fill(name)
    form.locator("input[name=password]").fill(password)
    form.locator("textarea[name=body]").fill(body)
    form.locator("button[type=submit]").click()


def expected_403(site, path):
    """Chromium logs the refusal's 403 to the console; that one is the point, not a fault."""
    wanted = [p for p in site.problems if path in p and "status of 403" in p]
    assert wanted, site.problems
    for problem in wanted:
        site.problems.remove(problem)


def tools(page, comment):
    """The comment's 답글·신고·삭제 box, opened (a <details>: no script needed)."""
    box = page.locator(f"#comment-{comment.pk} > .comment__tools")
    box.locator("summary").click()
    return box


def test_a_reader_comments_replies_and_deletes_their_own(site, story):
    page = site.page("desktop")
    open_story(site, page, story)
    write(page.locator("[data-comment-form]"), "시흥시민", "pass1234", "첫 댓글입니다")
    page.wait_for_selector(".comment__body")
    first = Comment.objects.get()
    assert page.url.endswith(f"#comment-{first.pk}")
    expect(page.locator("[data-comment-count]")).to_have_text("1")

    # a reply, from the comment's own reply form
    reply_form = tools(page, first).locator("form.comment__reply")
    write(reply_form, "이웃", "pw5678", "답글입니다")
    page.wait_for_selector(".comments__replies .comment__body")
    reply = Comment.objects.get(parent=first)
    assert page.url.endswith(f"#comment-{reply.pk}")
    expect(page.locator(f".comments__replies #comment-{reply.pk} .comment__body")).to_have_text(
        "답글입니다"
    )
    expect(page.locator("[data-comment-count]")).to_have_text("2")
    # one level: a reply offers 신고 and 삭제, never a reply form of its own
    reply_tools = tools(page, reply)
    expect(reply_tools.locator("form.comment__report")).to_have_count(1)
    expect(reply_tools.locator("form.comment__reply")).to_have_count(0)

    # a wrong password: the Korean refusal, and the comment stays
    delete = tools(page, first).locator("form.comment__delete")
    delete.locator("input[name=password]").fill("wrong-pw")
    delete.locator("button[type=submit]").click()
    refused = page.locator("[data-comment-refused]")
    expect(refused).to_contain_text("비밀번호가 맞지 않아 댓글을 지우지 않았습니다.")
    first.refresh_from_db()
    assert first.status == Comment.Status.PUBLISHED and first.body == "첫 댓글입니다"
    expected_403(site, f"/comments/{first.pk}/delete/")
    refused.get_by_role("link", name="기사로 돌아가기").click()
    expect(page.locator(f"#comment-{first.pk} .comment__body")).to_have_text("첫 댓글입니다")

    # the right one: withdrawn, a placeholder keeps the reply's place
    delete = tools(page, first).locator("form.comment__delete")
    delete.locator("input[name=password]").fill("pass1234")
    delete.locator("button[type=submit]").click()
    page.wait_for_selector(f"#comment-{first.pk} .comment__withdrawn")
    expect(page.locator(f"#comment-{first.pk}")).to_contain_text("작성자가 삭제한 댓글입니다.")
    expect(page.locator(f"#comment-{first.pk}")).not_to_contain_text("첫 댓글입니다")
    expect(page.locator(f"#comment-{reply.pk} .comment__body")).to_have_text("답글입니다")
    first.refresh_from_db()
    assert first.status == Comment.Status.WITHDRAWN and first.body == ""


def test_a_reader_reports_a_comment_and_the_threshold_hides_it(site, story):
    set_policy(report_threshold=1)
    bad = Comment.objects.create(
        article=story, name="악플러", password="x", body="신고할 댓글", status="published"
    )
    page = site.page("phone")
    open_story(site, page, story)
    expect(page.locator(f"#comment-{bad.pk} .comment__body")).to_have_text("신고할 댓글")
    tools(page, bad).locator("form.comment__report button").click()
    reported = page.locator("[data-comment-reported]")
    expect(reported).to_contain_text("신고가 접수되었습니다")
    bad.refresh_from_db()
    assert bad.report_count == 1 and bad.status == Comment.Status.HIDDEN
    reported.get_by_role("link", name="기사로 돌아가기").click()
    page.wait_for_selector("[data-comments]")
    expect(page.locator(f"#comment-{bad.pk}")).to_have_count(0)  # the stored page was purged
    expect(page.locator("[data-comment-count]")).to_have_text("0")
