import sys

from django.db import connection
from django.http import HttpResponse, HttpResponseRedirect, HttpResponseServerError
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from articles.models import Article
from newsroom.bots import is_bot
from newsroom.counters import record_click, record_impression, record_read
from newsroom.home import chosen_blocks, home_page
from newsroom.middleware import DATABASE_ERRORS, database_unavailable
from newsroom.models import Banner, HomeCuration, LegalPage
from newsroom.pagecache import cache_available, public_page, remember


@public_page
def home(request):
    return render(
        request,
        "newsroom/home.html",
        # Its stories end "home" whenever readers can see them (articles/cache_keys.py);
        # section blocks carry section names, which end "site".
        remember("home", _home_context, keys=["home", "site"], until_next_change=True),
    )


def _home_context() -> dict:
    curation = HomeCuration.current()
    front, blocks = home_page(curation, chosen_blocks(curation))
    return {
        "top_story": front.top_story,
        "featured": front.featured,
        "latest": front.latest,
        "blocks": blocks,
        "last_edited_at": front.last_edited_at,
        "columns": front.columns,
        "popular_tags": front.popular_tags,
    }


@never_cache
def banner_click(request, pk):
    """Count a click, then go to the banner's stored address and nowhere else.

    No parameter is read, so the redirect cannot be pointed elsewhere; a banner outside
    its window, switched off or unknown is a 404.
    """
    banner = get_object_or_404(Banner.objects.live().only("pk", "url"), pk=pk)
    if not is_bot(request.headers.get("User-Agent")):
        record_click(request, banner.pk)
    response = HttpResponseRedirect(banner.url)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@csrf_exempt  # a beacon carries no token; counting a read changes nothing a reader owns
@require_POST
@never_cache
def article_read(request, pk):
    """The read beacon: article pages fire it from the browser, so reads are counted
    even when a cache or CDN serves the page's HTML."""
    if _countable(request) and Article.objects.published().filter(pk=pk).exists():
        record_read(request, pk)
    return HttpResponse(status=204)


# A page shows at most a handful of banners; a longer list is not from our script.
MAX_IMPRESSIONS_PER_BEACON = 12


@csrf_exempt  # like the read beacon: it carries no token and changes nothing a reader owns
@require_POST
@never_cache
def banner_impressions(request):
    """The impression beacon: static/newsroom/banners.js posts ``ids=3,7`` for the banners
    that were on screen. Only banners live now count; the rest of the list is ignored."""
    raw = request.POST.get("ids", "")
    ids = {int(part) for part in raw.split(",") if part.strip().isdigit()}
    if not ids or len(ids) > MAX_IMPRESSIONS_PER_BEACON or len(raw) > 200:
        return HttpResponse(status=400)
    if _countable(request):
        for banner_id in Banner.objects.live().filter(pk__in=ids).values_list("pk", flat=True):
            record_impression(request, banner_id)
    return HttpResponse(status=204)


def _countable(request) -> bool:
    # Browsers mark a beacon from our own page same-origin; another site's forged
    # request says cross-site and is ignored.
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site not in (None, "same-origin"):
        return False
    return not is_bot(request.headers.get("User-Agent"))


@public_page(params=())
def legal_page(request, kind):
    page = get_object_or_404(LegalPage, kind=kind)
    return render(request, "newsroom/legal_page.html", {"page": page})


def server_error(request):
    # Rendered without a request context: a broken database must not break this page too.
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return database_unavailable(request)  # raised in a middleware, outside any view
    return HttpResponseServerError(loader.get_template("500.html").render())


@never_cache
def healthz(request):
    """200 when the database and the cache answer, else 503. Touches no session."""
    checks = {"database": _database_answers(), "cache": cache_available()}
    body = "\n".join(f"{name}: {'ok' if ok else 'down'}" for name, ok in checks.items())
    return HttpResponse(body + "\n", status=200 if all(checks.values()) else 503,
                        content_type="text/plain; charset=utf-8")  # fmt: skip


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True
    except DATABASE_ERRORS:
        return False


def favicon(request):
    """Browsers ask for /favicon.ico on pages that name no icon (the admin's)."""
    return redirect(static("newsroom/favicon.svg"), permanent=True)
