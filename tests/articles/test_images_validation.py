"""Every bad upload in the issue gets a Korean error on every path, and leaves nothing."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from PIL import Image as PILImage

from articles import images
from articles.models import Image
from tests.articles.image_samples import (
    GPS_IFD,
    encode,
    gps_exif,
    jpeg_with_gps,
    open_stored,
    photo,
    png_header_only,
    stored_files,
    upload,
)

pytestmark = [
    pytest.mark.django_db,
    # Pillow itself warns between 1× and 2× its pixel limit; our check refuses there.
    pytest.mark.filterwarnings("ignore::PIL.Image.DecompressionBombWarning"),
]

SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(document.cookie)</script><rect width='10' height='10'/></svg>"
)
HTML = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def truncated_jpeg() -> bytes:
    data = encode(photo((800, 600)), "JPEG", quality=90)
    return data[: len(data) // 2]


def hundred_megapixels() -> bytes:
    # 10000×10000, one bit a pixel: 12 KB on disk, far under the byte limit.
    return encode(PILImage.new("1", (10_000, 10_000)), "PNG")


# (case, bytes, file name, words the Korean error must contain)
REFUSED = [
    ("decompression bomb", png_header_only(100_000, 100_000), "bomb.png", "압축 폭탄"),
    ("truncated JPEG", truncated_jpeg(), "cut.jpg", "손상"),
    ("HTML named photo.jpg", HTML, "photo.jpg", "문서 파일"),
    ("SVG with script", SVG_WITH_SCRIPT, "logo.svg", "문서 파일"),
    ("SVG with script named .png", b"\n  " + SVG_WITH_SCRIPT, "logo.png", "문서 파일"),
    ("0-byte file", b"", "empty.jpg", "빈 파일"),
    (
        "100 megapixels under the byte limit",
        hundred_megapixels(),
        "huge.png",
        "화소 수가 너무 많습니다",
    ),
    (
        "BMP: a decoder Pillow may not try",
        encode(photo((40, 30)), "BMP"),
        "photo.jpg",
        "지원하지 않는",
    ),
    ("TIFF", encode(photo((40, 30)), "TIFF"), "photo.tif", "지원하지 않는"),
    ("HEIC from an iPhone", b"\0\0\0\x18ftypheic\0\0\0\0mif1heic" + b"\0" * 64, "IMG.heic", "HEIC"),
    ("random bytes", bytes(range(256)) * 8, "photo.jpg", "지원하지 않는"),
]
IDS = [case for case, *_ in REFUSED]


@pytest.mark.parametrize(("case", "data", "name", "words"), REFUSED, ids=IDS)
def test_prepare_refuses_with_a_korean_message(case, data, name, words):
    with pytest.raises(ValidationError) as caught:
        images.prepare(upload(data, name))
    assert words in caught.value.messages[0], caught.value.messages


@pytest.mark.parametrize(("case", "data", "name", "words"), REFUSED, ids=IDS)
def test_full_clean_refuses_on_the_file_field(case, data, name, words, media_root):
    image = Image(file=upload(data, name), alt_text="설명")
    with pytest.raises(ValidationError) as caught:
        image.full_clean()
    assert words in " ".join(caught.value.message_dict["file"])
    assert stored_files(media_root) == []


@pytest.mark.parametrize(("case", "data", "name", "words"), REFUSED, ids=IDS)
def test_a_shell_save_without_validation_is_stopped_before_storage(
    case, data, name, words, media_root
):
    with pytest.raises(ValidationError), transaction.atomic():
        Image(file=upload(data, name), alt_text="설명").save()
    assert Image.objects.count() == 0
    assert stored_files(media_root) == []


def test_byte_limit_is_a_setting(settings, media_root):
    settings.IMAGE_MAX_UPLOAD_BYTES = 50_000
    data = encode(photo((800, 600)), "JPEG", quality=95)
    assert len(data) > 50_000
    with pytest.raises(ValidationError) as caught:
        Image(file=upload(data), alt_text="설명").full_clean()
    assert "파일이 너무 큽니다" in caught.value.message_dict["file"][0]
    assert "48.8" in caught.value.message_dict["file"][0]  # the limit, in KB, is named


def test_pixel_limit_is_a_setting(settings):
    settings.IMAGE_MAX_PIXELS = 100 * 100
    with pytest.raises(ValidationError, match="화소 수가 너무 많습니다"):
        images.prepare(upload(encode(photo((101, 100)), "PNG"), "a.png"))
    settings.IMAGE_MAX_PIXELS = 50_000_000
    with pytest.raises(ValidationError) as caught:
        images.prepare(upload(hundred_megapixels(), "huge.png"))
    assert "10,000×10,000, 약 1억 화소" in caught.value.messages[0]
    assert "5,000만 화소 이하" in caught.value.messages[0]
    assert images.prepare(upload(encode(photo((100, 100)), "PNG"), "b.png")).size == (100, 100)


def test_pillow_own_bomb_limit_follows_the_setting(settings):
    assert settings.IMAGE_MAX_PIXELS == PILImage.MAX_IMAGE_PIXELS


# Inputs that are fine once handled properly.


def saved(data, name="photo.jpg") -> Image:
    image = Image(file=upload(data, name), alt_text="설명")
    image.full_clean()
    image.save()
    return image


def test_png_with_a_jpg_name_is_stored_as_what_it_is(media_root):
    image = saved(encode(photo((120, 80)), "PNG"), "photo.jpg")
    assert image.file.name.endswith(".png")
    assert open_stored(image.file.name).format == "PNG"


def test_cmyk_jpeg_becomes_rgb_with_the_right_colour(media_root):
    red_in_cmyk = PILImage.new("CMYK", (200, 100), (0, 255, 255, 0))
    image = saved(encode(red_in_cmyk, "JPEG", quality=95))
    master = open_stored(image.file.name)
    assert master.mode == "RGB"
    r, g, b = master.getpixel((100, 50))
    assert r > 230 and g < 30 and b < 30, (r, g, b)
    rendition = open_stored(image.renditions["kinds"]["article"]["sources"]["jpeg"][0][2])
    assert rendition.mode == "RGB"


def test_16_bit_png_is_scaled_not_clipped_to_white(media_root):
    mid_grey_16bit = PILImage.new("I;16", (64, 64), 32768)
    image = saved(encode(mid_grey_16bit, "PNG"), "scan.png")
    master = open_stored(image.file.name)
    assert master.mode == "RGB"
    assert all(120 <= channel <= 136 for channel in master.getpixel((10, 10)))


def test_palette_png_with_transparency_keeps_it_and_jpeg_falls_back_to_white(media_root):
    logo = PILImage.new("RGBA", (60, 40), (0, 0, 0, 0))
    logo.paste((20, 90, 200, 255), (0, 0, 30, 40))
    image = saved(encode(logo.convert("P"), "PNG", transparency=0), "logo.png")
    master = open_stored(image.file.name)
    assert master.mode == "RGBA"
    assert master.getpixel((50, 20))[3] == 0
    jpeg = open_stored(image.renditions["kinds"]["article"]["sources"]["jpeg"][0][2])
    assert jpeg.getpixel((50, 20))[0] > 240  # the transparent half shows white


def test_gps_exif_reaches_neither_the_master_nor_any_rendition(media_root):
    image = saved(jpeg_with_gps())
    names = [image.file.name] + [
        name
        for entry in image.renditions["kinds"].values()
        for sources in entry["sources"].values()
        for _w, _h, name in sources
    ]
    assert len(names) > 10
    for name in names:
        picture = open_stored(name)
        assert not picture.getexif(), name
        assert not picture.getexif().get_ifd(GPS_IFD), name
        assert "exif" not in picture.info and "xmp" not in picture.info, name
    with open(media_root / image.file.name, "rb") as f:
        raw = f.read()
    assert b"Galaxy" not in raw and b"Exif" not in raw


def test_exif_orientation_is_applied_and_sizes_are_upright(media_root):
    # Orientation 6: the camera held upright, the sensor's pixels lying on their side.
    image = saved(jpeg_with_gps((400, 300), orientation=6))
    assert (image.width, image.height) == (300, 400)
    assert open_stored(image.file.name).size == (300, 400)
    article = image.renditions["kinds"]["article"]
    assert (article["width"], article["height"]) == (300, 400)


def test_animated_gif_is_flattened_to_its_first_frame_on_purpose(media_root):
    frames = [PILImage.new("RGB", (80, 60), color) for color in ((255, 0, 0), (0, 0, 255))]
    data = encode(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    prepared = images.prepare(upload(data, "anim.gif"))
    assert prepared.was_animated
    image = saved(data, "anim.gif")
    master = open_stored(image.file.name)
    assert master.format == "PNG" and not getattr(master, "is_animated", False)
    assert master.getpixel((10, 10))[:3] == (255, 0, 0)


def test_a_phone_jpeg_carrying_a_second_picture_is_stored_as_a_still_jpeg(media_root):
    # Many phones add a depth or gain map as a second picture (MPF) to an ordinary
    # JPEG; Pillow's JPEG decoder then names the format "MPO".
    second = PILImage.new("RGB", (120, 80), (0, 0, 255))
    data = encode(photo((120, 80)), "MPO", save_all=True, append_images=[second])
    prepared = images.prepare(upload(data, "20260918_143000.jpg"))
    assert not prepared.was_animated  # no "첫 장면만" warning: it is a still photo
    image = saved(data, "20260918_143000.jpg")
    assert image.file.name.endswith(".jpg")
    master = open_stored(image.file.name)
    assert master.format == "JPEG" and not getattr(master, "is_animated", False)
    assert master.getpixel((10, 10))[0] > 150  # the photo, not the blue second picture
    assert image.renditions["kinds"]["article"]["sources"]["webp"]


def test_polyglot_tail_is_not_stored(media_root):
    data = encode(photo((80, 60)), "JPEG") + b"<script>alert(1)</script>"
    image = saved(data)
    assert b"<script>" not in (media_root / image.file.name).read_bytes()


def test_webp_and_gif_are_accepted(media_root):
    assert saved(encode(photo((90, 60)), "WEBP"), "a.webp").file.name.endswith(".webp")
    assert saved(encode(photo((90, 60)).convert("P"), "GIF"), "a.gif").file.name.endswith(".png")


def test_gps_exif_in_a_png_or_webp_is_dropped_too(media_root):
    for fmt, name in (("PNG", "a.png"), ("WEBP", "a.webp")):
        image = saved(encode(photo((90, 60)), fmt, exif=gps_exif()), name)
        assert not open_stored(image.file.name).getexif(), fmt


def test_editing_the_caption_does_not_reopen_the_file(media_root, monkeypatch):
    image = saved(encode(photo((90, 60)), "JPEG"))
    opened = []
    monkeypatch.setattr(images, "prepare", lambda f: opened.append(f))
    image = Image.objects.get(pk=image.pk)
    image.caption = "시흥시청 본관"
    image.full_clean()
    image.save()
    assert opened == []


def test_what_prepare_returns_carries_no_metadata_at_all():
    data = encode(photo((90, 60)), "JPEG", exif=gps_exif(), comment=b"shot at home")
    picture = images.prepare(upload(data)).image
    assert picture.info == {}
    assert not picture.getexif()


def test_an_icc_profile_is_applied_and_not_stored(media_root):
    from PIL import ImageCms

    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    image = saved(encode(photo((90, 60)), "JPEG", icc_profile=srgb))
    assert "icc_profile" not in open_stored(image.file.name).info


def test_a_broken_icc_profile_is_the_camera_s_fault_not_the_reporter_s(media_root):
    image = saved(encode(photo((90, 60)), "JPEG", icc_profile=b"not a profile" * 20))
    assert open_stored(image.file.name).mode == "RGB"


@pytest.mark.filterwarnings("ignore:Truncated File Read")  # Pillow's EXIF reader, on junk
def test_mangled_files_get_a_form_error_or_pass_never_anything_else():
    """Flipped, cut and inserted bytes in every accepted format: a form error or a photo."""
    import random

    rng = random.Random(20260918)
    samples = [
        encode(photo((64, 48)), "JPEG", exif=gps_exif(orientation=6)),
        encode(photo((64, 48)), "PNG"),
        encode(PILImage.new("I;16", (30, 20), 999), "PNG"),
        encode(photo((64, 48)).convert("P"), "GIF"),
        encode(photo((64, 48)), "WEBP"),
    ]
    outcomes = set()
    for _ in range(400):
        data = bytearray(rng.choice(samples))
        for _ in range(rng.randint(1, 6)):
            at = rng.randrange(len(data))
            if rng.random() < 0.7:
                data[at] = rng.randrange(256)
            else:
                del data[at : at + rng.randint(1, 40)]
        try:
            prepared = images.prepare(upload(bytes(data)))
        except ValidationError as error:
            outcomes.add(error.code)
        else:
            assert prepared.image.mode in ("RGB", "RGBA") and prepared.image.info == {}
            outcomes.add("ok")
    assert {"ok", "broken", "not_image"} <= outcomes


def test_a_row_the_database_refuses_leaves_no_file_behind(media_root):
    from django.db import DataError

    too_long = "가" * 300  # alt_text is varchar(250): only the database notices
    with pytest.raises(DataError), transaction.atomic():
        Image(file=upload(encode(photo((90, 60)), "JPEG")), alt_text=too_long).save()
    assert stored_files(media_root) == []
