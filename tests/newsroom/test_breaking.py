"""The 속보 line: on every public page, up and down by the clock, never in the admin."""

from datetime import timedelta

import pytest
from django.utils import timezone

from newsroom.models import HomeCuration
from tests.factories import make_article, make_editor

pytestmark = pytest.mark.django_db

TEXT = "시흥시 전역 호우경보 발령"
ADMIN = "/admin/newsroom/homecuration/1/change/"


def set_breaking(**fields):
    curation = HomeCuration.current()
    fields.setdefault("breaking_on", True)
    fields.setdefault("breaking_text", TEXT)
    fields.setdefault("breaking_ends_at", timezone.now() + timedelta(hours=3))
    for name, value in fields.items():
        setattr(curation, name, value)
    curation.full_clean()
    curation.save()
    return curation


@pytest.fixture
def story():
    return make_article(headline="본회의 개회", tags=["시의회"])


def public_urls(story):
    return [
        "/",
        story.get_absolute_url(),
        story.section.get_absolute_url(),
        "/tag/시의회/",
        "/search/?q=본회의",
        "/council/",
    ]


def test_every_public_page_carries_the_line(client, story):
    set_breaking(breaking_url=story.get_absolute_url())
    for url in public_urls(story):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "data-breaking" in html and TEXT in html, url
        # once: a page template must not add its own copy under base.html's
        assert html.count('class="breaking"') == 1, url
    # above the page's own content: right under the weather strip, before the header
    html = client.get(story.get_absolute_url()).content.decode()
    assert html.index("data-breaking") < html.index('class="site-header"')


def test_the_admin_does_not(client, story):
    set_breaking()
    client.force_login(make_editor())
    assert "data-breaking" not in client.get("/admin/").content.decode()


def test_it_goes_up_and_comes_down_by_the_clock_with_the_page_cache_on(
    client, settings, move_clock, story
):
    settings.PAGE_CACHE_SECONDS = 300
    now = timezone.now()
    set_breaking(
        breaking_starts_at=now + timedelta(minutes=5), breaking_ends_at=now + timedelta(minutes=20)
    )
    url = story.get_absolute_url()
    assert TEXT not in client.get(url).content.decode()
    response = client.get(url)  # stored, but only until the line goes up
    assert "max-age=300" not in response.get("Cache-Control", "")

    move_clock(now + timedelta(minutes=5, seconds=1))
    assert TEXT in client.get(url).content.decode()
    assert TEXT in client.get("/").content.decode()

    move_clock(now + timedelta(minutes=20, seconds=1))
    assert TEXT not in client.get(url).content.decode()
    assert TEXT not in client.get("/").content.decode()


def test_an_edit_reaches_stored_pages_at_once(client, settings, story):
    settings.PAGE_CACHE_SECONDS = 300
    url = story.get_absolute_url()
    assert TEXT not in client.get(url).content.decode()
    set_breaking()
    assert TEXT in client.get(url).content.decode()
    set_breaking(breaking_on=False)
    assert TEXT not in client.get(url).content.decode()


def test_next_change_is_the_nearer_of_start_and_end():
    now = timezone.now()
    set_breaking(
        breaking_starts_at=now + timedelta(minutes=5), breaking_ends_at=now + timedelta(hours=1)
    )
    assert HomeCuration.next_breaking_change() == now + timedelta(minutes=5)
    set_breaking(
        breaking_starts_at=now - timedelta(minutes=5), breaking_ends_at=now + timedelta(hours=1)
    )
    assert HomeCuration.next_breaking_change() == now + timedelta(hours=1)
    set_breaking(breaking_on=False)
    assert HomeCuration.next_breaking_change() is None


def _form(**fields):
    data = {
        "breaking_on": "on",
        "breaking_text": TEXT,
        "breaking_url": "",
        "breaking_starts_at_0": "",
        "breaking_starts_at_1": "",
        "breaking_ends_at_0": "",
        "breaking_ends_at_1": "",
        "featured_count": "4",
        **fields,
    }
    for prefix in ("picks", "blocks", "pins"):
        data[f"{prefix}-TOTAL_FORMS"] = "0"
        data[f"{prefix}-INITIAL_FORMS"] = "0"
    return data


def test_the_admin_asks_for_an_end_time_in_korean(client):
    client.force_login(make_editor())
    response = client.post(ADMIN, _form())
    assert response.status_code == 200
    assert "속보를 켜려면 내릴 시각(속보 종료)을 입력하세요." in response.content.decode()
    assert not HomeCuration.objects.filter(pk=1, breaking_on=True).exists()


def test_the_admin_refuses_an_end_before_the_start(client):
    client.force_login(make_editor())
    response = client.post(
        ADMIN,
        _form(
            breaking_starts_at_0="2026-12-03",
            breaking_starts_at_1="10:00",
            breaking_ends_at_0="2026-12-03",
            breaking_ends_at_1="09:00",
        ),
    )
    assert "속보 종료는 속보 시작보다 뒤여야 합니다." in response.content.decode()


def test_the_admin_saves_a_window(client):
    client.force_login(make_editor())
    response = client.post(
        ADMIN, _form(breaking_ends_at_0="2030-01-01", breaking_ends_at_1="09:00")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    curation = HomeCuration.objects.get(pk=1)
    assert curation.breaking_on and timezone.localtime(curation.breaking_ends_at).hour == 9
