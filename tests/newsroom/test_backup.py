"""backup_site / restore_site: the demo site dumped, restored into an empty database on
the same server by another process, and found whole: rows, revisions, photo files,
banners, and the same pages."""

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
import reversion
from django.conf import settings
from django.core.management import CommandError, call_command
from reversion.models import Version

from articles.models import Article, Image
from newsroom.backup import DUMP_NAME, MANIFEST_NAME, BackupError, postgres_binary, sha256
from newsroom.models import Banner
from tests.factories import restore_desk_groups

ROOT = Path(__file__).resolve().parents[2]
RESTORE_DB = "test_newsroom_restore"


@pytest.fixture(autouse=True)
def _postgres_binaries(django_db_setup, django_db_blocker):
    try:
        with django_db_blocker.unblock():  # which binaries depends on the server's version
            postgres_binary("pg_dump")
            postgres_binary("pg_restore")
    except BackupError as exc:
        pytest.skip(f"pg_dump/pg_restore missing for the backup tests: {exc}")


def server_params() -> dict:
    db = settings.DATABASES["default"]
    params = {"host": db["HOST"], "user": db["USER"], "dbname": "postgres", "autocommit": True}
    if db["PORT"]:
        params["port"] = db["PORT"]
    if db.get("PASSWORD"):
        params["password"] = db["PASSWORD"]
    return params


def database_url(name: str) -> str:
    db = settings.DATABASES["default"]
    auth = quote(db["USER"]) + (f":{quote(db['PASSWORD'])}" if db.get("PASSWORD") else "")
    host = db["HOST"]
    if host.startswith("/"):  # a socket directory
        return f"postgres://{auth}@/{name}?host={quote(host, safe='')}" + (
            f"&port={db['PORT']}" if db["PORT"] else ""
        )
    return f"postgres://{auth}@{host}:{db['PORT'] or 5432}/{name}"


@pytest.fixture
def empty_database():
    with psycopg.connect(**server_params()) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{RESTORE_DB}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{RESTORE_DB}"')
    yield RESTORE_DB
    with psycopg.connect(**server_params()) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{RESTORE_DB}" WITH (FORCE)')


def site_env(name: str, media: Path, cache_dir: Path) -> dict:
    """Another process's environment: the site on database ``name`` with ``media``; no
    page cache, and a cache directory of its own so no page comes from the other site."""
    return {
        **os.environ,
        "DATABASE_URL": database_url(name),
        "MEDIA_ROOT": str(media),
        "CACHE_DIR": str(cache_dir),
        "PAGE_CACHE_SECONDS": "0",
        "FRAGMENT_CACHE_SECONDS": "0",
        "STATIC_MANIFEST": "0",
    }


def manage(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


RENDER = """
import json, random
from django.test import Client
from articles.models import Article
random.seed(8)
client = Client()
pages = {}
for path in ["/", Article.objects.published().order_by("pk").first().get_absolute_url()]:
    response = client.get(path)
    pages[path] = [response.status_code, response.content.decode()]
print(json.dumps(pages))
"""


def render(env: dict) -> dict:
    result = manage(env, "shell", "-c", RENDER)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def without_banners(html: str) -> str:
    # Banner rotation is random, and the comment form's signed token carries the time it
    # was made: neither is what a restore must keep.
    html = re.sub(
        r'<aside class="banner-slot[^"]*" data-banner-slot=.*?</aside>', "", html, flags=re.S
    )
    return re.sub(r'(name="token"[^>]*?value=")[^"]*"', r'\1"', html)


def tree(media: Path) -> dict:
    return {
        str(path.relative_to(media)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(media.rglob("*"))
        if path.is_file()
    }


def rows(db_name: str) -> dict:
    params = {**server_params(), "dbname": db_name}
    queries = {
        "articles": "SELECT id, headline, body, status FROM articles_article ORDER BY id",
        "versions": "SELECT id, object_id, serialized_data FROM reversion_version ORDER BY id",
        "images": "SELECT id, file, alt_text, width, height FROM articles_image ORDER BY id",
        "banners": "SELECT id, name, slot, image_id, url FROM newsroom_banner ORDER BY id",
    }
    with psycopg.connect(**params) as conn:
        return {key: conn.execute(sql).fetchall() for key, sql in queries.items()}


@pytest.mark.django_db(transaction=True)
def test_demo_site_restored_into_an_empty_database_is_the_same_site(
    media_root, tmp_path, empty_database
):
    restore_desk_groups()
    call_command("seed_demo", articles=8, verbosity=0)
    article = Article.objects.published().order_by("pk").first()
    with reversion.create_revision():
        article.headline = "백업 전에 고친 제목"
        article.save()
    assert Version.objects.filter(object_id=str(article.pk)).exists()
    original = {
        "articles": Article.objects.count(),
        "revisions": Version.objects.count(),
        "images": Image.objects.count(),
        "banners": Banner.objects.count(),
    }
    assert all(original.values())

    backup_dir = tmp_path / "backup"
    call_command("backup_site", str(backup_dir), verbosity=0)
    manifest = json.loads((backup_dir / MANIFEST_NAME).read_text())
    assert manifest["counts"] == original and manifest["created_at"]

    restored_media = tmp_path / "restored-media"
    restored_env = site_env(empty_database, restored_media, tmp_path / "cache-restored")
    result = manage(restored_env, "restore_site", str(backup_dir))
    assert result.returncode == 0, result.stderr
    assert "복원 완료" in result.stdout

    source_db = settings.DATABASES["default"]["NAME"]
    assert rows(empty_database) == rows(source_db)
    assert tree(restored_media) == tree(Path(media_root))
    for image in Image.objects.all():
        assert (restored_media / image.file.name).read_bytes() == Path(image.file.path).read_bytes()

    before = render(site_env(source_db, Path(media_root), tmp_path / "cache-source"))
    after = render(restored_env)
    assert before.keys() == after.keys()
    for path, (status, html) in before.items():
        assert status == 200 and after[path][0] == 200
        assert "백업 전에 고친 제목" in html or path == "/"
        assert without_banners(after[path][1]) == without_banners(html)
    assert 'data-banner-slot="header"' in after["/"][1]

    # The restored database is no longer empty: a second restore is refused, unchanged.
    again = manage(restored_env, "restore_site", str(backup_dir))
    assert again.returncode != 0
    assert "비어 있지 않습니다" in again.stderr and "--force" in again.stderr
    assert rows(empty_database) == rows(source_db)

    # --force replaces what is there, in one transaction, and the media whole.
    (restored_media / "stray.txt").write_text("지워질 파일")
    forced = manage(restored_env, "restore_site", "--force", str(backup_dir))
    assert forced.returncode == 0, forced.stderr
    assert rows(empty_database) == rows(source_db)
    assert tree(restored_media) == tree(Path(media_root))


def test_restore_into_a_database_with_tables_is_refused(tmp_path, db, media_root):
    call_command("backup_site", str(tmp_path / "real"), verbosity=0)
    with pytest.raises(CommandError, match="비어 있지 않습니다"):
        call_command("restore_site", str(tmp_path / "real"))


def fake_backup(tmp_path: Path, dump: bytes) -> Path:
    backup_dir = tmp_path / "fake"
    backup_dir.mkdir()
    (backup_dir / DUMP_NAME).write_bytes(dump)
    (backup_dir / "media.tar.gz").write_bytes(b"")
    files = {name: sha256(backup_dir / name) for name in (DUMP_NAME, "media.tar.gz")}
    manifest = {"format": 1, "created_at": "2026-01-01", "counts": {}, "files": files}
    (backup_dir / MANIFEST_NAME).write_text(json.dumps(manifest))
    return backup_dir


@pytest.mark.parametrize(
    "spoil, message",
    [
        (lambda d: (d / DUMP_NAME).write_bytes(b"PGDMP garbage"), "다릅니다"),
        (lambda d: (d / DUMP_NAME).unlink(), "database.dump 이(가) 없습니다"),
        (lambda d: (d / MANIFEST_NAME).unlink(), "manifest.json 이(가) 없습니다"),
        (lambda d: (d / MANIFEST_NAME).write_text("{not json"), "손상된 백업"),
    ],
)
def test_missing_or_altered_backup_is_refused_before_anything_changes(tmp_path, db, spoil, message):
    backup_dir = fake_backup(tmp_path, b"PGDMP" + b"\0" * 100)
    spoil(backup_dir)
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("restore_site", str(backup_dir), force=True)


def test_corrupt_dump_with_a_matching_checksum_is_refused(tmp_path, db):
    backup_dir = fake_backup(tmp_path, b"PGDMP" + b"\0" * 100)
    with pytest.raises(CommandError, match="덤프 확인"):
        call_command("restore_site", str(backup_dir), force=True)


def test_missing_backup_directory_exits_non_zero_in_korean(tmp_path):
    result = manage({**os.environ}, "restore_site", str(tmp_path / "nowhere"))
    assert result.returncode != 0 and "백업 디렉터리" in result.stderr
