from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories():
    council = make_section("시흥시의회", slug="council")
    shown = make_article(headline="공개된 의회 기사", section=council)
    draft = make_article(headline="초안 기사", section=council, published=False)
    make_article(
        headline="예약 기사", section=council, published_at=timezone.now() + timedelta(hours=1)
    )
    make_article(headline="다른 섹션 기사")
    return council, shown, draft


def test_rss_lists_published_stories_only(client, stories):
    xml = client.get("/rss/").content.decode()
    assert "공개된 의회 기사" in xml and "다른 섹션 기사" in xml
    assert "초안 기사" not in xml and "예약 기사" not in xml
    assert "<language>ko</language>" in xml


def test_section_rss_and_unknown_section(client, stories):
    xml = client.get("/rss/council/").content.decode()
    assert "공개된 의회 기사" in xml and "다른 섹션 기사" not in xml
    assert client.get("/rss/no-such/").status_code == 404
