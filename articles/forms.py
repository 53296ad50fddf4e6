import re

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from taggit.models import Tag

from articles import history
from articles.models import Article, Image
from articles.widgets import RichTextWidget, TagAutocompleteWidget

_VERSION_TOKEN = re.compile(r"(\d{1,12})\.(\d{1,12})")
# The button of the stale-save notice: "keep my text on top of the current version".
KEEP_MINE = "_keep_mine"


def version_token(article: Article) -> str:
    """The hidden ``version`` of a change form: the story and the version it shows, so a
    token copied from another story's form is refused, not taken for a version number."""
    return f"{article.pk}.{article.version}"


class ArticleAdminForm(forms.ModelForm):
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        fields = [
            "headline",
            "subheadline",
            "section",
            "body",
            "summary",
            "lead_image",
            "tags",
            "dateline",
            "origin",
            "slug",
            "series",
            "series_part",
            "column",
            "status",
            "published_at",
            "legacy_id",
        ]
        widgets = {
            "body": RichTextWidget(),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "tags": TagAutocompleteWidget(),
        }
        error_messages = {
            "headline": {"required": "제목을 입력하세요."},
            "slug": {"invalid": "주소 이름에는 글자, 숫자, 하이픈(-), 밑줄(_)만 쓸 수 있습니다."},
        }

    def __init__(self, data=None, *args, **kwargs):
        self.keeping_mine = data is not None and bool(data.get(KEEP_MINE))
        if self.keeping_mine:
            # The notice's button carries the current version: the submitted text becomes
            # a new form on top of it, shown to be checked and saved again.
            data = data.copy()
            data["version"] = data[KEEP_MINE]
        super().__init__(data, *args, **kwargs)
        self.conflict = None
        if self.instance.pk is not None:
            self.initial["version"] = version_token(self.instance)

    def clean_tags(self):
        # taggit's field does not check length; the database would refuse it with a 500.
        tags = self.cleaned_data["tags"]
        limit = Tag._meta.get_field("name").max_length
        if any(len(tag) > limit for tag in tags):
            raise forms.ValidationError(f"태그는 하나에 {limit}자까지 쓸 수 있습니다.")
        return tags

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("published_at") and not cleaned.get("section") and "section" in self.fields:
            self.add_error("section", "발행 시각을 정하려면 섹션을 골라야 합니다.")
        if self.instance.pk is not None:
            self.check_version(cleaned.get("version") or "")
        if self.keeping_mine and not self.errors:
            self.add_error(
                None,
                "아직 저장하지 않았습니다. 내가 쓴 내용을 지금 판 위에 옮겼으니, "
                "확인한 뒤 저장을 누르세요.",
            )
        return cleaned

    def check_version(self, token: str) -> None:
        """Refuse a save over a version that is not the current one. Runs inside the
        admin's saving transaction and locks the row until it ends, so of two saves
        from the same version the second waits here and then sees the first."""
        match = _VERSION_TOKEN.fullmatch(token.strip())
        if not token:
            self.add_error(
                None,
                "이 화면에 기사의 판 정보가 없어 저장하지 않았습니다. "
                "기사를 다시 열어 고쳐 주세요.",
            )
            return
        if not match:
            self.add_error(
                None, "판 정보가 올바르지 않아 저장하지 않았습니다. 기사를 다시 열어 주세요."
            )
            return
        article_id, number = int(match[1]), int(match[2])
        if article_id != self.instance.pk:
            self.add_error(
                None, "다른 기사의 판 정보라 저장하지 않았습니다. 이 기사를 다시 열어 고쳐 주세요."
            )
            return
        with transaction.atomic():
            current = (
                Article.objects.select_for_update()
                .filter(pk=article_id)
                .values_list("version", flat=True)
                .first()
            )
        if current is None:
            self.add_error(None, "그 사이 기사가 지워져 저장하지 않았습니다.")
        elif number > current:
            self.add_error(
                None, "아직 없는 판 번호라 저장하지 않았습니다. 기사를 다시 열어 고쳐 주세요."
            )
        elif number < current:
            fresh = Article.objects.get(pk=article_id)
            self.conflict = history.Conflict.build(fresh, number, self)
            # The full message is shown once, in the stale-save notice (change_form.html).
            self.add_error(None, "다른 사람의 저장과 겹쳐 저장하지 않았습니다. 아래 안내를 보세요.")
        elif self.instance.version != current:
            # This request loaded the row before a save it has not seen: load it again.
            self.add_error(None, "방금 다른 저장이 있었습니다. 기사를 다시 열어 주세요.")


class ImageAdminForm(forms.ModelForm):
    """The library's upload form: the cleaned photo is written to storage while the form
    is judged, so a full or read-only disk is a Korean form error on the 파일 field
    instead of a server error after the form was accepted."""

    class Meta:
        model = Image
        fields = ("file", "alt_text", "caption", "credit", "focal_x", "focal_y")

    def _post_clean(self):
        super()._post_clean()
        upload = self.instance.file
        if self.errors or not upload or upload._committed:
            return
        try:
            # What FileField.pre_save would do on save(); the row write that follows
            # removes this file again if it fails (Image.save).
            upload.save(upload.name, upload.file, save=False)
        except ValidationError as error:
            self.add_error("file", error)
