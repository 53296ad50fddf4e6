"""An article page with 30 comments costs what one with one does."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from comments.models import Comment
from tests.factories import make_article, make_section

pytestmark = pytest.mark.django_db


def _add(article, n):
    top = None
    for i in range(n):
        parent = top if i % 3 == 2 else None
        comment = Comment.objects.create(
            article=article,
            parent=parent,
            name=f"독자{i}",
            password="x",
            body=f"댓글 {i}",
            status=Comment.Status.PUBLISHED,
        )
        top = top or comment


def _queries(client, article):
    client.get(article.get_absolute_url())  # warm the site-wide caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return len(captured)


def test_thirty_comments_cost_no_more_queries_than_one(client, django_assert_max_num_queries):
    section = make_section(parent=make_section())
    one = make_article(section=section)
    _add(one, 1)
    thirty = make_article(section=section)
    _add(thirty, 30)
    baseline = _queries(client, one)
    assert _queries(client, thirty) == baseline
    with django_assert_max_num_queries(baseline):
        page = client.get(thirty.get_absolute_url()).content.decode()
    assert page.count('class="comment"') == 30


def test_a_section_list_counts_comments_in_its_own_query(client):
    section = make_section()
    articles = [make_article(section=section) for _ in range(5)]
    client.get(section.get_absolute_url())
    with CaptureQueriesContext(connection) as before:
        client.get(section.get_absolute_url())
    for article in articles:
        _add(article, 2)
    with CaptureQueriesContext(connection) as after:
        page = client.get(section.get_absolute_url()).content.decode()
    assert len(after) == len(before)
    assert page.count("댓글 2") == 5
