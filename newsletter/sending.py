"""Sending one edition: in batches, resumable, never twice to one address.

- The unique (edition, subscriber) constraint is the guarantee; rows are made with
  INSERT … ON CONFLICT DO NOTHING, so two runs can never queue an address twice.
- A run holds a Postgres advisory lock for its edition: a second run started at the same
  time waits for the first and then finds nothing left to send.
- A delivery is marked sent right after its mail is handed over. A run that dies leaves
  the rest ``queued``; the next run sends only those.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from datetime import date as Date
from smtplib import SMTPRecipientsRefused

from django.core.mail import get_connection
from django.db import connection, transaction
from django.utils import timezone

from newsletter import mail
from newsletter.models import Delivery, Edition, EditionPick, Subscriber

LOCK_NAMESPACE = 0x6E6C  # "nl": keeps these advisory locks apart from any other use


def default_subject(day: Date) -> str:
    return f"시흥뉴스룸 아침 뉴스 {day.month}월 {day.day}일"


def last_sent_at(before: Date):
    last = (
        Edition.objects.filter(status=Edition.Status.SENT, date__lt=before)
        .order_by("-date")
        .first()
    )
    return last.sent_at if last else None


def prepare(day: Date) -> Edition:
    """The day's edition, made if missing; without the editor's picks, the top stories
    since the last sent edition become its picks (so a resumed run sends the same)."""
    with transaction.atomic():
        # Two runs started together must not both make the day's edition or its picks.
        # Editions' pks are positive, days' locks here negative: never the same lock.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s, %s)", [LOCK_NAMESPACE, -day.toordinal()]
            )
        edition, _ = Edition.objects.get_or_create(
            date=day, defaults={"subject": default_subject(day)}
        )
        if edition.status == Edition.Status.DRAFT and not edition.picks.exists():
            EditionPick.objects.bulk_create(
                EditionPick(edition=edition, article=article, order=n)
                for n, article in enumerate(mail.top_stories(last_sent_at(day)))
            )
    return edition


def queue(edition: Edition, limit: int) -> int:
    """Make up to ``limit`` queued deliveries for active subscribers without one."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO newsletter_delivery (edition_id, subscriber_id, status) "
            "SELECT %s, s.id, %s FROM newsletter_subscriber s "
            "WHERE s.status = %s AND NOT EXISTS (SELECT 1 FROM newsletter_delivery d "
            "  WHERE d.edition_id = %s AND d.subscriber_id = s.id) "
            "ORDER BY s.id LIMIT %s "
            "ON CONFLICT (edition_id, subscriber_id) DO NOTHING",
            [edition.pk, Delivery.Status.QUEUED, Subscriber.Status.ACTIVE, edition.pk, limit],
        )
        return cursor.rowcount


def pending(edition: Edition) -> int:
    """Addresses still to get this edition (queued or not yet queued)."""
    queued = edition.deliveries.filter(
        status=Delivery.Status.QUEUED, subscriber__status=Subscriber.Status.ACTIVE
    ).count()
    unqueued = (
        Subscriber.objects.filter(status=Subscriber.Status.ACTIVE)
        .exclude(deliveries__edition=edition)
        .count()
    )
    return queued + unqueued


@contextmanager
def edition_lock(edition: Edition):
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s, %s)", [LOCK_NAMESPACE, edition.pk])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [LOCK_NAMESPACE, edition.pk])


def send(edition: Edition, batch_size: int, progress: Callable[[int, int, int], None]) -> int:
    """Send the edition to every active subscriber who has not had it; the count sent."""
    total_sent = 0
    with edition_lock(edition):
        edition.refresh_from_db()
        if edition.status == Edition.Status.SENT:
            return 0
        Edition.objects.filter(pk=edition.pk).update(status=Edition.Status.SENDING)
        articles = mail.stories(edition)
        total = pending(edition) + edition.deliveries.filter(status=Delivery.Status.SENT).count()
        while True:
            # An address that left or bounced since it was queued gets nothing.
            edition.deliveries.filter(status=Delivery.Status.QUEUED).exclude(
                subscriber__status=Subscriber.Status.ACTIVE
            ).delete()
            batch = _queued(edition, batch_size)
            if not batch:
                queue(edition, batch_size)
                batch = _queued(edition, batch_size)
            if not batch:
                break
            backend = get_connection()
            backend.open()
            try:
                for delivery in batch:
                    total_sent += _send_one(backend, edition, delivery, articles)
            finally:
                backend.close()
            done = edition.deliveries.filter(status=Delivery.Status.SENT).count()
            progress(done, total, len(batch))
        Edition.objects.filter(pk=edition.pk).update(
            status=Edition.Status.SENT, sent_at=timezone.now()
        )
    return total_sent


def _queued(edition, limit):
    return list(
        edition.deliveries.filter(
            status=Delivery.Status.QUEUED, subscriber__status=Subscriber.Status.ACTIVE
        )
        .select_related("subscriber")
        .order_by("pk")[:limit]
    )


def _send_one(backend, edition, delivery, articles) -> int:
    message = mail.edition_message(edition, delivery, articles)
    message.connection = backend
    try:
        message.send()
    except SMTPRecipientsRefused:
        # This address only; the run goes on. Anything else (the server gone) stops the
        # run with the delivery still queued, for the next run.
        Delivery.objects.filter(pk=delivery.pk).update(status=Delivery.Status.FAILED)
        return 0
    with transaction.atomic():
        Delivery.objects.filter(pk=delivery.pk).update(
            status=Delivery.Status.SENT, sent_at=timezone.now()
        )
    return 1
