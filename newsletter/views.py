import hmac
import json
import logging

from django.conf import settings
from django.http import Http404, HttpResponse, HttpResponseForbidden, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from articles.models import Article
from intake import spam
from newsletter import subscriptions, tokens
from newsletter.forms import SubscribeForm
from newsletter.models import Delivery, Subscriber

logger = logging.getLogger("newsletter")

# The smallest transparent GIF (1×1).
PIXEL = (
    b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04\x01\x00\x00\x00"
    b"\x00,\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02D\x01\x00;"
)


def _bad_link(request, message="링크가 올바르지 않거나 유효 기간이 지났습니다."):
    return render(request, "newsletter/bad_link.html", {"message": message}, status=400)


@never_cache
def subscribe(request):
    """The sign-up page. Never page-cached: the form carries a fresh signed token."""
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        if form.is_spam:
            # Answer like a success so the bot learns nothing; store nothing.
            return render(request, "newsletter/sent.html")
        if not spam.hit(request):
            return render(request, "newsletter/refused.html", status=429)
        if form.is_valid():
            try:
                subscriptions.sign_up(form.cleaned_data["email"])
            except OSError:
                logger.exception("newsletter confirmation mail failed")
                return render(request, "newsletter/refused.html", {"mail_failed": True}, status=503)
            # The same answer whether the address is new, waiting or already active:
            # the page tells no one who subscribes.
            return render(request, "newsletter/sent.html")
    else:
        form = SubscribeForm()
    return render(request, "newsletter/subscribe.html", {"form": form})


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET only shows a 구독 확인 button; the POST (CSRF-protected) confirms.

    Mail scanners and link previews fetch every link in a mail, so a GET that confirmed
    would subscribe addresses whose owners never clicked. Confirming twice is harmless:
    the second answer is "이미 확인된 주소입니다".
    """
    pk = tokens.read(tokens.CONFIRM, token, max_age=tokens.CONFIRM_MAX_AGE)
    subscriber = Subscriber.objects.filter(pk=pk).first() if pk else None
    if subscriber is None or subscriber.status not in (
        Subscriber.Status.PENDING,
        Subscriber.Status.ACTIVE,
    ):
        return _bad_link(request)
    if request.method == "POST":
        done = subscriptions.confirm(subscriber)
        return render(request, "newsletter/confirmed.html", {"already": not done})
    if subscriber.status == Subscriber.Status.ACTIVE:
        return render(request, "newsletter/confirmed.html", {"already": True})
    return render(request, "newsletter/confirm.html")


@csrf_exempt  # One-click unsubscribe (RFC 8058) comes from mail providers without a CSRF token;
@never_cache  # the signed token is what protects it.
def unsubscribe(request, token):
    pk = tokens.read(tokens.UNSUBSCRIBE, token)
    subscriber = Subscriber.objects.filter(pk=pk).first() if pk else None
    if subscriber is None:
        return _bad_link(request, "구독 해지 링크가 올바르지 않습니다.")
    if request.method == "POST":
        subscriptions.unsubscribe(subscriber)
        if request.POST.get("List-Unsubscribe") == "One-Click":
            return HttpResponse("unsubscribed", content_type="text/plain")
        return render(request, "newsletter/unsubscribed.html")
    if subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        return render(request, "newsletter/unsubscribed.html")
    return render(request, "newsletter/unsubscribe.html")


def _delivery(token) -> Delivery | None:
    pk = tokens.read(tokens.TRACK, token)
    return Delivery.objects.filter(pk=pk).first() if pk else None


@never_cache
def opened(request, token):
    delivery = _delivery(token)
    if delivery is None:
        return HttpResponse(status=400)
    Delivery.objects.filter(pk=delivery.pk, opened_at__isnull=True).update(opened_at=timezone.now())
    return HttpResponse(PIXEL, content_type="image/gif")


@never_cache
def clicked(request, token, article_pk):
    """A tracked link: only ever to a story of that edition, at the story's own address;
    nothing in the request names the destination, so it cannot be an open redirect."""
    delivery = _delivery(token)
    if delivery is None:
        return _bad_link(request)
    if not delivery.edition.picks.filter(article_id=article_pk).exists():
        raise Http404
    article = get_object_or_404(Article.objects.published(), pk=article_pk)
    now = timezone.now()
    Delivery.objects.filter(pk=delivery.pk, clicked_at__isnull=True).update(clicked_at=now)
    # A click means the mail was read, even with images off.
    Delivery.objects.filter(pk=delivery.pk, opened_at__isnull=True).update(opened_at=now)
    return redirect(article.get_absolute_url())


@csrf_exempt
@require_POST
def bounce(request):
    """The mail provider's webhook (docs/newsletter.md): a shared secret in a header."""
    secret = settings.NEWSLETTER_WEBHOOK_SECRET
    if not secret:
        raise Http404
    given = request.headers.get("X-Newsletter-Secret", "")
    if not hmac.compare_digest(given.encode(), secret.encode()):
        return HttpResponseForbidden("forbidden")
    try:
        data = json.loads(request.body)
        email, kind = data["email"], data["type"]
    except (ValueError, KeyError, TypeError):
        return JsonResponse({"error": "JSON {email, type} 이 필요합니다."}, status=400)
    if not isinstance(email, str) or kind not in ("hard", "soft", "complaint"):
        return JsonResponse({"error": "type은 hard, soft, complaint 중 하나입니다."}, status=400)
    known = subscriptions.record_bounce(email, kind)
    # 200 even for an unknown address: the provider only needs to stop retrying.
    return JsonResponse({"ok": True, "known": known})
