"""A reporter's page exists only for a byline readers can already see."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.factories import make_article, make_reporter

pytestmark = pytest.mark.django_db


def test_a_reporter_without_published_stories_has_no_page(client):
    reporter = make_reporter("신입기자", email="new@example.kr")
    make_article(reporters=[reporter], published=False)
    make_article(reporters=[reporter], published_at=timezone.now() + timedelta(hours=2))
    make_article(
        reporters=[reporter], status=Article.Status.UNPUBLISHED, published_at=timezone.now()
    )
    response = client.get(reporter.get_absolute_url())
    assert response.status_code == 404
    assert "new@example.kr" not in response.content.decode()


def test_an_inactive_reporter_without_stories_has_no_page(client):
    reporter = make_reporter("퇴사자", email="gone@example.kr", is_active=False)
    assert client.get(reporter.get_absolute_url()).status_code == 404


def test_an_active_reporter_with_a_story_shows_the_byline_address(client):
    reporter = make_reporter("홍길동", email="hong@example.kr")
    make_article(headline="시흥 소식", reporters=[reporter])
    html = client.get(reporter.get_absolute_url()).content.decode()
    assert "시흥 소식" in html and "hong@example.kr" in html


def test_an_inactive_reporters_archive_stays_without_the_address(client):
    reporter = make_reporter("퇴사자", email="gone@example.kr", is_active=False)
    article = make_article(headline="지난 기사", reporters=[reporter])
    response = client.get(reporter.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert "지난 기사" in html and "gone@example.kr" not in html
    # Nor does the story itself print it in the byline or the reporter box.
    assert "gone@example.kr" not in client.get(article.get_absolute_url()).content.decode()
