from django import forms
from django.core.exceptions import ValidationError
from taggit.models import Tag

from articles.models import Article, Image
from articles.widgets import RichTextWidget, TagAutocompleteWidget


class ArticleAdminForm(forms.ModelForm):
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
        return cleaned


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
