"""The desk's queues and reports keep their query count whatever the archive holds.

Each page is read cold (caches cleared) by an editor at two archive sizes: the same page
with 5 and with 60 stories, tips, press releases, deliveries and banners must cost the
same number of queries, and no more than its budget here. A count that grows with N is
a missing select_related / prefetch / annotation in the model, queryset or admin.
"""

from datetime import datetime, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article
from intake.models import PortalDelivery, PressRelease, PressReleaseImage, Tip, TipPhoto
from newsroom.models import BannerClick, BannerImpression
from tests.council.factories import make_session
from tests.factories import (
    make_articles_in_bulk,
    make_banner,
    make_editor,
    make_image,
    make_reporter,
    make_section,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(media_root):
    pass


KST = timezone.get_fixed_timezone(9 * 60)
NAVER = "Mozilla/5.0 (compatible; Yeti/1.1; +https://naver.me/spd)"
ORIGINS = [choice for choice, _ in Article.Origin.choices]


def build(size):
    """``size`` of everything the desk's pages list, and the rows the measured change pages
    open: a tip with photos, a release with photos, a story with both portals' rows."""
    section = make_section(f"데스크 {size}")
    reporters = [make_reporter(f"데스크 기자 {size}-{n}") for n in range(2)]
    stories = make_articles_in_bulk(size, section=section, reporters=reporters)
    now = timezone.now()
    for n, story in enumerate(stories):
        story.origin = ORIGINS[n % len(ORIGINS)]
        if n % 5 == 1:  # waiting for the desk
            story.status, story.published_at = Article.Status.REVIEW, None
        elif n % 5 == 2:  # scheduled later this week
            story.published_at = now + timedelta(hours=1 + n)
        elif n % 5 == 3:  # in the trash: the portal export marks it deleted
            story.deleted_at = now - timedelta(hours=1)
        elif n % 10 == 4:  # taken down: deleted too
            story.status = Article.Status.UNPUBLISHED
    Article.objects.bulk_update(stories, ["origin", "status", "published_at", "deleted_at"])
    # Tips: some made into drafts, each with photos (at most 5 a tip).
    tips = Tip.objects.bulk_create(
        Tip(contact=f"010-0000-{n:04d}", text=f"제보 {n}", article=stories[n] if n % 2 else None)
        for n in range(size)
    )
    TipPhoto.objects.bulk_create(
        TipPhoto(tip=tip, file=f"intake/tips/2026/12/t{tip.pk}-{k}.jpg")
        for tip in tips
        for k in range(min(size, 5))
    )
    photo = make_image()
    releases = PressRelease.objects.bulk_create(
        PressRelease(title=f"보도자료 {n}", body=f"<p>본문 {n}</p>", source="eml",
                     sender="press@siheung.go.kr", organisation="시흥시",
                     sender_warning="발신자 확인 필요" if n % 3 else "",
                     article=stories[n] if n % 2 == 0 else None)
        for n in range(size)
    )  # fmt: skip
    PressReleaseImage.objects.bulk_create(
        PressReleaseImage(release=release, file=f"intake/press/2026/12/p{release.pk}-{k}.jpg",
                          filename=f"사진{k}.jpg", image=photo)
        for release in releases
        for k in range(min(size, 20))
    )  # fmt: skip
    PortalDelivery.objects.bulk_create(
        PortalDelivery(article=story, portal=portal, first_fetched_at=now, last_fetched_at=now,
                       delivered_change_at=now - timedelta(hours=n % 2))
        for n, story in enumerate(stories)
        for portal in PortalDelivery.Portal.values
    )  # fmt: skip
    image = make_image()
    banners = [
        make_banner(image=image, advertiser=f"광고주 {n % 7}", starts_at=now - timedelta(days=n),
                    ends_at=now + timedelta(days=n + 1))
        for n in range(size)
    ]  # fmt: skip
    day = timezone.localdate()
    BannerImpression.objects.bulk_create(
        BannerImpression(banner=banner, hour=datetime(day.year, day.month, day.day, h, tzinfo=KST),
                         count=100 + h)
        for banner in banners
        for h in range(3)
    )  # fmt: skip
    BannerClick.objects.bulk_create(BannerClick(banner=b, day=day, count=3) for b in banners)
    for n in range(min(size, 8)):
        make_session(400 + size * 10 + n, start_date=day - timedelta(days=n), end_date=day)
    cache.clear()
    return {"tip": tips[1], "release": releases[0], "story": stories[0]}


def queries_for(client, url, **headers):
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.get_for_models(*apps.get_models())  # per process, never cold in a server
    cache.clear()  # measure a cold page: caches only hide growth
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **headers)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured), response


def pages(rows):
    today = timezone.localdate()
    year, week, _ = today.isocalendar()
    ad = f"start={today.replace(day=1).isoformat()}&end={today.isoformat()}"
    return {
        "tip list": ("/admin/intake/tip/", {}),
        "tip change": (f"/admin/intake/tip/{rows['tip'].pk}/change/", {}),
        "release list": ("/admin/intake/pressrelease/", {}),
        "release change": (f"/admin/intake/pressrelease/{rows['release'].pk}/change/", {}),
        "admin index": ("/admin/", {}),
        "delivery log": ("/admin/intake/portaldelivery/", {}),
        "story change": (f"/admin/articles/article/{rows['story'].pk}/change/", {}),
        "portal export": ("/portal/export.xml", {}),
        "portal export, naver fetch": ("/portal/export.xml", {"HTTP_USER_AGENT": NAVER}),
        "origin report month": ("/admin/intake/originreport/?by=month", {}),
        "origin report week": ("/admin/intake/originreport/?by=week", {}),
        "origin report csv": ("/admin/intake/originreport/?by=week&format=csv", {}),
        "ad report": (f"/admin/newsroom/banner/report/?{ad}", {}),
        "ad report csv": (f"/admin/newsroom/banner/report/?{ad}&format=csv", {}),
        "calendar month": ("/admin/calendar/", {}),
        "calendar week": (f"/admin/calendar/?week={year}-W{week:02d}", {}),
    }


# Exact: a page that needs fewer queries lowers its number here. Every admin page pays
# the session, the user and the two permission reads (user, groups), and the two
# first-run checks of the base template (site settings, comment policy).
BUDGETS = {
    "tip list": 9,
    "tip change": 8,  # the tip, its photos, the draft it became
    "release list": 9,
    "release change": 9,  # the release, its photos with their library photos (one join)
    "admin index": 10,  # 편집국 현황 is one aggregate; 최근 작업 one more
    "delivery log": 8,
    # The story's form with its inlines; 포털 전송 compares in the inline's own query.
    "story change": 38,
    "portal export": 7,  # live stories, their tags and 정정·반론, the deleted ones
    "portal export, naver fetch": 8,  # and the one upsert of the fetch log
    "origin report month": 9,  # trend, sections, reporters: three GROUP BYs
    "origin report week": 9,
    "origin report csv": 7,
    "ad report": 8,  # banners with their sums as subqueries, the advertisers
    "ad report csv": 7,  # banners, then the days (impressions, clicks)
    "calendar month": 9,  # stories, banners, sessions
    "calendar week": 9,
}


def test_desk_pages_keep_their_query_budget_at_two_sizes(client):
    client.force_login(make_editor())
    counts = {}
    for size in (5, 60):
        rows = build(size)
        for name, (url, headers) in pages(rows).items():
            count, response = queries_for(client, url, **headers)
            counts.setdefault(name, []).append(count)
            if url.endswith("csv"):
                assert response.content.startswith("\ufeff".encode()), name  # Excel's BOM
    # The large archive was really listed (a page that shows nothing costs nothing).
    _, tips = queries_for(client, "/admin/intake/tip/")
    assert tips.context["cl"].result_count == 65
    _, export = queries_for(client, "/portal/export.xml")
    assert export.content.count(b"<portal:status>deleted</portal:status>") >= 12
    for name, (small, large) in counts.items():
        assert small == large, (name, counts)
    assert {name: large for name, (_, large) in counts.items()} == BUDGETS


def test_delivery_panel_costs_no_query_per_portal(client):
    """The story's 포털 전송 inline: both portals' rows cost what none do."""
    rows = build(2)
    story = rows["story"]
    reporters = [byline.reporter for byline in story.bylines.all()]
    bare = make_articles_in_bulk(1, section=story.section, reporters=reporters)[0]
    client.force_login(make_editor())
    with_rows, page = queries_for(client, f"/admin/articles/article/{story.pk}/change/")
    without, _ = queries_for(client, f"/admin/articles/article/{bare.pk}/change/")
    assert story.portal_deliveries.count() == 2 and "최신 판 전송" in page.content.decode()
    assert with_rows == without  # the inline's one query, empty or not
