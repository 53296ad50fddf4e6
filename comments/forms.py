from django import forms
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError

from comments import text
from intake import spam

TOKEN_SALT = "comments.form"


class CommentForm(spam.SpamGuardMixin, forms.Form):
    token_salt = TOKEN_SALT
    token_refused = (
        "양식을 너무 빨리 보냈거나 너무 오래 열어 두었습니다. 기사를 새로 고친 뒤 다시 보내 주세요."
    )

    name = forms.CharField(
        label="이름",
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
        error_messages={
            "required": "이름을 적어 주세요.",
            "max_length": "이름은 30자 이하로 적어 주세요.",
        },
    )
    password = forms.CharField(
        label="비밀번호",
        min_length=4,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="댓글을 지울 때 씁니다.",
        error_messages={
            "required": "댓글을 지울 때 쓸 비밀번호를 적어 주세요.",
            "min_length": "비밀번호는 4자 이상으로 적어 주세요.",
            "max_length": "비밀번호는 128자 이하로 적어 주세요.",
        },
    )
    body = forms.CharField(
        label="댓글",
        widget=forms.Textarea(
            attrs={
                "rows": 4,
                "placeholder": "댓글을 남겨 주세요. 링크가 있거나 금칙어가 든 댓글은 "
                "편집자가 확인한 뒤 게시합니다.",
            }
        ),
        strip=False,
        error_messages={"required": "댓글 내용을 적어 주세요."},
    )
    email = forms.EmailField(
        label="이메일",
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text="확인 링크를 보냅니다. 주소는 저장하지 않습니다.",
        error_messages={
            "invalid": "이메일 주소 형식이 올바르지 않습니다.",
            "max_length": "이메일 주소는 254자 이하로 적어 주세요.",
        },
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # Honeypot: hidden from people by CSS and aria-hidden; bots fill it.
    website = forms.CharField(required=False, label="웹사이트")
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, policy, **kwargs):
        # One form on a story page; ids of its own, and labels without Django's colon.
        kwargs.setdefault("auto_id", "comment-%s")
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        self.policy = policy
        self.fields["body"].widget.attrs["maxlength"] = policy.max_length

    def clean_name(self):
        name = text.clean(self.cleaned_data["name"]).replace("\n", " ")
        if not name:
            raise ValidationError("이름을 적어 주세요.")
        return name

    def clean_body(self):
        body = text.clean(self.cleaned_data["body"])
        if not body:
            raise ValidationError("댓글 내용을 적어 주세요.")
        if len(body) > self.policy.max_length:
            raise ValidationError(
                f"댓글은 {self.policy.max_length:,}자 이하로 적어 주세요 (지금 {len(body):,}자)."
            )
        return body

    def clean_email(self):
        email = self.cleaned_data.get("email", "").strip()
        if self.policy.require_email and not email:
            raise ValidationError("확인 링크를 받을 이메일 주소를 적어 주세요.")
        return email if self.policy.require_email else ""

    def clean_password(self):
        return make_password(self.cleaned_data["password"])

    def held_reason(self) -> str:
        """Why this valid comment waits for an editor, or '' to publish it now."""
        data = self.cleaned_data
        word = text.banned_word_in(f"{data['name']} {data['body']}", self.policy.word_list())
        if word:
            return f"금칙어: {word}"[:100]
        if text.has_link(data["body"]) or text.has_link(data["name"]):
            return "링크 포함"
        if self.policy.moderation == self.policy.Moderation.PRE:
            return "사전 검토"
        return ""
