import pytest
from django.core import mail

from newsletter import tokens
from newsletter.models import Subscriber

pytestmark = pytest.mark.django_db


def _link(subscriber):
    return f"/newsletter/unsubscribe/{tokens.make(tokens.UNSUBSCRIBE, subscriber.pk)}/"


def test_get_shows_button_and_changes_nothing(client, active):
    subscriber = active()
    page = client.get(_link(subscriber))
    assert page.status_code == 200 and "구독 해지" in page.content.decode()
    assert '<form method="post"' in page.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == "active"


def test_post_unsubscribes(client, active):
    subscriber = active()
    page = client.post(_link(subscriber))
    assert "구독이 해지되었습니다" in page.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed" and subscriber.unsubscribed_at


def test_one_click_post_from_a_mail_provider(active):
    from django.test import Client

    subscriber = active()
    provider = Client(enforce_csrf_checks=True)
    response = provider.post(
        _link(subscriber),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"


def test_header_link_is_the_unsubscribe_link(client, subscribe):
    subscribe()
    header = mail.outbox[0].extra_headers["List-Unsubscribe"]
    path = header.split(">")[0].removeprefix("<https://news.example.kr")
    assert (
        client.post(
            path, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded"
        ).status_code
        == 200
    )
    assert Subscriber.objects.get().status == "unsubscribed"


@pytest.mark.parametrize("method", ["get", "post"])
def test_tampered_link_is_400_and_changes_nothing(client, active, method):
    subscriber = active()
    token = tokens.make(tokens.UNSUBSCRIBE, subscriber.pk)
    other = tokens.make(tokens.CONFIRM, subscriber.pk)
    for bad in (token[:-1] + ("A" if token[-1] != "A" else "B"), other, "1", "x:y"):
        response = getattr(client, method)(f"/newsletter/unsubscribe/{bad}/")
        assert response.status_code == 400
        assert "올바르지 않습니다" in response.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == "active"


def test_resubscribe_after_unsubscribing_needs_confirmation_again(client, active, subscribe):
    subscriber = active()
    client.post(_link(subscriber))
    subscribe("reader@example.kr")
    subscriber.refresh_from_db()
    assert subscriber.status == "pending" and len(mail.outbox) == 1
