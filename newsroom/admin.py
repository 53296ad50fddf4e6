from django.contrib import admin
from django.shortcuts import redirect

from newsroom.models import LegalPage, SiteSettings


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
