"""보도자료 intake: pasted text, HWP-exported HTML and .eml mails into the desk's queue,
one click to a draft with origin 보도자료, the source shown to the desk only."""

from email.message import EmailMessage
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from articles.models import Article, Image
from intake import press
from intake.models import PressRelease, PressReleaseImage
from tests.factories import jpeg_bytes, make_editor, make_reporter_user, make_section, make_user

pytestmark = pytest.mark.django_db

ADD = "/admin/intake/pressrelease/add/"


def mail(
    *,
    attachments=(),
    sender="시흥시청 홍보담당관 <press@siheung.go.kr>",
    return_path="<press@siheung.go.kr>",
    html=None,
    text="시흥시는 3일 정왕동에 새 도서관을 연다고 밝혔다.\n\n개관식은 오전 10시.",
) -> bytes:
    message = EmailMessage()
    message["Subject"] = "[보도자료] 정왕동 도서관 개관"
    message["From"] = sender
    message["To"] = "news@example.kr"
    message["Date"] = "Thu, 03 Dec 2026 09:30:00 +0900"
    if return_path:
        message["Return-Path"] = return_path
    message["Received"] = "from mail.siheung.go.kr (mail.siheung.go.kr [10.0.0.1]) by mx.example.kr"
    message.set_content(text)
    if html:
        message.add_alternative(html, subtype="html")
    for name, content, maintype, subtype in attachments:
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=name)
    return message.as_bytes()


def photo(name="사진1.jpg", color=(10, 80, 160)):
    return (name, jpeg_bytes(color=color), "image", "jpeg")


@pytest.fixture
def desk(client):
    client.force_login(make_reporter_user())
    return client


def upload(client, **fields):
    files = {}
    for key in ("html_file", "eml_file"):
        if key in fields:
            name, content = fields.pop(key)
            files[key] = SimpleUploadedFile(name, content)
    return client.post(ADD, {"title": "", "organisation": "", "text": "", **fields, **files})


def files_under(root) -> list[Path]:
    return [p for p in Path(root).rglob("*") if p.is_file()] if Path(root).exists() else []


def test_pasted_text_becomes_a_release(desk):
    r = upload(
        desk, text="시흥시 보도자료 제목\n\n본문 첫 문단.\n둘째 문단.", organisation="시흥시"
    )
    assert r.status_code == 302, r.context["adminform"].form.errors
    release = PressRelease.objects.get()
    assert release.title == "시흥시 보도자료 제목"
    assert release.source == PressRelease.Source.TEXT and release.organisation == "시흥시"
    assert "<p>둘째 문단.</p>" in release.body


def test_mail_parsed_with_sender_organisation_time_and_photos(desk, media_root):
    r = upload(desk, eml_file=("a.eml", mail(attachments=[photo(), photo("b.png")])))
    assert r.status_code == 302, r.context["adminform"].form.errors
    release = PressRelease.objects.get()
    assert release.title == "[보도자료] 정왕동 도서관 개관"
    assert release.organisation == "시흥시청 홍보담당관"
    assert "press@siheung.go.kr" in release.sender
    assert release.received_at.isoformat() == "2026-12-03T00:30:00+00:00"
    assert release.sender_warning == ""
    assert [p.filename for p in release.images.all()] == ["사진1.jpg", "b.png"]


def test_html_file_in_cp949_sanitized(desk):
    page = (
        '<html><head><meta charset="euc-kr"><title>시흥시 보도자료</title>'
        "<style>p{color:red}</style><script>alert(1)</script></head>"
        '<body><p class="HStyle0" onclick="x()"><span style="font-size:12pt">정왕동 소식</span></p>'
        '<a href="javascript:alert(1)">링크</a><img src="http://x/y.png"></body></html>'
    ).encode("cp949")
    r = upload(desk, html_file=("release.html", page))
    assert r.status_code == 302, r.context["adminform"].form.errors
    release = PressRelease.objects.get()
    assert release.title == "시흥시 보도자료"
    assert "정왕동 소식" in release.body
    for bad in ("<script", "alert", "onclick", "style", "javascript:", "<img"):
        assert bad not in release.body


def test_html_mail_body_with_scripts_sanitized(desk):
    html = "<html><body><p>본문</p><script>steal()</script><p onmouseover='x'>둘</p></body></html>"
    r = upload(desk, eml_file=("a.eml", mail(html=html)))
    assert r.status_code == 302
    body = PressRelease.objects.get().body
    assert "<p>본문</p>" in body and "steal" not in body and "onmouseover" not in body


@pytest.mark.parametrize(
    "fields,message",
    [
        ({"text": "     \n   "}, "보도자료 내용이 비어 있습니다"),
        ({}, "보도자료 내용이 비어 있습니다"),
        ({"html_file": ("x.html", b"<script>only()</script>")}, "보도자료 내용이 비어 있습니다"),
        ({"text": "본문", "html_file": ("x.html", b"<p>a</p>")}, "하나만 올려 주세요"),
        (
            {"eml_file": ("x.eml", b"just some bytes\n\nno headers")},
            "메일 파일(.eml)을 읽을 수 없습니다",
        ),
    ],
)
def test_bad_input_is_a_korean_form_error_and_nothing_stored(desk, fields, message):
    r = upload(desk, **fields)
    assert r.status_code == 200 and message in r.content.decode()
    assert not PressRelease.objects.exists()


def test_twenty_megabyte_text_refused_with_the_size(desk, settings):
    assert settings.PRESS_RELEASE_MAX_TEXT_BYTES == 2 * 1024 * 1024
    r = upload(desk, text="가" * (7 * 1024 * 1024))  # 21 MB in UTF-8
    page = r.content.decode()
    assert r.status_code == 200 and "보도자료 본문이 너무 큽니다(21.0" in page and "2.0" in page
    r = upload(desk, html_file=("big.html", b"<p>" + b"a" * (20 * 1024 * 1024) + b"</p>"))
    assert "보도자료 파일이 너무 큽니다(20.0" in r.content.decode()
    assert not PressRelease.objects.exists()


def test_limit_is_a_setting(desk, settings):
    settings.PRESS_RELEASE_MAX_TEXT_BYTES = 100
    assert "너무 큽니다" in upload(desk, text="가" * 50).content.decode()
    settings.PRESS_RELEASE_MAX_MAIL_BYTES = 500
    assert "메일 파일이 너무 큽니다" in upload(desk, eml_file=("a.eml", mail())).content.decode()


def test_fifty_attachments_refused_whole(desk, media_root):
    many = [photo(f"p{n}.jpg") for n in range(50)]
    r = upload(desk, eml_file=("a.eml", mail(attachments=many)))
    assert "첨부 파일이 너무 많습니다(50개). 한 메일에 20개까지" in r.content.decode()
    assert not PressRelease.objects.exists() and not PressReleaseImage.objects.exists()
    assert files_under(media_root) == []


def test_zip_and_executable_refused_by_name(desk, media_root):
    attachments = [
        photo(),
        ("자료.zip", b"PK\x03\x04" + b"\0" * 100, "application", "zip"),
        ("setup.exe", b"MZ\x90\x00" * 50, "application", "octet-stream"),
    ]
    r = upload(desk, eml_file=("a.eml", mail(attachments=attachments)))
    page = r.content.decode()
    assert "사진이 아닌 첨부 파일은 받지 않습니다: 자료.zip, setup.exe" in page
    assert not PressRelease.objects.exists() and files_under(media_root) == []


def test_executable_named_as_photo_stopped_by_the_image_gate(desk, media_root):
    fake = ("photo.jpg", b"MZ\x90\x00" * 50, "image", "jpeg")
    r = upload(desk, eml_file=("a.eml", mail(attachments=[photo(), fake])))
    assert "첨부 사진 photo.jpg: 사진 파일이 아니거나" in r.content.decode()
    assert not PressRelease.objects.exists() and files_under(media_root) == []


def test_forged_sender_stored_as_given_but_flagged(desk):
    forged = mail(sender="시흥시청 <press@siheung.go.kr>", return_path="<bulk@spam-relay.example>")
    assert upload(desk, eml_file=("a.eml", forged)).status_code == 302
    release = PressRelease.objects.get()
    assert release.sender == "시흥시청 <press@siheung.go.kr>"
    assert release.sender_warning.startswith("발신자 확인 필요")
    assert "spam-relay.example" in release.sender_warning
    listing = desk.get("/admin/intake/pressrelease/").content.decode()
    assert "icon-no.svg" in listing


def test_received_hop_checked_without_return_path():
    raw = mail(sender="x <a@siheung.go.kr>", return_path=None).replace(
        b"mail.siheung.go.kr", b"smtp.other-host.net"
    )
    parsed = press.from_mail(raw)
    assert "Received smtp.other-host.net" in parsed.sender_warning
    same = press.from_mail(mail(sender="x <a@news.siheung.go.kr>", return_path="<b@siheung.go.kr>"))
    assert same.sender_warning == ""


def test_one_click_makes_a_press_draft_with_library_photos(desk, media_root, client):
    upload(desk, eml_file=("a.eml", mail(attachments=[photo(), photo("b.jpg", (200, 10, 10))])))
    release = PressRelease.objects.get()
    shown = desk.get(f"/admin/intake/pressrelease/{release.pk}/change/").content.decode()
    assert 'name="_make_draft"' in shown and "새 도서관" in shown and "사진1.jpg" in shown
    r = desk.post(
        f"/admin/intake/pressrelease/{release.pk}/change/",
        {"status": "new", "_make_draft": "1", **_inline_management(release)},
    )
    assert r.status_code == 302, r.context and r.context["adminform"].form.errors
    article = Article.objects.get()
    assert r["Location"] == f"/admin/articles/article/{article.pk}/change/"
    assert article.origin == Article.Origin.PRESS_RELEASE and article.status == Article.Status.DRAFT
    assert article.headline == "[보도자료] 정왕동 도서관 개관"
    images = list(Image.objects.order_by("pk"))
    assert len(images) == 2 and article.lead_image == images[0]
    assert f'data-image-id="{images[1].pk}"' in article.body
    assert images[0].credit == "제공=시흥시청 홍보담당관"
    release.refresh_from_db()
    assert release.article == article and release.status == PressRelease.Status.PUBLISHED

    form = desk.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert "보도자료 출처" in form and "press@siheung.go.kr" in form

    # Readers never see where it came from.
    Article.objects.filter(pk=article.pk).update(
        status=Article.Status.PUBLISHED, published_at=timezone.now(), section=make_section()
    )
    page = client.get(article.get_absolute_url())
    assert page.status_code == 200 and "정왕동" in page.content.decode()
    assert "press@siheung.go.kr" not in page.content.decode()


def _inline_management(release):
    count = release.images.count()
    data = {
        "images-TOTAL_FORMS": str(count),
        "images-INITIAL_FORMS": str(count),
        "images-MIN_NUM_FORMS": "0",
        "images-MAX_NUM_FORMS": "1000",
    }
    for n, part in enumerate(release.images.all()):
        data[f"images-{n}-id"] = str(part.pk)
        data[f"images-{n}-release"] = str(release.pk)
    return data


def test_action_makes_drafts_once(desk):
    upload(desk, text="첫 보도자료\n본문")
    release = PressRelease.objects.get()
    for _ in range(2):
        desk.post(
            "/admin/intake/pressrelease/",
            {"action": "make_draft", "_selected_action": [release.pk]},
        )
    assert Article.objects.filter(origin=Article.Origin.PRESS_RELEASE).count() == 1


def test_failed_conversion_leaves_no_story_and_no_files(desk, media_root, monkeypatch):
    upload(desk, eml_file=("a.eml", mail(attachments=[photo(), photo("b.jpg")])))
    release = PressRelease.objects.get()
    before = sorted(files_under(media_root))
    real_save = PressReleaseImage.save
    calls = []

    def fail_second(self, *args, **kwargs):
        calls.append(self.pk)
        if len(calls) == 2:
            raise OSError("disk gone")
        return real_save(self, *args, **kwargs)

    monkeypatch.setattr(PressReleaseImage, "save", fail_second)
    with pytest.raises(OSError):
        press.make_draft(release, user=make_editor())
    assert not Article.objects.exists() and not Image.objects.exists()
    assert sorted(files_under(media_root)) == before
    release.refresh_from_db()
    assert release.article is None and release.images.filter(image__isnull=False).count() == 0


def test_failed_store_leaves_no_orphan_file(media_root, monkeypatch):
    parsed = press.from_mail(mail(attachments=[photo(), photo("b.jpg")]))
    real_save = PressReleaseImage.save
    calls = []

    def fail_second(self, *args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("row refused")
        return real_save(self, *args, **kwargs)

    monkeypatch.setattr(PressReleaseImage, "save", fail_second)
    with pytest.raises(RuntimeError):
        press.store(parsed, user=None)
    assert not PressRelease.objects.exists() and files_under(media_root) == []


def test_reporters_and_editors_only(client):
    client.force_login(make_reporter_user())
    assert client.get(ADD).status_code == 200
    client.force_login(make_user(groups=()))
    assert client.get(ADD).status_code == 403
