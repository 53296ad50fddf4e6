import pytest

from articles.models import Article
from articles.sanitize import clean_html, is_allowed_video_url
from tests.factories import make_article

DANGEROUS = (
    "<p>안녕<script>alert(1)</script></p>"
    '<img src="x" onerror="alert(1)">'
    '<a href="javascript:alert(1)">링크</a>'
    '<iframe src="https://evil.example/embed/1"></iframe>'
    '<p style="color:red" onclick="x()">문단</p>'
)


def assert_safe(html):
    for needle in (
        "<script",
        "alert(",
        "onerror",
        "javascript:",
        "evil.example",
        "onclick",
        "style=",
    ):
        assert needle not in html, needle


def test_clean_html_strips_scripts_handlers_bad_links_and_foreign_iframes():
    cleaned = clean_html(DANGEROUS)
    assert_safe(cleaned)
    assert "<p>안녕</p>" in cleaned
    assert "<p>문단</p>" in cleaned
    assert "<iframe" not in cleaned


@pytest.mark.parametrize(
    "src",
    [
        "https://www.youtube.com/embed/dQw4w9WgXcQ",
        "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
        "https://tv.naver.com/embed/12345678",
        "https://play-tv.kakao.com/embed/player/cliplink/301234567",
    ],
)
def test_allowlisted_video_embeds_are_kept(src):
    cleaned = clean_html(f'<iframe src="{src}" allowfullscreen></iframe>')
    assert f'src="{src}"' in cleaned


@pytest.mark.parametrize(
    "src",
    [
        "http://www.youtube.com/embed/dQw4w9WgXcQ",  # not https
        "https://www.youtube.com.evil.example/embed/dQw4w9WgXcQ",
        "https://tv.naver.com/v/12345678",  # a page, not the player
        "javascript:alert(1)",
    ],
)
def test_other_iframes_are_removed_whole(src):
    assert not is_allowed_video_url(src)
    assert "iframe" not in clean_html(f'<p>앞</p><iframe src="{src}"></iframe><p>뒤</p>')


def test_library_image_references_survive_but_not_foreign_sources():
    cleaned = clean_html(
        '<figure data-image-id="12"><img data-image-id="12" src="https://x/y.jpg" alt="사진"></figure>'
    )
    assert 'data-image-id="12"' in cleaned
    assert "https://x/y.jpg" not in cleaned
    assert 'data-image-id="1 2"' not in clean_html('<img data-image-id="1 2">')


@pytest.mark.django_db
def test_every_write_path_stores_clean_html():
    created = make_article(body=DANGEROUS)
    assert_safe(created.body)  # the instance the caller holds
    assert_safe(Article.objects.get(pk=created.pk).body)

    [bulk] = Article.objects.bulk_create([Article(headline="일괄", body=DANGEROUS)])
    assert_safe(Article.objects.get(pk=bulk.pk).body)

    Article.objects.filter(pk=created.pk).update(body=DANGEROUS)
    assert_safe(Article.objects.get(pk=created.pk).body)


# Browsers read an iframe's content as plain text, so nh3 passes it through verbatim; a
# figure expanded at render time (articles/body.py) must not cut that open and let it run.
SMUGGLED_IN_IFRAME = (
    '<figure data-image-id="999"><iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ">'
    "</figure><script>alert(1)</script></iframe></figure>"
)


def test_nothing_is_kept_inside_an_allowed_iframe():
    cleaned = clean_html(SMUGGLED_IN_IFRAME)
    assert_safe(cleaned)
    assert 'src="https://www.youtube.com/embed/dQw4w9WgXcQ"></iframe>' in cleaned


@pytest.mark.django_db
def test_script_smuggled_inside_an_iframe_never_reaches_the_article_page(client):
    article = make_article(body=SMUGGLED_IN_IFRAME)
    assert "<script>alert(1)" not in client.get(article.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_render_body_empties_iframes_of_bodies_stored_before_the_rule():
    from articles.body import render_body

    assert "<script>alert(1)" not in render_body(SMUGGLED_IN_IFRAME)
