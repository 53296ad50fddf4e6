from django import forms

from newsroom.ad_report import LAST_DAY, MAX_DAYS
from newsroom.models import Banner, HomeBlockPin


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


class AdReportForm(forms.Form):
    """The ad report's period: whole Korean days, at most a year."""

    start = forms.DateField(
        label="시작일",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "날짜를 2026-11-01 처럼 입력하세요."},
    )
    end = forms.DateField(
        label="종료일",
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={"invalid": "날짜를 2026-11-30 처럼 입력하세요."},
    )
    advertiser = forms.CharField(
        label="광고주",
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"list": "advertiser-names"}),
        help_text="비워 두면 모든 광고주",
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if end and end > LAST_DAY:
            self.add_error("end", f"날짜는 {LAST_DAY.isoformat()}까지 입력하세요.")
        elif start and end:
            if end < start:
                self.add_error("end", "종료일은 시작일과 같거나 뒤여야 합니다.")
            elif (end - start).days >= MAX_DAYS:
                self.add_error("end", f"보고서 기간은 {MAX_DAYS}일까지입니다.")
        return data


class HomeBlockPinForm(forms.ModelForm):
    """A pin must name a story that is or will be published (a 발행 story, scheduled ones
    included): a draft pinned today would be a surprise the day it is published. Checked
    only when the row's story or block changes, so a pinned story unpublished later does
    not block the rest of the home page's form (readers stop seeing it at once)."""

    class Meta:
        model = HomeBlockPin
        fields = ("block", "article", "order")

    def clean(self):
        data = super().clean()
        article = data.get("article")
        changed = {"article", "block"} & set(self.changed_data)
        if article is not None and changed and not _will_be_published(article):
            self.add_error("article", "발행된 기사(예약 발행 포함)만 블록에 고정할 수 있습니다.")
        return data


def _will_be_published(article) -> bool:
    """Published, or scheduled: what ``published()`` shows now or at its time."""
    return article.status == article.Status.PUBLISHED and article.deleted_at is None
