"""Spam control for the public 기사제보 form, with no third party.

- honeypot: a field people never see; anything in it ends the submission;
- time check: the form carries a signed timestamp; too fast (a bot) or too old fails;
- rate limit: per client address per window, counted in ``RateBucket`` under
  HMAC(salt(window), address) — the salt changes every window, so no stored key can be
  turned back into an address or linked across windows, and no raw address is kept.
"""

import hashlib
import hmac
import time

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import connection

from newsroom.security import client_ip

SALT = "intake.tip-form"


def make_token(salt: str = SALT) -> str:
    """``salt``: one per form, so a token made for one form is refused by another (the
    comment form reuses these two functions with its own)."""
    return signing.dumps(int(time.time()), salt=salt)


def token_ok(token: str, salt: str = SALT) -> bool:
    try:
        issued = signing.loads(token, salt=salt, max_age=settings.TIP_FORM_MAX_AGE)
    except (signing.BadSignature, TypeError):
        return False
    return time.time() - int(issued) >= settings.TIP_MIN_SECONDS


class SpamGuardMixin:
    """For a public form with a ``website`` honeypot and a hidden ``token`` field (the
    기사제보, 댓글 and newsletter forms): issues the token, checks it, and says why it was
    refused in the form's own words; ``token_salt`` keeps each form's tokens its own."""

    token_salt = SALT
    token_refused = "양식을 너무 빨리 보냈거나 너무 오래 열어 두었습니다. 잠시 뒤 다시 보내 주세요."

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["token"] = make_token(self.token_salt)

    def clean_token(self):
        if not token_ok(self.cleaned_data.get("token") or "", self.token_salt):
            raise ValidationError(self.token_refused)
        return ""

    @property
    def is_spam(self) -> bool:
        return bool(self.data.get("website"))

    @property
    def next_token(self) -> str:
        """The token the form carries when shown: a form shown again with its errors gets
        a fresh one, or a reader who took long to fix it would be refused for that."""
        return self.initial.get("token") or make_token(self.token_salt)


def address_key(address: str, window: int) -> str:
    salt = hmac.new(settings.SECRET_KEY.encode(), f"tip-salt:{window}".encode(), hashlib.sha256)
    return hmac.new(salt.digest(), address.encode(), hashlib.sha256).hexdigest()


def hit(request) -> bool:
    """Count one submission from this address; False when it is over the limit."""
    window = int(time.time()) // settings.TIP_RATE_WINDOW
    key = address_key(client_ip(request) or "unknown", window)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO intake_ratebucket (key, period, count) VALUES (%s, %s, 1) "
            "ON CONFLICT (key, period) DO UPDATE SET count = intake_ratebucket.count + 1 "
            "RETURNING count",
            [key, window],
        )
        (count,) = cursor.fetchone()
        # Old windows are worthless (their salt is gone): drop them on the way.
        cursor.execute("DELETE FROM intake_ratebucket WHERE period < %s", [window - 1])
    return count <= settings.TIP_RATE_LIMIT
