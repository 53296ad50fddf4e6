"""Media on other storage (object storage, a CDN) by environment alone, no code changes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from articles.models import Image
from newsroom.settings import env_json
from tests.articles.image_samples import encode, photo, upload
from tests.factories import make_article

ROOT = Path(__file__).resolve().parents[2]


def test_env_json_reads_an_object_and_refuses_anything_else(monkeypatch):
    monkeypatch.setenv("X_JSON", '{"bucket_name": "news", "file_overwrite": false}')
    assert env_json("X_JSON", {}) == {"bucket_name": "news", "file_overwrite": False}
    assert env_json("X_UNSET", {"a": 1}) == {"a": 1}
    for bad in ("{not json", '["a list"]', '"text"'):
        monkeypatch.setenv("X_JSON", bad)
        with pytest.raises(ImproperlyConfigured):
            env_json("X_JSON", {})


def test_storage_backend_and_options_come_from_the_environment():
    env = {
        **os.environ,
        "MEDIA_STORAGE_BACKEND": "django.core.files.storage.InMemoryStorage",
        "MEDIA_STORAGE_OPTIONS": json.dumps({"base_url": "https://cdn.example.kr/media/"}),
    }
    code = (
        "import django; django.setup();"
        "from django.core.files.storage import storages;"
        "s = storages['default']; print(type(s).__name__, s.url('a.jpg'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["InMemoryStorage", "https://cdn.example.kr/media/a.jpg"]


@pytest.mark.django_db
def test_pages_use_the_storage_urls_as_they_are(client, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.InMemoryStorage",
            "OPTIONS": {"base_url": "https://cdn.example.kr/media/"},
        },
    }
    image = Image(file=upload(encode(photo((1300, 700)), "JPEG")), alt_text="설명")
    image.save()
    html = client.get(make_article(lead_image=image).get_absolute_url()).content.decode()
    assert 'srcset="https://cdn.example.kr/media/renditions/' in html
    assert '<meta property="og:image" content="https://cdn.example.kr/media/renditions/' in html
