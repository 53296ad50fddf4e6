import re

import pytest
from django.core import mail

from intake import spam


@pytest.fixture(autouse=True)
def _newsletter_settings(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.TIP_MIN_SECONDS = 0
    settings.SITE_URL = "https://news.example.kr"
    settings.NEWSLETTER_FROM = "시흥뉴스룸 <letter@news.example.kr>"


def form(email, **over):
    return {"email": email, "token": spam.make_token(), "website": "", **over}


def link_in(message, name):
    """The path of the first /newsletter/<name>/… link in a mail's text."""
    found = re.search(rf"https://news\.example\.kr(/newsletter/{name}/[^\s>\"]+)", message.body)
    assert found, message.body
    return found.group(1)


@pytest.fixture
def subscribe(client):
    def run(email="Reader@Example.kr"):
        mail.outbox.clear()
        response = client.post("/newsletter/", form(email))
        assert response.status_code == 200
        return response

    return run


@pytest.fixture
def active(client, subscribe):
    """An active subscriber, through the real sign-up and confirmation."""
    from newsletter.models import Subscriber

    def run(email="reader@example.kr"):
        subscribe(email)
        # The POST confirms; the GET only shows the button (docs/newsletter.md).
        assert client.post(link_in(mail.outbox[-1], "confirm")).status_code == 200
        return Subscriber.objects.get(email=email.lower())

    return run


# The journeys' browser fixtures (one Chromium per module, pages watched for console
# errors and CSP violations) for this app's Chromium tests.
from tests.journeys.conftest import chromium, site  # noqa: E402, F401
