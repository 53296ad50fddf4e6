"""Without the editor's picks, the edition takes the most-read stories since the last
edition (hourly reads, newsroom/counters.py), then the newest."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from newsletter import sending
from newsletter.models import Edition
from newsroom.counters import hour_of
from newsroom.models import ArticleRead
from tests.factories import make_article

pytestmark = pytest.mark.django_db

DAY = date(2026, 12, 3)


def picks(edition):
    return [p.article.headline for p in edition.picks.order_by("order")]


def test_most_read_since_the_last_edition_first_then_newest():
    now = timezone.now()
    Edition.objects.create(
        date=DAY - timedelta(days=1),
        subject="어제",
        status=Edition.Status.SENT,
        sent_at=now - timedelta(hours=6),
    )
    make_article(headline="지난호 이전 기사", published_at=now - timedelta(days=2))
    popular = make_article(headline="많이 읽은 기사", published_at=now - timedelta(hours=5))
    make_article(headline="최신 기사", published_at=now - timedelta(hours=1))
    quiet = make_article(headline="조금 읽은 기사", published_at=now - timedelta(hours=4))
    ArticleRead.objects.create(article=popular, hour=hour_of(now), count=50)
    ArticleRead.objects.create(article=quiet, hour=hour_of(now), count=3)
    # Reads from before the last edition do not count.
    ArticleRead.objects.create(article=quiet, hour=hour_of(now - timedelta(days=3)), count=500)
    edition = sending.prepare(DAY)
    assert picks(edition) == ["많이 읽은 기사", "조금 읽은 기사", "최신 기사"]


def test_with_no_reads_the_newest_fill_the_edition():
    now = timezone.now()
    make_article(headline="먼저 쓴 기사", published_at=now - timedelta(hours=3))
    make_article(headline="나중 쓴 기사", published_at=now - timedelta(hours=1))
    assert picks(sending.prepare(DAY)) == ["나중 쓴 기사", "먼저 쓴 기사"]
