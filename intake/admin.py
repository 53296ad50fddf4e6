from django.contrib import admin, messages

from articles.models import Article
from articles.permissions import can_publish
from intake.models import Tip, TipPhoto


class TipPhotoInline(admin.TabularInline):
    model = TipPhoto
    extra = 0
    can_delete = False
    readonly_fields = ("file",)


@admin.register(Tip)
class TipAdmin(admin.ModelAdmin):
    """The editors' 제보 queue. Only editors (publish permission) see it at all, so the
    tipster's contact never reaches a reporter's screen."""

    list_display = ("__str__", "status", "created_at", "article")
    list_filter = ("status",)
    readonly_fields = ("name", "contact", "text", "consent_at", "created_at", "article")
    fields = ("status", "name", "contact", "text", "consent_at", "created_at", "article")
    inlines = [TipPhotoInline]
    actions = ["make_draft"]
    list_select_related = ("article",)

    def _editor(self, request):
        return can_publish(request.user)

    def has_module_permission(self, request):
        return self._editor(request)

    def has_view_permission(self, request, obj=None):
        return self._editor(request)

    def has_change_permission(self, request, obj=None):
        return self._editor(request)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    @admin.action(description="선택한 제보로 기사 초안 만들기")
    def make_draft(self, request, queryset):
        made = 0
        for tip in queryset.filter(article__isnull=True):
            article = Article.objects.create(
                headline=f"[제보] {tip.text[:60]}",
                body="".join(f"<p>{line}</p>" for line in tip.text.splitlines() if line.strip()),
                created_by=request.user,
            )
            tip.article = article
            tip.status = Tip.Status.IN_PROGRESS
            tip.save(update_fields=["article", "status"])
            made += 1
        messages.success(request, f"기사 초안 {made}건을 만들었습니다.")
