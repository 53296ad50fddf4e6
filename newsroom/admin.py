from datetime import timedelta

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html

from articles import renditions
from newsroom import ad_report
from newsroom.autocomplete import NamedAutocomplete
from newsroom.forms import AdReportForm, BannerForm, HomeBlockPinForm
from newsroom.models import (
    SLOT_CAPACITY,
    Banner,
    BannerSlot,
    HomeBlock,
    HomeBlockPin,
    HomeCuration,
    HomePick,
    LegalPage,
    SiteEditor,
    SiteSettings,
)


class SiteEditorInline(admin.TabularInline):
    model = SiteEditor
    extra = 1
    verbose_name = "편집인"
    verbose_name_plural = "편집인 (여러 명이면 책임분야와 함께; 비워 두면 위의 편집인 한 명)"


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
    inlines = [SiteEditorInline]
    fieldsets = [
        ("신문사", {"fields": ("name", "title", "logo_text", "tagline", "copyright_holder")}),
        (
            "인터넷신문 등록 사항 (신문법 제9조의2, 제21조: 모든 페이지 하단에 표시)",
            {
                "fields": (
                    "registration_number",
                    "registered_on",
                    "first_published_on",
                    "publisher",
                    "editor",
                    "address",
                    "phone",
                    "youth_protection_officer",
                    "email",
                )
            },
        ),
        (
            "고충처리인 (언론중재법 제6조: 불편신고·고충처리 페이지에 표시)",
            {"fields": ("grievance_officer", "grievance_contact")},
        ),
    ]

    def has_add_permission(self, request):
        return not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # One row only: the list is a detour.
        site, _ = SiteSettings.objects.get_or_create(pk=1)
        return redirect("admin:newsroom_sitesettings_change", site.pk)


@admin.register(LegalPage)
class LegalPageAdmin(admin.ModelAdmin):
    list_display = ("__str__", "updated_at")
    view_on_site = True

    def has_delete_permission(self, request, obj=None):
        return False


# Placements: banners and the home page (issue 4).


def _with_clicks(queryset):
    today = timezone.localdate()
    return queryset.annotate(
        click_total=Coalesce(Sum("clicks__count"), 0),
        clicks_today=Coalesce(Sum("clicks__count", filter=Q(clicks__day=today)), 0),
    )


def slot_summary() -> list[dict]:
    """Each slot with the banners live in it now and their clicks (one query)."""
    live = _with_clicks(Banner.objects.live()).select_related("image").order_by("order", "pk")
    by_slot: dict[str, list[Banner]] = {}
    for banner in live:
        by_slot.setdefault(banner.slot, []).append(banner)
    return [
        {
            "key": slot.value,
            "label": slot.label,
            "capacity": SLOT_CAPACITY[slot],
            "banners": by_slot.get(slot.value, []),
        }
        for slot in BannerSlot
    ]


class WindowFilter(admin.SimpleListFilter):
    title = "게시 상태"
    parameter_name = "window"

    def lookups(self, request, model_admin):
        return [
            ("live", "게시 중"),
            ("scheduled", "예약"),
            ("ended", "종료"),
            ("off", "사용 안 함"),
        ]

    def queryset(self, request, queryset):
        return {
            "live": queryset.live,
            "scheduled": queryset.scheduled,
            "ended": queryset.ended,
            "off": queryset.switched_off,
        }.get(self.value(), lambda: queryset)()


@admin.register(Banner)
class BannerAdmin(NamedAutocomplete, admin.ModelAdmin):
    form = BannerForm
    change_list_template = "admin/newsroom/banner/change_list.html"
    list_display = (
        "thumbnail",
        "name",
        "slot",
        "state",
        "window",
        "weight",
        "order",
        "clicks_today_column",
        "click_total_column",
    )
    list_display_links = ("thumbnail", "name")
    list_filter = (WindowFilter, "slot")
    list_select_related = ("image",)
    search_fields = ("name", "advertiser", "alt_text", "url")
    autocomplete_fields = ("image",)
    readonly_fields = ("thumbnail", "click_total_column")
    fieldsets = [
        (None, {"fields": ("name", "advertiser", "slot", "image", "thumbnail", "alt_text", "url")}),
        ("게시", {"fields": ("is_active", "starts_at", "ends_at", "weight", "order")}),
        ("집계", {"fields": ("click_total_column",)}),
    ]

    def get_queryset(self, request):
        return _with_clicks(super().get_queryset(request))

    def get_urls(self):
        report = self.admin_site.admin_view(self.report_view)
        return [path("report/", report, name="newsroom_banner_report"), *super().get_urls()]

    def report_view(self, request):
        """광고 보고서: impressions, clicks and CTR for a period, per banner and advertiser."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        today = timezone.localdate()
        last_month_end = today.replace(day=1) - timedelta(days=1)
        initial = {"start": last_month_end.replace(day=1), "end": last_month_end}
        form = AdReportForm(request.GET or None, initial=initial)
        if request.GET:
            period = form.cleaned_data if form.is_valid() else None
        else:
            period = {**initial, "advertiser": ""}
        status = 200 if period else 400
        if period and request.GET.get("format") == "csv":
            body = ad_report.csv_bytes(period["start"], period["end"], period["advertiser"])
            response = HttpResponse(body, content_type="text/csv; charset=utf-8")
            filename = f"banner-report-{period['start']:%Y%m%d}-{period['end']:%Y%m%d}.csv"
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
            return response
        rows = ad_report.banner_rows(**period) if period else []
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "광고 보고서",
            "form": form,
            "period": period,
            "rows": rows,
            "advertisers": ad_report.by_advertiser(rows),
            "advertiser_names": Banner.objects.exclude(advertiser="")
            .order_by("advertiser")
            .values_list("advertiser", flat=True)
            .distinct(),
            "csv_query": request.GET.urlencode() if request.GET else "",
        }
        return TemplateResponse(
            request, "admin/newsroom/banner/report.html", context, status=status
        )

    def changelist_view(self, request, extra_context=None):
        extra_context = {"slot_summary": slot_summary(), **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    @admin.display(description="이미지")
    def thumbnail(self, banner):
        if not banner.pk or not banner.image_id or not banner.image.file:
            return "-"
        return format_html(
            '<img class="banner-thumb" src="{}" alt="{}">',
            renditions.smallest_url(banner.image, "article"),
            banner.alt_text,
        )

    @admin.display(description="상태")
    def state(self, banner):
        return banner.window_state

    # One short column (26.12.03 09:00 / ~ 26.12.31 18:00): two columns in Django's long
    # Korean format pushed 노출 비중 and the clicks off a 1366 px screen.
    @admin.display(description="게시 기간", ordering="starts_at")
    def window(self, banner):
        if banner.starts_at is None and banner.ends_at is None:
            return "상시"
        return format_html("{}<br>~ {}", _short_time(banner.starts_at), _short_time(banner.ends_at))

    @admin.display(description="오늘 클릭", ordering="clicks_today")
    def clicks_today_column(self, banner):
        return getattr(banner, "clicks_today", 0)

    @admin.display(description="전체 클릭", ordering="click_total")
    def click_total_column(self, banner):
        return getattr(banner, "click_total", 0)


class HomePickInline(NamedAutocomplete, admin.TabularInline):
    model = HomePick
    extra = 1
    autocomplete_fields = ("article",)
    fields = ("kind", "article", "order")


class HomeBlockInline(NamedAutocomplete, admin.TabularInline):
    model = HomeBlock
    extra = 1
    autocomplete_fields = ("section",)
    fields = ("section", "layout", "item_count", "order")


class HomeBlockPinInline(NamedAutocomplete, admin.TabularInline):
    """Stories pinned to a block: the block is one of this page's, saved (a new block
    appears here once the page is saved)."""

    model = HomeBlockPin
    form = HomeBlockPinForm
    extra = 1
    autocomplete_fields = ("article",)
    fields = ("block", "article", "order")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("block__section", "article")

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "block":
            curation_id = (request.resolver_match.kwargs if request.resolver_match else {}).get(
                "object_id"
            )
            kwargs["queryset"] = HomeBlock.objects.filter(curation_id=curation_id).select_related(
                "section"
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(HomeCuration)
class HomeCurationAdmin(admin.ModelAdmin):
    inlines = (HomePickInline, HomeBlockInline, HomeBlockPinInline)
    view_on_site = True
    fieldsets = [
        (
            "속보",
            {
                "fields": (
                    "breaking_on",
                    "breaking_text",
                    "breaking_url",
                    ("breaking_starts_at", "breaking_ends_at"),
                ),
                "description": "속보는 모든 화면 맨 위에 보이고, 종료 시각에 저절로 내려갑니다.",
            },
        ),
        ("주요 기사", {"fields": ("featured_count",)}),
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # One home page: the list is a detour.
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        curation, _ = HomeCuration.objects.get_or_create(pk=1)
        return redirect("admin:newsroom_homecuration_change", curation.pk)


def _short_time(moment) -> str:
    """A list cell's time: 26.12.03 09:00 (with the year: banners run for months)."""
    if moment is None:
        return ""
    return timezone.localtime(moment).strftime("%y.%m.%d %H:%M")
