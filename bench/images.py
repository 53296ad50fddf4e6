"""Images: no image work on page views, and what a 12-megapixel upload costs.

1. An article with a lead image and five body images is rendered several times through
   Django's test client (page cache off, so every view really renders). Pillow opens and
   rendition builds are counted: after the first view there must be none, whether the
   renditions were made on upload (the normal case) or lazily by that first view (a photo
   from before renditions existed).
2. A 12 MP (4000×3000) camera-like JPEG goes through the upload path: validation and
   decoding (articles.images.prepare), storing the cleaned master, and building every
   rendition (articles.renditions.build); median of three runs.

Prints figures; it is not a test. It uses its own test database (`test_<name>_imgbench`,
kept between runs) on the site's database server and a temporary MEDIA_ROOT.
Run: .venv/bin/python bench/images.py
"""

import io
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client, override_settings  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from PIL import Image as PILImage  # noqa: E402
from PIL import ImageChops, ImageDraw, ImageFilter  # noqa: E402

from articles import images, renditions  # noqa: E402

COUNTS = {"open": 0, "build": 0}
_real_open, _real_build = PILImage.open, renditions.build


def _counting_open(*args, **kwargs):
    COUNTS["open"] += 1
    return _real_open(*args, **kwargs)


def _counting_build(*args, **kwargs):
    COUNTS["build"] += 1
    return _real_build(*args, **kwargs)


PILImage.open = _counting_open
renditions.build = _counting_build


def camera_jpeg(size, seed=0) -> bytes:
    """A photo-like JPEG: sky gradient, soft shapes and sensor grain.

    Pure noise would be a worst case no camera produces, a flat colour a best case.
    """
    rng = random.Random(seed)
    width, height = size
    sky = PILImage.linear_gradient("L").resize(size)
    picture = PILImage.merge(
        "RGB",
        (
            PILImage.eval(sky, lambda v: 90 + v // 3),
            PILImage.eval(sky, lambda v: 140 + v // 4),
            PILImage.eval(sky, lambda v: 230 - v // 5),
        ),
    )
    draw = ImageDraw.Draw(picture)
    for _ in range(60):
        x, y = rng.randrange(width), rng.randrange(height // 3, height)
        r = rng.randrange(width // 40, width // 6)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=tuple(rng.randrange(256) for _ in "rgb"))
    picture = picture.filter(ImageFilter.GaussianBlur(width / 800))
    grain = PILImage.effect_noise(size, 10).convert("RGB")
    picture = ImageChops.add(picture, grain, 1.0, -128)
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=92)
    return out.getvalue()


def upload(data, name="photo.jpg"):
    return SimpleUploadedFile(name, data, "image/jpeg")


def page_views():
    from articles.models import Image
    from tests.factories import make_article

    photos = [
        Image.objects.create(file=upload(camera_jpeg((1600, 1067), n)), alt_text=f"사진 {n}")
        for n in range(6)
    ]
    body = "".join(
        f'<p>문단 {n}</p><figure data-image-id="{photo.pk}"></figure>'
        for n, photo in enumerate(photos[1:])
    )
    article = make_article(lead_image=photos[0], body=body)
    url = article.get_absolute_url()
    client = Client()

    def view(label):
        COUNTS.update(open=0, build=0)
        started = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
        assert response.status_code == 200, response.status_code
        pictures = response.content.count(b"<picture>")
        print(
            f"  {label:44} {pictures} <picture>  Pillow opens {COUNTS['open']:2d}  "
            f"rendition builds {COUNTS['build']}  {elapsed:6.1f} ms"
        )
        return COUNTS["open"] + COUNTS["build"]

    print("Article page, lead image + 5 body images (renditions made on upload):")
    later = [view(f"view {n}") for n in range(1, 4)]
    print("Same photos with their renditions forgotten (rows from before renditions):")
    Image.objects.filter(pk__in=[p.pk for p in photos]).update(renditions={})
    view("first view (makes them, once)")
    later += [view(f"view {n}") for n in range(2, 4)]
    verdict = "none" if not any(later) else "SOME (a regression)"
    print(f"Image work on views after the first: {verdict}")


def twelve_megapixels():
    from articles.models import Image

    data = camera_jpeg((4000, 3000))
    print(f"\n12 MP upload: 4000×3000 JPEG, {len(data) / 1_000_000:.1f} MB")
    steps = {"validate + decode + clean": [], "store master": [], "build renditions": []}
    files = 0
    for run in range(3):
        file = upload(data, f"camera-{run}.jpg")
        started = time.perf_counter()
        prepared = images.prepare(file)
        steps["validate + decode + clean"].append(time.perf_counter() - started)
        image = Image(file=file, alt_text="12MP")
        started = time.perf_counter()
        # Image.save() = store the cleaned master, then build renditions from the pixels
        # prepare() already decoded; timed apart by timing the build on its own.
        real = Image.refresh_renditions
        Image.refresh_renditions = lambda self, source=None: None
        image.save()
        Image.refresh_renditions = real
        steps["store master"].append(time.perf_counter() - started)
        started = time.perf_counter()
        image.refresh_renditions(source=prepared.image)
        steps["build renditions"].append(time.perf_counter() - started)
        files = len(renditions.files_of(image.renditions))
    total = 0.0
    for step, timings in steps.items():
        median = statistics.median(timings)
        total += median
        print(f"  {step:28} median {median * 1000:7.0f} ms  (runs: "
              + ", ".join(f"{t * 1000:.0f}" for t in timings) + ")")  # fmt: skip
    print(f"  {'total per upload':28} median {total * 1000:7.0f} ms, {files} rendition files")


def main():
    setup_test_environment()
    connection.settings_dict.setdefault("TEST", {})
    connection.settings_dict["TEST"]["NAME"] = f"test_{connection.settings_dict['NAME']}_imgbench"
    connection.creation.create_test_db(verbosity=0, keepdb=True)
    with (
        tempfile.TemporaryDirectory() as media,
        override_settings(
            MEDIA_ROOT=media,
            PAGE_CACHE_SECONDS=0,
            DEBUG=False,
            # No collectstatic needed: plain static URLs, as in the tests.
            STORAGES={
                **settings.STORAGES,
                "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
            },
        ),
        transaction.atomic(),
    ):  # leave the bench database as it was
        page_views()
        twelve_megapixels()
        transaction.set_rollback(True)


if __name__ == "__main__":
    main()
