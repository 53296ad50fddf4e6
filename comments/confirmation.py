"""E-mail confirmation of a comment, where the paper turns it on (CommentPolicy.require_email).

The comment is stored as ``unconfirmed`` (no reader sees it) and a signed link, valid
``MAX_AGE`` seconds, goes to the address the reader typed. The address is used for that one
mail and never stored: the comment keeps only ``email_hash`` (comments/addresses.py)."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

SALT = "comments.confirm"
MAX_AGE = 24 * 3600

VALID, BAD, EXPIRED = "valid", "bad", "expired"


def make_token(comment) -> str:
    return signing.dumps(comment.pk, salt=SALT, compress=False)


def read_token(token: str) -> tuple[str, int | None]:
    """(VALID, pk), (EXPIRED, None) or (BAD, None)."""
    try:
        value = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired:
        return EXPIRED, None
    except signing.BadSignature:
        return BAD, None
    return (VALID, value) if isinstance(value, int) else (BAD, None)


def message(comment, email: str) -> EmailMultiAlternatives:
    context = {
        "comment": comment,
        "article": comment.article,
        "confirm_url": settings.SITE_URL + reverse("comments:confirm", args=[make_token(comment)]),
        "hours": MAX_AGE // 3600,
        "site_url": settings.SITE_URL,
    }
    text = render_to_string("comments/confirm_email.txt", context)
    subject = f"[댓글 확인] {comment.article.headline}"[:120]
    return EmailMultiAlternatives(subject, text, settings.DEFAULT_FROM_EMAIL, [email])
