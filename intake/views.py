from django.core.files.base import ContentFile
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from intake import portal, spam
from intake.forms import TipForm
from intake.models import Tip, TipPhoto

# Bigger than 5 photos at the image gate's limit plus the text: refused before parsing.
MAX_BODY_BYTES = 60 * 1024 * 1024


@never_cache
def tip(request):
    """The public 기사제보 form. Never page-cached: it carries a fresh signed token."""
    if request.method == "POST":
        if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY_BYTES:
            return render(request, "intake/tip_refused.html", status=413)
        form = TipForm(request.POST, request.FILES)
        if form.is_spam:
            # Answer like a success so the bot learns nothing; store nothing.
            return redirect("tip_thanks")
        if not spam.hit(request):
            return render(request, "intake/tip_refused.html", status=429)
        if form.is_valid():
            _store(form.cleaned_data)
            return redirect("tip_thanks")
    else:
        form = TipForm()
    return render(request, "intake/tip_form.html", {"form": form})


@transaction.atomic
def _store(data) -> Tip:
    tip = Tip.objects.create(name=data["name"], contact=data["contact"], text=data["text"])
    for n, prepared in enumerate(data["photos"], 1):
        TipPhoto.objects.create(
            tip=tip,
            file=ContentFile(
                prepared.encode_master(), name=f"tip-{tip.pk}-{n}.{prepared.extension}"
            ),
        )
    return tip


@never_cache
def tip_thanks(request):
    return render(request, "intake/tip_thanks.html")


def portal_export(request):
    """The portal export (intake/portal.py). Not a public_page: the page cache would
    answer before the fetch is logged; the built export is stored instead."""
    exported = portal.export(request)
    portal.log_fetch(request, exported)
    return HttpResponse(exported["xml"], content_type="application/rss+xml; charset=utf-8")
