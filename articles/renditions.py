"""Renditions: the sizes the templates need, made once and kept in storage.

Every library photo gets, per kind below, a few widths in WebP with a JPEG fallback;
the social card is one 1200×630 JPEG. Files go through Django's storage API only (no
filesystem paths), so media can live on object storage. What was made is recorded on
the ``Image`` row itself (``Image.renditions``, JSON), so a page that already loads the
image row knows every URL, width and height without another query or a storage call.

Names carry a key built from the kinds, the focal point and the master's name: a new
crop or a new spec gets new URLs, so no CDN or browser keeps showing the old crop.
"""

from __future__ import annotations

import hashlib
import json
import logging
import posixpath
from dataclasses import dataclass

from django.core.files.base import ContentFile
from PIL import Image as PILImage

from articles import images

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Kind:
    name: str
    widths: tuple[int, ...]
    # Width / height of the crop; None keeps the photo's own shape.
    ratio: float | None
    formats: tuple[str, ...] = ("WEBP", "JPEG")


KINDS = {
    kind.name: kind
    for kind in (
        # List teasers (112–180 CSS px, .item__image) and home cards (up to ~260 px), 3:2.
        Kind("thumb", (180, 360, 540), 3 / 2),
        # The home page's top story, 3:2.
        Kind("card", (640, 960, 1280), 3 / 2),
        # Lead and body images in an article: the photo's own shape, never cropped.
        Kind("article", (480, 800, 1200, 1600), None),
        # Reporter portraits.
        Kind("square", (96, 192), 1.0),
        # OpenGraph/Kakao/X cards: one JPEG, because not every scraper reads WebP.
        Kind("social", (1200,), 1200 / 630, formats=("JPEG",)),
    )
}
MIME_TYPES = {"WEBP": "image/webp", "JPEG": "image/jpeg"}
EXTENSIONS = {"WEBP": "webp", "JPEG": "jpg"}
QUALITY = {"WEBP": 80, "JPEG": 82}
# Bump when the encoder settings above change, so rebuild_renditions redoes everything.
ENCODER_VERSION = 1


def _spec_signature() -> str:
    return json.dumps(
        [
            ENCODER_VERSION,
            QUALITY,
            [(k.name, k.widths, k.ratio, k.formats) for k in KINDS.values()],
        ],
        sort_keys=True,
    )


def key_for(image) -> str:
    """What the stored renditions of ``image`` must have been made from to be current."""
    focal = (_focal(image.focal_x), _focal(image.focal_y))
    raw = json.dumps([_spec_signature(), focal, image.file.name])
    return hashlib.sha1(raw.encode(), usedforsecurity=False).hexdigest()[:10]


def is_current(image) -> bool:
    return bool(image.renditions) and image.renditions.get("key") == key_for(image)


def _focal(value) -> float:
    return 0.5 if value is None else round(min(1.0, max(0.0, float(value))), 4)


def crop_box(size: tuple[int, int], ratio: float | None, focal=(0.5, 0.5)) -> tuple[int, ...]:
    """The largest ``ratio`` box inside ``size``, centred on the focal point where it fits.

    ``focal`` is (x, y) as fractions of the width and height, (0, 0) the top left: a
    face at the right edge stays in the frame of a square portrait.
    """
    width, height = size
    if ratio is None:
        return (0, 0, width, height)
    crop_w = max(1, min(width, round(height * ratio)))
    crop_h = max(1, min(height, round(crop_w / ratio)))
    fx, fy = _focal(focal[0]), _focal(focal[1])
    left = min(max(0, round(fx * width - crop_w / 2)), width - crop_w)
    top = min(max(0, round(fy * height - crop_h / 2)), height - crop_h)
    return (left, top, left + crop_w, top + crop_h)


def target_sizes(box: tuple[int, ...], kind: Kind) -> list[tuple[int, int]]:
    """Output sizes for one kind, largest first, never wider than the source crop."""
    crop_w, crop_h = box[2] - box[0], box[3] - box[1]
    widths = sorted({min(w, crop_w) for w in kind.widths}, reverse=True)
    return [(w, max(1, round(w * crop_h / crop_w))) for w in widths]


# Every kind is cut from one smaller copy instead of the full photo: a 12 MP photo is
# resampled in full once, not once per kind. The copy keeps a quarter more pixels than
# the widest output of any kind's crop needs, so no rendition loses sharpness.
WORKING_MARGIN = 1.25


def _working_copy(source: PILImage.Image) -> PILImage.Image:
    scale = 0.0
    for kind in KINDS.values():
        left, _top, right, _bottom = crop_box(source.size, kind.ratio)
        scale = max(scale, max(kind.widths) * WORKING_MARGIN / (right - left))
    if scale >= 1:
        return source
    width, height = source.size
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    return source.resize(size, PILImage.Resampling.LANCZOS, reducing_gap=3.0)


def _base_name(image, key: str) -> str:
    stem = posixpath.splitext(image.file.name)[0]
    if stem.startswith("images/"):
        stem = stem[len("images/") :]
    return f"renditions/{stem}-{key}"


def build(image, source: PILImage.Image | None = None) -> dict:
    """Make and store every rendition of ``image``; return the record for ``Image.renditions``.

    ``source`` is the cleaned picture when the caller has it in memory (the upload being
    saved); otherwise the stored master is opened and cleaned again. On any failure the
    files written so far are deleted before the error propagates.
    """
    storage = image.file.storage
    if source is None:
        with storage.open(image.file.name, "rb") as stored:
            source = images.prepare(stored).image
    source = _working_copy(source)
    key = key_for(image)
    base = _base_name(image, key)
    focal = (image.focal_x, image.focal_y)
    record = {"key": key, "kinds": {}}
    written: list[str] = []
    try:
        for kind in KINDS.values():
            box = crop_box(source.size, kind.ratio, focal)
            sizes = target_sizes(box, kind)
            # One high-quality resample from the full photo to the largest size; the smaller
            # widths come from that, which is as sharp and far quicker on a 12 MP photo.
            largest = source.resize(
                sizes[0], PILImage.Resampling.LANCZOS, box=box, reducing_gap=3.0
            )
            entry = {"width": sizes[0][0], "height": sizes[0][1], "sources": {}}
            for fmt in kind.formats:
                entry["sources"][fmt.lower()] = []
            for size in sizes:
                picture = (
                    largest
                    if size == sizes[0]
                    else largest.resize(size, PILImage.Resampling.LANCZOS)
                )
                for fmt in kind.formats:
                    data = images.encode(picture, fmt, quality=QUALITY[fmt])
                    name = f"{base}/{kind.name}-{size[0]}x{size[1]}.{EXTENSIONS[fmt]}"
                    name = storage.save(name, ContentFile(data))
                    written.append(name)
                    entry["sources"][fmt.lower()].append([size[0], size[1], name])
            for fmt in kind.formats:  # srcset reads best small to large
                entry["sources"][fmt.lower()].reverse()
            record["kinds"][kind.name] = entry
    except BaseException:
        # Storage that overwrites (S3's default) may have reused a name the current record
        # still points to; those stay, everything else written here goes.
        keep = set(files_of(image.renditions))
        delete_files(storage, [name for name in written if name not in keep])
        raise
    return record


def files_of(record: dict) -> list[str]:
    return [
        name
        for entry in (record or {}).get("kinds", {}).values()
        for sources in entry["sources"].values()
        for _w, _h, name in sources
    ]


def delete_files(storage, names) -> None:
    for name in names:
        try:
            storage.delete(name)
        except Exception:  # a missing file is already what we want
            logger.warning("could not delete rendition %s", name, exc_info=True)


def smallest_url(image, kind: str = "thumb") -> str:
    """URL of the smallest JPEG of ``kind`` (admin lists, pickers); the master if none."""
    if not image.file:
        return ""
    entry = (image.renditions or {}).get("kinds", {}).get(kind)
    if entry and entry["sources"].get("jpeg"):
        return image.file.storage.url(entry["sources"]["jpeg"][0][2])
    return image.file.url
