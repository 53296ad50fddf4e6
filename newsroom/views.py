from django.http import HttpResponseServerError
from django.shortcuts import get_object_or_404, render
from django.template import loader

from newsroom.home import latest_articles, section_blocks
from newsroom.models import LegalPage


def home(request):
    latest = latest_articles()
    return render(
        request,
        "newsroom/home.html",
        {
            "top_story": latest[0] if latest else None,
            "latest": latest[1:],
            "blocks": section_blocks(),
        },
    )


def legal_page(request, kind):
    page = get_object_or_404(LegalPage, kind=kind)
    return render(request, "newsroom/legal_page.html", {"page": page})


def server_error(request):
    # Rendered without a request context: a broken database must not break this page too.
    return HttpResponseServerError(loader.get_template("500.html").render())
