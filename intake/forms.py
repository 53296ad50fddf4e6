from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html

from articles import images
from intake import spam

MAX_PHOTOS = 5
MAX_TEXT = 10_000


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Hands the list of uploads to ``TipForm.clean_photos``, which judges each."""

    def clean(self, data, initial=None):
        return [f for f in (data or []) if f]


class TipForm(spam.SpamGuardMixin, forms.Form):
    name = forms.CharField(label="이름(선택)", max_length=60, required=False)
    contact = forms.CharField(
        label="연락처",
        max_length=120,
        error_messages={"required": "연락받을 전화번호나 이메일을 적어 주세요."},
    )
    text = forms.CharField(
        label="제보 내용",
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=MAX_TEXT,
        error_messages={
            "required": "제보 내용을 적어 주세요.",
            "max_length": f"제보 내용은 {MAX_TEXT:,}자 이하로 적어 주세요.",
        },
    )
    photos = MultipleFileField(
        label=f"사진(선택, 최대 {MAX_PHOTOS}장)",
        required=False,
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
    )
    consent = forms.BooleanField(
        label="개인정보 수집·이용에 동의합니다",
        error_messages={"required": "개인정보 수집·이용에 동의해야 제보할 수 있습니다."},
    )
    # Honeypot: hidden from people by CSS and aria-hidden; bots fill it.
    website = forms.CharField(required=False, label="웹사이트")
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].help_text = format_html(
            '<a href="{}">개인정보처리방침</a>', reverse("legal_page", args=["privacy"])
        )
        if not self.is_bound:
            self.initial["token"] = spam.make_token()

    def clean_token(self):
        if not spam.token_ok(self.cleaned_data.get("token", "")):
            raise ValidationError(
                "양식을 너무 빨리 보냈거나 너무 오래 열어 두었습니다. 잠시 뒤 다시 보내 주세요."
            )
        return ""

    def clean_photos(self):
        files = self.cleaned_data.get("photos") or []
        if len(files) > MAX_PHOTOS:
            raise ValidationError(f"사진은 {MAX_PHOTOS}장까지 보낼 수 있습니다.")
        prepared = []
        for f in files:
            try:
                prepared.append(images.prepare(f))
            except ValidationError as exc:
                raise ValidationError(f"{f.name}: {' '.join(exc.messages)}") from exc
        return prepared

    def clean(self):
        data = super().clean()
        for field in ("contact", "text", "name"):
            # CharField strips, so a text of only spaces is already "required"; keep it so.
            if field in data and data[field] is not None:
                data[field] = data[field].strip()
        return data
