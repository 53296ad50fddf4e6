"""Renditions: sizes, formats, focal-point crops, storage API, the rebuild command."""

from __future__ import annotations

import io

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image as PILImage

from articles import renditions
from articles.models import Image
from tests.articles.image_samples import encode, open_stored, photo, stored_files, upload

pytestmark = pytest.mark.django_db


def make(size=(2000, 1500), fmt="JPEG", **fields) -> Image:
    image = Image(file=upload(encode(photo(size), fmt), f"p.{fmt.lower()}"), alt_text="설명")
    for name, value in fields.items():
        setattr(image, name, value)
    image.save()
    return image


class TestCropBox:
    def test_no_ratio_keeps_the_whole_photo(self):
        assert renditions.crop_box((400, 300), None) == (0, 0, 400, 300)

    def test_centre_by_default(self):
        assert renditions.crop_box((400, 200), 1.0) == (100, 0, 300, 200)

    def test_focal_point_moves_the_crop_towards_the_face(self):
        assert renditions.crop_box((400, 200), 1.0, (0.9, 0.5)) == (200, 0, 400, 200)
        assert renditions.crop_box((400, 200), 1.0, (0.1, 0.5)) == (0, 0, 200, 200)

    def test_focal_point_on_a_portrait_photo(self):
        assert renditions.crop_box((300, 900), 3 / 2, (0.5, 0.1)) == (0, 0, 300, 200)

    def test_crop_never_leaves_the_photo(self):
        for fx in (0, 0.25, 1):
            left, top, right, bottom = renditions.crop_box((1000, 700), 1200 / 630, (fx, 1))
            assert 0 <= left < right <= 1000 and 0 <= top < bottom <= 700


def test_every_kind_is_made_in_webp_and_jpeg_at_its_widths(media_root):
    image = make((2000, 1500))
    kinds = image.renditions["kinds"]
    assert set(kinds) == set(renditions.KINDS)
    article = kinds["article"]
    assert [w for w, _h, _n in article["sources"]["webp"]] == [480, 800, 1200, 1600]
    assert [w for w, _h, _n in article["sources"]["jpeg"]] == [480, 800, 1200, 1600]
    assert (article["width"], article["height"]) == (1600, 1200)
    for width, height, name in article["sources"]["webp"] + article["sources"]["jpeg"]:
        picture = open_stored(name)
        assert picture.size == (width, height)
        assert picture.format == ("WEBP" if name.endswith(".webp") else "JPEG")
    thumb = kinds["thumb"]["sources"]["jpeg"]
    assert [(w, h) for w, h, _ in thumb] == [(180, 120), (360, 240), (540, 360)]
    assert [(w, h) for w, h, _ in kinds["square"]["sources"]["webp"]] == [(96, 96), (192, 192)]


def test_social_card_is_one_1200x630_jpeg(media_root):
    card = make((2000, 1500)).renditions["kinds"]["social"]
    assert list(card["sources"]) == ["jpeg"]
    [(width, height, name)] = card["sources"]["jpeg"]
    assert (width, height) == (1200, 630)
    assert open_stored(name).size == (1200, 630)


def test_small_photos_are_not_blown_up(media_root):
    kinds = make((500, 400)).renditions["kinds"]
    assert [w for w, _h, _n in kinds["article"]["sources"]["jpeg"]] == [480, 500]
    assert kinds["social"]["width"] == 500
    assert (kinds["square"]["width"], kinds["square"]["height"]) == (192, 192)


def test_focal_point_decides_what_the_square_shows(media_root):
    # Left half blue, right half red: a square crop centred on the right shows red.
    picture = PILImage.new("RGB", (800, 400), (0, 0, 255))
    picture.paste((255, 0, 0), (400, 0, 800, 400))
    image = Image(file=upload(encode(picture, "PNG"), "two.png"), alt_text="설명", focal_x=0.95)
    image.save()
    square = open_stored(image.renditions["kinds"]["square"]["sources"]["jpeg"][-1][2])
    red, _green, blue = square.getpixel((square.width // 2, square.height // 2))
    assert red > 200 and blue < 60


def test_renditions_go_through_the_storage_api_only(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "must-stay-empty"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    image = make((900, 600))
    assert default_storage.exists(image.file.name)
    for name in renditions.files_of(image.renditions):
        assert default_storage.exists(name), name
    assert not (tmp_path / "must-stay-empty").exists()


def test_changing_focal_point_changes_names_but_a_caption_edit_does_not(media_root):
    image = make((900, 600))
    before = dict(image.renditions)
    image.caption = "새 설명"
    image.save()
    assert image.renditions == before
    image.focal_x = 0.1
    image.save()
    assert image.renditions["key"] != before["key"]


def test_deleting_a_photo_deletes_its_files(media_root, django_capture_on_commit_callbacks):
    image = make((600, 400))
    assert stored_files(media_root)
    with django_capture_on_commit_callbacks(execute=True):
        image.delete()
    assert stored_files(media_root) == []


def test_demo_photos_get_renditions(media_root):
    from articles import demo

    [image] = demo.seed_images(1, lambda done, total: None)
    assert renditions.is_current(image)
    assert image.renditions["kinds"]["article"]["width"] == 1200


class TestRebuildCommand:
    def forget(self, *images):
        Image.objects.filter(pk__in=[i.pk for i in images]).update(renditions={})

    def test_makes_missing_renditions_and_then_has_nothing_to_do(self, media_root):
        images = [make((400, 300)) for _ in range(3)]
        self.forget(*images)
        out = io.StringIO()
        call_command("rebuild_renditions", stdout=out)
        assert "새로 만듦 3장" in out.getvalue()
        assert "3/3 (100%)" in out.getvalue()
        assert all(renditions.is_current(Image.objects.get(pk=i.pk)) for i in images)
        out = io.StringIO()
        call_command("rebuild_renditions", stdout=out)
        assert "새로 만듦 0장, 이미 최신 3장" in out.getvalue()

    def test_all_redoes_current_ones(self, media_root):
        make((400, 300))
        out = io.StringIO()
        call_command("rebuild_renditions", "--all", stdout=out)
        assert "새로 만듦 1장" in out.getvalue()

    def test_an_interrupted_run_resumes_where_it_stopped(self, media_root, monkeypatch):
        images = [make((400, 300)) for _ in range(4)]
        self.forget(*images)
        real = Image.refresh_renditions
        calls = []

        def interrupted(self, source=None):
            calls.append(self.pk)
            if len(calls) == 3:
                raise KeyboardInterrupt
            return real(self, source)

        monkeypatch.setattr(Image, "refresh_renditions", interrupted)
        with pytest.raises(CommandError, match=f"--after-id {images[1].pk}"):
            call_command("rebuild_renditions", stdout=io.StringIO())
        monkeypatch.setattr(Image, "refresh_renditions", real)
        out = io.StringIO()
        call_command("rebuild_renditions", stdout=out)
        assert "새로 만듦 2장, 이미 최신 2장" in out.getvalue()

    def test_a_broken_file_is_reported_and_the_rest_still_done(self, media_root):
        good, broken = make((400, 300)), make((400, 300))
        self.forget(good, broken)
        (media_root / broken.file.name).write_bytes(b"not a photo any more")
        out, err = io.StringIO(), io.StringIO()
        with pytest.raises(CommandError, match="1장"):
            call_command("rebuild_renditions", stdout=out, stderr=err)
        assert f"사진 {broken.pk}번" in err.getvalue()
        assert renditions.is_current(Image.objects.get(pk=good.pk))


def test_replacing_the_file_removes_the_old_master_and_renditions(
    media_root, django_capture_on_commit_callbacks
):
    image = make((600, 400))
    old = [image.file.name, *renditions.files_of(image.renditions)]
    image = Image.objects.get(pk=image.pk)
    image.file = upload(encode(photo((500, 300)), "PNG"), "new.png")
    with django_capture_on_commit_callbacks(execute=True):
        image.save()
    left = stored_files(media_root)
    assert not any(name in left for name in old)
    assert image.file.name in left and image.renditions["kinds"]["article"]["width"] == 500


def test_a_replaced_photo_never_shows_its_old_renditions_when_new_ones_fail(
    media_root, django_capture_on_commit_callbacks, monkeypatch
):
    image = make((600, 400))
    old_renditions = renditions.files_of(image.renditions)
    image = Image.objects.get(pk=image.pk)
    image.file = upload(encode(photo((500, 300)), "PNG"), "new.png")

    def failing_build(*args, **kwargs):
        raise OSError("storage is down")

    monkeypatch.setattr(renditions, "build", failing_build)
    with django_capture_on_commit_callbacks(execute=True):
        image.save()
    stored = Image.objects.get(pk=image.pk)
    assert stored.renditions == {}
    left = stored_files(media_root)
    assert not any(name in left for name in old_renditions)
    assert stored.file.name in left  # pages show the new master meanwhile


def test_seeding_again_brings_old_demo_photos_up_to_date(media_root):
    from articles import demo

    [image] = demo.seed_images(1, lambda done, total: None)
    Image.objects.filter(pk=image.pk).update(renditions={})
    [again] = demo.seed_images(1, lambda done, total: None)
    assert again.pk == image.pk and renditions.is_current(Image.objects.get(pk=image.pk))


def test_rebuild_cleans_a_master_stored_before_the_gate_existed(
    media_root, django_capture_on_commit_callbacks
):
    from tests.articles.image_samples import jpeg_with_gps

    # As the plain ImageField used to store it: the upload's bytes, GPS and all.
    raw_name = default_storage.save("images/2025/01/IMG_0001.jpg", upload(jpeg_with_gps()))
    image = Image.objects.create(file=raw_name, alt_text="예전 사진")
    Image.objects.filter(pk=image.pk).update(renditions={})
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("rebuild_renditions", stdout=out)
    assert "EXIF·GPS 등을 지우고 다시 저장: 1장" in out.getvalue()
    image.refresh_from_db()
    assert image.file.name != raw_name and not (media_root / raw_name).exists()
    assert b"Galaxy" not in (media_root / image.file.name).read_bytes()
    assert not open_stored(image.file.name).getexif()
    assert renditions.is_current(image)
    out = io.StringIO()
    call_command("rebuild_renditions", "--all", stdout=out)
    assert "EXIF" not in out.getvalue()  # clean now: only renditions redone


def test_a_one_pixel_wide_strip_still_gets_renditions(media_root):
    kinds = make((1, 300), fmt="PNG").renditions["kinds"]
    assert (kinds["square"]["width"], kinds["square"]["height"]) == (1, 1)
    assert kinds["article"]["width"] == 1


@pytest.mark.parametrize(
    ("size", "working"),
    [((4000, 3000), (2000, 1500)), ((3000, 4000), (2000, 2667)), ((1600, 1000), (1600, 1000))],
)
def test_kinds_are_cut_from_one_smaller_copy(size, working):
    assert renditions._working_copy(PILImage.new("RGB", size)).size == working


def test_the_smaller_copy_still_serves_every_kind_at_full_width():
    # A panorama: the 3:2 card crop is narrow, so the copy must stay wide enough for it.
    copy = renditions._working_copy(PILImage.new("RGB", (8000, 2000)))
    for kind in renditions.KINDS.values():
        box = renditions.crop_box(copy.size, kind.ratio)
        assert box[2] - box[0] >= max(kind.widths), kind.name


def test_file_save_with_save_true_builds_from_the_upload_without_reopening(media_root, monkeypatch):
    image = make((300, 200))
    opened = []
    real_open = PILImage.open
    monkeypatch.setattr(PILImage, "open", lambda *a, **k: opened.append(1) or real_open(*a, **k))
    image.file.save("again.png", upload(encode(photo((500, 300)), "PNG"), "again.png"))
    assert len(opened) == 2  # prepare(): verify, then the full decode; renditions: none
    image.refresh_from_db()
    assert renditions.is_current(image) and image.renditions["kinds"]["article"]["width"] == 500
