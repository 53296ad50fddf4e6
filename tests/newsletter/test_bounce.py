import json

import pytest
from django.test import Client

from newsletter.models import Subscriber

pytestmark = pytest.mark.django_db
SECRET = "s3cret-webhook"


@pytest.fixture
def provider(settings):
    settings.NEWSLETTER_WEBHOOK_SECRET = SECRET
    client = Client(enforce_csrf_checks=True)

    def post(payload, secret=SECRET):
        body = payload if isinstance(payload, str) else json.dumps(payload)
        return client.post(
            "/newsletter/bounce/",
            body,
            content_type="application/json",
            headers={"X-Newsletter-Secret": secret},
        )

    return post


@pytest.fixture
def subscriber():
    return Subscriber.objects.create(email="reader@example.kr", status="active")


@pytest.mark.parametrize(
    "kind,status", [("hard", "bounced"), ("complaint", "complained"), ("soft", "active")]
)
def test_bounce_kinds(provider, subscriber, kind, status):
    response = provider({"email": "Reader@Example.kr", "type": kind})
    assert response.status_code == 200 and response.json()["known"]
    subscriber.refresh_from_db()
    assert subscriber.status == status


def test_unset_secret_is_404(client, settings, subscriber):
    settings.NEWSLETTER_WEBHOOK_SECRET = ""
    response = client.post(
        "/newsletter/bounce/",
        {"email": "reader@example.kr", "type": "hard"},
        content_type="application/json",
    )
    assert response.status_code == 404


def test_wrong_or_missing_secret_is_403(provider, subscriber):
    assert (
        provider({"email": "reader@example.kr", "type": "hard"}, secret="guess").status_code == 403
    )
    assert provider({"email": "reader@example.kr", "type": "hard"}, secret="").status_code == 403
    subscriber.refresh_from_db()
    assert subscriber.status == "active"


@pytest.mark.parametrize(
    "payload",
    [
        "not json",
        {"email": "a@b.kr"},
        {"email": "a@b.kr", "type": "x"},
        [1, 2],
        {"email": 5, "type": "hard"},
    ],
)
def test_bad_payload_is_400(provider, subscriber, payload):
    assert provider(payload).status_code == 400


def test_unknown_address_is_acknowledged(provider):
    response = provider({"email": "nobody@example.kr", "type": "hard"})
    assert response.status_code == 200 and response.json() == {"ok": True, "known": False}
