"""The desk's calendar (placeholder until the view lands)."""

from django.http import HttpResponse


def calendar_view(request):
    return HttpResponse("")
