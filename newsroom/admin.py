from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.html import format_html

from articles import renditions
from newsroom.autocomplete import NamedAutocomplete
from newsroom.forms import BannerForm
from newsroom.models import (
    SLOT_CAPACITY,
    Banner,
    BannerSlot,
    HomeBlock,
    HomeCuration,
    HomePick,
    LegalPage,
    SiteSettings,
)


@admin.register(SiteSettings)
class SiteSettingsAdmin(admin.ModelAdmin):
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
    search_fields = ("name", "alt_text", "url")
    autocomplete_fields = ("image",)
    readonly_fields = ("thumbnail", "click_total_column")
    fieldsets = [
        (None, {"fields": ("name", "slot", "image", "thumbnail", "alt_text", "url")}),
        ("게시", {"fields": ("is_active", "starts_at", "ends_at", "weight", "order")}),
        ("집계", {"fields": ("click_total_column",)}),
    ]

    def get_queryset(self, request):
        return _with_clicks(super().get_queryset(request))

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


@admin.register(HomeCuration)
class HomeCurationAdmin(admin.ModelAdmin):
    inlines = (HomePickInline, HomeBlockInline)
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
