from django import forms

from intake import spam


class SubscribeForm(spam.SpamGuardMixin, forms.Form):
    token_refused = "양식을 너무 빨리 보냈거나 오래되었습니다. 페이지를 새로 고쳐 다시 보내 주세요."

    email = forms.EmailField(
        label="이메일",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "placeholder": "name@example.com"}),
        error_messages={
            "required": "이메일 주소를 적어 주세요.",
            "invalid": "올바른 이메일 주소를 적어 주세요.",
            "max_length": "이메일 주소는 254자 이하여야 합니다.",
        },
    )
    # Honeypot and signed time token: the 기사제보 form's spam control (intake/spam.py).
    website = forms.CharField(required=False, label="웹사이트")
    token = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()
