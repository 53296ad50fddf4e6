"""E-mail notices of the desk's workflow: who is told what, queued and sent.

articles.workflow calls ``queue`` inside each step's transaction, so a notice exists
exactly when its step does (a rolled-back save leaves neither). Mail goes out only after
the commit (``transaction.on_commit``) and never raises into the save: a failure is
logged on the row, and ``send_notices`` (cron) retries it with a growing wait.

Who: the desk (편집자, by the ``publish_article`` permission) when a story is submitted;
the story's people (its bylines' accounts and whoever filed it) when it is sent back,
published, scheduled or unpublished. Never the person who took the step, never someone
who turned e-mail off (NoticePreference) or has no address.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Notice

logger = logging.getLogger("articles.notices")

# Workflow steps (articles.history.STEPS) that tell someone; the rest (save, redate,
# restore) tell no one.
STEP_KINDS = {
    "submit": Notice.Kind.SUBMITTED,
    "reject": Notice.Kind.REJECTED,
    "publish": Notice.Kind.PUBLISHED,
    "schedule": Notice.Kind.SCHEDULED,
    "unpublish": Notice.Kind.UNPUBLISHED,
}

# A notice the request's own after-commit send may still be sending is left to it.
GRACE = timedelta(minutes=1)


def person_name(user) -> str:
    return f"{user.last_name}{user.first_name}".strip() or user.get_username()


def _reachable():
    """Accounts that may get mail: active, with an address, e-mail not turned off."""
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .exclude(email="")
        .exclude(notice_preference__email=False)
    )


def desk_recipients():
    """The 편집자: everyone holding ``publish_article`` through a group or directly."""
    perm = Q(groups__permissions__codename="publish_article") | Q(
        user_permissions__codename="publish_article"
    )
    return _reachable().filter(perm, is_staff=True).distinct()


def story_recipients(article: Article):
    """The story's reporters: its bylines' accounts, and whoever filed it."""
    people = Q(reporter__bylines__article=article)
    if article.created_by_id:
        people |= Q(pk=article.created_by_id)
    return _reachable().filter(people).distinct()


def queue(article: Article, step: str, *, by) -> list[Notice]:
    """Write the notices a workflow step owes, and send them once the step commits."""
    kind = STEP_KINDS.get(step)
    if kind is None:
        return []
    people = desk_recipients() if kind == Notice.Kind.SUBMITTED else story_recipients(article)
    if by is not None:
        people = people.exclude(pk=by.pk)
    subject, body = compose(article, kind, by=by)
    notices = Notice.objects.bulk_create(
        Notice(kind=kind, article=article, recipient=p, email=p.email, subject=subject, body=body)
        for p in people.only("pk", "email")
    )
    if notices:
        ids = [n.pk for n in notices]
        transaction.on_commit(lambda: send_now(ids), robust=True)
    return notices


def site_link(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def compose(article: Article, kind: str, *, by) -> tuple[str, str]:
    """The Korean subject and body of one notice."""
    from newsroom.models import SiteSettings

    paper = SiteSettings.current().name
    who = person_name(by) if by is not None else "편집국"
    headline = article.headline
    what = {
        Notice.Kind.SUBMITTED: f"{who}님이 기사 검토를 요청했습니다. 확인 후 발행하거나 반려해 주세요.",
        Notice.Kind.REJECTED: f"{who}님이 기사를 반려했습니다. 고친 뒤 다시 검토 요청해 주세요.",
        Notice.Kind.PUBLISHED: f"{who}님이 기사를 발행했습니다. 지금 독자에게 보입니다.",
        Notice.Kind.SCHEDULED: f"{who}님이 기사를 예약 발행했습니다.",
        Notice.Kind.UNPUBLISHED: f"{who}님이 기사 발행을 취소했습니다. 독자에게 더 이상 보이지 않습니다.",
    }[kind]
    lines = [what, "", f"기사: {headline}"]
    if article.published_at and kind in (Notice.Kind.PUBLISHED, Notice.Kind.SCHEDULED):
        at = timezone.localtime(article.published_at).strftime("%Y.%m.%d %H:%M")
        lines.append(f"공개 시각: {at} (한국 시각)")
    if kind == Notice.Kind.REJECTED:
        lines += ["", "반려 사유:", article.rejection_reason]
    lines += [
        "",
        f"편집 화면: {site_link(reverse('admin:articles_article_change', args=[article.pk]))}",
        "",
        "--",
        f"{paper} 편집국 알림입니다. 메일을 받지 않으려면 알림 설정에서 끄세요:",
        site_link(reverse("notice_settings")),
    ]
    label = Notice.Kind(kind).label
    # A line break in a header is refused by Django (header injection): one line.
    subject = " ".join(f"[{paper}] {label}: {headline}".split())
    return subject[:300], "\n".join(lines)


def send_now(ids: list[int]) -> None:
    """After a step's commit: send its notices; whatever fails waits for send_notices."""
    try:
        connection = get_connection(fail_silently=False)
        send(Notice.objects.filter(pk__in=ids, sent_at__isnull=True), connection)
    except Exception:
        # Never into the request that saved the story: the rows say what is unsent.
        logger.exception("notices %s: not sent now; send_notices will retry", ids)


def retry_wait(attempts: int) -> timedelta:
    """After the n-th failed try wait 1, 2, 4 … minutes (at most a day)."""
    return timedelta(minutes=min(2 ** max(attempts - 1, 0), 24 * 60))


def due(now=None) -> list[int]:
    """Unsent notices whose wait is over and that have tries left, oldest first."""
    now = now or timezone.now()
    rows = Notice.objects.filter(
        sent_at__isnull=True, attempts__lt=settings.NOTICE_MAX_ATTEMPTS
    ).values_list("pk", "attempts", "created_at", "last_attempt_at")
    ready = []
    for pk, attempts, created_at, last_attempt_at in rows.order_by("created_at", "pk"):
        if last_attempt_at is None:
            if created_at <= now - GRACE:
                ready.append(pk)
        elif last_attempt_at + retry_wait(attempts) <= now:
            ready.append(pk)
    return ready


def given_up():
    return Notice.objects.filter(sent_at__isnull=True, attempts__gte=settings.NOTICE_MAX_ATTEMPTS)


def send(notices, connection) -> tuple[int, int]:
    """Send ``notices`` over one ``connection``; returns (sent, failed).

    Rows are locked while they are sent (skipping ones another sender holds), so a
    notice goes out once even when cron and a request send at the same moment. A mail
    server that cannot be reached counts a try on every row, then raises.
    """
    sent = failed = 0
    with transaction.atomic():
        rows = list(notices.select_for_update(skip_locked=True).order_by("pk"))
        if not rows:
            return 0, 0
        try:
            connection.open()
        except Exception as error:
            unreachable = error
            _record_failure(rows, error)
        else:
            unreachable = None
            try:
                for notice in rows:
                    if _send_one(notice, connection):
                        sent += 1
                    else:
                        failed += 1
            finally:
                connection.close()
    if unreachable is not None:
        raise unreachable
    return sent, failed


def _send_one(notice: Notice, connection) -> bool:
    now = timezone.now()
    notice.attempts += 1
    notice.last_attempt_at = now
    message = EmailMessage(notice.subject, notice.body, to=[notice.email], connection=connection)
    try:
        message.send()
    except Exception as error:
        notice.last_error = f"{type(error).__name__}: {error}"[:2000]
        logger.warning("notice %s to %s not sent: %s", notice.pk, notice.email, error)
    else:
        notice.sent_at = now
        notice.last_error = ""
    notice.save(update_fields=["attempts", "last_attempt_at", "sent_at", "last_error"])
    return notice.sent_at is not None


def _record_failure(rows: list[Notice], error: Exception) -> None:
    """The mail server could not be reached: every row counts a try and keeps why."""
    now = timezone.now()
    reason = f"{type(error).__name__}: {error}"[:2000]
    Notice.objects.filter(pk__in=[n.pk for n in rows]).update(
        attempts=models.F("attempts") + 1, last_attempt_at=now, last_error=reason
    )
