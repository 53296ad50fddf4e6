"""In Chromium: every page, the admin and the editor work under the Content-Security-Policy
without one violation, and a script written into any text field an editor can write
never runs (the sanitizer and autoescaping drop or quote it; the policy is the second wall).
"""

import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from articles.models import Article, Reporter, Section
from newsroom.models import Banner, HomeCuration, LegalPage, SiteSettings
from tests.browser import launch
from tests.factories import make_article, make_image, make_reporter, restore_desk_groups

PASSWORD = "csp-check-password"

pytestmark = pytest.mark.django_db(transaction=True)

# Before any page script: record every policy violation, and give injected code a
# harmless function to call so we can tell which field it came through.
WATCH = """
window.__violations = [];
window.__ran = [];
window._x = function (tag) { window.__ran.push(String(tag)); };
document.addEventListener("securitypolicyviolation", function (e) {
  window.__violations.push(e.violatedDirective + " " + (e.blockedURI || "inline") +
    " " + (e.sourceFile || "") + ":" + (e.lineNumber || ""));
});
"""


@pytest.fixture
def chromium(live_server, monkeypatch, settings, media_root):
    """``open(path)``: a page of the live server in Chromium, or a skip saying what is missing."""
    settings.PAGE_CACHE_SECONDS = 300  # readers get stored pages, as in production
    restore_desk_groups()
    with launch(live_server.url, monkeypatch) as browser:
        context = browser.new_context(locale="ko-KR")
        context.add_init_script(WATCH)
        page = context.new_page()
        console = []
        page.on(
            "console",
            lambda message: console.append(message.text) if message.type == "error" else None,
        )
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))

        class Browser:
            def open(self, path):
                console.clear()
                page.goto(live_server.url + path)
                page.wait_for_load_state("load")
                return page

            def violations(self):
                found = page.evaluate("window.__violations")
                found += [text for text in console if "Content Security Policy" in text]
                return found

            def ran(self):
                return page.evaluate("window.__ran")

            def log_in(self, username):
                self.open("/admin/login/")
                page.fill("#id_username", username)
                page.fill("#id_password", PASSWORD)
                page.click("input[type=submit]")
                page.wait_for_url(live_server.url + "/admin/")

            page_errors = errors

        yield Browser()


def editor_with_password():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("desk-editor", password=PASSWORD)


def test_site_admin_and_editor_work_with_no_policy_violation(chromium):
    call_command("seed_demo", articles=12, verbosity=0)
    call_command("load_demo_weather", verbosity=0)
    photo = make_image(alt_text="배곧 갯벌", caption="배곧 갯벌의 아침")
    story = make_article(
        headline="시흥 갯골축제 개막",
        body=(
            f'<p>첫 문단.</p><figure data-image-id="{photo.pk}"></figure>'
            '<figure data-video="youtube"><iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"'
            ' title="축제 영상" allowfullscreen></iframe></figure>'
        ),
        dateline="시흥",
        lead_image=photo,
        tags=["갯골축제"],
    )
    section = story.section
    editor_with_password()
    reader_pages = [
        "/",
        story.get_absolute_url(),
        section.get_absolute_url(),
        "/search/?q=시흥",
        "/tag/갯골축제/",
        Reporter.objects.filter(bylines__isnull=False).first().get_absolute_url(),
        "/no-such-page/",
        "/admin/login/",
    ]
    for path in reader_pages:
        chromium.open(path)
        assert chromium.violations() == [], path
    page = chromium.open(story.get_absolute_url())
    # The page's own scripts ran: the share buttons only show when story-tools.js did.
    assert page.locator("[data-print]").is_visible()

    chromium.log_in("desk-editor")
    admin_pages = [
        "/admin/",
        "/admin/articles/article/",
        "/admin/articles/article/add/",
        f"/admin/articles/article/{story.pk}/change/",
        "/admin/articles/image/",
        f"/admin/articles/image/{photo.pk}/change/",
        "/admin/newsroom/banner/",
        f"/admin/newsroom/banner/{Banner.objects.first().pk}/change/",
        "/admin/newsroom/homecuration/",
        "/admin/password_change/",
        f"/preview/{Article.objects.exclude(status='published').first().pk}/",
    ]
    for path in admin_pages:
        page = chromium.open(path)
        assert page.locator("body").count() == 1
        assert chromium.violations() == [], path
    # The editor is alive under the policy: it replaced the textarea and shows the photo.
    page = chromium.open(f"/admin/articles/article/{story.pk}/change/")
    page.wait_for_selector(".prose-editor .ProseMirror[contenteditable=true]")
    page.wait_for_selector(".nb-figure img[src]")
    # Its photo picker talks to the server (connect-src 'self').
    with page.expect_response(re.compile(r"/editor/")) as answer:
        page.evaluate(
            "fetch(document.querySelector('[data-images-url]').dataset.imagesUrl,"
            " {headers: {Accept: 'application/json'}})"
        )
    assert answer.value.status == 200
    assert chromium.violations() == []
    assert chromium.page_errors == []


def payload(tag: str, room: int) -> str:
    """Markup that runs ``_x(tag)`` if it reaches the page unquoted, within ``room`` chars."""
    full = (
        f'"><script>_x("{tag}")</script><img src=x onerror=_x("{tag}")>'
        f'<svg onload=_x("{tag}")></svg><a href="javascript:_x(\'{tag}\')">링크</a>'
    )
    short = f"<img src=x onerror=_x({tag})>"
    return full if len(full) <= room else short


def text_fields(instance):
    return [
        field
        for field in instance._meta.concrete_fields
        if field.get_internal_type() in ("CharField", "TextField")
        and not field.choices
        and field.editable
    ]


def write_through_every_text_field(instance, tags: dict) -> None:
    """Put a payload into each text field the admin form offers, as its clean() allows.

    A field whose validation refuses the payload has stopped it already: it keeps its
    value. Everything else is saved, so the pages show what an editor could store.
    """
    before = {field.name: getattr(instance, field.name) for field in text_fields(instance)}
    for field in text_fields(instance):
        tag = str(len(tags))
        tags[tag] = f"{type(instance).__name__}.{field.name}"
        setattr(instance, field.name, payload(tag, field.max_length or 10_000))
    try:
        instance.full_clean()
    except ValidationError as refused:
        for name in refused.message_dict:
            setattr(instance, name, before[name])
        instance.full_clean()
    instance.save()


def test_a_script_written_into_any_text_field_never_runs(chromium):
    editor_with_password()
    tags = {}
    section = Section.objects.create(name="정치", slug="politics", show_in_menu=True)
    reporter = make_reporter("김기자")
    photo = make_image()
    story = make_article(section=section, reporters=[reporter], lead_image=photo)
    story.tags.add("시흥")
    site = SiteSettings.current()
    curation = HomeCuration.current()
    curation.breaking_on = True
    curation.breaking_ends_at = timezone.now() + timedelta(hours=3)
    curation.save()
    banner = Banner.objects.create(
        name="배너", slot="sidebar-1", alt_text="배너", url="https://example.kr/", image=photo
    )
    legal, _ = LegalPage.objects.get_or_create(
        kind=LegalPage.Kind.PRIVACY, defaults={"body": "내용"}
    )
    for instance in (story, section, reporter, photo, site, curation, banner, legal):
        write_through_every_text_field(instance, tags)
    written = {text for text in tags.values()}
    assert {
        "Article.headline",
        "Article.subheadline",
        "Article.summary",
        "Article.body",
        "Article.dateline",
        "Image.caption",
        "Image.alt_text",
        "Banner.alt_text",
        "SiteSettings.title",
    } <= written

    story.refresh_from_db()
    reader_pages = [
        "/",
        story.get_absolute_url(),
        section.get_absolute_url(),
        reporter.get_absolute_url(),
        "/tag/시흥/",
        f"/search/?q={story.headline[:10]}",
        legal.get_absolute_url(),
        "/rss/",
    ]
    for path in reader_pages:
        chromium.open(path)
        assert chromium.ran() == [], (path, [tags.get(t, t) for t in chromium.ran()])
    chromium.log_in("desk-editor")
    admin_pages = [
        "/admin/articles/article/",
        f"/admin/articles/article/{story.pk}/change/",
        "/admin/articles/image/",
        f"/admin/articles/image/{photo.pk}/change/",
        "/admin/articles/reporter/",
        "/admin/articles/section/",
        "/admin/newsroom/banner/",
        f"/admin/newsroom/banner/{banner.pk}/change/",
        "/admin/newsroom/sitesettings/",
        "/admin/newsroom/homecuration/",
        f"/preview/{story.pk}/",
    ]
    for path in admin_pages:
        chromium.open(path)
        assert chromium.ran() == [], (path, [tags.get(t, t) for t in chromium.ran()])


def test_the_policy_is_a_second_wall_when_markup_bypasses_the_sanitizer(chromium):
    story = make_article(headline="우회 시험")
    # Straight into the table, past the model's sanitizer: as a bug or a bad import might.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE articles_article SET body = %s WHERE id = %s",
            ['<p>본문</p><script>_x("inline")</script><img src=x onerror=_x("attr")>', story.pk],
        )
    chromium.open(story.get_absolute_url())
    assert chromium.ran() == []
    blocked = " ".join(chromium.violations())
    assert "script-src-elem inline" in blocked and "script-src-attr inline" in blocked
