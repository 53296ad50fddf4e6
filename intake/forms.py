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
    name = forms.CharField(
        label="이름(선택)",
        max_length=60,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"max_length": "이름은 60자 이하로 적어 주세요."},
    )
    contact = forms.CharField(
        label="연락처",
        max_length=120,
        help_text="전화번호나 이메일. 편집국만 보며 기사에 싣지 않습니다.",
        error_messages={
            "required": "연락받을 전화번호나 이메일을 적어 주세요.",
            "max_length": "연락처는 120자 이하로 적어 주세요.",
        },
    )
    text = forms.CharField(
        label="제보 내용",
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=MAX_TEXT,
        help_text=f"언제, 어디서, 무슨 일이 있었는지 적어 주세요. {MAX_TEXT:,}자까지.",
        error_messages={
            "required": "제보 내용을 적어 주세요.",
            "max_length": f"제보 내용은 {MAX_TEXT:,}자 이하로 적어 주세요.",
        },
    )
    photos = MultipleFileField(
        label=f"사진(선택, 최대 {MAX_PHOTOS}장)",
        required=False,
        help_text="JPEG·PNG·WebP·GIF. 사진 속 위치 등 부가 정보는 지우고 보관합니다.",
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
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.fields["consent"].help_text = format_html(
            '이름과 연락처는 제보 확인과 연락에만 씁니다. 자세한 내용은 <a href="{}">개인정보처리방침</a>',
            reverse("legal_page", args=["privacy"]),
        )

    @property
    def photos_note(self) -> str:
        """Shown under the photo box when a submission with photos comes back with errors:
        a browser never fills a file box again, so the reader is asked to choose them once
        more (the text they typed is kept)."""
        if not self.is_bound or not self.errors:
            return ""
        sent = len([f for f in self.files.getlist("photos") if f])
        if not sent:
            return ""
        return f"보내신 사진 {sent}장은 다시 골라 주세요. 적으신 글은 그대로 두었지만, 사진은 브라우저가 다시 채우지 않습니다."

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
