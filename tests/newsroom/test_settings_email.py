"""Mail and SITE_URL settings read from the environment (newsroom/settings.py)."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHOW = (
    "import json, newsroom.settings as s; print(json.dumps([s.EMAIL_BACKEND, s.EMAIL_HOST, "
    "s.EMAIL_PORT, s.EMAIL_USE_TLS, s.EMAIL_HOST_USER, s.DEFAULT_FROM_EMAIL, s.SITE_URL]))"
)


def settings_with(**env):
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("EMAIL_", "SITE_URL"))}
    clean.pop("DEFAULT_FROM_EMAIL", None)
    return subprocess.run(
        [sys.executable, "-c", SHOW],
        cwd=ROOT,
        env={**clean, "DATABASE_URL": "postgres://u@127.0.0.1/x", **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_without_a_mail_host_mail_is_printed_to_the_console():
    result = settings_with()
    backend, host, port, tls, _, sender, site = json.loads(result.stdout)
    assert backend == "django.core.mail.backends.console.EmailBackend"
    assert (host, tls, site) == ("", False, "http://127.0.0.1:8000")


def test_a_mail_host_sends_by_smtp_with_tls():
    result = settings_with(
        EMAIL_HOST="smtp.example.kr",
        EMAIL_HOST_USER="desk",
        DEFAULT_FROM_EMAIL="편집국 <desk@example.kr>",
        SITE_URL="https://news.example.kr/",
    )
    backend, host, port, tls, user, sender, site = json.loads(result.stdout)
    assert backend == "django.core.mail.backends.smtp.EmailBackend"
    assert (host, port, tls, user) == ("smtp.example.kr", 587, True, "desk")
    assert sender == "편집국 <desk@example.kr>" and site == "https://news.example.kr"


def test_malformed_mail_settings_stop_start_up():
    for env, words in [
        ({"EMAIL_PORT": "smtp"}, "EMAIL_PORT must be a whole number"),
        ({"EMAIL_USE_TLS": "maybe"}, "EMAIL_USE_TLS must be a boolean"),
        ({"SITE_URL": "news.example.kr"}, "SITE_URL must be the site's address"),
    ]:
        result = settings_with(**env)
        assert result.returncode != 0 and words in result.stderr
