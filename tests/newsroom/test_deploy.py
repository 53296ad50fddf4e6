"""DJANGO_ENV=production refuses to guess; with what it needs, `check --deploy` is silent."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DJANGO_ENV": "production",
    # Never connected to by `check`; only read.
    "DATABASE_URL": "postgres://news:secret@db.internal:5432/newsroom?sslmode=require",
    "SECRET_KEY": "k7Qz-3vR9mXw2LpT8sYb4NcH6jDf1GaU0eKoViWq5ZrEtOyMnBlCxJhSgPdFuAi",
    "ALLOWED_HOSTS": "news.example.kr",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "APP_SERVERS": "2",
}


def manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION and k != "DEBUG"}
    full = {**clean, **{k: v for k, v in env.items() if v is not None}}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=full, capture_output=True, text=True
    )


def test_check_deploy_prints_no_warning_in_production(tmp_path):
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", **PRODUCTION, VAR_DIR=str(tmp_path)
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "WARNING" not in result.stderr + result.stdout
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("DATABASE_URL", "DATABASE_URL is not set"),
        ("SECRET_KEY", "SECRET_KEY is not set"),
        ("ALLOWED_HOSTS", "ALLOWED_HOSTS is not set"),
        ("REDIS_URL", "REDIS_URL is not set"),
    ],
)
def test_production_stops_with_a_clear_message_when_something_is_missing(
    tmp_path, missing, message
):
    result = manage("check", **{**PRODUCTION, missing: None}, VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert f"DJANGO_ENV=production: {message}" in result.stderr
    # Nothing was guessed: no embedded database started, no key file written.
    assert not (tmp_path / "pgdata").exists() and not (tmp_path / "secret_key").exists()


def test_one_machine_needs_no_redis_and_debug_is_refused(tmp_path):
    # Its gunicorn workers and cron jobs share the on-disk cache (docs/cache.md).
    single = manage(
        "check", **{**PRODUCTION, "REDIS_URL": None, "APP_SERVERS": "1", "WEB_CONCURRENCY": "4"}
    )
    assert single.returncode == 0, single.stderr
    debug = manage("check", **PRODUCTION, DEBUG="1", VAR_DIR=str(tmp_path))
    assert debug.returncode != 0 and "DEBUG=1" in debug.stderr


def test_production_settings_are_the_https_ones():
    code = (
        "from django.conf import settings as s; print(s.SECURE_HSTS_SECONDS, "
        "s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_SSL_REDIRECT, s.SECURE_PROXY_SSL_HEADER, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SESSION_COOKIE_HTTPONLY, "
        "s.CSRF_COOKIE_HTTPONLY, s.SESSION_COOKIE_SAMESITE, s.CSRF_COOKIE_SAMESITE)"
    )
    result = manage("shell", "-c", code, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    line = result.stdout.strip().splitlines()[-1]
    assert line.split(maxsplit=4)[:4] == [
        "31536000",
        "True",
        "True",
        "('HTTP_X_FORWARDED_PROTO',",
    ]
    assert line.endswith("True True True True Lax Lax")
    redirect_off = manage("shell", "-c", code, **PRODUCTION, SECURE_SSL_REDIRECT="0")
    assert redirect_off.stdout.strip().splitlines()[-1].split()[2] == "False"


def test_the_admin_moves_with_ADMIN_URL():
    code = "from django.urls import reverse; print(reverse('admin:index'))"
    assert (
        manage("shell", "-c", code, ADMIN_URL="desk-7f3a/").stdout.strip().splitlines()[-1]
        == "/desk-7f3a/"
    )
    bad = manage("shell", "-c", code, ADMIN_URL="/admin")
    assert bad.returncode != 0 and "ADMIN_URL" in bad.stderr
