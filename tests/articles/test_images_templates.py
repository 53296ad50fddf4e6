"""What readers get: <picture> markup from stored renditions, no image work per view."""

from __future__ import annotations

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from PIL import Image as PILImage

from articles import renditions
from articles.models import Image
from tests.articles.image_samples import encode, photo, upload
from tests.factories import make_article, make_reporter

pytestmark = pytest.mark.django_db


def make(size=(1600, 1000), **fields) -> Image:
    fields.setdefault("alt_text", "시흥시의회 본회의장")
    image = Image(file=upload(encode(photo(size), "JPEG")), **fields)
    image.save()
    return image


def body_with(images) -> str:
    return "".join(
        f'<p>문단 {n}</p><figure data-image-id="{image.pk}"><img data-image-id="{image.pk}" '
        f'alt=""><figcaption>x</figcaption></figure>'
        for n, image in enumerate(images)
    )


def pictures(html: str) -> list[str]:
    return re.findall(r"<picture>.*?</picture>", html, re.S)


@pytest.fixture
def count_pillow(monkeypatch):
    """How many times Pillow opened a file and renditions were built, from now on."""
    counts = {"open": 0, "build": 0}
    real_open, real_build = PILImage.open, renditions.build

    def counting_open(*args, **kwargs):
        counts["open"] += 1
        return real_open(*args, **kwargs)

    def counting_build(*args, **kwargs):
        counts["build"] += 1
        return real_build(*args, **kwargs)

    monkeypatch.setattr(PILImage, "open", counting_open)
    monkeypatch.setattr(renditions, "build", counting_build)
    return counts


def test_lead_image_is_a_responsive_picture_fetched_first(client, media_root):
    lead = make(caption="본회의 모습", credit="사진=김민준 기자")
    article = make_article(lead_image=lead)
    html = client.get(article.get_absolute_url()).content.decode()
    [figure] = re.findall(r'<figure class="story__lead-image">.*?</figure>', html, re.S)
    assert '<source type="image/webp" srcset="' in figure
    assert re.search(r"article-480x300\.webp 480w, .*article-1600x1000\.webp 1600w", figure)
    assert re.search(r'<img src="[^"]+article-1200x750\.jpg" srcset="[^"]+\.jpg 480w', figure)
    assert 'sizes="(min-width: 960px) 800px, calc(100vw - 32px)"' in figure
    assert 'width="1600" height="1000"' in figure
    assert 'alt="시흥시의회 본회의장"' in figure
    assert 'fetchpriority="high"' in figure and 'loading="lazy"' not in figure
    assert lead.file.url not in html  # the master is never what readers download
    assert "사진=김민준 기자" in figure


def test_og_image_is_the_absolute_social_card(client, media_root):
    article = make_article(lead_image=make((1300, 700)))
    html = client.get(article.get_absolute_url()).content.decode()
    card = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
    assert card.startswith("http://testserver/media/renditions/")
    assert card.endswith("/social-1200x630.jpg")
    assert '<meta property="og:image:width" content="1200">' in html
    assert '<meta property="og:image:height" content="630">' in html


def test_body_images_are_lazy_pictures_below_the_fold(client, media_root):
    images = [make((900, 600)) for _ in range(2)]
    article = make_article(body=body_with(images))
    html = client.get(article.get_absolute_url()).content.decode()
    body = pictures(html.split('class="story__body"', 1)[1])
    assert len(body) == 2  # one per photo: the figure swallows its own <img> reference
    assert all('loading="lazy"' in p and "srcset=" in p and 'width="900"' in p for p in body)


def test_list_thumbnails_are_small_decorative_pictures(client, media_root):
    article = make_article(lead_image=make((600, 400)))
    html = client.get(article.section.get_absolute_url()).content.decode()
    [thumb] = pictures(html)
    assert "thumb-180x120.webp 180w" in thumb and "thumb-540x360.jpg 540w" in thumb
    assert 'sizes="(min-width: 600px) 180px, 112px"' in thumb
    assert 'alt=""' in thumb and 'loading="lazy"' in thumb


def test_home_top_story_uses_the_3_2_card(client, media_root):
    make_article(lead_image=make((700, 500)))
    html = client.get("/").content.decode()
    top = re.search(r'class="top-story__image".*?</a>', html, re.S).group(0)
    assert "card-640x427.webp 640w" in top and 'fetchpriority="high"' in top


def test_reporter_portrait_is_a_96px_square(client, media_root):
    reporter = make_reporter(photo=make((300, 400), focal_y=0.2))
    make_article(reporters=[reporter])  # a reporter page needs a published story
    html = client.get(reporter.get_absolute_url()).content.decode()
    [portrait] = pictures(html)
    assert "square-96x96.webp 96w, " in portrait and "square-192x192.webp 192w" in portrait
    assert 'width="96" height="96"' in portrait
    assert 'class="reporter-card__photo"' in portrait


def test_article_page_queries_do_not_grow_with_body_images(client, media_root):
    counts = []
    for n in (1, 5):
        small = [make((240, 160)) for _ in range(n)]
        article = make_article(lead_image=make((240, 160)), body=body_with(small))
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(article.get_absolute_url()).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts


def test_no_image_processing_on_page_views(client, media_root, count_pillow):
    small = [make((240, 160)) for _ in range(5)]
    article = make_article(lead_image=make((240, 160)), body=body_with(small))
    count_pillow.update(open=0, build=0)
    for _ in range(3):
        assert client.get(article.get_absolute_url()).status_code == 200
    assert count_pillow == {"open": 0, "build": 0}


def test_a_photo_without_renditions_gets_them_once_on_first_view(client, media_root, count_pillow):
    lead = make()
    Image.objects.filter(pk=lead.pk).update(renditions={})  # e.g. uploaded before renditions
    article = make_article(lead_image=lead)
    count_pillow.update(open=0, build=0)
    first = client.get(article.get_absolute_url()).content.decode()
    assert count_pillow["build"] == 1
    # (Storage gave new names: the files of the forgotten record were still there.)
    assert re.search(r"article-1600x1000\w*\.webp 1600w", first)
    assert renditions.is_current(Image.objects.get(pk=lead.pk))
    client.get(article.get_absolute_url())
    assert count_pillow["build"] == 1


def test_a_broken_stored_file_falls_back_to_the_master_not_a_500(client, media_root):
    lead = make((300, 200))
    Image.objects.filter(pk=lead.pk).update(renditions={})
    (media_root / lead.file.name).write_bytes(b"\xff\xd8 cut short")
    article = make_article(lead_image=lead)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert f'<img src="{lead.file.url}"' in response.content.decode()


def test_picture_tag_with_no_image_renders_nothing():
    html = Template('{% load images %}[{% picture None "article" %}]').render(Context({}))
    assert html == "[]"


def test_unknown_kind_is_a_template_error(media_root):
    from django.template import TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError):
        Template('{% load images %}{% picture image "poster" %}').render(
            Context({"image": make((100, 80))})
        )


def test_a_broken_file_is_not_retried_on_every_view(client, media_root, count_pillow):
    lead = make((300, 200))
    Image.objects.filter(pk=lead.pk).update(renditions={})
    (media_root / lead.file.name).write_bytes(b"\xff\xd8 cut short")
    article = make_article(lead_image=lead)
    count_pillow.update(open=0, build=0)
    for _ in range(3):
        assert client.get(article.get_absolute_url()).status_code == 200
    assert count_pillow["build"] == 1
