"""The desk's calendar: what goes live when, in Korean time, a month or a week at a time.

Stories (scheduled and published) by their publication time, banners by their windows
and council sessions by their dates, each linking to its change form; weekends and
공휴일 (the ``holidays`` package's South Korea calendar) marked. Server-rendered, no
script. Weeks run Monday to Sunday, as ISO weeks do (``?week=2026-W49``).

It shows what the viewer may open: editors everything; a reporter their own stories
(the admin list's rule, ``owned_by``) and the council sessions, no banners. Three
queries whatever the month holds: stories, banners, sessions.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import holidays
from django.contrib import messages
from django.contrib.admin import site
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from articles.models import Article
from articles.permissions import can_publish

KST = ZoneInfo("Asia/Seoul")
WEEKDAYS = ("월", "화", "수", "목", "금", "토", "일")
# A month cell lists this many stories, then "외 N건" opens the week that shows them all.
MONTH_DAY_LIMIT = 6
# Years the calendar opens (a typo like 20266 gets the Korean message, not a 500).
YEARS = range(1990, 2101)

_MONTH = re.compile(r"(\d{4})-(\d{1,2})")
_WEEK = re.compile(r"(\d{4})-?W(\d{1,2})", re.IGNORECASE)


@dataclass
class Entry:
    at: datetime  # in KST
    label: str
    url: str
    scheduled: bool
    section: str = ""

    @property
    def clock(self) -> str:
        """HH:MM in KST, formatted here so the page never depends on the active time zone."""
        return self.at.astimezone(KST).strftime("%H:%M")

    @property
    def iso(self) -> str:
        return self.at.astimezone(KST).isoformat()


@dataclass
class Span:
    """A banner's window or a council session, over one or more days."""

    kind: str  # "banner" or "session"
    label: str
    url: str
    first: date
    last: date
    note: str = ""
    window: str = ""  # shown on the bar: "12.05 09:00–12.09 00:00" (KST) or "12.01–12.12"


@dataclass
class Day:
    date: date
    outside: bool
    today: bool
    holiday: str
    entries: list[Entry] = field(default_factory=list)

    @property
    def weekday(self) -> int:
        return self.date.weekday()

    @property
    def week(self) -> str:
        return _week_param(self.date)

    @property
    def weekday_name(self) -> str:
        return WEEKDAYS[self.weekday]

    @property
    def css(self) -> str:
        classes = ["cal-day"]
        if self.outside:
            classes.append("cal-outside")
        if self.today:
            classes.append("cal-today")
        if self.weekday == 5:
            classes.append("cal-sat")
        if self.weekday == 6:
            classes.append("cal-sun")
        if self.holiday:
            classes.append("cal-holiday")
        return " ".join(classes)


@dataclass
class Bar:
    span: Span
    row: int
    col_start: int
    col_end: int
    continues_before: bool
    continues_after: bool


@dataclass
class Week:
    days: list[Day]
    bars: list[Bar]
    limit: int | None

    @property
    def body_row(self) -> int:
        return 2 + max((bar.row for bar in self.bars), default=0)

    @property
    def cells(self):
        """(day, column, shown entries, how many more) for the template."""
        for column, day in enumerate(self.days, start=1):
            shown = day.entries if self.limit is None else day.entries[: self.limit]
            yield day, column, shown, len(day.entries) - len(shown)


class BadPeriod(ValueError):
    pass


def parse_period(query) -> tuple[str, date, date]:
    """(view, first day shown, last day shown) from ?month=YYYY-MM or ?week=YYYY-Www."""
    today = timezone.localtime(timezone.now(), KST).date()
    if query.get("week"):
        raw = query["week"].strip()
        match = _WEEK.fullmatch(raw)
        try:
            if not match or int(match[1]) not in YEARS:
                raise ValueError
            monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
        except ValueError:
            raise BadPeriod(
                f"주를 읽을 수 없습니다: ‘{raw[:20]}’. 2026-W49처럼 연도와 주 번호로 적어 주세요."
            ) from None
        return "week", monday, monday + timedelta(days=6)
    if query.get("month"):
        raw = query["month"].strip()
        match = _MONTH.fullmatch(raw)
        if not match or int(match[1]) not in YEARS or not 1 <= int(match[2]) <= 12:
            raise BadPeriod(
                f"달을 읽을 수 없습니다: ‘{raw[:20]}’. 2026-12처럼 연도와 월(1~12)로 적어 주세요."
            )
        first = date(int(match[1]), int(match[2]), 1)
    else:
        first = today.replace(day=1)
    next_month = (first + timedelta(days=32)).replace(day=1)
    start = first - timedelta(days=first.weekday())
    end = next_month - timedelta(days=1)
    end += timedelta(days=6 - end.weekday())
    return "month", start, end


@functools.lru_cache(maxsize=32)
def korean_holidays(year: int) -> dict[date, str]:
    return dict(holidays.country_holidays("KR", years=year, language="ko"))


def holiday_name(day: date) -> str:
    return korean_holidays(day.year).get(day, "")


def _midnight(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=KST)


def stories(user, start: datetime, end: datetime) -> list[Entry]:
    """Scheduled and published stories in [start, end): one query."""
    every = Article.objects.all()
    shown = every.published() | every.scheduled()
    if not can_publish(user):
        shown = shown.owned_by(user)
    rows = (
        shown.filter(published_at__gte=start, published_at__lt=end)
        .select_related("section")
        .only("pk", "headline", "published_at", "status", "deleted_at", "section__name")
        .order_by("published_at", "pk")
    )
    now = timezone.now()
    change = reverse("admin:articles_article_change", args=[0]).replace("/0/", "/{}/")
    return [
        Entry(
            at=timezone.localtime(story.published_at, KST),
            label=story.headline,
            url=change.format(story.pk),
            scheduled=story.published_at > now,
            section=story.section.name if story.section_id else "",
        )
        for story in rows
    ]


def banners(user, start: datetime, end: datetime) -> tuple[list[Span], list]:
    """Switched-on banners whose window meets the period: (spans, the ones always on)."""
    from newsroom.models import Banner

    if not user.has_perm("newsroom.view_banner"):
        return [], []
    rows = Banner.objects.filter(
        Q(starts_at__isnull=True) | Q(starts_at__lt=end),
        Q(ends_at__isnull=True) | Q(ends_at__gt=start),
        is_active=True,
    ).order_by("starts_at", "pk")
    change = reverse("admin:newsroom_banner_change", args=[0]).replace("/0/", "/{}/")
    spans, always = [], []
    for banner in rows:
        url = change.format(banner.pk)
        if banner.starts_at is None and banner.ends_at is None:
            always.append((banner, url))
            continue
        opens = timezone.localtime(banner.starts_at, KST) if banner.starts_at else None
        # ends_at is the first moment it is gone: a window ending at midnight ends the day before.
        closes = timezone.localtime(banner.ends_at, KST) if banner.ends_at else None
        window = _window(opens, closes)
        spans.append(
            Span(
                kind="banner",
                label=banner.name,
                url=url,
                first=opens.date() if opens else start.date(),
                last=(closes - timedelta(microseconds=1)).date() if closes else end.date(),
                note=f"배너 {banner.get_slot_display()} {window}",
                window=window,
            )
        )
    return spans, always


def _window(opens: datetime | None, closes: datetime | None) -> str:
    """A banner's window in KST as the bar shows it: "12.07 09:00–12.09 18:30", or one end."""
    if opens and closes:
        return f"{opens:%m.%d %H:%M}–{closes:%m.%d %H:%M}"
    return f"{opens:%m.%d %H:%M}부터" if opens else f"{closes:%m.%d %H:%M}까지"


def sessions(user, first: date, last: date) -> list[Span]:
    from council.models import Session

    if not user.has_perm("council.view_session"):
        return []
    change = reverse("admin:council_session_change", args=[0]).replace("/0/", "/{}/")
    return [
        Span(
            kind="session",
            label=str(session),
            url=change.format(session.pk),
            first=session.start_date,
            last=session.end_date,
            note=f"회기 {session.start_date:%m.%d}–{session.end_date:%m.%d}",
            window=f"{session.start_date:%m.%d}–{session.end_date:%m.%d}",
        )
        for session in Session.objects.filter(start_date__lte=last, end_date__gte=first).order_by(
            "start_date", "number"
        )
    ]


def weeks(first: date, last: date, *, month: int | None, entries, spans) -> list[Week]:
    today = timezone.localtime(timezone.now(), KST).date()
    by_day: dict[date, list[Entry]] = {}
    # Entries come in time order (stories(): published_at, pk), so each KST day keeps it.
    for entry in entries:
        by_day.setdefault(entry.at.astimezone(KST).date(), []).append(entry)
    result = []
    monday = first
    while monday <= last:
        days = [
            Day(
                date=d,
                outside=month is not None and d.month != month,
                today=d == today,
                holiday=holiday_name(d),
                entries=by_day.get(d, []),
            )
            for d in (monday + timedelta(days=i) for i in range(7))
        ]
        result.append(
            Week(days, _bars(monday, spans), MONTH_DAY_LIMIT if month is not None else None)
        )
        monday += timedelta(days=7)
    return result


def _bars(monday: date, spans: list[Span]) -> list[Bar]:
    """The spans crossing this week, packed into as few rows as overlap allows."""
    sunday = monday + timedelta(days=6)
    bars: list[Bar] = []
    row_ends: list[int] = []  # per row, the first column still free
    for span in sorted(spans, key=lambda s: (s.first, s.last)):
        if span.last < monday or span.first > sunday:
            continue
        col_start = (max(span.first, monday) - monday).days + 1
        col_end = (min(span.last, sunday) - monday).days + 2
        for row, free in enumerate(row_ends):
            if free <= col_start:
                row_ends[row] = col_end
                break
        else:
            row_ends.append(col_end)
            row = len(row_ends) - 1
        bars.append(Bar(span, row + 1, col_start, col_end, span.first < monday, span.last > sunday))
    return bars


def _week_param(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _month_param(day: date) -> str:
    return f"{day.year}-{day.month:02d}"


def calendar_view(request):
    """편집국 달력 (admin, staff only through admin_view)."""
    if not request.user.has_perm("articles.view_article"):
        raise PermissionDenied
    try:
        view, first, last = parse_period(request.GET)
    except BadPeriod as error:
        messages.error(request, f"{error} 이번 달을 보여 드립니다.")
        return redirect("desk_calendar")
    start, end = _midnight(first), _midnight(last + timedelta(days=1))
    entries = stories(request.user, start, end)
    banner_spans, always_on = banners(request.user, start, end)
    spans = banner_spans + sessions(request.user, first, last)
    today = timezone.localtime(timezone.now(), KST).date()
    if view == "month":
        shown = first + timedelta(days=7)  # a day inside the month the grid is about
        month = shown.replace(day=1)
        title = f"{month.year}년 {month.month}월"
        previous = _month_param(month - timedelta(days=1))
        following = _month_param(month + timedelta(days=32))
        nav = {
            "previous": f"?month={previous}",
            "next": f"?month={following}",
            "current": "?",
            "current_label": "이번 달",
            "other": f"?week={_week_param(today if today.replace(day=1) == month else month)}",
            "other_label": "주 보기",
        }
        grid = weeks(first, last, month=month.month, entries=entries, spans=spans)
    else:
        year, number, _ = first.isocalendar()
        title = f"{year}년 {number}주 ({first:%m.%d}–{last:%m.%d})"
        nav = {
            "previous": f"?week={_week_param(first - timedelta(days=7))}",
            "next": f"?week={_week_param(first + timedelta(days=7))}",
            "current": f"?week={_week_param(today)}",
            "current_label": "이번 주",
            "other": f"?month={_month_param(first + timedelta(days=3))}",
            "other_label": "달 보기",
        }
        grid = weeks(first, last, month=None, entries=entries, spans=spans)
    context = {
        **site.each_context(request),
        "title": f"편집국 달력 · {title}",
        "period": title,
        "view": view,
        "weekdays": WEEKDAYS,
        "weeks": grid,
        "nav": nav,
        "always_on": always_on,
        "is_editor": can_publish(request.user),
        "story_count": len(entries),
    }
    return TemplateResponse(request, "admin/desk_calendar.html", context)
