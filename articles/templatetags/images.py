"""``{% picture %}`` and ``{% rendition %}``: library photos as responsive markup.

Everything comes from ``Image.renditions`` (loaded with the row), so a page with ten
photos costs no query and no image work. Only a photo whose renditions were never made
(a row older than renditions, or a failed save) gets them made here, once, by the
first request that needs them; when that fails too, the cleaned master is shown.
"""

from __future__ import annotations

import logging

from django import template
from django.core.cache import cache

from articles import renditions

register = template.Library()
logger = logging.getLogger("articles.images")

# The fallback <img src> for browsers without srcset: a mid-size file, not the largest.
FALLBACK_MAX_WIDTH = 1200
BUILD_LOCK_SECONDS = 120


def _entry(image, kind: str) -> dict | None:
    if image is None or not getattr(image, "file", None):
        return None
    entry = (image.renditions or {}).get("kinds", {}).get(kind)
    if entry is not None or image.pk is None:
        return entry
    # Made once, by one request: the others show the master meanwhile rather than queue
    # up behind a 12 MP decode.
    lock = f"renditions:building:{image.pk}"
    if not cache.add(lock, 1, BUILD_LOCK_SECONDS):
        return None
    try:
        image.refresh_renditions()
    except Exception:
        # The lock stays until it expires: a broken file is retried every few minutes,
        # not on every view.
        logger.exception("could not make renditions for image %s on view", image.pk)
        return None
    cache.delete(lock)
    return image.renditions.get("kinds", {}).get(kind)


def _srcset(storage, sources) -> str:
    return ", ".join(f"{storage.url(name)} {width}w" for width, _height, name in sources)


def picture_data(image, kind: str) -> dict | None:
    """URLs and sizes for one photo in one kind; the master alone when there are none."""
    if kind not in renditions.KINDS:
        raise template.TemplateSyntaxError(f"unknown rendition kind {kind!r}")
    if image is None or not getattr(image, "file", None):
        return None
    entry = _entry(image, kind)
    storage = image.file.storage
    if entry is None:
        return {
            "src": image.file.url,
            "width": image.width,
            "height": image.height,
            "webp": "",
            "jpeg": "",
        }
    jpeg = entry["sources"].get("jpeg", [])
    fallback = [s for s in jpeg if s[0] <= FALLBACK_MAX_WIDTH] or jpeg
    return {
        "src": storage.url(fallback[-1][2]),
        "width": entry["width"],
        "height": entry["height"],
        "webp": _srcset(storage, entry["sources"].get("webp", [])),
        "jpeg": _srcset(storage, jpeg),
    }


@register.inclusion_tag("articles/_picture.html")
def picture(
    image,
    kind="article",
    sizes="100vw",
    lazy=True,
    alt=None,
    css_class="",
    priority=False,
    width=None,
):
    """A ``<picture>``: WebP ``srcset``, JPEG fallback, intrinsic width/height.

    ``lazy`` (the default) for photos below the fold; ``priority`` for the one photo a
    reader sees first (no lazy loading, fetched early). ``width`` fixes the displayed
    width (the height follows the rendition's shape), for portraits and icons.
    """
    data = picture_data(image, kind)
    if data and width and data["width"]:
        data["height"] = round(int(width) * data["height"] / data["width"])
        data["width"] = int(width)
    return {
        "pic": data,
        "sizes": sizes,
        "lazy": lazy and not priority,
        "priority": priority,
        "alt": image.alt_text if alt is None and image is not None else (alt or ""),
        "css_class": css_class,
    }


@register.simple_tag(takes_context=True)
def rendition(context, image, kind="social"):
    """The largest JPEG of one kind as ``{url, width, height}``, the URL absolute.

    For ``og:image`` and other places that take a single file, not a srcset.
    """
    if kind not in renditions.KINDS:
        raise template.TemplateSyntaxError(f"unknown rendition kind {kind!r}")
    if image is None or not getattr(image, "file", None):
        return None
    entry = _entry(image, kind)
    if entry is None or not entry["sources"].get("jpeg"):
        url, width, height = image.file.url, image.width, image.height
    else:
        width, height, name = entry["sources"]["jpeg"][-1]
        url = image.file.storage.url(name)
    request = context.get("request")
    # Object storage returns absolute URLs already; the file system gives /media/….
    if request is not None and url.startswith("/"):
        url = request.build_absolute_uri(url)
    return {"url": url, "width": width, "height": height}
