"""The own-story report: published stories by origin (자체기사 / 보도자료 / 기고 / 통신, and any
origin added later) per week or month, per section and per reporter, with the share of
자체기사 against ``OWN_STORY_SHARE_THRESHOLD`` (the figure 신문법 시행령 §2 and the portals'
지역 admission ask about).

Three aggregate queries whatever the archive's size (GROUP BY in SQL, never a loop over
stories). Counted: ``Article.objects.published()`` by their publication time in KST. A
story with two reporters counts once for each of them in the reporter table, once
everywhere else.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Count
from django.db.models.functions import TruncMonth, TruncWeek
from django.utils import timezone

from articles.models import Article

PERIODS = {"month": "월별", "week": "주별"}
TREND_LENGTH = 12
OWN = Article.Origin.OWN


def origins() -> list[tuple[str, str]]:
    return list(Article.Origin.choices)


@dataclass
class Row:
    label: str
    counts: dict[str, int] = field(default_factory=dict)
    start: date | None = None

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def own_share(self) -> float | None:
        return self.counts.get(OWN, 0) / self.total * 100 if self.total else None

    def below(self, threshold: int) -> bool:
        return self.own_share is not None and self.own_share < threshold

    def cells(self) -> list[int]:
        return [self.counts.get(value, 0) for value, _ in origins()]


@dataclass
class Report:
    by: str
    start: date
    end: date
    threshold: int
    trend: list[Row]
    sections: list[Row]
    reporters: list[Row]

    @property
    def current(self) -> Row:
        return self.trend[-1]

    @property
    def label(self) -> str:
        return period_label(self.by, self.start)


def period_start(by: str, day: date) -> date:
    if by == "week":
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


def next_start(by: str, start: date) -> date:
    if by == "week":
        return start + timedelta(days=7)
    return (start.replace(day=28) + timedelta(days=4)).replace(day=1)


def previous_start(by: str, start: date) -> date:
    return period_start(by, start - timedelta(days=1))


def period_label(by: str, start: date) -> str:
    if by == "week":
        end = start + timedelta(days=6)
        return f"{start:%Y.%m.%d}~{end:%m.%d}"
    return f"{start.year}년 {start.month}월"


def _aware(day: date) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day))


def build(by: str = "month", at: date | None = None, threshold: int | None = None) -> Report:
    by = by if by in PERIODS else "month"
    threshold = settings.OWN_STORY_SHARE_THRESHOLD if threshold is None else threshold
    start = period_start(by, at or timezone.localdate())
    end = next_start(by, start)
    starts = [start]
    while len(starts) < TREND_LENGTH:
        starts.insert(0, previous_start(by, starts[0]))

    published = Article.objects.published()
    trunc = TruncWeek if by == "week" else TruncMonth
    trend = {s: Row(period_label(by, s), start=s) for s in starts}
    rows = (
        published.filter(published_at__gte=_aware(starts[0]), published_at__lt=_aware(end))
        .annotate(period=trunc("published_at"))
        .values_list("period", "origin")
        .annotate(n=Count("id"))
        .order_by()
    )
    for period, origin, n in rows:
        row = trend.get(
            timezone.localtime(period).date() if isinstance(period, datetime) else period
        )
        if row is not None:
            row.counts[origin] = row.counts.get(origin, 0) + n

    in_period = published.filter(published_at__gte=_aware(start), published_at__lt=_aware(end))
    sections = _grouped(
        in_period.values_list("section__name", "origin").annotate(n=Count("id")).order_by(),
        "섹션 없음",
    )
    reporters = _grouped(
        in_period.values_list("bylines__reporter__name", "origin")
        .annotate(n=Count("id", distinct=True))
        .order_by(),
        "기자 없음",
    )
    return Report(by, start, end, threshold, list(trend.values()), sections, reporters)


def _grouped(rows, nobody: str) -> list[Row]:
    found: dict[str, Row] = {}
    for name, origin, n in rows:
        label = name or nobody
        row = found.setdefault(label, Row(label))
        row.counts[origin] = row.counts.get(origin, 0) + n
    return sorted(found.values(), key=lambda row: (-row.total, row.label))


# ---------------------------------------------------------------------------------------
# Chart and CSV.

COLOURS = {"own": "#1f6f43", "press": "#c0802b", "contribution": "#5271a8", "wire": "#8a8a8a"}
OTHER_COLOURS = ("#a0527a", "#4b9aa0", "#6b5a2e")
CHART_WIDTH, CHART_HEIGHT, CHART_TOP, CHART_LEFT = 720, 260, 20, 40


def chart(report: Report) -> dict:
    """Rectangles of a 100 % stacked bar per period (자체기사 at the bottom) and the
    threshold line, computed here so the template only prints numbers (no script: CSP)."""
    plot_height = CHART_HEIGHT - CHART_TOP - 60
    slot = (CHART_WIDTH - CHART_LEFT - 10) / len(report.trend)
    bar = slot * 0.7
    colours = {}
    for n, (value, _) in enumerate(origins()):
        colours[value] = COLOURS.get(value, OTHER_COLOURS[n % len(OTHER_COLOURS)])
    bars = []
    for n, row in enumerate(report.trend):
        x = CHART_LEFT + n * slot + (slot - bar) / 2
        y = CHART_TOP + plot_height
        parts = []
        for value, label in origins():
            count = row.counts.get(value, 0)
            if not count:
                continue
            height = plot_height * count / row.total
            y -= height
            share = count / row.total * 100
            parts.append({"y": round(y, 1), "height": round(height, 1), "fill": colours[value], "title": f"{row.label} {label} {count}건 ({share:.1f}%)"})  # fmt: skip
        bars.append({"x": round(x, 1), "width": round(bar, 1), "parts": parts, "label": _short(report.by, row.start), "total": row.total, "label_x": round(x + bar / 2, 1)})  # fmt: skip
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "bars": bars,
        "legend": [
            {"label": label, "fill": colours[value], "x": CHART_LEFT + n * 110}
            for n, (value, label) in enumerate(origins())
        ],  # fmt: skip
        "threshold_y": round(CHART_TOP + plot_height * (1 - report.threshold / 100), 1),
        "left": CHART_LEFT,
        "right": CHART_WIDTH - 10,
        "base_y": CHART_TOP + plot_height,
        "label_y": CHART_TOP + plot_height + 16,
        "legend_y": CHART_HEIGHT - 6,
        "top": CHART_TOP,
    }


def _short(by: str, start: date) -> str:
    return f"{start:%m.%d}" if by == "week" else f"{start:%y.%m}"


def _share(row: Row) -> str:
    return "" if row.own_share is None else f"{row.own_share:.1f}"


def csv_bytes(report: Report) -> bytes:
    """UTF-8 with a BOM (Excel opens Korean only so), Korean headers, one table."""
    out = io.StringIO()
    writer = csv.writer(out)
    names = [label for _, label in origins()]
    writer.writerow(["구분", "이름", *names, "합계", "자체기사 비율(%)", f"기준({report.threshold}%) 미달"])  # fmt: skip
    groups = [
        (PERIODS[report.by], report.trend),
        (f"섹션({report.label})", report.sections),
        (f"기자({report.label})", report.reporters),
    ]
    for kind, rows in groups:
        for row in rows:
            below = "미달" if row.below(report.threshold) else ""
            writer.writerow([kind, row.label, *row.cells(), row.total, _share(row), below])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
