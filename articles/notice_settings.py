"""알림 설정: each person turns the desk's e-mail notices on or off for themselves."""

from django import forms
from django.contrib import messages
from django.contrib.admin import site
from django.shortcuts import redirect
from django.template.response import TemplateResponse

from articles.models import NoticePreference


class NoticePreferenceForm(forms.ModelForm):
    class Meta:
        model = NoticePreference
        fields = ["email"]
        help_texts = {
            "email": "검토 요청(편집자), 반려·발행·예약 발행·발행 취소(기사의 기자)를 메일로 알립니다."
        }


def notice_settings(request):
    """Only one's own row: there is no user id in the address to change."""
    preference = NoticePreference.objects.filter(user=request.user).first() or NoticePreference(
        user=request.user
    )
    # An unticked box posts nothing: an empty POST is still a POST.
    data = request.POST if request.method == "POST" else None
    form = NoticePreferenceForm(data, instance=preference)
    if request.method == "POST" and form.is_valid():
        form.save()
        state = "받습니다" if form.instance.email else "받지 않습니다"
        messages.success(request, f"알림 설정을 저장했습니다. 이제 이메일 알림을 {state}.")
        return redirect("notice_settings")
    context = {
        **site.each_context(request),
        "title": "알림 설정",
        "form": form,
        "address": request.user.email,
    }
    return TemplateResponse(request, "admin/articles/notice_settings.html", context)
