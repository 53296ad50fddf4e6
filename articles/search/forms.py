from __future__ import annotations

from datetime import datetime, time, timedelta

from django import forms
from django.utils import timezone

from articles.menu import sections
from articles.models import Section

# Longer queries are cut (with a message), so no query costs more than this many words.
QUERY_MAX_LENGTH = 200
MAX_QUERY_PARTS = 12

PERIODS = {"week": timedelta(days=7), "month": timedelta(days=30), "year": timedelta(days=365)}


class SearchForm(forms.Form):
    q = forms.CharField(label="검색어", required=False, strip=True)
    # Choices from the cached section list (articles/menu.py), not a query per search.
    section = forms.ChoiceField(
        label="섹션", required=False, error_messages={"invalid_choice": "없는 섹션입니다."}
    )
    period = forms.ChoiceField(
        label="기간",
        required=False,
        choices=[
            ("", "전체 기간"),
            ("week", "최근 1주"),
            ("month", "최근 1개월"),
            ("year", "최근 1년"),
            ("custom", "직접 입력"),
        ],
        error_messages={"invalid_choice": "기간을 목록에서 고르세요."},
    )
    start = forms.DateField(
        label="시작일",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "시작일을 2025-01-31 꼴로 입력하세요."},
    )
    end = forms.DateField(
        label="종료일",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "종료일을 2025-01-31 꼴로 입력하세요."},
    )
    sort = forms.ChoiceField(
        label="정렬",
        required=False,
        choices=[("relevance", "정확도순"), ("newest", "최신순")],
        error_messages={"invalid_choice": "정렬 방식을 목록에서 고르세요."},
    )

    def __init__(self, data, *args, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.was_cut = False
        self.fields["section"].choices = [("", "전체 섹션")] + [
            (section.slug, str(section)) for section in sections().by_pk.values()
        ]

    def clean_section(self) -> Section | None:
        slug = self.cleaned_data["section"]
        return sections().by_slug[slug] if slug else None

    def clean_q(self):
        query = self.cleaned_data["q"]
        if len(query) > QUERY_MAX_LENGTH:
            self.was_cut = True
            query = query[:QUERY_MAX_LENGTH]
        return query

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if cleaned.get("period") == "custom" and start and end and start > end:
            self.add_error("end", "종료일이 시작일보다 앞섭니다.")
        return cleaned

    def narrow(self, articles):
        """``articles`` within the chosen section and period."""
        cleaned = self.cleaned_data
        if cleaned.get("section"):
            articles = articles.in_section(cleaned["section"])
        period = cleaned.get("period")
        if period in PERIODS:
            articles = articles.filter(published_at__gte=timezone.now() - PERIODS[period])
        elif period == "custom":
            zone = timezone.get_current_timezone()
            if cleaned.get("start"):
                since = datetime.combine(cleaned["start"], time.min, tzinfo=zone)
                articles = articles.filter(published_at__gte=since)
            if cleaned.get("end"):
                until = datetime.combine(cleaned["end"] + timedelta(days=1), time.min, tzinfo=zone)
                articles = articles.filter(published_at__lt=until)
        return articles

    @property
    def order(self) -> str:
        return self.cleaned_data.get("sort") or "relevance"
