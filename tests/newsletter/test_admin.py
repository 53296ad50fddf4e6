import pytest
from django.core import mail
from django.utils import timezone

from newsletter.models import Delivery, Edition, EditionPick, Subscriber
from tests.factories import make_article, make_editor, make_reporter_user, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    edition = Edition.objects.create(date="2026-12-03", subject="12월 3일 아침")
    EditionPick.objects.create(edition=edition, article=make_article(headline="오늘의 머리기사"))
    return edition


def test_reporters_never_see_addresses(client):
    Subscriber.objects.create(email="secret@example.kr", status="active")
    client.force_login(make_reporter_user())
    assert client.get("/admin/newsletter/subscriber/").status_code == 403
    assert "secret@example.kr" not in client.get("/admin/").content.decode()


def test_editors_may_view_but_not_change_subscribers(client):
    subscriber = Subscriber.objects.create(email="reader@example.kr", status="active")
    client.force_login(make_editor())
    listing = client.get("/admin/newsletter/subscriber/")
    assert listing.status_code == 200 and "reader@example.kr" in listing.content.decode()
    url = f"/admin/newsletter/subscriber/{subscriber.pk}/change/"
    client.post(url, {"email": "other@example.kr", "status": "unsubscribed"})
    subscriber.refresh_from_db()
    assert subscriber.email == "reader@example.kr" and subscriber.status == "active"
    assert client.get("/admin/newsletter/subscriber/add/").status_code == 403


def test_superuser_may_change_subscribers(client):
    subscriber = Subscriber.objects.create(email="reader@example.kr", status="active")
    client.force_login(make_user(is_superuser=True))
    response = client.post(
        f"/admin/newsletter/subscriber/{subscriber.pk}/change/",
        {"email": "reader@example.kr", "status": "unsubscribed"},
    )
    assert response.status_code == 302
    subscriber.refresh_from_db()
    assert subscriber.status == "unsubscribed"


def test_editor_picks_stories_in_admin(client):
    article = make_article()
    client.force_login(make_editor())
    response = client.post(
        "/admin/newsletter/edition/add/",
        {
            "date": "2026-12-04",
            "subject": "12월 4일 아침",
            "picks-TOTAL_FORMS": "1",
            "picks-INITIAL_FORMS": "0",
            "picks-0-article": str(article.pk),
            "picks-0-order": "0",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert list(Edition.objects.get().picks.values_list("article_id", flat=True)) == [article.pk]


def test_preview_renders_the_mail(client, edition):
    client.force_login(make_editor())
    response = client.get(f"/admin/newsletter/edition/{edition.pk}/preview/")
    assert response.status_code == 200 and "오늘의 머리기사" in response.content.decode()
    change = client.get(f"/admin/newsletter/edition/{edition.pk}/change/").content.decode()
    assert "미리 보기" in change and "나에게 테스트 발송" in change


def test_test_send_goes_to_the_editor_only(client, edition):
    Subscriber.objects.create(email="reader@example.kr", status="active")
    editor = make_editor(email="editor@news.example.kr")
    client.force_login(editor)
    response = client.post(f"/admin/newsletter/edition/{edition.pk}/test-send/", follow=True)
    assert "테스트 메일을 보냈습니다" in response.content.decode()
    (message,) = mail.outbox
    assert message.to == ["editor@news.example.kr"] and "[테스트]" in message.subject
    assert "오늘의 머리기사" in message.alternatives[0][0]
    assert not Delivery.objects.exists()
    edition.refresh_from_db()
    assert edition.status == "draft"


def test_test_send_without_own_address_is_a_korean_error(client, edition):
    client.force_login(make_editor(email=""))
    response = client.post(f"/admin/newsletter/edition/{edition.pk}/test-send/", follow=True)
    assert "이메일 주소가 없어" in response.content.decode() and not mail.outbox
    assert client.get(f"/admin/newsletter/edition/{edition.pk}/test-send/").status_code == 405


def test_reporters_cannot_preview(client, edition):
    client.force_login(make_reporter_user())
    assert client.get(f"/admin/newsletter/edition/{edition.pk}/preview/").status_code == 403


def test_counts_on_the_edition_list(client, edition, django_assert_max_num_queries):
    now = timezone.now()
    for n, (opened, clicked) in enumerate([(now, now), (now, None), (None, None)]):
        subscriber = Subscriber.objects.create(email=f"r{n}@example.kr", status="active")
        Delivery.objects.create(
            edition=edition,
            subscriber=subscriber,
            status="sent",
            sent_at=now,
            opened_at=opened,
            clicked_at=clicked,
        )
    client.force_login(make_editor())
    with django_assert_max_num_queries(12):
        html = client.get("/admin/newsletter/edition/").content.decode()
    assert '<td class="field-sent">3</td>' in html
    assert '<td class="field-opened">2</td>' in html
    assert '<td class="field-clicked">1</td>' in html
    change = client.get(f"/admin/newsletter/edition/{edition.pk}/change/").content.decode()
    assert "발송 3 · 열람 2 · 클릭 1" in change
