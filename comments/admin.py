from django.contrib import admin, messages
from django.shortcuts import redirect

from comments.models import Comment, CommentPolicy


@admin.register(CommentPolicy)
class CommentPolicyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return not CommentPolicy.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # One row only: the list is a detour.
        policy, _ = CommentPolicy.objects.get_or_create(pk=1)
        return redirect("admin:comments_commentpolicy_change", policy.pk)


def _set_status(status, label):
    def action(modeladmin, request, queryset):
        changed = 0
        # One save each, not an UPDATE: the save announces the change and purges the page.
        for comment in queryset.exclude(status=Comment.Status.WITHDRAWN):
            if comment.status != status:
                comment.status = status
                comment.save(update_fields=["status"])
                changed += 1
        modeladmin.message_user(
            request, f"댓글 {changed}개를 {label} 처리했습니다.", messages.SUCCESS
        )

    action.__name__ = f"mark_{status}"
    action.short_description = f"선택한 댓글 {label}"
    action.allowed_permissions = ("change",)
    return action


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    """The moderation queue: held and hidden comments first."""

    list_display = (
        "short_body",
        "name",
        "article",
        "status",
        "held_reason",
        "report_count",
        "created_at",
    )
    list_filter = ("status", "held_reason")
    list_select_related = ("article",)
    search_fields = ("body", "name", "article__headline")
    readonly_fields = (
        "article",
        "parent",
        "name",
        "body",
        "report_count",
        "address_hash",
        "created_at",
    )
    fields = (
        "article",
        "parent",
        "name",
        "body",
        "status",
        "held_reason",
        "report_count",
        "address_hash",
        "created_at",
    )
    actions = [
        _set_status(Comment.Status.PUBLISHED, "게시"),
        _set_status(Comment.Status.HIDDEN, "숨김"),
        _set_status(Comment.Status.REJECTED, "거절"),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).for_moderation()

    def has_add_permission(self, request):
        return False

    @admin.display(description="내용")
    def short_body(self, comment):
        return comment.body[:60] or "(작성자 삭제)"
