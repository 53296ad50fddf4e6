"""Counting banner clicks, banner impressions and article reads without slowing the page,
losing counts, or letting a script inflate them.

Every hit is one ``INSERT … ON CONFLICT DO UPDATE SET count = count + n`` on a small
bucket row (per banner and day, per banner and hour, per article and hour). Postgres
serialises concurrent increments of the same row, so no hit is lost, and the article or
banner row itself is never written: the desk's edits never race with the counters.

A hit counts once per client, thing and hour: the same statement first inserts the
client's fingerprint — HMAC(the hour's random salt, what was hit + address + browser) —
into ``CounterSeen``; a repeat conflicts there and adds nothing. No address is stored,
and the hour's salt is deleted with its fingerprints (prune_counters), so what is left
cannot be turned back into an address.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from django.db import connection, models
from django.utils import timezone

from newsroom.models import (
    ArticleRead,
    BannerClick,
    BannerImpression,
    CounterSalt,
    CounterSeen,
)
from newsroom.security import client_ip

# How long a fingerprint and its salt are kept: the current hour and the one before, so
# a repeat just after the hour turns is still recognised by the previous hour's row.
SEEN_HOURS = 2


def bump(model: type[models.Model], amount: int = 1, *, once_for: str | None = None, **keys):
    """Add ``amount`` to ``model.count`` in the row identified by ``keys``, creating it.

    ``once_for``: a fingerprint (``fingerprint()``); the bump happens only if it was not
    seen before, in the same statement, so two concurrent repeats cannot both count.
    Returns whether anything was added.
    """
    meta = model._meta
    fields = [meta.get_field(name) for name in keys]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(meta.db_table)
    count = connection.ops.quote_name(meta.get_field("count").column)
    placeholders = ", ".join(["%s"] * (len(fields) + 1))
    params = [
        f.get_db_prep_value(value, connection)
        for f, value in zip(fields, keys.values(), strict=True)
    ]
    upsert = f"ON CONFLICT ({columns}) DO UPDATE SET {count} = {table}.{count} + EXCLUDED.{count}"
    if once_for is None:
        sql = f"INSERT INTO {table} ({columns}, {count}) VALUES ({placeholders}) {upsert}"
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, amount])
        return True
    seen = connection.ops.quote_name(CounterSeen._meta.db_table)
    sql = (
        f"WITH seen AS (INSERT INTO {seen} (fingerprint, hour) VALUES (%s, %s) "
        f"ON CONFLICT DO NOTHING RETURNING 1) "
        f"INSERT INTO {table} ({columns}, {count}) SELECT {placeholders} FROM seen {upsert}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [once_for, hour_of(timezone.now()), *params, amount])
        return cursor.rowcount > 0


_salts: dict[datetime, str] = {}


def _salt(hour: datetime) -> str:
    """The hour's random salt, shared by every process through the database; read once per
    process and hour."""
    salt = _salts.get(hour)
    if salt is None:
        table = connection.ops.quote_name(CounterSalt._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (hour, salt) VALUES (%s, %s) "
                f"ON CONFLICT (hour) DO UPDATE SET salt = {table}.salt RETURNING salt",
                [hour, secrets.token_hex(32)],
            )
            salt = cursor.fetchone()[0]
        _salts.clear()  # only the current hour is ever asked for
        _salts[hour] = salt
    return salt


def fingerprint(request, what: str) -> str:
    """This client's mark for ``what`` (e.g. ``read:12``) in the current hour."""
    client = f"{what}|{client_ip(request) or ''}|{request.headers.get('User-Agent', '')}"
    salt = _salt(hour_of(timezone.now()))
    return hmac.new(salt.encode(), client.encode(), hashlib.sha256).hexdigest()


def hour_of(moment: datetime) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0)


def record_click(request, banner_id: int) -> bool:
    return bump(
        BannerClick,
        once_for=fingerprint(request, f"click:{banner_id}"),
        banner_id=banner_id,
        day=timezone.localdate(),
    )


def record_impression(request, banner_id: int) -> bool:
    return bump(
        BannerImpression,
        once_for=fingerprint(request, f"impression:{banner_id}"),
        banner_id=banner_id,
        hour=hour_of(timezone.now()),
    )


def record_read(request, article_id: int) -> bool:
    return bump(
        ArticleRead,
        once_for=fingerprint(request, f"read:{article_id}"),
        article_id=article_id,
        hour=hour_of(timezone.now()),
    )


def read_window_start(hours: int) -> datetime:
    """Start of the last ``hours`` hours, on a bucket boundary (the current hour counts)."""
    return hour_of(timezone.now()) - timedelta(hours=hours - 1)
