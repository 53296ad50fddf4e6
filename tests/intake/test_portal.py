"""The portal export: the fields the portals ask for, deleted stories kept as deleted for
7 days, each portal's fetches logged from the user agent in one upsert, shown to the desk."""

import socket
from datetime import timedelta

import feedparser
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import trash, workflow
from articles.models import Article
from intake import portal
from intake.models import PortalDelivery
from tests.factories import make_article, make_editor, make_reporter, make_section

pytestmark = pytest.mark.django_db

URL = "/portal/export.xml"
NAVER = "Mozilla/5.0 (compatible; Yeti/1.1; +https://naver.me/spd)"
DAUM = "Mozilla/5.0 (compatible; Daum/4.1; +http://cs.daum.net/faq/15/4118.html)"
DAUMOA = "Mozilla/5.0 (compatible; MSIE or Firefox mutant; not on Windows server;) Daumoa 4.0"


@pytest.fixture(autouse=True)
def _no_outside_network(monkeypatch):
    real = socket.create_connection

    def local_only(address, *args, **kwargs):
        if address[0] not in ("127.0.0.1", "localhost", "::1"):
            raise AssertionError(f"outside network call to {address}")
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", local_only)


@pytest.fixture
def story():
    return make_article(
        headline="정왕동 도서관 개관",
        body="<p>전문 본문입니다.</p>",
        section=make_section("생활"),
        reporters=[make_reporter("김기자"), make_reporter("이기자")],
    )


def fetch(client, agent="Mozilla/5.0 (Windows NT 10.0) Chrome/131.0"):
    r = client.get(URL, HTTP_USER_AGENT=agent)
    assert r.status_code == 200 and r["Content-Type"].startswith("application/rss+xml")
    return feedparser.parse(r.content)


def entry_of(feed, article):
    found = [e for e in feed.entries if e.id == f"article-{article.pk}"]
    return found[0] if found else None


def test_feed_parses_with_the_portal_fields(client, story):
    feed = fetch(client)
    assert not feed.bozo, feed.bozo_exception
    entry = entry_of(feed, story)
    assert entry.link == f"http://testserver{story.get_absolute_url()}"
    assert entry.title == "정왕동 도서관 개관"
    assert entry.author == "김기자 기자, 이기자 기자"  # 기자명 as the readers' feed writes it
    assert entry.published.endswith("+0900")
    assert entry.updated.startswith(timezone.localtime(story.content_updated_at).strftime("%Y-%m-%dT%H:%M"))  # fmt: skip
    assert [t.term for t in entry.tags] == ["생활"]
    assert entry.portal_status == "published"
    assert "content" not in entry  # full text only when the contract allows it


def test_full_text_when_the_setting_allows(client, story, settings):
    settings.PORTAL_EXPORT_FULL_TEXT = True
    entry = entry_of(fetch(client), story)
    assert "전문 본문입니다." in entry.content[0].value


def test_path_is_the_setting():
    from django.urls import reverse

    assert reverse("portal_export") == "/portal/export.xml"


@pytest.mark.parametrize(
    "agent,portal_name",
    [(NAVER, "naver"), (DAUM, "daum"), (DAUMOA, "daum"), ("Mozilla/5.0 DaumApps/8.0", None)],
)
def test_portal_from_user_agent(agent, portal_name):
    assert portal.portal_of(agent) == portal_name


def test_fetch_logged_per_story_per_portal_in_one_upsert(client, story):
    other = make_article()
    with CaptureQueriesContext(connection) as queries:
        fetch(client, NAVER)
    writes = [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]  # fmt: skip
    assert len(writes) == 1 and "ON CONFLICT" in writes[0]
    rows = PortalDelivery.objects.filter(portal="naver")
    assert {r.article_id for r in rows} == {story.pk, other.pk}
    delivery = rows.get(article=story)
    assert (
        delivery.up_to_date and delivery.fetch_count == 1 and delivery.deleted_delivered_at is None
    )
    fetch(client)  # a reader's browser: nothing logged
    fetch(client, "Mozilla/5.0 DaumApps/8.0")
    assert PortalDelivery.objects.count() == 2


def test_a_flood_with_a_portal_agent_writes_once_per_window(client, story, settings):
    settings.PORTAL_FETCH_LOG_SECONDS = 60
    for _ in range(20):
        fetch(client, NAVER)
    assert PortalDelivery.objects.get().fetch_count == 1
    from django.core.cache import cache

    cache.delete("portal-fetch:naver")
    fetch(client, NAVER)
    fetch(client, DAUM)
    assert PortalDelivery.objects.get(portal="naver").fetch_count == 2
    assert PortalDelivery.objects.filter(portal="daum").count() == 1


def test_an_update_is_delivered_with_its_new_time(client, story, settings):
    settings.PORTAL_FETCH_LOG_SECONDS = 0
    fetch(client, NAVER)
    story.refresh_from_db()
    story.headline = "정왕동 도서관 개관 (수정)"
    story.save()
    delivery = PortalDelivery.objects.select_related("article").get()
    assert not delivery.up_to_date
    entry = entry_of(fetch(client, NAVER), story)
    assert entry.title.endswith("(수정)")
    delivery = PortalDelivery.objects.select_related("article").get()
    assert delivery.up_to_date and delivery.fetch_count == 2


def test_unpublished_and_trashed_stay_marked_deleted_for_seven_days(client, story, move_clock, settings):  # fmt: skip
    settings.PORTAL_FETCH_LOG_SECONDS = 0
    trashed = make_article(headline="휴지통 갈 기사")
    fetch(client, NAVER)
    editor = make_editor()
    story.refresh_from_db()
    workflow.unpublish(story, by=editor)
    trash.trash(Article.objects.get(pk=trashed.pk), by=editor)
    late = make_article(headline="나중 기사")
    workflow.unpublish(Article.objects.get(pk=late.pk), by=editor)

    feed = fetch(client, NAVER)
    assert entry_of(feed, story).portal_status == "deleted"
    assert entry_of(feed, story).link.endswith(story.get_absolute_url())
    assert entry_of(feed, trashed).portal_status == "deleted"
    assert entry_of(feed, late) is None  # never fetched by a portal: nothing to delete
    assert PortalDelivery.objects.get(article=story).deleted_delivered_at is not None

    move_clock(timezone.now() + timedelta(days=8))
    feed = fetch(client)
    assert entry_of(feed, story) is None and entry_of(feed, trashed) is None

    # Published again: back as published, the deletion mark cleared at the next fetch.
    move_clock(timezone.now() + timedelta(days=8, minutes=1))
    story.refresh_from_db()
    workflow.publish(story, by=editor)
    assert entry_of(fetch(client, NAVER), story).portal_status == "published"
    assert PortalDelivery.objects.get(article=story).deleted_delivered_at is None


def test_export_queries_bounded(client, django_assert_max_num_queries, settings):
    settings.PORTAL_EXPORT_SIZE = 30
    section = make_section()
    for _ in range(40):
        make_article(section=section, reporters=[make_reporter()])
    with django_assert_max_num_queries(10):
        feed = fetch(client, NAVER)
    assert len(feed.entries) == 30


def test_export_is_stored_until_a_story_changes(client, story, settings, django_assert_max_num_queries):  # fmt: skip
    settings.FRAGMENT_CACHE_SECONDS = 300
    fetch(client)
    with django_assert_max_num_queries(0):
        fetch(client)
    story.refresh_from_db()
    story.headline = "바뀐 제목"
    story.save()
    assert entry_of(fetch(client), story).title == "바뀐 제목"


def test_delivery_shown_on_change_form_and_as_a_list(client, story):
    fetch(client, NAVER)
    client.force_login(make_editor())
    form = client.get(f"/admin/articles/article/{story.pk}/change/").content.decode()
    assert "포털 전송" in form and "네이버" in form
    listing = client.get("/admin/intake/portaldelivery/").content.decode()
    assert "정왕동 도서관 개관" in listing and "네이버" in listing
