"""Signed values in the newsletter's links; each purpose has its own salt so a token
made for one link can never be replayed on another."""

from django.core import signing

CONFIRM = "newsletter.confirm"
UNSUBSCRIBE = "newsletter.unsubscribe"
TRACK = "newsletter.track"
CONFIRM_MAX_AGE = 3 * 24 * 3600


def make(purpose: str, pk: int) -> str:
    return signing.dumps(pk, salt=purpose, compress=False)


def read(purpose: str, token: str, max_age: int | None = None) -> int | None:
    """The pk inside ``token``, or None when it is tampered with or too old."""
    try:
        value = signing.loads(token, salt=purpose, max_age=max_age)
    except signing.BadSignature:  # SignatureExpired is one
        return None
    return value if isinstance(value, int) else None
