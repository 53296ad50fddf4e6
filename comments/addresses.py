"""A commenter's address, as the comments keep it: HMAC(the day's random salt, address).

No raw address is stored. The day's salt lives in ``CommentSalt`` for 90 days, so the desk
can see that several comments of one day came from one address (abuse handling); then
``prune_comment_addresses`` deletes the salt and blanks the hashes made with it.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from datetime import date

from django.db import connection
from django.utils import timezone

from comments.models import CommentRate, CommentSalt
from newsroom.security import client_ip

KEEP_DAYS = 90

_salts: dict[date, str] = {}


def _salt(day: date) -> str:
    """The day's salt, shared by every process through the database."""
    salt = _salts.get(day)
    if salt is None:
        table = connection.ops.quote_name(CommentSalt._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (day, salt) VALUES (%s, %s) "
                f"ON CONFLICT (day) DO UPDATE SET salt = {table}.salt RETURNING salt",
                [day, secrets.token_hex(32)],
            )
            salt = cursor.fetchone()[0]
        _salts.clear()
        _salts[day] = salt
    return salt


def address_hash(request) -> str:
    address = client_ip(request) or "unknown"
    salt = _salt(timezone.localdate())
    return hmac.new(salt.encode(), address.encode(), hashlib.sha256).hexdigest()


def within_limits(kind: str, hashed: str, per_minute: int, per_hour: int) -> bool:
    """Count one ``kind`` action (post, delete) from this address in the current minute and
    hour, in one statement (concurrent posts cannot slip between a read and a write);
    False when either window is over its limit."""
    now = int(time.time())
    minute, hour = now // 60, now // 3600
    table = connection.ops.quote_name(CommentRate._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (key, period, count) VALUES (%s, %s, 1), (%s, %s, 1) "
            f"ON CONFLICT (key, period) DO UPDATE SET count = {table}.count + 1 "
            "RETURNING key, count",
            [f"{kind}:m:{hashed}", minute, f"{kind}:h:{hashed}", hour],
        )
        counts = dict(cursor.fetchall())
        # Past windows decide nothing: drop them on the way (an index-backed delete).
        cursor.execute(
            f"DELETE FROM {table} WHERE (key LIKE %s AND period < %s) "
            f"OR (key LIKE %s AND period < %s)",
            [f"{kind}:m:%", minute - 1, f"{kind}:h:%", hour - 1],
        )
    return counts[f"{kind}:m:{hashed}"] <= per_minute and counts[f"{kind}:h:{hashed}"] <= per_hour


def email_hash(email: str) -> str:
    """The e-mail address a commenter confirmed with, kept the way the IP address is: HMAC
    with the day's salt, blanked after ``KEEP_DAYS``. The address itself is never stored."""
    salt = _salt(timezone.localdate())
    return hmac.new(salt.encode(), email.strip().lower().encode(), hashlib.sha256).hexdigest()
