import re
from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_editor, make_reporter_user

pytestmark = pytest.mark.django_db


def summary(client):
    html = client.get("/admin/").content.decode()
    assert "desk-summary" in html
    return html


def test_editor_sees_the_whole_desk(client):
    make_article(published=False, status=Article.Status.REVIEW)
    make_article(published=False, status=Article.Status.REVIEW)
    make_article(published=False)
    make_article(published_at=timezone.now() + timedelta(hours=3))
    client.force_login(make_editor())
    html = summary(client)
    assert "편집국 현황" in html
    assert "<strong>2</strong> 검토 요청" in html
    assert "<strong>1</strong> 작성 중" in html
    assert "<strong>1</strong> 예약 발행" in html
    assert "?state=review" in html


def test_reporter_counts_only_their_own_stories(client):
    me = make_reporter_user()
    make_article(published=False, created_by=me)
    make_article(published=False, created_by=make_reporter_user())
    client.force_login(me)
    html = summary(client)
    assert "내 기사 현황" in html
    assert "<strong>1</strong> 작성 중" in html


def test_scheduled_today_opens_todays_schedule_only(client):
    later_today = timezone.localtime().replace(hour=23, minute=59, second=0)
    if later_today <= timezone.now():
        later_today = timezone.now() + timedelta(seconds=30)
    today = make_article(headline="오늘 밤 예약", published_at=later_today)
    make_article(headline="모레 예약", published_at=timezone.now() + timedelta(days=2))
    client.force_login(make_editor())
    html = summary(client)
    link = re.search(r'desk-summary__scheduled_today[^>]*><a href="([^"]+)"', html).group(1)
    assert "<strong>1</strong> 예약 발행 오늘" in html
    listing = client.get(link.replace("&amp;", "&")).content.decode()
    assert today.headline in listing
    assert "모레 예약" not in listing
