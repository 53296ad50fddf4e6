import json

from django import forms
from django.urls import NoReverseMatch, reverse
from django_prose_editor.widgets import ProseEditorWidget
from taggit.forms import TagWidget

from articles.prose import BODY_EXTENSIONS
from articles.sanitize import VIDEO_EMBED_PATTERNS

# The package's styles, then ours; one module script, which imports the package's
# editor.js itself (no inline import map: see static/articles/body-editor.js).
EDITOR_MEDIA = {
    "css": {
        "all": [
            "django_prose_editor/material-icons.css",
            "django_prose_editor/editor.css",
            "django_prose_editor/overrides.css",
            "articles/body-editor.css",
        ]
    },
    # The package's dialog words come from locale/ko/LC_MESSAGES/djangojs.po through the
    # admin's JavaScript catalogue, which the change form loads before its media.
    "js": [forms.Script("articles/body-editor.js", type="module")],
}
TAG_MEDIA = {
    "css": {"all": ["articles/tag-autocomplete.css"]},
    "js": ["articles/tag-autocomplete.js"],
}


def _admin_url(name: str) -> str:
    """The editor's JSON endpoints live in the admin; outside it the feature is just off."""
    try:
        return reverse(f"admin:{name}")
    except NoReverseMatch:
        return ""


class RichTextWidget(ProseEditorWidget):
    """The article body editor: ProseMirror (django-prose-editor) with the schema of
    ``articles.prose.BODY_EXTENSIONS``, a Korean toolbar, the photo library and videos.

    Without JavaScript it degrades to the plain textarea of HTML. The script reads its
    endpoints and the video allowlist from data attributes, so the allowlist has one
    source: ``articles.sanitize.VIDEO_EMBED_PATTERNS``.
    """

    template_name = "articles/widgets/rich_text.html"
    media = forms.Media(**EDITOR_MEDIA)

    def __init__(self, attrs=None):
        super().__init__(
            {"rows": 20, "class": "rich-text-source", **(attrs or {})},
            config={"extensions": BODY_EXTENSIONS},
            preset="newsroom",
        )

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["editor"] = {
            "images_url": _admin_url("articles_article_editor_images"),
            "video_url": _admin_url("articles_article_editor_video"),
            "image_add_url": _admin_url("articles_image_add"),
            "video_patterns": json.dumps([p.pattern for p in VIDEO_EMBED_PATTERNS]),
        }
        return context


class TagAutocompleteWidget(TagWidget):
    """taggit's comma-separated text input, plus suggestions of existing tags."""

    template_name = "articles/widgets/tag_autocomplete.html"
    media = forms.Media(**TAG_MEDIA)

    def __init__(self, attrs=None):
        # The browser's own history list would cover the suggestions.
        super().__init__({"autocomplete": "off", "class": "vTextField", **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["tags_url"] = _admin_url("articles_article_editor_tags")
        return context
