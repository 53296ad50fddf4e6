"""In Chromium: a reader follows the footer's 뉴스레터 구독 link, signs up, sees the
confirmation notice, finds the confirmation mail in the outbox (the live server runs in
this process, with the locmem backend) and confirms with the page's button; a malformed
address gets the Korean error, and nothing is sent."""

import pytest
from django.core import mail
from playwright.sync_api import expect

from newsletter.models import Subscriber
from tests.factories import make_article
from tests.newsletter.conftest import link_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_a_reader_signs_up_and_confirms(site, viewport):
    make_article(headline="아침 기사")
    mail.outbox.clear()
    page = site.page(viewport)
    site.open(page, "/")
    page.locator("[data-newsletter-link]").click()
    page.wait_for_url(site.url + "/newsletter/")
    site.check(page)
    form = page.locator("[data-newsletter-form] form")
    form.get_by_label("이메일").fill("Reader@Example.kr")
    form.get_by_role("button", name="구독 신청").click()
    notice = page.locator("[data-newsletter-sent]")
    expect(notice).to_contain_text("확인 메일을 보냈습니다")
    expect(notice).to_contain_text("링크를 눌러 주세요")

    (message,) = mail.outbox
    assert message.to == ["reader@example.kr"]
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING

    site.open(page, link_in(message, "confirm"))
    assert Subscriber.objects.get().status == Subscriber.Status.PENDING  # opening is not enough
    page.get_by_role("button", name="구독 확인").click()
    expect(page.locator("[data-newsletter-confirmed]")).to_contain_text("구독이 시작되었습니다")
    assert Subscriber.objects.get().status == Subscriber.Status.ACTIVE


def test_a_malformed_address_gets_the_korean_error_and_no_mail(site):
    mail.outbox.clear()
    page = site.page("phone")
    site.open(page, "/newsletter/")
    form = page.locator("[data-newsletter-form] form")
    form.get_by_label("이메일").fill("reader@@example")
    form.get_by_role("button", name="구독 신청").click()
    expect(page.locator("[data-newsletter-form]")).to_contain_text(
        "올바른 이메일 주소를 적어 주세요."
    )
    expect(page.locator("[data-newsletter-sent]")).to_have_count(0)
    assert mail.outbox == [] and not Subscriber.objects.exists()
