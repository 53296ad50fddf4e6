"""Uploading through the real admin form: Korean errors, nothing stored on failure."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from PIL import Image as PILImage

from articles.models import Image
from tests.articles.image_samples import (
    encode,
    jpeg_with_gps,
    photo,
    png_header_only,
    stored_files,
    upload,
)
from tests.factories import make_editor, make_reporter_user

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/articles/image/add/"


def change_url(image):
    return f"/admin/articles/image/{image.pk}/change/"


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor())
    return client


def post_upload(client, data, name="photo.jpg", follow=False, **fields):
    payload = {"file": upload(data, name), "alt_text": "시흥시청 본관", "caption": "", "credit": ""}
    payload.update(fields)
    return client.post(ADD_URL, payload, follow=follow)


@pytest.mark.parametrize(
    ("data", "name", "words"),
    [
        (b"<html><script>alert(1)</script></html>", "photo.jpg", "문서 파일"),
        (b"", "empty.jpg", "빈 파일"),
        (encode(photo((600, 400)), "JPEG")[:4000], "cut.jpg", "손상"),
        (encode(photo((40, 30)), "BMP"), "photo.jpg", "지원하지 않는"),
        (png_header_only(100_000, 100_000), "bomb.png", "압축 폭탄"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "a.svg",
            "SVG",
        ),
    ],
    ids=["html", "empty", "truncated", "bmp", "bomb", "svg"],
)
def test_a_bad_upload_shows_a_korean_error_and_stores_nothing(
    editor_client, media_root, data, name, words
):
    response = post_upload(editor_client, data, name)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["file"]
    assert any(words in error for error in errors), errors
    assert words in response.content.decode()
    assert Image.objects.count() == 0
    assert stored_files(media_root) == []


def test_over_the_byte_limit_is_refused_in_the_form(editor_client, media_root, settings):
    settings.IMAGE_MAX_UPLOAD_BYTES = 10_000
    response = post_upload(editor_client, encode(photo((400, 300)), "JPEG", quality=95))
    assert "파일이 너무 큽니다" in response.content.decode()
    assert stored_files(media_root) == []


def test_a_good_upload_is_stored_clean_with_renditions(editor_client, media_root):
    response = post_upload(editor_client, jpeg_with_gps((1600, 1200)), "IMG_0001.jpg")
    assert response.status_code == 302, response.context["adminform"].form.errors
    image = Image.objects.get()
    assert image.uploaded_by is not None
    assert (image.width, image.height) == (1600, 1200)
    assert image.renditions["kinds"]["article"]["width"] == 1600
    files = stored_files(media_root)
    assert any(f.startswith("images/") and f.endswith(".jpg") for f in files)
    assert not any("IMG_0001" in f for f in files)  # stored under a random name
    assert sum(f.startswith("renditions/") for f in files) > 10
    assert all(b"Galaxy" not in (media_root / f).read_bytes() for f in files)


def test_a_phone_jpeg_with_a_second_picture_uploads_without_a_warning(editor_client, media_root):
    # Pillow names a JPEG carrying an MPF depth/gain map "MPO"; it is a still photo.
    second = PILImage.new("RGB", (300, 200), (0, 0, 255))
    data = encode(photo((300, 200)), "MPO", save_all=True, append_images=[second])
    response = post_upload(editor_client, data, "20260918_143000.jpg", follow=True)
    assert response.status_code == 200
    assert Image.objects.get().file.name.endswith(".jpg")
    assert "첫 장면만" not in response.content.decode()


def test_a_reporter_may_upload(client, media_root):
    client.force_login(make_reporter_user())
    response = post_upload(client, encode(photo((300, 200)), "PNG"), "chart.png")
    assert response.status_code == 302
    assert Image.objects.get().file.name.endswith(".png")


def test_a_user_without_image_rights_cannot(client, media_root):
    user = make_reporter_user()
    user.groups.clear()
    user.user_permissions.add(Permission.objects.get(codename="view_image"))
    client.force_login(user)
    assert post_upload(client, encode(photo((300, 200)), "PNG")).status_code == 403
    assert stored_files(media_root) == []


def test_moving_the_focal_point_recrops_and_drops_the_old_files(
    editor_client, media_root, django_capture_on_commit_callbacks
):
    post_upload(editor_client, encode(photo((1600, 800)), "JPEG"))
    image = Image.objects.get()
    old_square = image.renditions["kinds"]["square"]["sources"]["jpeg"][0][2]
    data = {
        "alt_text": image.alt_text,
        "caption": "",
        "credit": "",
        "focal_x": "0.9",
        "focal_y": "0.5",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(change_url(image), data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    image.refresh_from_db()
    new_square = image.renditions["kinds"]["square"]["sources"]["jpeg"][0][2]
    assert new_square != old_square
    assert not (media_root / old_square).exists()
    assert (media_root / new_square).exists()


def test_focal_point_outside_the_photo_is_a_form_error(editor_client, media_root):
    response = post_upload(editor_client, encode(photo((300, 200)), "JPEG"), focal_x="1.5")
    assert response.status_code == 200
    assert "focal_x" in response.context["adminform"].form.errors
    assert stored_files(media_root) == []


def test_list_and_change_pages_use_small_renditions(editor_client, media_root):
    post_upload(editor_client, encode(photo((1600, 1200)), "JPEG"))
    image = Image.objects.get()
    listing = editor_client.get("/admin/articles/image/?q=본관").content.decode()
    assert "/media/renditions/" in listing and image.file.url not in listing
    page = editor_client.get(change_url(image)).content.decode()
    assert "data-focal-point" in page and "articles/focal_point.js" in page
    assert "공유 카드" in page


def test_an_animated_gif_upload_says_it_was_flattened(editor_client, media_root):
    from PIL import Image as PILImage

    frames = [PILImage.new("RGB", (80, 60), c) for c in ((255, 0, 0), (0, 0, 255))]
    data = encode(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100)
    response = post_upload(editor_client, data, "anim.gif")
    assert response.status_code == 302
    page = editor_client.get(response.url).content.decode()
    assert "첫 장면만 정지 사진으로 저장했습니다" in page
    assert Image.objects.get().file.name.endswith(".png")
