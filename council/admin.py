from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html

from council.mentions import suggested_members
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
from newsroom.autocomplete import NamedAutocomplete


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


class _ArticleLinkInline(NamedAutocomplete, admin.TabularInline):
    extra = 0


SUGGESTED_MEMBER_FIELD = "council-suggested-member"


class MemberLinkFormSet(BaseInlineFormSet):
    """The member rows, plus the suggested members the reporter ticked (never linked
    without that tick)."""

    suggested: list = []

    def clean(self):
        super().clean()
        raw = self.data.getlist(SUGGESTED_MEMBER_FIELD) if self.is_bound else []
        try:
            ids = {int(value) for value in raw}
        except ValueError:
            raise ValidationError("선택한 의원을 찾을 수 없습니다. 화면을 새로 고쳐 다시 고르세요.") from None  # fmt: skip
        found = set(CouncilMember.objects.filter(pk__in=ids).values_list("pk", flat=True))
        if ids - found:
            raise ValidationError("선택한 의원을 찾을 수 없습니다. 화면을 새로 고쳐 다시 고르세요.")
        self.confirmed_member_ids = sorted(found)

    def save(self, commit=True):
        saved = super().save(commit)
        if commit:
            for member_id in getattr(self, "confirmed_member_ids", []):
                MemberArticle.objects.get_or_create(member_id=member_id, article=self.instance)
            self._tell_about_suggestions()
        return saved

    def _tell_about_suggestions(self):
        # After "저장" the admin leaves the form: say on the next page what it would offer.
        request = getattr(self, "request", None)
        remaining = suggested_members(self.instance)
        if request is None or not remaining:
            return
        names = ", ".join(dict.fromkeys(member.name for member in remaining))
        url = reverse("admin:articles_article_change", args=[self.instance.pk])
        messages.info(
            request,
            format_html(
                "‘{}’ 기사에 나온 의원({})을 기사에 연결할 수 있습니다. "
                '<a href="{}#council_memberarticle-group">기사 수정 화면</a>에서 맞는 의원에 표시하고 저장하세요.',  # noqa: E501
                self.instance,
                names,
                url,
            ),
        )


class MemberArticleInline(_ArticleLinkInline):
    model = MemberArticle
    formset = MemberLinkFormSet
    autocomplete_fields = ("member",)
    verbose_name_plural = "기사에 나온 의원"
    template = "admin/council/member_links_inline.html"

    class Media:
        # The live panel under the body editor (the same rule as the save-time list).
        js = ["council/mention-suggest.js"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # A fresh class per request (inlineformset_factory), so this stays per request.
        formset.suggested = suggested_members(obj)
        formset.request = request
        return formset


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
