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
    first = client.get(confirm)
    assert first.status_code == 200 and "구독이 시작되었습니다" in first.content.decode()
    subscriber.refresh_from_db()
    assert subscriber.status == "active" and subscriber.confirmed_at

    again = client.get(confirm)
    assert again.status_code == 200 and "이미 확인된 주소입니다" in again.content.decode()


def test_expired_confirmation_is_400(client, subscribe, move_clock):
    subscribe()
    confirm = link_in(mail.outbox[0], "confirm")
    move_clock(timezone.now() + timedelta(days=3, minutes=1))
    response = client.get(confirm)
    assert response.status_code == 400 and "유효 기간" in response.content.decode()
    assert Subscriber.objects.get().status == "pending"


@pytest.mark.parametrize("mangle", [lambda t: t[:-2] + "xx", lambda t: "1:" + t])
def test_tampered_confirmation_is_400(client, subscribe, mangle):
    subscribe()
    token = link_in(mail.outbox[0], "confirm").split("/")[3]
    response = client.get(f"/newsletter/confirm/{mangle(token)}/")
    assert response.status_code == 400
    assert Subscriber.objects.get().status == "pending"


def test_token_of_another_purpose_does_not_confirm(client, subscribe):
    subscribe()
    subscriber = Subscriber.objects.get()
    wrong = tokens.make(tokens.UNSUBSCRIBE, subscriber.pk)
    assert client.get(f"/newsletter/confirm/{wrong}/").status_code == 400
    forged = signing.dumps(subscriber.pk, salt="something-else")
    assert client.get(f"/newsletter/confirm/{forged}/").status_code == 400


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
