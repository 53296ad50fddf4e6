"""The advertiser's report: impressions, clicks and CTR per banner and per advertiser for a
period, as the ad desk sends it (admin page and CSV).

Figures come from the counters (newsroom/counters.py): impressions once per reader, banner
and hour after the banner was on screen; clicks once per reader, banner and hour. Both
exclude robots. Periods are whole Korean days.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import IntegerField, OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from newsroom.models import Banner, BannerClick, BannerImpression

# A year and a day: the counters keep two years, a report longer than a year is a query
# nobody sends to an advertiser.
MAX_DAYS = 366
NO_ADVERTISER = "(광고주 없음)"
# The last day a report can end on: a period runs to the midnight after its last day
# (_bounds), and date.max has none.
LAST_DAY = date.max - timedelta(days=1)


@dataclass
class Figures:
    impressions: int = 0
    clicks: int = 0

    @property
    def ctr(self) -> float | None:
        return self.clicks / self.impressions * 100 if self.impressions else None


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    zone = timezone.get_current_timezone()
    return (
        datetime.combine(start, time.min, tzinfo=zone),
        datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone),
    )


def _sum(model, period: Q):
    rows = model.objects.filter(period, banner=OuterRef("pk")).values("banner")
    total = rows.annotate(total=Sum("count")).values("total")
    return Coalesce(Subquery(total, output_field=IntegerField()), 0)


def banner_rows(start: date, end: date, advertiser: str = "") -> list[Banner]:
    """Banners with figures in the period or a window touching it, each with
    ``period_impressions``, ``period_clicks`` and ``ctr``; one query."""
    since, until = _bounds(start, end)
    window = (Q(starts_at__isnull=True) | Q(starts_at__lt=until)) & (
        Q(ends_at__isnull=True) | Q(ends_at__gt=since)
    )
    banners = Banner.objects.annotate(
        period_impressions=_sum(BannerImpression, Q(hour__gte=since, hour__lt=until)),
        period_clicks=_sum(BannerClick, Q(day__gte=start, day__lte=end)),
    ).filter(window | Q(period_impressions__gt=0) | Q(period_clicks__gt=0))
    if advertiser:
        banners = banners.filter(advertiser=advertiser)
    rows = list(banners.order_by("advertiser", "slot", "name", "pk"))
    for banner in rows:
        banner.ctr = Figures(banner.period_impressions, banner.period_clicks).ctr
    return rows


def by_advertiser(rows: list[Banner]) -> list[tuple[str, Figures]]:
    totals: dict[str, Figures] = {}
    for banner in rows:
        figures = totals.setdefault(banner.advertiser or NO_ADVERTISER, Figures())
        figures.impressions += banner.period_impressions
        figures.clicks += banner.period_clicks
    return sorted(totals.items())


def daily(start: date, end: date, advertiser: str = "") -> dict[tuple[int, date], Figures]:
    """(banner id, Korean day) → figures; two grouped queries."""
    since, until = _bounds(start, end)
    only = Q(banner__advertiser=advertiser) if advertiser else Q()
    days: dict[tuple[int, date], Figures] = {}
    impressions = (
        BannerImpression.objects.filter(only, hour__gte=since, hour__lt=until)
        .annotate(day=TruncDate("hour", tzinfo=timezone.get_current_timezone()))
        .values("banner_id", "day")
        .annotate(total=Sum("count"))
    )
    for row in impressions:
        days.setdefault((row["banner_id"], row["day"]), Figures()).impressions = row["total"]
    clicks = (
        BannerClick.objects.filter(only, day__gte=start, day__lte=end)
        .values("banner_id", "day")
        .annotate(total=Sum("count"))
    )
    for row in clicks:
        days.setdefault((row["banner_id"], row["day"]), Figures()).clicks = row["total"]
    return days


def _percent(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def csv_bytes(start: date, end: date, advertiser: str = "") -> bytes:
    """Day by day per banner, then the totals; UTF-8 with a BOM so Excel reads Korean."""
    rows = banner_rows(start, end, advertiser)
    names = {banner.pk: banner for banner in rows}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["날짜", "광고주", "배너", "위치", "노출 수", "클릭 수", "클릭률(%)"])
    for (banner_id, day), figures in sorted(daily(start, end, advertiser).items(),
                                            key=lambda item: (item[0][1], item[0][0])):  # fmt: skip
        banner = names.get(banner_id)
        if banner is None:  # counted, but outside the chosen advertiser's banners
            continue
        writer.writerow([day.isoformat(), banner.advertiser, banner.name,
                         banner.get_slot_display(), figures.impressions, figures.clicks,
                         _percent(figures.ctr)])  # fmt: skip
    for banner in rows:
        writer.writerow([f"{start.isoformat()}~{end.isoformat()} 합계", banner.advertiser,
                         banner.name, banner.get_slot_display(), banner.period_impressions,
                         banner.period_clicks, _percent(banner.ctr)])  # fmt: skip
    return "\ufeff".encode() + out.getvalue().encode("utf-8")
