from django import forms


class RichTextWidget(forms.Textarea):
    """The article body editor: a toolbar in Korean over a contenteditable area.

    Without JavaScript it degrades to the plain textarea of HTML.
    """

    template_name = "articles/widgets/rich_text.html"

    class Media:
        css = {"all": ["articles/editor.css"]}
        js = ["articles/editor.js"]

    def __init__(self, attrs=None):
        super().__init__({"rows": 20, "class": "rich-text-source", **(attrs or {})})
