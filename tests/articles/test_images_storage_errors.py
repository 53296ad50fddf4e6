"""A full or read-only media disk: a Korean form error, and nothing left behind."""

from __future__ import annotations

import errno

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.db import transaction

from articles.models import Image
from tests.articles.image_samples import encode, photo, stored_files, upload
from tests.factories import make_editor

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/articles/image/add/"


@pytest.fixture
def failing_disk(monkeypatch):
    """Storage that writes the first bytes of a file, then fails with ``errno``."""

    def fail_with(code):
        real_save = FileSystemStorage._save

        def partial_save(self, name, content):
            stored = real_save(self, name, type(content)(content.read()[:100]))
            raise OSError(code, "simulated", self.path(stored))

        monkeypatch.setattr(FileSystemStorage, "_save", partial_save)

    return fail_with


@pytest.mark.parametrize(
    ("code", "words"),
    [
        (errno.ENOSPC, "저장 공간이 부족합니다"),
        (errno.EROFS, "저장소에 쓸 수 없습니다"),
        (errno.EACCES, "저장소에 쓸 수 없습니다"),
    ],
    ids=["full", "read-only", "no-permission"],
)
def test_the_upload_form_shows_a_korean_error_and_leaves_nothing(
    client, media_root, failing_disk, code, words
):
    client.force_login(make_editor())
    failing_disk(code)
    payload = {
        "file": upload(encode(photo((600, 400)), "JPEG"), "gps.jpg"),
        "alt_text": "시흥시청 본관",
        "caption": "",
        "credit": "",
    }
    response = client.post(ADD_URL, payload)
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["file"]
    assert any(words in error for error in errors)
    assert Image.objects.count() == 0
    assert stored_files(media_root) == []


def test_a_shell_save_on_a_full_disk_raises_the_same_error_and_leaves_nothing(
    media_root, failing_disk
):
    failing_disk(errno.ENOSPC)
    image = Image(alt_text="시청", file=upload(encode(photo((300, 200)), "JPEG"), "a.jpg"))
    # The shell runs in autocommit; here the test's transaction needs its own savepoint.
    with pytest.raises(ValidationError, match="저장 공간이 부족합니다"), transaction.atomic():
        image.save()
    assert Image.objects.count() == 0
    assert stored_files(media_root) == []


def test_a_working_disk_still_stores_the_upload_once(client, media_root):
    client.force_login(make_editor())
    payload = {
        "file": upload(encode(photo((600, 400)), "JPEG"), "gps.jpg"),
        "alt_text": "시흥시청 본관",
        "caption": "",
        "credit": "",
    }
    response = client.post(ADD_URL, payload)
    assert response.status_code == 302
    image = Image.objects.get()
    masters = [name for name in stored_files(media_root) if name.startswith("images/")]
    assert masters == [image.file.name]
