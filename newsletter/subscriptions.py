"""The state changes of one address: sign-up, confirmation, unsubscription, bounces."""

from __future__ import annotations

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from newsletter import mail
from newsletter.models import Subscriber

logger = logging.getLogger("newsletter")

CONFIRMATION_INTERVAL = timedelta(hours=1)
SUPPRESSED = (Subscriber.Status.BOUNCED, Subscriber.Status.COMPLAINED)


def sign_up(email: str) -> bool:
    """Ask ``email`` to confirm; True when a confirmation mail went out.

    One row per address however often the form is sent (the insert is ON CONFLICT DO
    NOTHING, then the row is locked), and at most one mail per address an hour. A
    suppressed address gets nothing: a hard bounce would bounce again.
    """
    Subscriber.objects.bulk_create([Subscriber(email=email)], ignore_conflicts=True)
    now = timezone.now()
    with transaction.atomic():
        subscriber = Subscriber.objects.select_for_update().get(email=email)
        if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
            subscriber.status = Subscriber.Status.PENDING
            subscriber.confirmed_at = None
            # A new request after leaving: only the address's owner could have left
            # (the unsubscribe link is in their mail), so the hourly bound starts over.
            subscriber.confirmation_sent_at = None
        if subscriber.status != Subscriber.Status.PENDING:
            return False
        sent = subscriber.confirmation_sent_at
        if sent and now - sent < CONFIRMATION_INTERVAL:
            return False
        subscriber.confirmation_sent_at = now
        subscriber.save()
        # Inside the transaction: a mail that cannot go out leaves nothing marked sent.
        mail.confirmation(subscriber).send()
    return True


def confirm(subscriber: Subscriber) -> bool:
    """True when this made the address active; False when it already was."""
    updated = Subscriber.objects.filter(pk=subscriber.pk, status=Subscriber.Status.PENDING).update(
        status=Subscriber.Status.ACTIVE, confirmed_at=timezone.now()
    )
    return bool(updated)


def unsubscribe(subscriber: Subscriber) -> None:
    Subscriber.objects.filter(
        pk=subscriber.pk, status__in=[Subscriber.Status.PENDING, Subscriber.Status.ACTIVE]
    ).update(status=Subscriber.Status.UNSUBSCRIBED, unsubscribed_at=timezone.now())


BOUNCE_STATUS = {"hard": Subscriber.Status.BOUNCED, "complaint": Subscriber.Status.COMPLAINED}


def record_bounce(email: str, kind: str) -> bool:
    """Suppress an address after a hard bounce or a complaint; True when it was known."""
    email = email.strip().lower()
    if kind == "soft":
        # A full mailbox or a greylist: the next edition tries again.
        logger.info("newsletter soft bounce for subscriber %s", _known_pk(email))
        return Subscriber.objects.filter(email=email).exists()
    return bool(Subscriber.objects.filter(email=email).update(status=BOUNCE_STATUS[kind]))


def _known_pk(email: str):
    # Logs name the row, not the address.
    return Subscriber.objects.filter(email=email).values_list("pk", flat=True).first()
