"""Stored photos get random names; the upload's own name never reaches storage (issue 8)."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from articles.models import Image
from articles.renditions import files_of
from tests.factories import jpeg_bytes, make_image

pytestmark = pytest.mark.django_db

RANDOM_NAME = re.compile(r"^images/\d{4}/\d{2}/[0-9a-f]{32}\.(jpg|png|webp)$")


def test_an_upload_is_stored_under_a_random_name_with_its_detected_extension(media_root):
    image = make_image(file=SimpleUploadedFile("gps_시장님.JPEG", jpeg_bytes(), "image/jpeg"))
    assert RANDOM_NAME.match(image.file.name), image.file.name
    assert image.file.name.endswith(".jpg")
    for name in [image.file.name, *files_of(image.renditions)]:
        assert "gps" not in name and "시장님" not in name


def test_the_extension_comes_from_the_content_not_the_clients_name(media_root):
    png = SimpleUploadedFile("gps.jpg", jpeg_bytes(fmt="PNG"), "image/jpeg")
    assert make_image(file=png).file.name.endswith(".png")


def test_two_uploads_of_the_same_name_get_different_names(media_root):
    first, second = (
        make_image(file=SimpleUploadedFile("gps.jpg", jpeg_bytes(), "image/jpeg")) for _ in range(2)
    )
    assert first.file.name != second.file.name


def test_through_the_admin(admin_client, media_root):
    upload = SimpleUploadedFile("gps.jpg", jpeg_bytes(), "image/jpeg")
    admin_client.post("/admin/articles/image/add/", {"file": upload, "alt_text": "사진"})
    assert RANDOM_NAME.match(Image.objects.get().file.name)


def test_a_file_stored_under_its_old_name_keeps_working(media_root, client):
    image = make_image()
    old_name = "images/2025/01/gps.jpg"
    (media_root / old_name).parent.mkdir(parents=True, exist_ok=True)
    (media_root / image.file.name).rename(media_root / old_name)
    Image.objects.filter(pk=image.pk).update(file=old_name)
    stored = Image.objects.get(pk=image.pk)
    assert stored.file.name == old_name
    with stored.file.open("rb") as opened:
        assert opened.read(2) == b"\xff\xd8"
