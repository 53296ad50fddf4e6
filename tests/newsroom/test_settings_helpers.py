import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from newsroom.settings import database_from_url, env_bool, env_int, env_list


def test_database_from_url_reads_every_part():
    db = database_from_url("postgres://news:p%40ss@db.internal:6543/newsroom")
    assert db["NAME"] == "newsroom"
    assert db["USER"] == "news"
    assert db["PASSWORD"] == "p@ss"
    assert db["HOST"] == "db.internal"
    assert db["PORT"] == "6543"


def test_database_from_url_takes_a_unix_socket_directory():
    db = database_from_url("postgres://postgres@/newsroom?host=/tmp/pg-socket")
    assert db["HOST"] == "/tmp/pg-socket"
    assert db["NAME"] == "newsroom"


def test_database_from_url_keeps_every_libpq_option():
    db = database_from_url(
        "postgresql://news@db.internal:5433/newsroom?sslmode=require"
        "&options=-c%20statement_timeout%3D5000&application_name=newsroom-web"
    )
    assert (db["HOST"], db["PORT"], db["NAME"]) == ("db.internal", "5433", "newsroom")
    assert db["OPTIONS"] == {
        "sslmode": "require",
        "options": "-c statement_timeout=5000",
        "application_name": "newsroom-web",
    }


def test_database_from_url_takes_a_socket_with_its_port():
    db = database_from_url("postgres://postgres@/newsroom?host=/run/postgresql&port=5433")
    assert (db["HOST"], db["PORT"], db.get("OPTIONS")) == ("/run/postgresql", "5433", None)
    encoded = database_from_url("postgres://postgres@%2Frun%2Fpostgresql/newsroom")
    assert encoded["HOST"] == "/run/postgresql"


def test_database_from_url_without_a_port_leaves_libpqs_default():
    assert database_from_url("postgres://u@db/newsroom")["PORT"] == ""


@pytest.mark.parametrize(
    "url",
    [
        "mysql://x@y/z",
        "sqlite:///tmp/x.db",
        "postgres://x@y/",
        "not a url",
        "postgres://u@db/n?host=/run/pg",
        "postgres://u@db/n?sslmode=require&sslmode=disable",
    ],
)
def test_database_from_url_refuses_what_it_cannot_use(url):
    with pytest.raises(ImproperlyConfigured):
        database_from_url(url)


def test_env_helpers_parse_and_refuse(monkeypatch):
    monkeypatch.setenv("X_BOOL", "yes")
    monkeypatch.setenv("X_INT", "12")
    monkeypatch.setenv("X_LIST", "a.kr, b.kr,,")
    assert env_bool("X_BOOL") is True
    assert env_int("X_INT", 1) == 12
    assert env_list("X_LIST", []) == ["a.kr", "b.kr"]
    assert env_bool("X_UNSET", True) is True
    monkeypatch.setenv("X_BOOL", "maybe")
    monkeypatch.setenv("X_INT", "twelve")
    with pytest.raises(ImproperlyConfigured):
        env_bool("X_BOOL")
    with pytest.raises(ImproperlyConfigured):
        env_int("X_INT", 1)


def test_korean_locale_and_seoul_time(settings):
    assert settings.LANGUAGE_CODE == "ko-kr"
    assert settings.TIME_ZONE == "Asia/Seoul"
    assert settings.USE_TZ is True


def test_without_secret_key_a_random_one_is_made_once_and_kept(tmp_path):
    from newsroom.settings import local_secret_key

    path = tmp_path / "var" / "secret_key"
    first = local_secret_key(path)
    assert len(first) >= 50 and "insecure" not in first
    assert local_secret_key(path) == first
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def _database_options(tmp_path, **env) -> tuple[int, str]:
    code = (
        "import os; os.environ['DJANGO_SETTINGS_MODULE'] = 'newsroom.settings'\n"
        "from django.conf import settings\n"
        "print(settings.DATABASES['default']['OPTIONS']['connect_timeout'])"
    )
    full = {**os.environ, "VAR_DIR": str(tmp_path), **env}
    result = subprocess.run([sys.executable, "-c", code], cwd=Path(__file__).parents[2],
                            env=full, capture_output=True, text=True, timeout=30)  # fmt: skip
    return result.returncode, (result.stdout + result.stderr).strip()


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "3"),
        ({"DATABASE_CONNECT_TIMEOUT": "5"}, "5"),
        # The URL names its own: it wins over the environment's default.
        (
            {
                "DATABASE_URL": "postgres://u@db/n?connect_timeout=7",
                "DATABASE_CONNECT_TIMEOUT": "5",
            },
            "7",
        ),
    ],
)
def test_a_new_database_connection_waits_a_bounded_time(tmp_path, env, expected):
    env = {"DATABASE_URL": "postgres://u@db.internal/n", "DATABASE_CONNECT_TIMEOUT": "", **env}
    assert _database_options(tmp_path, **env) == (0, expected)


def test_a_connect_timeout_below_one_second_is_refused(tmp_path):
    code, output = _database_options(
        tmp_path, DATABASE_URL="postgres://u@db/n", DATABASE_CONNECT_TIMEOUT="0"
    )
    assert code != 0 and "DATABASE_CONNECT_TIMEOUT must be 1 second or more" in output
