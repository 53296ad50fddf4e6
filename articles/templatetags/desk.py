"""The desk's summary on the admin index: what waits for whom."""

import functools
import operator
from datetime import timedelta

from django import template
from django.db.models import Count, Q
from django.utils import timezone

from articles.models import Article
from articles.permissions import can_publish

register = template.Library()


@register.inclusion_tag("admin/articles/desk_summary.html", takes_context=True)
def desk_summary(context):
    """Counts of the stories a user works on, by workflow state, in one query."""
    user = context["request"].user
    if not user.has_perm("articles.view_article"):
        return {"rows": []}
    now = timezone.now()
    start_of_day = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    end_of_day = start_of_day + timedelta(days=1)
    every = Article.objects.all()
    # Each count is one of the workflow's own filters, as a subquery of one aggregate.
    counted_by = {
        "draft": every.drafts(),
        "review": every.in_review(),
        "rejected": every.rejected(),
        "scheduled": every.scheduled(),
        "scheduled_today": every.scheduled().filter(published_at__lt=end_of_day),
        "today": every.published().filter(published_at__gte=start_of_day),
    }
    # Only the stories some count can take (the same filters, OR-ed), so Postgres reads
    # them through the status and list indexes instead of the whole archive (a parallel
    # seq scan of 100k stories, 170 ms, before; bench/RESULTS.md "Desk pages").
    articles = Article.objects.not_trashed() & functools.reduce(operator.or_, counted_by.values())
    if not can_publish(user):
        articles = articles.owned_by(user)
    counts = articles.aggregate(
        **{
            name: Count("pk", filter=Q(pk__in=stories.values("pk")))
            for name, stories in counted_by.items()
        }
    )
    local = timezone.localtime(now)
    # The change list's date drill-down understands these parameters.
    today_filter = (
        f"published_at__year={local.year}&published_at__month={local.month}"
        f"&published_at__day={local.day}"
    )
    rows = [
        ("review", "검토 요청", counts["review"], "state=review"),
        ("rejected", "반려됨", counts["rejected"], "state=rejected"),
        ("draft", "작성 중", counts["draft"], "state=draft"),
        ("scheduled", "예약 발행", counts["scheduled"], "state=scheduled"),
        # Today's schedule only: the count above is today's, so is the list it opens.
        (
            "scheduled_today",
            "예약 발행 오늘",
            counts["scheduled_today"],
            f"state=scheduled&{today_filter}",
        ),
        ("today", "오늘 발행", counts["today"], f"state=published&{today_filter}"),
    ]
    return {"rows": rows, "is_editor": can_publish(user)}
