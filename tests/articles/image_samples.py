"""Test pictures made with Pillow on the spot: good photos and every kind of bad input."""

from __future__ import annotations

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def photo(size=(800, 600), mode="RGB", color=(200, 40, 40)) -> PILImage.Image:
    """A photo-like picture: noise over a colour, so JPEG has real work to do."""
    noise = PILImage.effect_noise(size, 40).convert("L")
    base = PILImage.new("RGB", size, color)
    picture = PILImage.blend(base, PILImage.merge("RGB", (noise, noise, noise)), 0.25)
    return picture.convert(mode) if mode != "RGB" else picture


def encode(picture: PILImage.Image, fmt: str, **params) -> bytes:
    out = io.BytesIO()
    picture.save(out, fmt, **params)
    return out.getvalue()


def gps_exif(orientation: int | None = None) -> bytes:
    """EXIF naming a camera and a place (37°22'N 126°48'E: 시흥시청)."""
    exif = PILImage.Exif()
    exif[0x010F] = "Samsung"
    exif[0x0110] = "Galaxy S24"
    if orientation:
        exif[ORIENTATION] = orientation
    exif[GPS_IFD] = {1: "N", 2: (37.0, 22.0, 48.0), 3: "E", 4: (126.0, 48.0, 12.0)}
    return exif.tobytes()


def jpeg_with_gps(size=(800, 600), orientation=None) -> bytes:
    return encode(photo(size), "JPEG", quality=90, exif=gps_exif(orientation))


def png_header_only(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims ``width``×``height``: the classic decompression bomb."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 1024))
        + chunk(b"IEND", b"")
    )


def upload(data: bytes, name="photo.jpg", content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type)


def stored_files(root) -> list[str]:
    """Every file under MEDIA_ROOT, relative, sorted."""
    if not root.exists():
        return []
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def open_stored(name) -> PILImage.Image:
    """A stored file (master or rendition), decoded."""
    from django.core.files.storage import default_storage

    with default_storage.open(name, "rb") as f:
        picture = PILImage.open(io.BytesIO(f.read()))
        picture.load()
    return picture
