from django import forms

from newsroom.models import Banner


class BannerForm(forms.ModelForm):
    class Meta:
        model = Banner
        fields = (
            "name",
            "slot",
            "image",
            "alt_text",
            "url",
            "is_active",
            "starts_at",
            "ends_at",
            "weight",
            "order",
        )
        error_messages = {
            "alt_text": {
                "required": "대체 텍스트를 입력하세요. 이미지를 볼 수 없는 독자에게 읽어 주는 글입니다."
            },
            "url": {"required": "배너를 누르면 갈 주소를 입력하세요."},
            "image": {"required": "배너 이미지를 고르세요."},
        }
