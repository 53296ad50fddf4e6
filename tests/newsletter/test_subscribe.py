import re
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.utils import timezone

from newsletter import tokens
from newsletter.models import Subscriber
from tests.newsletter.conftest import form, link_in

pytestmark = pytest.mark.django_db


def test_page_has_form_and_footer_link(client):
    page = client.get("/newsletter/")
    assert page.status_code == 200 and "no-cache" in page["Cache-Control"]
    html = page.content.decode()
    assert 'name="email"' in html and 'name="website"' in html and 'name="token"' in html
    assert 'href="/newsletter/" data-newsletter-link' in client.get("/tip/").content.decode()


def test_double_opt_in(client, subscribe):
    page = subscribe("Reader@Example.kr")
    assert "확인 메일을 보냈습니다" in page.content.decode()
    subscriber = Subscriber.objects.get()
    assert subscriber.email == "reader@example.kr" and subscriber.status == "pending"
    (message,) = mail.outbox
    assert message.to == ["reader@example.kr"]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.extra_headers["List-Unsubscribe"].startswith(
        "<https://news.example.kr/newsletter/unsubscribe/"
    )
    assert "mailto:letter@news.example.kr" in message.extra_headers["List-Unsubscribe"]

    confirm = link_in(message, "confirm")
    first = client.post(confirm)
    assert first.status_code == 200 and "구독이 시작되었습니다" in first.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == "active" and subscriber.confirmed_at

    again = client.post(confirm)
    assert again.status_code == 200 and "이미 확인된 주소입니다" in again.content.decode()


def test_get_on_confirmation_link_does_not_confirm(client, subscribe):
    """Mail scanners prefetch links: opening one must change nothing."""
    subscribe()
    confirm = link_in(mail.outbox[0], "confirm")
    for _ in range(3):
        page = client.get(confirm)
        assert page.status_code == 200 and "no-cache" in page["Cache-Control"]
        html = page.content.decode()
        assert "data-newsletter-confirm" in html and "구독 확인</button>" in html
        assert '<form method="post">' in html and 'name="csrfmiddlewaretoken"' in html
    subscriber = Subscriber.objects.get()
    assert subscriber.status == "pending" and subscriber.confirmed_at is None
    assert client.head(confirm).status_code == 405
    assert Subscriber.objects.get().status == "pending"


def test_confirming_twice_keeps_the_first_time(client, subscribe):
    subscribe()
    confirm = link_in(mail.outbox[0], "confirm")
    client.post(confirm)
    first_time = Subscriber.objects.get().confirmed_at
    again = client.post(confirm)
    assert again.status_code == 200 and "이미 확인된 주소입니다" in again.content.decode()
    # A GET on the link of an active address says so too, without a button.
    shown = client.get(confirm).content.decode()
    assert "이미 확인된 주소입니다" in shown and "구독 확인</button>" not in shown
    subscriber = Subscriber.objects.get()
    assert subscriber.status == "active" and subscriber.confirmed_at == first_time


def test_confirmation_post_needs_the_csrf_token(subscribe):
    from django.test import Client

    subscribe()
    confirm = link_in(mail.outbox[0], "confirm")
    browser = Client(enforce_csrf_checks=True)
    assert browser.post(confirm).status_code == 403
    assert Subscriber.objects.get().status == "pending"
    page = browser.get(confirm).content.decode()
    csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    done = browser.post(confirm, {"csrfmiddlewaretoken": csrf})
    assert done.status_code == 200 and "구독이 시작되었습니다" in done.content.decode()
    assert Subscriber.objects.get().status == "active"


@pytest.mark.parametrize("method", ["get", "post"])
def test_expired_confirmation_is_400(client, subscribe, move_clock, method):
    subscribe()
    confirm = link_in(mail.outbox[0], "confirm")
    move_clock(timezone.now() + timedelta(days=3, minutes=1))
    response = getattr(client, method)(confirm)
    assert response.status_code == 400 and "유효 기간" in response.content.decode()
    assert "구독 확인</button>" not in response.content.decode()
    assert Subscriber.objects.get().status == "pending"


@pytest.mark.parametrize("method", ["get", "post"])
@pytest.mark.parametrize("mangle", [lambda t: t[:-2] + "xx", lambda t: "1:" + t])
def test_tampered_confirmation_is_400(client, subscribe, mangle, method):
    subscribe()
    token = link_in(mail.outbox[0], "confirm").split("/")[3]
    response = getattr(client, method)(f"/newsletter/confirm/{mangle(token)}/")
    assert response.status_code == 400 and "올바르지 않거나" in response.content.decode()
    assert Subscriber.objects.get().status == "pending"


@pytest.mark.parametrize("method", ["get", "post"])
def test_token_of_another_purpose_does_not_confirm(client, subscribe, method):
    subscribe()
    subscriber = Subscriber.objects.get()
    wrong = tokens.make(tokens.UNSUBSCRIBE, subscriber.pk)
    send = getattr(client, method)
    assert send(f"/newsletter/confirm/{wrong}/").status_code == 400
    forged = signing.dumps(subscriber.pk, salt="something-else")
    assert send(f"/newsletter/confirm/{forged}/").status_code == 400
    assert Subscriber.objects.get().status == "pending"


def test_used_link_after_unsubscribing_is_400(client, subscribe):
    """A confirmation link used, then left by unsubscribing: it cannot bring the address back."""
    subscribe()
    confirm = link_in(mail.outbox[0], "confirm")
    header = mail.outbox[0].extra_headers["List-Unsubscribe"]
    unsubscribe = re.search(
        r"https://news\.example\.kr(/newsletter/unsubscribe/[^>]+)", header
    ).group(1)
    client.post(confirm)
    client.post(unsubscribe)
    for method in ("get", "post"):
        response = getattr(client, method)(confirm)
        assert (
            response.status_code == 400 and "링크를 사용할 수 없습니다" in response.content.decode()
        )
    assert Subscriber.objects.get().status == "unsubscribed"


def test_same_address_50_times_one_row_one_mail(client, settings):
    settings.TIP_RATE_LIMIT = 100
    for n in range(50):
        email = "reader@example.kr" if n % 2 else "READER@example.kr "
        assert client.post("/newsletter/", form(email)).status_code == 200
    assert Subscriber.objects.count() == 1
    assert len(mail.outbox) == 1


def test_another_confirmation_after_an_hour(client, move_clock):
    client.post("/newsletter/", form("reader@example.kr"))
    move_clock(timezone.now() + timedelta(minutes=61))
    client.post("/newsletter/", form("reader@example.kr"))
    assert len(mail.outbox) == 2 and Subscriber.objects.count() == 1


def test_rate_limit_per_client_address(client, settings):
    settings.TIP_RATE_LIMIT = 3
    codes = [client.post("/newsletter/", form(f"r{n}@example.kr")).status_code for n in range(5)]
    assert codes == [200, 200, 200, 429, 429]
    assert Subscriber.objects.count() == 3


@pytest.mark.parametrize(
    "email,message",
    [
        ("not-an-address", "올바른 이메일 주소"),
        ("a@b", "올바른 이메일 주소"),
        ("x" * 290 + "@example.kr", "254자 이하"),
        ("", "이메일 주소를 적어 주세요"),
    ],
)
def test_bad_address_is_korean_form_error_nothing_stored(client, email, message):
    response = client.post("/newsletter/", form(email))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Subscriber.objects.exists() and not mail.outbox


def test_honeypot_and_forged_token_store_nothing(client):
    bot = client.post("/newsletter/", form("bot@example.kr", website="http://spam"))
    assert "확인 메일을 보냈습니다" in bot.content.decode()
    forged = client.post("/newsletter/", form("r@example.kr", token="forged"))
    assert "너무 빨리" in forged.content.decode()
    assert not Subscriber.objects.exists() and not mail.outbox


def test_active_address_signing_up_again_gets_no_mail_and_same_page(client, active):
    active()
    mail.outbox.clear()
    response = client.post("/newsletter/", form("reader@example.kr"))
    assert "확인 메일을 보냈습니다" in response.content.decode()
    assert not mail.outbox and Subscriber.objects.get().status == "active"
