from io import StringIO

import pytest
from django.core.management import call_command

from newsletter import tokens
from newsletter.models import Delivery, Edition, EditionPick, Subscriber
from tests.factories import make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def delivery():
    article = make_article()
    edition = Edition.objects.create(date="2026-12-03", subject="오늘")
    EditionPick.objects.create(edition=edition, article=article)
    subscriber = Subscriber.objects.create(email="r@example.kr", status="active")
    return Delivery.objects.create(edition=edition, subscriber=subscriber, status="sent")


def test_open_pixel_is_an_uncached_gif(client, delivery):
    token = tokens.make(tokens.TRACK, delivery.pk)
    response = client.get(f"/newsletter/o/{token}.gif")
    assert response.status_code == 200 and response["Content-Type"] == "image/gif"
    assert response.content.startswith(b"GIF89a") and "no-cache" in response["Cache-Control"]
    delivery.refresh_from_db()
    first = delivery.opened_at
    assert first
    client.get(f"/newsletter/o/{token}.gif")
    delivery.refresh_from_db()
    assert delivery.opened_at == first
    assert client.get(f"/newsletter/o/{token}x.gif").status_code == 400


def test_click_redirects_to_the_story_only(client, delivery):
    article = delivery.edition.picks.get().article
    token = tokens.make(tokens.TRACK, delivery.pk)
    response = client.get(f"/newsletter/c/{token}/{article.pk}/?next=https://evil.example/")
    assert response.status_code == 302 and response["Location"] == article.get_absolute_url()
    delivery.refresh_from_db()
    assert delivery.clicked_at and delivery.opened_at


def test_click_tampered_or_foreign_story(client, delivery):
    article = delivery.edition.picks.get().article
    other = make_article()
    token = tokens.make(tokens.TRACK, delivery.pk)
    assert client.get(f"/newsletter/c/{token[:-1]}Z/{article.pk}/").status_code == 400
    unsubscribe = tokens.make(tokens.UNSUBSCRIBE, delivery.pk)
    assert client.get(f"/newsletter/c/{unsubscribe}/{article.pk}/").status_code == 400
    assert client.get(f"/newsletter/c/{token}/{other.pk}/").status_code == 404
    delivery.refresh_from_db()
    assert delivery.clicked_at is None


def test_links_in_a_sent_mail_work(client):
    import re

    from django.core import mail

    article = make_article()
    Subscriber.objects.create(email="r@example.kr", status="active")
    call_command("send_newsletter", "--date", "2026-12-03", stdout=StringIO())
    html = mail.outbox[0].alternatives[0][0]
    click = re.search(r"https://news\.example\.kr(/newsletter/c/[^\"]+)", html).group(1)
    pixel = re.search(r"https://news\.example\.kr(/newsletter/o/[^\"]+)", html).group(1)
    assert client.get(click)["Location"] == article.get_absolute_url()
    assert client.get(pixel).status_code == 200
    delivery = Delivery.objects.get()
    assert delivery.opened_at and delivery.clicked_at
