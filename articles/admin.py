import re

import reversion
from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch
from django.forms.models import BaseInlineFormSet
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from reversion.admin import VersionAdmin
from taggit.admin import TagAdmin
from taggit.models import Tag

from articles import editor, history, renditions, trash, workflow
from articles.forms import KEEP_MINE, ArticleAdminForm, ImageAdminForm
from articles.history import STEPS, with_object_particle
from articles.models import (
    Article,
    Byline,
    Column,
    Correction,
    GalleryPhoto,
    Image,
    Notice,
    RelatedArticle,
    RelatedLink,
    Reporter,
    Section,
    Series,
    StaleVersion,
    TrashedArticle,
    in_use_message,
)
from articles.pagination import EstimatedCountPaginator
from articles.permissions import (
    DeskOnlyReadOnlyAdmin,
    can_change_article,
    can_change_image,
    can_publish,
    can_view_article,
)
from articles.sanitize import clean_html
from articles.search.admin import IndexedSearchMixin
from council.admin import ARTICLE_INLINES as COUNCIL_INLINES
from intake.admin import ARTICLE_INLINES as INTAKE_INLINES
from newsroom.autocomplete import NamedAutocomplete


class SectionFilter(admin.RelatedFieldListFilter):
    """Sections by their full name ("정치 › 시흥시의회"), parents loaded in the same query."""

    def field_choices(self, field, request, model_admin):
        return [(section.pk, str(section)) for section in Section.objects.select_related("parent")]


class RefuseDeletingUsed:
    """Delete view and "delete selected" refuse, in Korean, a section, reporter, photo or
    tag that stories (trashed ones too), banners or portraits still use; the model
    refuses too (articles.models.refuse_if_used), this shows why before anyone confirms."""

    delete_confirmation_template = "admin/articles/in_use_delete_confirmation.html"
    delete_selected_confirmation_template = (
        "admin/articles/in_use_delete_selected_confirmation.html"
    )

    def get_deleted_objects(self, objs, request):
        refusals = [message for obj in objs if (message := in_use_message(obj))]
        if refusals:
            return [], {}, set(), refusals
        return super().get_deleted_objects(objs, request)


admin.site.unregister(Tag)


@admin.register(Tag)
class ProtectedTagAdmin(RefuseDeletingUsed, TagAdmin):
    # taggit's TagAdmin names its action in plain English; its inline is a generic one.
    inlines = ()
    search_help_text = "태그 이름으로 찾습니다."

    @admin.action(description="선택한 태그 합치기")
    def render_tag_form(self, request, queryset):
        return super().render_tag_form(request, queryset)


@admin.register(Section)
class SectionAdmin(NamedAutocomplete, RefuseDeletingUsed, admin.ModelAdmin):
    list_display = ("__str__", "slug", "order", "show_in_menu")
    list_editable = ("order", "show_in_menu")
    list_select_related = ("parent",)
    list_filter = ("show_in_menu", ("parent", SectionFilter))
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("parent",)

    def get_queryset(self, request):
        # The list and the autocomplete both print each section with its parent's name.
        return super().get_queryset(request).select_related("parent")


@admin.register(Series)
class SeriesAdmin(NamedAutocomplete, admin.ModelAdmin):
    list_display = ("name", "slug", "is_running", "part_count", "created_at")
    list_filter = ("is_running",)
    search_fields = ("name", "slug")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("image",)

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(parts=Count("articles"))

    @admin.display(description="기사 수", ordering="parts")
    def part_count(self, series):
        return series.parts


@admin.register(Column)
class ColumnAdmin(NamedAutocomplete, admin.ModelAdmin):
    list_display = ("name", "writer_column", "is_active", "order")
    list_editable = ("order",)
    list_filter = ("is_active",)
    list_select_related = ("reporter",)
    search_fields = ("name", "slug", "writer_name", "reporter__name")
    prepopulated_fields = {"slug": ("name",)}
    autocomplete_fields = ("reporter", "photo")

    @admin.display(description="필자")
    def writer_column(self, column):
        return column.writer


@admin.register(Reporter)
class ReporterAdmin(NamedAutocomplete, RefuseDeletingUsed, admin.ModelAdmin):
    list_display = ("name", "title", "email", "user", "is_active")
    list_filter = ("is_active", "title")
    list_select_related = ("user",)
    search_fields = ("name", "email", "user__username")
    autocomplete_fields = ("user", "photo")


@admin.register(Image)
class ImageAdmin(RefuseDeletingUsed, admin.ModelAdmin):
    form = ImageAdminForm
    list_display = (
        "thumbnail",
        "__str__",
        "credit",
        "width",
        "height",
        "uploaded_by",
        "uploaded_at",
    )
    list_select_related = ("uploaded_by",)
    search_fields = ("alt_text", "caption", "credit")
    date_hierarchy = "uploaded_at"
    fieldsets = (
        (None, {"fields": ("file", "alt_text", "caption", "credit")}),
        (
            "초점(잘라 쓸 때 남길 곳)",
            {
                "fields": ("focal_preview", "focal_x", "focal_y"),
                "description": "사진에서 얼굴 등 꼭 남길 곳을 누르면 초점이 정해집니다. "
                "저장하면 목록·공유용 사진을 그 점을 중심으로 다시 자릅니다.",
            },
        ),
        ("정보", {"fields": ("width", "height", "uploaded_by", "uploaded_at", "crops")}),
    )
    readonly_fields = ("focal_preview", "width", "height", "uploaded_by", "uploaded_at", "crops")

    class Media:
        js = ["articles/focal_point.js"]

    @admin.display(description="미리보기")
    def thumbnail(self, image):
        if not image.file:
            return "-"
        # The smallest rendition: a page of 100 rows must not load 100 camera originals.
        return format_html(
            '<img src="{}" alt="" style="max-width:80px;max-height:60px">',
            renditions.smallest_url(image),
        )

    @admin.display(description="사진")
    def focal_preview(self, image):
        if not image.file:
            return "사진을 올려 저장하면 여기서 초점을 고를 수 있습니다."
        return format_html(
            '<div class="focal-point" data-focal-point style="position:relative;display:inline-block;'
            'cursor:crosshair;max-width:480px"><img src="{}" alt="" style="display:block;'
            'max-width:100%;height:auto"><span data-focal-marker aria-hidden="true" '
            'style="position:absolute;width:18px;height:18px;margin:-11px 0 0 -11px;'
            "border:2px solid #fff;border-radius:50%;box-shadow:0 0 0 2px #d93025;"
            'left:{}%;top:{}%"></span></div>',
            renditions.smallest_url(image, "article"),
            round((image.focal_x if image.focal_x is not None else 0.5) * 100, 2),
            round((image.focal_y if image.focal_y is not None else 0.5) * 100, 2),
        )

    @admin.display(description="잘린 모양")
    def crops(self, image):
        if not image.renditions:
            return "아직 없습니다(저장하면 만듭니다)."
        return format_html_join(
            " ",
            '<figure style="display:inline-block;margin:0 12px 0 0;text-align:center">'
            '<img src="{}" alt="" style="height:90px;width:auto"><figcaption>{}</figcaption>'
            "</figure>",
            (
                (renditions.smallest_url(image, kind), label)
                for kind, label in (
                    ("thumb", "목록"),
                    ("square", "정사각"),
                    ("social", "공유 카드"),
                )
            ),
        )

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and can_change_image(request.user, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
        upload = form.cleaned_data.get("file")
        prepared = getattr(upload, "_newsroom_prepared", None)
        if prepared is not None and prepared.was_animated:
            self.message_user(
                request,
                "움직이는 사진(GIF/WebP)은 첫 장면만 정지 사진으로 저장했습니다. "
                "움직임이 중요하면 동영상으로 올려 본문에 넣어 주세요.",
                messages.WARNING,
            )


class BylineInline(NamedAutocomplete, admin.TabularInline):
    model = Byline
    extra = 1
    autocomplete_fields = ("reporter",)
    verbose_name = "기자"
    verbose_name_plural = "기자(바이라인 순서)"


class RelatedArticleInline(NamedAutocomplete, admin.TabularInline):
    model = RelatedArticle
    fk_name = "article"
    extra = 0
    autocomplete_fields = ("related",)


class RelatedLinkInline(admin.TabularInline):
    model = RelatedLink
    extra = 0


class GalleryPhotoInline(NamedAutocomplete, admin.TabularInline):
    """포토뉴스: photos from the library shown as a swipeable strip on the story's page."""

    model = GalleryPhoto
    extra = 0
    autocomplete_fields = ("image",)
    fields = ("image", "caption", "order")
    verbose_name = "포토뉴스 사진"
    verbose_name_plural = "포토뉴스 사진(순서대로 넘겨 보기, 사진 설명을 비우면 보관함의 설명)"


class RejectForm(forms.Form):
    reason = forms.CharField(
        label="반려 사유",
        widget=forms.Textarea(attrs={"rows": 5, "cols": 60}),
        max_length=2000,
        error_messages={
            "required": "반려 사유를 입력하세요.",
            "max_length": "반려 사유는 2000자까지 씁니다.",
        },
        help_text="기자에게 보입니다. 무엇을 고치면 되는지 적어 주세요.",
    )


class StatusFilter(admin.SimpleListFilter):
    title = "상태"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [*Article.Status.choices, ("scheduled", "예약 발행"), ("rejected", "반려됨")]

    def queryset(self, request, queryset):
        value = self.value()
        if value == "scheduled":
            return queryset.scheduled()
        if value == "rejected":
            return queryset.rejected()
        if value in Article.Status.values:
            return queryset.with_status(value)
        return queryset


# 휴지통 and corrections on the article admin (issue 8), kept apart from the workflow.


class CorrectionForm(forms.ModelForm):
    class Meta:
        model = Correction
        fields = ("kind", "date", "text")
        error_messages = {
            "text": {"required": "정정·반론 내용을 입력하세요."},
            "date": {"required": "날짜를 입력하세요.", "invalid": "날짜가 올바르지 않습니다."},
        }


class CorrectionFormSet(BaseInlineFormSet):
    """Saves a story's corrections as one revision of the story ("정정·반론 추가")."""

    editor = None  # the request's user, set by CorrectionInline.get_formset

    def save_new(self, form, commit=True):
        form.instance.created_by = self.editor
        return super().save_new(form, commit)

    def save(self, commit=True):
        with reversion.create_revision():
            saved = super().save(commit)
            if saved or self.deleted_objects:
                history.record(self.instance, by=self.editor, step="correction")
        return saved


class CorrectionInline(admin.StackedInline):
    """정정보도·반론보도·바로잡습니다 under the story: editors write them, reporters see them."""

    model = Correction
    form = CorrectionForm
    formset = CorrectionFormSet
    extra = 0
    fields = ("kind", "date", "text")
    verbose_name = "정정·반론 보도"
    verbose_name_plural = "정정·반론 보도 (기사 아래에 최신순으로 보입니다)"

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        return type(formset.__name__, (formset,), {"editor": request.user})

    def has_add_permission(self, request, obj=None):
        return can_publish(request.user) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return can_publish(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return can_publish(request.user) and super().has_delete_permission(request, obj)


class ArticleCorrections:
    """The corrections inline, after the article admin's own inlines."""

    def get_inlines(self, request, obj):
        return (*super().get_inlines(request, obj), CorrectionInline)


class ArticleTrash:
    """Deleting a story in the admin (its delete view and the list action) moves it to
    the 휴지통 (articles/trash.py) instead of Django's delete; the list hides trashed
    stories, which the 휴지통 (TrashedArticleAdmin) lists."""

    delete_confirmation_template = "admin/articles/article/trash_confirmation.html"

    def get_queryset(self, request):
        return super().get_queryset(request).not_trashed()

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        if self.has_delete_permission(request):
            actions["trash_selected"] = self.get_action("trash_selected")
        return actions

    def get_deleted_objects(self, objs, request):
        # Nothing is deleted: the story and all it carries wait in the 휴지통.
        names = [str(obj) for obj in objs]
        return names, {"기사": len(names)}, set(), []

    def log_deletions(self, request, queryset):
        for article in queryset:
            self.log_change(request, article, "휴지통으로 옮겼습니다.")

    def delete_model(self, request, obj):
        trash.trash(obj, by=request.user)

    def delete_queryset(self, request, queryset):
        for article in queryset:
            trash.trash(article, by=request.user)

    def render_delete_form(self, request, context):
        context["keep_days"] = settings.TRASH_KEEP_DAYS
        return super().render_delete_form(request, context)

    def response_delete(self, request, obj_display, obj_id):
        self.message_user(
            request,
            format_html(
                '‘{}’ 기사를 휴지통으로 옮겼습니다. {}일 동안 <a href="{}">휴지통</a>에서 '
                "복원할 수 있습니다.",
                obj_display,
                settings.TRASH_KEEP_DAYS,
                reverse("admin:articles_trashedarticle_changelist"),
            ),
        )
        return redirect("admin:articles_article_changelist")

    @admin.action(description="선택한 기사 휴지통으로 이동", permissions=["delete"])
    def trash_selected(self, request, queryset):
        if request.POST.get("post"):
            articles = list(queryset)
            self.log_deletions(request, articles)
            self.delete_queryset(request, articles)
            self.message_user(
                request,
                f"{len(articles)}건을 휴지통으로 옮겼습니다. "
                f"{settings.TRASH_KEEP_DAYS}일 동안 휴지통에서 복원할 수 있습니다.",
            )
            return None
        return TemplateResponse(
            request,
            "admin/articles/article/trash_selected_confirmation.html",
            {
                **self.admin_site.each_context(request),
                "title": "휴지통으로 이동",
                "opts": self.opts,
                "queryset": queryset,
                "keep_days": settings.TRASH_KEEP_DAYS,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )


@admin.register(Article)
class ArticleAdmin(
    NamedAutocomplete, IndexedSearchMixin, ArticleTrash, ArticleCorrections, admin.ModelAdmin
):
    form = ArticleAdminForm
    list_display = ("headline", "state", "section", "byline", "published", "saved")
    list_display_links = ("headline",)
    list_filter = (StatusFilter, ("section", SectionFilter), "origin", "published_at")
    list_select_related = ("section", "section__parent")
    search_fields = ("headline", "subheadline", "bylines__reporter__name")
    # No date_hierarchy: its year/month links run DISTINCT DATE_TRUNC over every story
    # (seconds at a million); the published_at filter's fixed periods cost no query.
    paginator = EstimatedCountPaginator
    show_full_result_count = False
    autocomplete_fields = ("section", "lead_image", "series", "column")
    inlines = (
        BylineInline,
        RelatedArticleInline,
        RelatedLinkInline,
        GalleryPhotoInline,
        *COUNCIL_INLINES,
        *INTAKE_INLINES,
    )
    actions = ("submit_selected_for_review", "publish_selected", "unpublish_selected")
    list_per_page = 50
    search_help_text = (
        "제목, 부제, 요약, 본문, 태그, 기자 이름의 낱말로 찾습니다(조사는 빼도 됩니다)."
    )

    editorial_fields = ("status", "published_at", "legacy_id", "comments_open")

    def get_urls(self):
        # Before super()'s catch-all "<object_id>/" so "editor/..." is not read as an id.
        wrap = self.admin_site.admin_view
        return [
            path(
                "editor/images/", wrap(editor.image_search), name="articles_article_editor_images"
            ),
            path("editor/tags/", wrap(editor.tag_search), name="articles_article_editor_tags"),
            path("editor/video/", wrap(editor.video_lookup), name="articles_article_editor_video"),
            path(
                "editor/council-members/",
                wrap(editor.council_mentions),
                name="articles_article_editor_council_members",
            ),
            path(
                "<path:object_id>/revisions/",
                wrap(self.revisions_view),
                name="articles_article_revisions",
            ),
            path(
                "<path:object_id>/presence/",
                wrap(self.presence_view),
                name="articles_article_presence",
            ),
            path(
                "<path:object_id>/reject/",
                wrap(self.reject_view),
                name="articles_article_reject",
            ),
            path(
                "<path:object_id>/takeover/",
                wrap(self.takeover_view),
                name="articles_article_takeover",
            ),
            path(
                "<path:object_id>/revisions/<int:version_id>/restore/",
                wrap(self.restore_view),
                name="articles_article_revision_restore",
            ),
            *super().get_urls(),
        ]

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (None, {"fields": ("headline", "subheadline", "section", "body", "summary")}),
            ("사진과 태그", {"fields": ("lead_image", "tags")}),
            ("기사 정보", {"fields": ("dateline", "origin", "slug")}),
            (
                "기획·연재와 칼럼",
                {"fields": ("series", "series_part", "column"), "classes": ("collapse",)},
            ),  # fmt: skip
        ]
        if can_publish(request.user):
            fieldsets.append(("발행", {"fields": self.editorial_fields}))
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        return () if can_publish(request.user) else self.editorial_fields

    def get_queryset(self, request):
        queryset = (
            super()
            .get_queryset(request)
            .prefetch_related(
                Prefetch("bylines", queryset=Byline.objects.select_related("reporter"))
            )
        )
        if can_publish(request.user):
            return queryset
        return queryset.owned_by(request.user)

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        return allowed and (obj is None or can_view_article(request.user, obj))

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and can_change_article(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and can_publish(request.user)

    def has_publish_permission(self, request):
        return can_publish(request.user)

    @admin.display(description="상태", ordering="status")
    def state(self, article):
        if article.is_rejected:
            return format_html(
                '<span class="article-rejected" title="{}">반려됨</span>',
                article.rejection_reason,
            )
        return article.display_status

    @admin.display(description="발행 시각", ordering="published_at")
    def published(self, article):
        if not article.published_at:
            return "-"
        return timezone.localtime(article.published_at).strftime("%Y.%m.%d %H:%M")

    @admin.display(description="저장 시각", ordering="updated_at")
    def saved(self, article):
        return timezone.localtime(article.updated_at).strftime("%m.%d %H:%M")

    @admin.display(description="기자")
    def byline(self, article):
        return ", ".join(b.reporter.name for b in article.bylines.all())

    def view_on_site(self, article):
        if article.is_published:
            return article.get_absolute_url()
        return reverse("articles:preview", kwargs={"pk": article.pk})

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # One revision for the whole save (the article, its inlines and any workflow step),
        # inside the admin's own transaction: a failure anywhere leaves the story as it was.
        with reversion.create_revision():
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        wanted_status, wanted_time = obj.status, obj.published_at
        was_status = form.initial.get("status", Article.Status.DRAFT) if change else None
        was_time = form.initial.get("published_at") if change else None
        publisher = can_publish(request.user)
        if not publisher:
            # A reporter's save never publishes, whatever the POST says.
            if obj.status not in Article.REPORTER_EDITABLE:
                raise PermissionDenied
        else:
            # The form's 상태 and 발행 시각 ask for a workflow step; articles.workflow takes it.
            obj.status = was_status or Article.Status.DRAFT
            obj.published_at = was_time
        super().save_model(request, obj, form, change)
        history.record(obj, by=request.user, step="save")
        if publisher:
            self._take_step(request, obj, wanted_status, wanted_time)
        elif "_submit_for_review" in request.POST and obj.status == Article.Status.DRAFT:
            workflow.submit(obj, by=request.user)

    def _take_step(self, request, article, status, at):
        by = request.user
        published = Article.Status.PUBLISHED
        if _same_time(at, article.published_at):
            at = article.published_at
        if status == published:
            if article.status != published:
                if at is not None and at > timezone.now():
                    workflow.schedule(article, by=by, at=at)
                else:
                    workflow.publish(article, by=by, at=at)
            elif at != article.published_at:
                if at is not None and at > timezone.now():
                    workflow.schedule(article, by=by, at=at)
                else:
                    workflow.redate(article, by=by, at=at)
            return
        if article.status == published:
            workflow.unpublish(article, by=by)
        if status == Article.Status.REVIEW and article.status == Article.Status.DRAFT:
            workflow.submit(article, by=by)
        changed = []
        if status != article.status:
            article.status = status
            changed.append("status")
        if at != article.published_at:
            # A planned time on a story not yet approved: stored, not yet a schedule.
            article.published_at = at
            changed.append("published_at")
        if changed:
            article.save(update_fields=[*changed, "updated_at"])

    def _viewable(self, request, object_id):
        """The story, if this user may see it; a 404 for what they must not know exists."""
        article = self.get_object(request, object_id)
        if article is None or not self.has_view_permission(request, article):
            raise Http404("기사가 없습니다.")
        return article

    def revisions_view(self, request, object_id):
        """변경 이력: every revision, and any two side by side with changed words marked."""
        article = self._viewable(request, object_id)
        versions = list(history.versions_of(article)[:200])
        by_id = {v.pk: v for v in versions}
        rows = []
        for version in versions:
            rows.append(
                {
                    "version": version,
                    "who": history.person(version.revision.user),
                    "steps": version.revision.comment,
                }
            )
        left = by_id.get(_int(request.GET.get("a")))
        right = by_id.get(_int(request.GET.get("b")))
        if (request.GET.get("a") or request.GET.get("b")) and (left is None or right is None):
            raise Http404("이 기사의 판이 아닙니다.")
        comparison = None
        if left is not None and right is not None:
            comparison = history.compare(
                history.texts_of_snapshot(history.snapshot(left)),
                history.texts_of_snapshot(history.snapshot(right)),
            )
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": f"변경 이력: {article.headline}",
            "rows": rows,
            "left": left,
            "right": right,
            "comparison": comparison,
            "can_restore": self.has_change_permission(request, article),
        }
        return TemplateResponse(request, "admin/articles/article/revisions.html", context)

    def presence_view(self, request, object_id):
        """The change form's heartbeat (static/articles/presence.js): I am still here;
        who else is?"""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._viewable(request, object_id)
        history.mark_editing(article, request.user)
        return JsonResponse(
            {
                "others": history.others_editing(article, request.user),
                "taken_over": history.taken_over_by(article, request.user),
            }
        )

    def takeover_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        article = self._viewable(request, object_id)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        history.take_over(article, request.user)
        self.message_user(request, "편집을 넘겨받았습니다. 다른 분에게도 알립니다.")
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    def reject_view(self, request, object_id):
        """반려: an editor sends a story in review back with a reason (workflow.reject)."""
        article = self._viewable(request, object_id)
        if not can_publish(request.user):
            raise PermissionDenied
        # Bound on any POST: an empty one (no reason field at all) is the required error,
        # not a blank form with no message.
        form = RejectForm(request.POST if request.method == "POST" else None)
        if form.is_valid():
            try:
                with reversion.create_revision():
                    workflow.reject(article, by=request.user, reason=form.cleaned_data["reason"])
            except ValidationError as error:
                form.add_error(None, error)
            else:
                self.log_change(request, article, f"{STEPS['reject']}: {article.rejection_reason}")
                self.message_user(request, "기사를 반려했습니다. 기자에게 사유가 보입니다.")
                return HttpResponseRedirect(
                    reverse("admin:articles_article_change", args=[article.pk])
                )
        context = {
            **self.admin_site.each_context(request),
            "title": "기사 반려",
            "opts": self.model._meta,
            "article": article,
            "form": form,
            "in_review": article.status == Article.Status.REVIEW,
        }
        status = 400 if request.method == "POST" else 200
        return TemplateResponse(
            request, "admin/articles/article/reject.html", context, status=status
        )

    def restore_view(self, request, object_id, version_id):
        article = self._viewable(request, object_id)
        version = history.versions_of(article).filter(pk=version_id).first()
        if version is None:
            raise Http404("이 기사의 판이 아닙니다.")
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        back = reverse("admin:articles_article_revisions", args=[article.pk])
        try:
            workflow.restore(article, version, by=request.user)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(back)
        self.message_user(request, "이전 판을 복원했습니다. 복원도 새 판으로 남았습니다.")
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[article.pk]))

    def construct_change_message(self, request, form, formsets, add=False):
        if add:
            return "새 기사를 썼습니다."
        labels = [
            str(form.fields[name].label)
            for name in form.changed_data
            if name != "version" and _really_changed(form, name)
        ]
        for formset in formsets:
            if formset.new_objects or formset.changed_objects or formset.deleted_objects:
                labels.append(str(formset.model._meta.verbose_name_plural))
        if not labels:
            return ""
        return f"{with_object_particle('·'.join(labels))} 고쳤습니다."

    def log_change(self, request, obj, message):
        # A save that changed nothing is not an entry in the story's history.
        if not message:
            return None
        return super().log_change(request, obj, message)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        article = form.instance
        if not change and not article.bylines.exists():
            Byline.objects.create(article=article, reporter=Reporter.for_user(request.user))

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        adminform = context.get("adminform")
        context["conflict"] = getattr(adminform.form, "conflict", None) if adminform else None
        context["keep_mine_name"] = KEEP_MINE
        return self._render_change_form(request, context, add, change, form_url, obj)

    def response_change(self, request, obj):
        if "_submit_for_review" in request.POST and obj.status == Article.Status.REVIEW:
            self.message_user(request, "검토를 요청했습니다. 편집자가 확인 후 발행합니다.")
        return super().response_change(request, obj)

    def get_changeform_initial_data(self, request):
        # A new story's [매체] dateline: the paper's own name, from 사이트 설정.
        from newsroom.models import SiteSettings

        initial = super().get_changeform_initial_data(request)
        initial.setdefault("dateline", SiteSettings.current().name)
        return initial

    def response_add(self, request, obj, post_url_continue=None):
        # 저장하고 검토 요청 on a new story: say so, as on an existing one.
        if "_submit_for_review" in request.POST and obj.status == Article.Status.REVIEW:
            self.message_user(request, "검토를 요청했습니다. 편집자가 확인 후 발행합니다.")
        return super().response_add(request, obj, post_url_continue)

    def _render_change_form(self, request, context, add, change, form_url, obj):
        context["can_submit_for_review"] = not can_publish(request.user) and (
            obj is None or obj.status == Article.Status.DRAFT
        )
        if obj is not None:
            context["preview_url"] = reverse("articles:preview", kwargs={"pk": obj.pk})
            context["revisions_url"] = reverse("admin:articles_article_revisions", args=[obj.pk])
            if request.method == "GET":
                history.mark_editing(obj, request.user)
            context["others_editing"] = history.others_editing(obj, request.user)
            context["presence_url"] = reverse("admin:articles_article_presence", args=[obj.pk])
            context["takeover_url"] = reverse("admin:articles_article_takeover", args=[obj.pk])
            if can_publish(request.user) and obj.status == Article.Status.REVIEW:
                context["reject_url"] = reverse("admin:articles_article_reject", args=[obj.pk])
        return super().render_change_form(request, context, add, change, form_url, obj)

    @admin.action(description="선택한 기사 검토 요청", permissions=["change"])
    def submit_selected_for_review(self, request, queryset):
        done = 0
        for article in queryset.drafts():
            try:
                with reversion.create_revision():
                    workflow.submit(article, by=request.user)
            except (PermissionDenied, ValidationError, StaleVersion):
                continue
            self.log_change(request, article, f"{STEPS['submit']}(목록에서)")
            done += 1
        self.message_user(request, f"{done}건을 검토 요청했습니다.")

    @admin.action(description="선택한 기사 발행", permissions=["publish"])
    def publish_selected(self, request, queryset):
        published, skipped = 0, []
        # Live and scheduled stories keep their times: publishing again would re-date them.
        for article in queryset.exclude(status=Article.Status.PUBLISHED):
            try:
                with reversion.create_revision():
                    workflow.publish(article, by=request.user)
            except ValidationError:
                skipped.append(article.headline)
                continue
            except StaleVersion:  # saved by someone this very moment: not counted
                continue
            self.log_change(request, article, f"{STEPS['publish']}(목록에서)")
            published += 1
        self.message_user(request, f"{published}건을 발행했습니다.")
        if skipped:
            self.message_user(
                request,
                format_html(
                    "섹션이 없어 발행하지 못한 기사: {}",
                    format_html_join(", ", "‘{}’", ((h,) for h in skipped)),
                ),
                messages.WARNING,
            )

    @admin.action(description="선택한 기사 발행 취소", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        count = 0
        for article in queryset.filter(status=Article.Status.PUBLISHED):
            try:
                with reversion.create_revision():
                    workflow.unpublish(article, by=request.user)
            except StaleVersion:
                continue
            self.log_change(request, article, f"{STEPS['unpublish']}(목록에서)")
            count += 1
        self.message_user(request, f"{count}건의 발행을 취소했습니다.")


@admin.register(TrashedArticle)
class TrashedArticleAdmin(admin.ModelAdmin):
    """휴지통: stories editors deleted, each with 복원 and 영구 삭제 (editors only)."""

    list_display = ("story", "section", "state", "trashed_at", "trashed_by", "purge_on", "tools")
    list_display_links = None
    list_select_related = ("section", "section__parent", "deleted_by")
    search_fields = ("headline", "subheadline")
    search_help_text = "제목, 부제로 찾습니다."
    actions = ("restore_selected", "purge_selected")
    list_per_page = 50

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<int:object_id>/restore/",
                wrap(self.restore_view),
                name="articles_trashedarticle_restore",
            ),
            path(
                "<int:object_id>/purge/",
                wrap(self.purge_view),
                name="articles_trashedarticle_purge",
            ),
            *super().get_urls(),
        ]

    def has_view_permission(self, request, obj=None):
        return request.user.is_staff and can_publish(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return self.has_view_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # 영구 삭제 is purge_selected, which asks first
        return actions

    @admin.display(description="제목", ordering="headline")
    def story(self, article):
        return format_html(
            '<a href="{}" target="_blank" rel="noopener">{}</a>',
            reverse("articles:preview", kwargs={"pk": article.pk}),
            article.headline,
        )

    @admin.display(description="상태")
    def state(self, article):
        return article.display_status

    @admin.display(description="휴지통으로 옮긴 시각", ordering="deleted_at")
    def trashed_at(self, article):
        return timezone.localtime(article.deleted_at).strftime("%Y.%m.%d %H:%M")

    @admin.display(description="옮긴 사람")
    def trashed_by(self, article):
        return article.deleted_by or "-"

    @admin.display(description="영구 삭제 예정")
    def purge_on(self, article):
        return timezone.localtime(article.purge_due_at).strftime("%Y.%m.%d")

    @admin.display(description="")
    def tools(self, article):
        # The list's own form carries the CSRF token; formaction sends it to 복원.
        return format_html(
            '<button type="submit" class="button" formaction="{}" formmethod="post">복원</button> '
            '<a class="button" href="{}">영구 삭제</a>',
            reverse("admin:articles_trashedarticle_restore", args=[article.pk]),
            reverse("admin:articles_trashedarticle_purge", args=[article.pk]),
        )

    def _restore(self, request, pk) -> bool:
        try:
            article = trash.untrash(pk, by=request.user)
        except trash.PurgedError as error:
            self.message_user(request, error.message, messages.ERROR)
            return False
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return False
        self.log_change(request, article, "휴지통에서 복원했습니다.")
        self.message_user(
            request,
            format_html(
                '‘{}’ 기사를 휴지통에서 복원했습니다({}). <a href="{}">기사 편집</a>',
                article.headline,
                article.display_status,
                reverse("admin:articles_article_change", args=[article.pk]),
            ),
        )
        return True

    def _purge(self, request, pk) -> bool:
        article = TrashedArticle.objects.filter(pk=pk).first()
        if article is not None:
            self.log_deletions(request, [article])
        purged = trash.purge(pk, by=request.user)
        if purged is None:
            self.message_user(
                request,
                "휴지통에 없는 기사입니다(이미 복원했거나 영구 삭제했습니다).",
                messages.ERROR,
            )
            return False
        self.message_user(request, f"‘{purged.headline}’ 기사를 영구 삭제했습니다.")
        return True

    def restore_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_view_permission(request):
            raise PermissionDenied
        self._restore(request, object_id)
        return redirect("admin:articles_trashedarticle_changelist")

    def purge_view(self, request, object_id):
        if not self.has_delete_permission(request):
            raise PermissionDenied
        if request.method == "POST":
            self._purge(request, object_id)
            return redirect("admin:articles_trashedarticle_changelist")
        article = TrashedArticle.objects.filter(pk=object_id).first()
        if article is None:
            raise Http404("휴지통에 없는 기사입니다.")
        return TemplateResponse(
            request,
            "admin/articles/trashedarticle/purge_confirmation.html",
            {
                **self.admin_site.each_context(request),
                "title": "영구 삭제",
                "opts": self.opts,
                "queryset": [article],
                "single": True,
            },
        )

    @admin.action(description="선택한 기사 복원", permissions=["view"])
    def restore_selected(self, request, queryset):
        restored = sum(self._restore(request, article.pk) for article in queryset)
        if restored > 1:
            self.message_user(request, f"모두 {restored}건을 복원했습니다.")

    @admin.action(description="선택한 기사 영구 삭제", permissions=["delete"])
    def purge_selected(self, request, queryset):
        if request.POST.get("post"):
            for article in list(queryset):
                self._purge(request, article.pk)
            return None
        return TemplateResponse(
            request,
            "admin/articles/trashedarticle/purge_confirmation.html",
            {
                **self.admin_site.each_context(request),
                "title": "영구 삭제",
                "opts": self.opts,
                "queryset": queryset,
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            },
        )


@admin.register(Correction)
class CorrectionAdmin(NamedAutocomplete, VersionAdmin):
    """All corrections, each with its own revisions (변경 이력); editors only."""

    list_display = ("__str__", "article", "date", "created_by")
    list_filter = ("kind",)
    list_select_related = ("article", "created_by")
    search_fields = ("text", "article__headline")
    autocomplete_fields = ("article",)
    form = CorrectionForm
    fields = ("article", "kind", "date", "text")
    date_hierarchy = "date"

    def has_view_permission(self, request, obj=None):
        return can_publish(request.user) and super().has_view_permission(request, obj)

    def has_add_permission(self, request):
        return can_publish(request.user) and super().has_add_permission(request)

    def has_change_permission(self, request, obj=None):
        return can_publish(request.user) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return can_publish(request.user) and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    # VersionAdmin names the revision after the log message; these run last inside the
    # revision, so the story's history gets the workflow step instead.
    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        history.record(obj.article, by=request.user, step="correction", note=obj.get_kind_display())
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        history.record(obj.article, by=request.user, step="correction", note=obj.get_kind_display())
        return entry


def _same_time(first, second) -> bool:
    """The admin's time widget drops microseconds: equal to the second is unchanged."""
    if first is None or second is None:
        return first is second
    return first.replace(microsecond=0) == second.replace(microsecond=0)


def _really_changed(form, name) -> bool:
    """``changed_data`` flags the body whenever the editor re-serializes it; compare what
    is stored instead."""
    before, after = form.initial.get(name), form.cleaned_data.get(name)
    if name == "body":
        return _markup(clean_html(before or "")) != _markup(clean_html(after or ""))
    if name == "tags":
        return sorted(t.name for t in before or []) != sorted(after or [])
    if name == "published_at":
        return not _same_time(before, after)
    return True


def _markup(html: str) -> str:
    return re.sub(r"\s+", " ", html).replace("> <", "><").strip()


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@admin.register(Notice)
class NoticeAdmin(DeskOnlyReadOnlyAdmin):
    """알림 메일: what went out and what waits for send_notices (editors read, nobody edits)."""

    list_display = ("subject", "kind", "email", "created_at", "sent_at", "attempts")
    list_filter = ("kind", ("sent_at", admin.EmptyFieldListFilter))
    list_select_related = ("article",)
    search_fields = ("subject", "email")
    readonly_fields = [f.name for f in Notice._meta.fields]
