import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from intake import spam
from intake.models import Tip
from tests.factories import jpeg_bytes, make_editor, make_reporter_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_wait(settings):
    settings.TIP_MIN_SECONDS = 0


def data(**over):
    d = {
        "contact": "010-1234-5678",
        "text": "정왕동 도로가 파였습니다.",
        "consent": "on",
        "token": spam.make_token(),
        "website": "",
    }
    d.update(over)
    return d


def test_tip_stored_and_thanks(client, media_root):
    photo = SimpleUploadedFile("a.jpg", jpeg_bytes(), content_type="image/jpeg")
    r = client.post("/tip/", {**data(), "photos": [photo]})
    assert r.status_code == 302, r.context["form"].errors
    assert r["Location"] == "/tip/thanks/"
    tip = Tip.objects.get()
    assert tip.photos.count() == 1 and tip.status == Tip.Status.NEW
    assert "감사합니다" in client.get("/tip/thanks/").content.decode()


def test_footer_links_tip(client):
    assert 'href="/tip/"' in client.get("/tip/").content.decode()


@pytest.mark.parametrize(
    "over,message",
    [
        ({"text": "    "}, "제보 내용을 적어 주세요"),
        ({"consent": ""}, "동의해야"),
        ({"token": "forged"}, "너무 빨리"),
    ],
)
def test_bad_tip_is_korean_error_and_nothing_stored(client, over, message):
    r = client.post("/tip/", data(**over))
    assert r.status_code == 200 and message in r.content.decode()
    assert not Tip.objects.exists()


def test_too_fast(client, settings):
    settings.TIP_MIN_SECONDS = 60
    r = client.post("/tip/", data())
    assert "너무 빨리" in r.content.decode() and not Tip.objects.exists()


def test_honeypot_stores_nothing(client):
    r = client.post("/tip/", data(website="http://spam.example"))
    assert r.status_code == 302 and not Tip.objects.exists()


def test_not_an_image_refused(client, media_root):
    bad = SimpleUploadedFile("x.jpg", b"MZ\x90\x00" * 100, content_type="image/jpeg")
    r = client.post("/tip/", {**data(), "photos": [bad]})
    assert "사진 파일이 아니거나" in r.content.decode() and not Tip.objects.exists()


def test_rate_limit_bounded(client, settings):
    settings.TIP_RATE_LIMIT = 5
    codes = [client.post("/tip/", data()).status_code for _ in range(50)]
    assert codes.count(302) == 5 and codes.count(429) == 45
    assert Tip.objects.count() == 5
    from intake.models import RateBucket

    bucket = RateBucket.objects.get()
    assert "127.0.0.1" not in bucket.key and bucket.count == 50


def test_queue_editor_only_and_draft(client):
    tip = Tip.objects.create(contact="010-9999-0000", text="제보 본문")
    client.force_login(make_reporter_user())
    assert client.get("/admin/intake/tip/").status_code == 403
    client.force_login(make_editor())
    r = client.get(f"/admin/intake/tip/{tip.pk}/change/")
    assert "010-9999-0000" in r.content.decode()
    client.post("/admin/intake/tip/", {"action": "make_draft", "_selected_action": [tip.pk]})
    tip.refresh_from_db()
    assert tip.article is not None and tip.status == Tip.Status.IN_PROGRESS
