from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse

from newsletter import mail
from newsletter.models import Delivery, Edition, EditionPick, Subscriber


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    """Readers' addresses: 편집자 may look (view permission only), superusers change;
    reporters have no permission, so the admin does not even list it for them."""

    list_display = ("email", "status", "created_at", "confirmed_at", "unsubscribed_at")
    list_filter = ("status",)
    search_fields = ("email",)
    readonly_fields = ("created_at", "confirmed_at", "unsubscribed_at", "confirmation_sent_at")


class EditionPickInline(admin.TabularInline):
    model = EditionPick
    extra = 3
    raw_id_fields = ("article",)


def _counted(queryset):
    return queryset.annotate(
        sent_count=Count("deliveries", filter=Q(deliveries__status=Delivery.Status.SENT)),
        opened_count=Count("deliveries", filter=Q(deliveries__opened_at__isnull=False)),
        clicked_count=Count("deliveries", filter=Q(deliveries__clicked_at__isnull=False)),
    )


@admin.register(Edition)
class EditionAdmin(admin.ModelAdmin):
    list_display = ("date", "subject", "status", "sent", "opened", "clicked")
    readonly_fields = ("status", "sent_at", "counts")
    inlines = [EditionPickInline]
    change_form_template = "admin/newsletter/edition/change_form.html"

    def get_queryset(self, request):
        return _counted(super().get_queryset(request))

    @admin.display(description="발송", ordering="sent_count")
    def sent(self, obj):
        return obj.sent_count

    @admin.display(description="열람", ordering="opened_count")
    def opened(self, obj):
        return obj.opened_count

    @admin.display(description="클릭", ordering="clicked_count")
    def clicked(self, obj):
        return obj.clicked_count

    @admin.display(description="집계")
    def counts(self, obj):
        if obj.pk is None:
            return "-"
        return f"발송 {obj.sent_count} · 열람 {obj.opened_count} · 클릭 {obj.clicked_count}"

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("<int:pk>/preview/", wrap(self.preview), name="newsletter_edition_preview"),
            path("<int:pk>/test-send/", wrap(self.test_send), name="newsletter_edition_test"),
            *super().get_urls(),
        ]

    def _edition(self, request, pk):
        if not self.has_view_permission(request):
            raise PermissionDenied
        return get_object_or_404(Edition, pk=pk)

    def preview(self, request, pk):
        """The e-mail's HTML as a reader gets it (links untracked)."""
        _, html = mail.render_edition(self._edition(request, pk))
        response = HttpResponse(html)
        # The mail's own markup, shown inside the admin: no scripts, no framing elsewhere.
        response["Content-Security-Policy"] = "script-src 'none'; frame-ancestors 'self'"
        return response

    def test_send(self, request, pk):
        if request.method != "POST":
            return HttpResponse(status=405)
        edition = self._edition(request, pk)
        back = reverse("admin:newsletter_edition_change", args=[pk])
        if not request.user.email:
            messages.error(request, "내 계정에 이메일 주소가 없어 테스트 메일을 보낼 수 없습니다.")
            return redirect(back)
        try:
            mail.test_message(edition, request.user.email).send()
        except OSError as exc:
            messages.error(request, f"테스트 메일을 보내지 못했습니다: {exc}")
        else:
            messages.success(request, f"{request.user.email}(으)로 테스트 메일을 보냈습니다.")
        return redirect(back)
