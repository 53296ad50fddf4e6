import importlib

import pytest
from django.apps import apps

from newsroom.models import LegalPage

pytestmark = pytest.mark.django_db
migration = importlib.import_module("newsletter.migrations.0002_editor_permissions_and_privacy")


def test_privacy_policy_names_the_newsletter(client):
    html = client.get("/policy/privacy/").content.decode()
    assert "뉴스레터: 구독을 신청한 이메일 주소" in html


def test_paragraph_is_added_once_and_to_a_rewritten_text():
    page = LegalPage.objects.get(kind="privacy")
    migration.forward(apps, None)
    page.refresh_from_db()
    assert page.body.count(migration.PRIVACY_NEWSLETTER) == 1
    page.body = "편집국이 새로 쓴 방침."
    page.save()
    migration.forward(apps, None)
    migration.forward(apps, None)
    page.refresh_from_db()
    assert page.body == f"편집국이 새로 쓴 방침.\n\n{migration.PRIVACY_NEWSLETTER}"


def test_suppressed_address_gets_no_confirmation(client):
    from django.core import mail

    from newsletter.models import Subscriber
    from tests.newsletter.conftest import form

    Subscriber.objects.create(email="gone@example.kr", status="bounced")
    response = client.post("/newsletter/", form("gone@example.kr"))
    assert "확인 메일을 보냈습니다" in response.content.decode()
    assert not mail.outbox and Subscriber.objects.get().status == "bounced"


def test_demo_subscribe_banner_leads_to_the_sign_up_page(client, media_root):
    from newsroom.demo import SUBSCRIBE_BANNER, seed_banners
    from newsroom.models import Banner

    seed_banners()
    banner = Banner.objects.get(name=SUBSCRIBE_BANNER)
    assert banner.url == "/newsletter/"
    response = client.get(f"/banner/{banner.pk}/click/")
    assert response.status_code == 302 and response["Location"] == "/newsletter/"
