from datetime import date
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles.models import Article
from articles.permissions import DeskOnlyReadOnlyAdmin, can_publish
from intake import origin_report, press
from intake.models import (
    OriginReport,
    PortalDelivery,
    PressRelease,
    PressReleaseImage,
    Tip,
    TipPhoto,
)


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


def _desk(user) -> bool:
    """Reporters and editors: whoever may write a story may bring a release in."""
    return user.is_active and user.is_staff and user.has_perm("articles.add_article")


class PressReleaseAddForm(forms.ModelForm):
    """One release from exactly one of: pasted text, an HTML file, a .eml file. The parse
    (intake/press.py) runs in ``clean`` so every refusal is a form error and nothing is
    stored."""

    text = forms.CharField(
        label="본문 붙여 넣기",
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        strip=False,
    )
    html_file = forms.FileField(label="HTML 파일(HWP에서 내보내기)", required=False)
    eml_file = forms.FileField(label="메일 파일(.eml)", required=False)

    class Meta:
        model = PressRelease
        fields = ("title", "organisation")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["title"].help_text = "비워 두면 메일 제목이나 본문 첫 줄을 씁니다."
        self.fields["organisation"].help_text = "비워 두면 메일의 보낸 사람 이름을 씁니다."
        self.parsed = None

    def clean(self):
        data = super().clean()
        text, html_file, eml_file = (
            data.get("text") or "",
            data.get("html_file"),
            data.get("eml_file"),
        )
        given = [bool(text.strip()) or (bool(text) and not (html_file or eml_file)), bool(html_file), bool(eml_file)]  # fmt: skip
        if sum(given) != 1:
            raise ValidationError(
                "본문을 붙여 넣거나, HTML 파일이나 메일 파일 중 하나만 올려 주세요."
                if sum(given) > 1
                else "보도자료 내용이 비어 있습니다. 본문을 붙여 넣거나 파일을 올려 주세요."
            )
        title = data.get("title") or ""
        try:
            if html_file:
                self.parsed = press.from_html(_read_limited(html_file), title=title)
            elif eml_file:
                self.parsed = press.from_mail(_read_limited(eml_file, mail=True))
            else:
                self.parsed = press.from_text(text, title=title)
        except ValidationError as exc:
            raise ValidationError(exc.messages) from exc
        return data


def _read_limited(upload, *, mail=False) -> bytes:
    """The upload's bytes, refused by size before it is read into memory."""
    limit = settings.PRESS_RELEASE_MAX_MAIL_BYTES if mail else settings.PRESS_RELEASE_MAX_TEXT_BYTES
    if upload.size > limit:
        raise press._too_big(upload.size, limit, "메일 파일" if mail else "보도자료 파일")
    return upload.read()


class PressReleaseImageInline(admin.TabularInline):
    model = PressReleaseImage
    extra = 0
    can_delete = False
    fields = ("filename", "file", "image")
    readonly_fields = fields

    def get_queryset(self, request):
        # The 사진 보관함 link of every row, in the inline's own query.
        return super().get_queryset(request).select_related("image")

    def has_view_permission(self, request, obj=None):
        return _desk(request.user)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(PressRelease)
class PressReleaseAdmin(admin.ModelAdmin):
    """The desk's 보도자료 queue: add one, read it, make it a draft with one click."""

    list_display = ("title", "organisation", "received_at", "status", "sender_check", "article")
    list_filter = ("status", "source")
    search_fields = ("title", "organisation", "sender")
    list_select_related = ("article",)
    date_hierarchy = None
    actions = ["make_draft"]
    readonly_fields = (
        "title", "organisation", "sender", "sender_warning", "received_at", "source",
        "preview", "article", "added_by", "created_at", "draft_button",
    )  # fmt: skip
    fields = (
        "draft_button", "status", "title", "organisation", "sender", "sender_warning",
        "received_at", "source", "preview", "article", "added_by", "created_at",
    )  # fmt: skip
    inlines = [PressReleaseImageInline]

    def has_module_permission(self, request):
        return _desk(request.user)

    def has_view_permission(self, request, obj=None):
        return _desk(request.user)

    def has_add_permission(self, request):
        return _desk(request.user)

    def has_change_permission(self, request, obj=None):
        return _desk(request.user)

    def has_delete_permission(self, request, obj=None):
        return can_publish(request.user)

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = PressReleaseAddForm
            kwargs["fields"] = ("title", "organisation", "text", "html_file", "eml_file")
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("title", "organisation", "text", "html_file", "eml_file")
        return self.fields

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else self.readonly_fields

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        press.store(form.parsed, user=request.user, instance=obj)

    @admin.display(description="발신자 확인", boolean=True)
    def sender_check(self, release):
        return not release.sender_warning

    @admin.display(description="본문")
    def preview(self, release):
        # Sanitized on every write (SanitizedHTMLField), so it is shown as markup.
        return mark_safe(f'<div class="press-release-body">{release.body}</div>')

    @admin.display(description="기사화")
    def draft_button(self, release):
        if release.article_id:
            return format_html(
                '<a href="{}">만든 기사 초안 열기</a>',
                reverse("admin:articles_article_change", args=[release.article_id]),
            )
        return format_html(
            '<button type="submit" name="_make_draft" value="1" class="default">{}</button>',
            "이 보도자료로 기사 초안 만들기",
        )

    def response_change(self, request, obj):
        if "_make_draft" in request.POST:
            article = press.make_draft(obj, user=request.user)
            messages.success(request, "보도자료로 기사 초안을 만들었습니다.")
            return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))
        return super().response_change(request, obj)

    @admin.action(description="선택한 보도자료로 기사 초안 만들기")
    def make_draft(self, request, queryset):
        made = 0
        for release in queryset.filter(article__isnull=True):
            press.make_draft(release, user=request.user)
            made += 1
        messages.success(request, f"기사 초안 {made}건을 만들었습니다.")


class PressReleaseSourceInline(admin.StackedInline):
    """Where a 보도자료 story came from, on the story's change form: for the desk only
    (the admin); no reader page reads ``PressRelease``."""

    model = PressRelease
    fk_name = "article"
    verbose_name = "보도자료 출처"
    verbose_name_plural = "보도자료 출처"
    extra = 0
    max_num = 1
    can_delete = False
    fields = ("release_link", "organisation", "sender", "sender_warning", "received_at")
    readonly_fields = fields

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.has_perm("articles.view_article")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="보도자료")
    def release_link(self, release):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:intake_pressrelease_change", args=[release.pk]),
            release.title,
        )


@admin.register(OriginReport)
class OriginReportAdmin(DeskOnlyReadOnlyAdmin):
    """Not a list: the report page, with ?by=month|week, ?at=YYYY-MM-DD and ?format=csv."""

    def get_urls(self):
        view = self.admin_site.admin_view(self.changelist_view)
        return [path("", view, name="intake_originreport_changelist")]

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        by = request.GET.get("by", "month")
        if by not in origin_report.PERIODS:
            by = "month"
        at = None
        if request.GET.get("at"):
            try:
                at = date.fromisoformat(request.GET["at"])
            except ValueError:
                messages.error(
                    request, "날짜는 2026-12-01처럼 적어 주세요. 이번 기간을 보여 드립니다."
                )
        report = origin_report.build(by, at)
        if request.GET.get("format") == "csv":
            response = HttpResponse(origin_report.csv_bytes(report), content_type="text/csv; charset=utf-8")  # fmt: skip
            response["Content-Disposition"] = f'attachment; filename="origin-report-{by}-{report.start:%Y%m%d}.csv"'  # fmt: skip
            return response
        previous = origin_report.previous_start(by, report.start)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "기사 유형 보고서",
            "report": report,
            "origins": origin_report.origins(),
            "chart": origin_report.chart(report),
            "periods": origin_report.PERIODS,
            "period_name": origin_report.PERIODS[by],
            "tables": [
                (f"{origin_report.PERIODS[by]} 추이", "기간", report.trend),
                (f"섹션별 ({report.label})", "섹션", report.sections),
                (f"기자별 ({report.label})", "기자", report.reporters),
            ],
            "previous_at": previous.isoformat(),
            "next_at": report.end.isoformat(),
            "csv_query": urlencode({"by": by, "at": report.start.isoformat(), "format": "csv"}),
        }
        return TemplateResponse(request, "admin/intake/origin_report.html", context)


class PortalDeliveryView:
    """Read-only: the rows are written by the export's fetch log alone."""

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.has_perm("articles.view_article")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description="최신 판 전송", boolean=True)
    def up_to_date(self, delivery):
        return delivery.up_to_date


class PortalDeliveryInline(PortalDeliveryView, admin.TabularInline):
    model = PortalDelivery
    verbose_name_plural = "포털 전송"
    extra = 0
    fields = (
        "portal", "first_fetched_at", "last_fetched_at", "delivered_change_at", "up_to_date",
        "deleted_delivered_at", "fetch_count",
    )  # fmt: skip
    readonly_fields = fields

    def get_queryset(self, request):
        # 최신 판 전송 compares with the story's content_updated_at: no query per row.
        return super().get_queryset(request).select_related("article")


@admin.register(PortalDelivery)
class PortalDeliveryAdmin(PortalDeliveryView, admin.ModelAdmin):
    list_display = (
        "article", "portal", "first_fetched_at", "last_fetched_at", "up_to_date",
        "deleted_delivered_at", "fetch_count",
    )  # fmt: skip
    list_filter = ("portal", "last_fetched_at")
    list_select_related = ("article",)
    search_fields = ("article__headline",)
    show_full_result_count = False

    def has_module_permission(self, request):
        return self.has_view_permission(request)


ARTICLE_INLINES = (PressReleaseSourceInline, PortalDeliveryInline)
