"""The one place an uploaded photo is judged and cleaned, whatever path brings it in.

``prepare(file)`` is the gate: it refuses anything that is not a JPEG, PNG, WebP or
GIF by its content (never its name), enforces the byte and pixel limits, decodes the
whole picture (so a truncated file fails here, not on a reader's page), applies the
EXIF orientation and converts the pixels to plain 8-bit sRGB. What it returns carries
no metadata at all: EXIF, GPS, XMP and comments never reach storage, so neither the
stored master nor any rendition can leak where a source stood.

The model field (``articles.fields.LibraryImageField``) calls it from its validator
(admin form, ``full_clean``) and again, from a per-file cache, right before anything
is written to storage, so a shell ``save()`` that skipped validation is stopped too.
"""

from __future__ import annotations

import contextlib
import errno
import io
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image as PILImage
from PIL import ImageCms, ImageOps

# Pillow may only try these decoders. The rarely used ones (and SVG/HTML, which Pillow
# cannot read anyway) are where decompression bombs and CVEs live.
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
# How the cleaned master is stored, by the format the upload really was. A GIF's first
# frame is kept losslessly as PNG (see normalize).
MASTER_FORMAT = {"JPEG": "JPEG", "PNG": "PNG", "WEBP": "WEBP", "GIF": "PNG"}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}

# Bytes at the start of files that are not photos but are often renamed to .jpg.
_MARKUP_START = (b"<", b"\xef\xbb\xbf<")
_HEIF_BRANDS = (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftypmsf1", b"ftyphevc", b"ftypavif")

ERRORS = {
    "empty": "빈 파일입니다. 사진 파일을 다시 골라 주세요.",
    "too_big": "파일이 너무 큽니다({size}). {limit} 이하의 사진만 올릴 수 있습니다.",
    "markup": "SVG·HTML 같은 문서 파일은 올릴 수 없습니다. JPEG, PNG, WebP, GIF 사진만 받습니다.",
    "heif": "HEIC/AVIF 사진은 아직 받을 수 없습니다. 휴대전화에서 JPEG로 내보내 올려 주세요.",
    "not_image": "사진 파일이 아니거나 지원하지 않는 형식입니다. JPEG, PNG, WebP, GIF만 올릴 수 있습니다.",
    "too_many_pixels": (
        "사진의 화소 수가 너무 많습니다({width}×{height}, 약 {pixels} 화소). "
        "{limit} 화소 이하로 줄여 올려 주세요."
    ),
    "bomb": (
        "화소 수가 비정상적으로 많은 파일입니다(압축 폭탄 의심). "
        "{limit} 화소 이하의 사진만 올릴 수 있습니다."
    ),
    "broken": "사진 파일이 손상되었거나 끝까지 전송되지 않았습니다. 원본을 다시 올려 주세요.",
}


@dataclass
class PreparedImage:
    """A decoded, oriented, metadata-free 8-bit RGB(A) picture and what it came from."""

    image: PILImage.Image
    source_format: str
    was_animated: bool = False

    @property
    def size(self) -> tuple[int, int]:
        return self.image.size

    @property
    def master_format(self) -> str:
        return MASTER_FORMAT[self.source_format]

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.master_format]

    def encode_master(self) -> bytes:
        """The stored original: full size, cleaned, close to the upload's quality."""
        return encode(self.image, self.master_format, quality=90)


def _error(code: str, **params) -> ValidationError:
    return ValidationError(ERRORS[code].format(**params), code=code)


def storage_failed(exc: OSError) -> ValidationError:
    """The Korean form error for a photo that storage refused (full or read-only disk)."""
    if exc.errno == errno.ENOSPC or exc.errno == errno.EDQUOT:
        reason = "저장 공간이 부족합니다. 관리자에게 알려 주세요."
    elif exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        reason = "저장소에 쓸 수 없습니다(읽기 전용이거나 권한이 없습니다). 관리자에게 알려 주세요."
    else:
        reason = "저장소 오류가 났습니다. 잠시 뒤 다시 올려 주세요."
    return ValidationError(f"사진을 저장하지 못했습니다: {reason}", code="storage")


def max_upload_bytes() -> int:
    return settings.IMAGE_MAX_UPLOAD_BYTES


def max_pixels() -> int:
    return settings.IMAGE_MAX_PIXELS


def _file_size(file) -> int:
    size = getattr(file, "size", None)
    if size is None:
        position = file.tell()
        file.seek(0, io.SEEK_END)
        size = file.tell()
        file.seek(position)
    return size


def _sniff(file) -> bytes:
    file.seek(0)
    head = file.read(32)
    file.seek(0)
    return head


def _open(file) -> PILImage.Image:
    """Open with the accepted decoders only; Pillow's own bomb check runs here."""
    file.seek(0)
    try:
        return PILImage.open(file, formats=ACCEPTED_FORMATS)
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        raise _error("bomb", limit=_korean_count(max_pixels())) from None
    except Exception:
        # UnidentifiedImageError mostly; a hostile header can make a plugin raise
        # anything (struct.error, SyntaxError, IndexError…), and all of it means the same.
        raise _error("not_image") from None


def _korean_count(pixels: int) -> str:
    """Pixels the way Korean camera specs write them: 1,200만, 5,000만, 1억."""
    if pixels >= 100_000_000:
        return f"{pixels / 100_000_000:.1f}".rstrip("0").rstrip(".") + "억"
    return f"{round(pixels / 10_000):,}만"


def _too_many_pixels(width: int, height: int) -> ValidationError:
    return _error(
        "too_many_pixels",
        width=f"{width:,}",
        height=f"{height:,}",
        pixels=_korean_count(width * height),
        limit=_korean_count(max_pixels()),
    )


def prepare(file) -> PreparedImage:
    """Judge and clean one upload; raise ``ValidationError`` (Korean) for anything else.

    The result is cached on the file object, so the form's validation and the save
    that follows decode the photo once.
    """
    cached = getattr(file, "_newsroom_prepared", None)
    if cached is not None:
        return cached
    prepared = _prepare(file)
    # A file object that takes no attributes just gets decoded again next time.
    with contextlib.suppress(AttributeError):
        file._newsroom_prepared = prepared
    return prepared


def _prepare(file) -> PreparedImage:
    size = _file_size(file)
    if size == 0:
        raise _error("empty")
    if size > max_upload_bytes():
        raise _error("too_big", size=filesizeformat(size), limit=filesizeformat(max_upload_bytes()))
    head = _sniff(file)
    if head.lstrip(b" \t\r\n").startswith(_MARKUP_START):
        raise _error("markup")
    if head[4:12] in _HEIF_BRANDS:
        raise _error("heif")

    picture = _open(file)
    width, height = picture.size
    # Pillow's own check (MAX_IMAGE_PIXELS, set from IMAGE_MAX_PIXELS at start-up) only
    # warns between 1× and 2× the limit; the limit here is a hard one, checked from the
    # header before a single pixel is decoded.
    if width * height > max_pixels() or width < 1 or height < 1:
        raise _too_many_pixels(width, height)
    # Pillow's JPEG decoder names a JPEG that carries more pictures (MPF: the depth or
    # gain map many phones add) "MPO"; the first picture is the photo, a plain JPEG.
    source_format = "JPEG" if picture.format == "MPO" else picture.format
    try:
        # verify() checks a PNG's CRCs and structure; it leaves the object unusable, so
        # the picture is opened again and decoded in full: only a full decode notices a
        # JPEG that stops half way.
        picture.verify()
        picture = _open(file)
        was_animated = source_format != "JPEG" and bool(getattr(picture, "is_animated", False))
        picture.load()
        picture = normalize(picture)
    except ValidationError:
        raise
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        raise _too_many_pixels(width, height) from None
    except Exception:
        # "image file is truncated", broken CRCs, bad Huffman tables…: any decoder
        # failure is the file's fault and gets a form error, never a 500.
        raise _error("broken") from None
    return PreparedImage(picture, source_format, was_animated)


def normalize(picture: PILImage.Image) -> PILImage.Image:
    """Upright, 8-bit sRGB RGB or RGBA pixels with no metadata attached.

    Animated GIF/WebP: the first frame only, deliberately. A newspaper photo is a still;
    motion belongs in a video embed, and one frame keeps renditions small and safe.
    """
    icc_profile = picture.info.get("icc_profile")
    try:
        # exif_transpose reads the orientation tag and turns the pixels upright.
        upright = ImageOps.exif_transpose(picture) or picture
    except Exception:
        # Cameras and editing apps write odd EXIF; a photo with an unreadable
        # orientation tag is still a photo, shown as stored.
        upright = picture
    converted = _to_rgb(upright, icc_profile)
    # A fresh image object: no EXIF, GPS, XMP, comments or profiles can ride along.
    clean = PILImage.new(converted.mode, converted.size)
    clean.paste(converted)
    return clean


def _to_rgb(picture: PILImage.Image, icc_profile: bytes | None) -> PILImage.Image:
    mode = picture.mode
    if mode in ("I;16", "I;16B", "I;16L", "I;16N", "I"):
        # 16-bit grey: scale to 8 bits. A plain convert("L") clips everything over 255
        # to white.
        picture = picture.convert("I").point(lambda v: v * (1 / 256)).convert("L")
        mode = "L"
    if mode == "P":
        has_alpha = "transparency" in picture.info
        picture = picture.convert("RGBA" if has_alpha else "RGB")
        mode = picture.mode
    if mode in ("LA", "PA", "La", "RGBa"):
        picture = picture.convert("RGBA")
        mode = "RGBA"
    if icc_profile and mode in ("CMYK", "RGB", "RGBA", "L"):
        converted = _icc_to_srgb(picture, icc_profile)
        if converted is not None:
            return converted
    if mode in ("RGB", "RGBA"):
        return picture
    # CMYK without a profile (Pillow already undoes Adobe's inverted CMYK), 1, L, YCbCr…
    return picture.convert("RGB")


def _icc_to_srgb(picture: PILImage.Image, icc_profile: bytes) -> PILImage.Image | None:
    """Colour-manage a CMYK or wide-gamut (Display P3) photo into sRGB; None if unusable."""
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
        target = ImageCms.createProfile("sRGB")
        alpha = picture.getchannel("A") if picture.mode == "RGBA" else None
        base = picture.convert("RGB") if picture.mode == "RGBA" else picture
        output_mode = "RGB"
        if base.mode == "L":
            # A grey profile converts to grey; keep it simple and treat it as sRGB grey.
            return None
        converted = ImageCms.profileToProfile(
            base, source, target, renderingIntent=ImageCms.Intent.PERCEPTUAL, outputMode=output_mode
        )
        if converted is None:
            return None
        if alpha is not None:
            converted.putalpha(alpha)
        return converted
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        # A broken profile is the camera's fault, not the reporter's: fall back to
        # Pillow's plain conversion instead of refusing the photo.
        return None


def encode(picture: PILImage.Image, fmt: str, *, quality: int = 82) -> bytes:
    """Bytes of ``picture`` in ``fmt`` (JPEG, PNG, WEBP), with no metadata written."""
    out = io.BytesIO()
    if fmt == "JPEG":
        if picture.mode != "RGB":
            picture = flatten(picture)
        picture.save(out, "JPEG", quality=quality, optimize=True, progressive=True)
    elif fmt == "WEBP":
        picture.save(out, "WEBP", quality=quality, method=4)
    elif fmt == "PNG":
        picture.save(out, "PNG", optimize=True)
    else:  # pragma: no cover - a programming error, not user input
        raise ValueError(f"unsupported output format {fmt}")
    return out.getvalue()


def flatten(picture: PILImage.Image) -> PILImage.Image:
    """RGB on white: what a transparent picture looks like on the site's white page."""
    if picture.mode == "RGBA":
        background = PILImage.new("RGB", picture.size, (255, 255, 255))
        background.paste(picture, mask=picture.getchannel("A"))
        return background
    return picture.convert("RGB")


# What Pillow reports when a file carries more than pixels. A master stored by prepare()
# has none of these; one stored before this module existed may.
METADATA_KEYS = ("exif", "xmp", "XML:com.adobe.xmp", "comment", "icc_profile", "photoshop")


def has_metadata(file) -> bool:
    """Whether a stored file carries EXIF, GPS, XMP, comments or a profile (reads headers)."""
    picture = _open(file)
    found = any(key in picture.info for key in METADATA_KEYS) or bool(picture.getexif())
    file.seek(0)
    return found


def validate_upload(value) -> None:
    """Model-field validator: a new upload must pass ``prepare``.

    Files already in storage passed it when they came in and are not reopened.
    """
    if not value or getattr(value, "_committed", True):
        return
    prepare(value.file)
