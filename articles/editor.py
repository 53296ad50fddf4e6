"""JSON the admin's body editor and tags field fetch while a reporter writes.

``ArticleAdmin.get_urls`` mounts these behind ``admin_site.admin_view`` (staff only,
never cached); each view then checks the one permission its data needs.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Case, Count, IntegerField, Q, Value, When
from django.http import JsonResponse
from taggit.models import Tag

from articles.embeds import REFUSAL, video_embed
from articles.models import Image

IMAGES_PER_PAGE = 24
TAG_SUGGESTIONS = 10
MAX_IDS = 100
# The editor sends only the stretches of text before a council title (council-mentions.js).
MENTION_TEXT_LIMIT = 4000


def _forbidden(message: str) -> JsonResponse:
    return JsonResponse({"error": message}, status=403)


def _can_write_articles(user) -> bool:
    return user.has_perm("articles.add_article") or user.has_perm("articles.change_article")


def _search_text(value: str) -> str:
    # A NUL never gets here: newsroom.middleware answers 400 first.
    return value.strip()


def _stored_rendition_url(image: Image, kind: str, min_width: int, fallback: str) -> str:
    """A rendition already made (articles.renditions), at least ``min_width`` wide if there
    is one; else ``fallback``. Never builds one: a page of the picker costs no image work."""
    try:
        sources = image.renditions["kinds"][kind]["sources"]["jpeg"]  # small to large
        name = next((s[2] for s in sources if s[0] >= min_width), sources[-1][2])
        return image.file.storage.url(name)
    except (KeyError, TypeError, IndexError):
        return fallback


def image_json(image: Image) -> dict:
    """What the picker and the editor need to show a library image.

    ``url`` is for the editor's own display only (the photo's whole shape, about the
    width the editor shows it); the body stores the id, never this address."""
    try:
        master = image.file.url if image.file else ""
    except ValueError:  # a row whose file name was cleared
        master = ""
    return {
        "id": image.pk,
        "url": _stored_rendition_url(image, "article", 480, master),
        "thumbnail": _stored_rendition_url(image, "thumb", 360, master),
        "alt": image.alt_text,
        "caption": image.caption,
        "credit": image.credit,
        "width": image.width,
        "height": image.height,
    }


def image_search(request):
    """The library, newest first: ``?q=`` searches alt text, caption and credit (every
    word must match), ``?page=`` pages; ``?ids=3,5`` looks up the images a body refers to."""
    if not request.user.has_perm("articles.view_image"):
        return _forbidden("사진 보관함을 볼 권한이 없습니다.")
    images = Image.objects.order_by("-uploaded_at", "-pk")
    ids = request.GET.get("ids")
    if ids is not None:
        # isdecimal, not isdigit: "²" is a digit that int() refuses.
        wanted = [int(part) for part in ids.split(",") if part.strip().isdecimal()][:MAX_IDS]
        return JsonResponse({"results": [image_json(i) for i in images.filter(pk__in=wanted)]})
    query = _search_text(request.GET.get("q", ""))
    for word in query.split():
        images = images.filter(
            Q(alt_text__icontains=word) | Q(caption__icontains=word) | Q(credit__icontains=word)
        )
    page = Paginator(images, IMAGES_PER_PAGE).get_page(request.GET.get("page"))
    return JsonResponse(
        {
            "results": [image_json(image) for image in page],
            "query": query,
            "count": page.paginator.count,
            "page": page.number,
            "num_pages": page.paginator.num_pages,
            "has_previous": page.has_previous(),
            "has_next": page.has_next(),
        }
    )


def tag_search(request):
    """Existing tags containing ``?q=``: names starting with it first, then the most used."""
    if not _can_write_articles(request.user):
        return _forbidden("기사를 쓸 권한이 없습니다.")
    # The reporter types inside taggit's syntax, where a name may be quoted.
    query = _search_text(request.GET.get("q", "")).strip('"').strip()
    if not query:
        return JsonResponse({"results": []})
    tags = (
        Tag.objects.filter(name__icontains=query)
        .annotate(
            uses=Count("taggit_taggeditem_items"),
            starts=Case(
                When(name__istartswith=query, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            ),
        )
        .order_by("starts", "-uses", "name")[:TAG_SUGGESTIONS]
    )
    return JsonResponse(
        {"results": [{"name": t.name, "slug": t.slug, "count": t.uses} for t in tags]}
    )


def video_lookup(request):
    """The player address for a video page address, or a Korean refusal (status 400)."""
    if not _can_write_articles(request.user):
        return _forbidden("기사를 쓸 권한이 없습니다.")
    embed = video_embed(request.GET.get("url", ""))
    if embed is None:
        return JsonResponse({"error": REFUSAL}, status=400)
    return JsonResponse(
        {"provider": embed.provider, "embed_url": embed.embed_url, "title": embed.title}
    )


def council_mentions(request):
    """Council members ``?text=`` names (council.mentions, the save-time rule), for the
    panel beside the body editor. Suggests only: linking stays the reporter's click."""
    from council.mentions import members_named_in

    if not _can_write_articles(request.user):
        return _forbidden("기사를 쓸 권한이 없습니다.")
    text = request.GET.get("text", "")
    if len(text) > MENTION_TEXT_LIMIT:
        return JsonResponse({"error": "본문이 너무 길어 의원을 찾지 못했습니다."}, status=400)
    members = members_named_in(text)
    return JsonResponse(
        {
            "results": [
                {"id": m.pk, "name": m.name, "label": str(m), "former": m.is_former}
                for m in members
            ]
        }
    )
