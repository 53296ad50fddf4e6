"""Every mail the newsletter sends, built in one place so each carries the unsubscribe
headers (RFC 2369 List-Unsubscribe, RFC 8058 one-click)."""

from __future__ import annotations

from email.utils import parseaddr

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse

from articles.models import Article
from articles.templatetags.images import rendition
from newsletter import tokens
from newsletter.models import Delivery, Edition, Subscriber
from newsroom.most_read import most_read_since

MAX_STORIES = 10


def absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def unsubscribe_headers(subscriber: Subscriber) -> dict[str, str]:
    link = absolute(
        reverse("newsletter_unsubscribe", args=[tokens.make(tokens.UNSUBSCRIBE, subscriber.pk)])
    )
    mailbox = parseaddr(settings.NEWSLETTER_FROM)[1]
    return {
        "List-Unsubscribe": f"<{link}>, <mailto:{mailbox}?subject=unsubscribe>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def _message(subject, text, html, to: str, headers: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(subject, text, settings.NEWSLETTER_FROM, [to], headers=headers)
    if html:
        message.attach_alternative(html, "text/html")
    return message


def confirmation(subscriber: Subscriber) -> EmailMultiAlternatives:
    context = {
        "confirm_url": absolute(
            reverse("newsletter_confirm", args=[tokens.make(tokens.CONFIRM, subscriber.pk)])
        ),
        "site_url": settings.SITE_URL,
    }
    text = render_to_string("newsletter/confirm_email.txt", context)
    return _message(
        "[시흥뉴스룸] 뉴스레터 구독을 확인해 주세요",
        text,
        "",
        subscriber.email,
        unsubscribe_headers(subscriber),
    )


def stories(edition: Edition) -> list[Article]:
    """The edition's picks that readers may still see, in the editor's order."""
    picked = {p.article_id: p.order for p in edition.picks.all() if p.article_id is not None}
    found = (
        Article.objects.published()
        .with_bylines()
        .select_related("lead_image")
        .filter(pk__in=picked)
    )
    return sorted(found, key=lambda a: (picked[a.pk], a.pk))


def top_stories(since) -> list[Article]:
    """The default picks: stories published since the last sent edition, most read
    (newsroom/counters.py's hourly ``ArticleRead``, counted since that edition) first, then
    the newest, so a quiet night with no reads still fills the edition."""
    return most_read_since(since, MAX_STORIES)


def _story_context(articles, link):
    items = []
    for article in articles:
        image = rendition({}, article.lead_image, "card") if article.lead_image_id else None
        if image and image["url"].startswith("/"):
            image["url"] = absolute(image["url"])
        items.append({"article": article, "url": link(article), "image": image})
    return items


def render_edition(edition: Edition, delivery: Delivery | None = None, articles=None):
    """(text, html) of one edition; with a delivery, links and the pixel are tracked."""
    articles = stories(edition) if articles is None else articles
    if delivery is not None:
        token = tokens.make(tokens.TRACK, delivery.pk)

        def link(article):
            return absolute(reverse("newsletter_click", args=[token, article.pk]))

        pixel = absolute(reverse("newsletter_open", args=[token]))
        unsubscribe = absolute(
            reverse(
                "newsletter_unsubscribe",
                args=[tokens.make(tokens.UNSUBSCRIBE, delivery.subscriber_id)],
            )
        )
    else:

        def link(article):
            return absolute(article.get_absolute_url())

        pixel = ""
        unsubscribe = absolute(reverse("newsletter"))
    context = {
        "edition": edition,
        "items": _story_context(articles, link),
        "pixel": pixel,
        "unsubscribe_url": unsubscribe,
        "site_url": settings.SITE_URL,
    }
    return (
        render_to_string("newsletter/edition_email.txt", context),
        render_to_string("newsletter/edition_email.html", context),
    )


def edition_message(edition: Edition, delivery: Delivery, articles) -> EmailMultiAlternatives:
    text, html = render_edition(edition, delivery, articles)
    return _message(
        edition.subject,
        text,
        html,
        delivery.subscriber.email,
        unsubscribe_headers(delivery.subscriber),
    )


def test_message(edition: Edition, to: str) -> EmailMultiAlternatives:
    text, html = render_edition(edition)
    return _message(
        f"[테스트] {edition.subject}",
        text,
        html,
        to,
        {"List-Unsubscribe": f"<{absolute(reverse('newsletter'))}>"},
    )
