from django.contrib import admin

from council.models import (
    Committee,
    CommitteeArticle,
    CouncilMember,
    CouncilRole,
    GroupArticle,
    MemberArticle,
    ResearchGroup,
    Session,
    SessionArticle,
)


class CouncilRoleInline(admin.TabularInline):
    model = CouncilRole
    extra = 0
    autocomplete_fields = ("committee",)


@admin.register(CouncilMember)
class CouncilMemberAdmin(admin.ModelAdmin):
    # 동명이인: the list and the autocomplete (str()) both show party, district and terms.
    list_display = ("name", "name_hanja", "party", "district", "terms_display", "state")
    list_filter = ("is_active", "party", "committees")
    search_fields = ("name", "name_hanja", "name_roman", "district", "party")
    autocomplete_fields = ("photo",)
    filter_horizontal = ("committees",)
    inlines = (CouncilRoleInline,)
    fieldsets = (
        (None, {"fields": ("name", "name_hanja", "name_roman", "party", "district", "terms")}),
        ("활동", {"fields": ("committees", "is_active", "left_on")}),
        ("프로필", {"fields": ("photo", "phone", "email", "bio")}),
    )

    @admin.display(description="대수")
    def terms_display(self, member):
        return member.terms_display

    @admin.display(description="상태", ordering="is_active")
    def state(self, member):
        return member.title


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "order")
    list_editable = ("order",)
    search_fields = ("name",)


@admin.register(ResearchGroup)
class ResearchGroupAdmin(admin.ModelAdmin):
    list_display = ("name", "leader", "started_on", "ended_on")
    list_select_related = ("leader",)
    search_fields = ("name",)
    autocomplete_fields = ("leader", "members")


@admin.register(Session)
class SessionAdmin(admin.ModelAdmin):
    list_display = ("__str__", "kind", "start_date", "end_date")
    list_filter = ("kind",)
    search_fields = ("number", "kind")
    ordering = ("-number",)


# On the article's change form (articles/admin.py lists these): reporters and editors
# link a story to the members, committees, groups and sessions it is about.


class _ArticleLinkInline(admin.TabularInline):
    extra = 0


class MemberArticleInline(_ArticleLinkInline):
    model = MemberArticle
    autocomplete_fields = ("member",)
    verbose_name_plural = "기사에 나온 의원"


class CommitteeArticleInline(_ArticleLinkInline):
    model = CommitteeArticle
    autocomplete_fields = ("committee",)


class GroupArticleInline(_ArticleLinkInline):
    model = GroupArticle
    autocomplete_fields = ("group",)


class SessionArticleInline(_ArticleLinkInline):
    model = SessionArticle
    autocomplete_fields = ("session",)


ARTICLE_INLINES = (
    MemberArticleInline,
    SessionArticleInline,
    GroupArticleInline,
    CommitteeArticleInline,
)
