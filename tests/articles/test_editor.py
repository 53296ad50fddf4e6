"""The admin's body editor and tags field: their JSON endpoints, widgets, video addresses,
and the figure markup a reporter's save stores and readers get back as a picture."""

import html as html_module
import json
import re

import pytest
from django.contrib.auth.models import Permission
from django.template.loader import render_to_string
from django.urls import reverse

from articles import editor
from articles.body import referenced_image_ids, render_body
from articles.embeds import REFUSAL, video_embed
from articles.models import Article, Image
from articles.sanitize import VIDEO_EMBED_PATTERNS, clean_html, is_allowed_video_url
from articles.widgets import RichTextWidget, TagAutocompleteWidget
from tests.factories import (
    make_article,
    make_editor,
    make_image,
    make_reporter_user,
    make_section,
    make_user,
)

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/articles/article/add/"
IMAGES_URL = "/admin/articles/article/editor/images/"
TAGS_URL = "/admin/articles/article/editor/tags/"
VIDEO_URL = "/admin/articles/article/editor/video/"
ENDPOINTS = (IMAGES_URL, TAGS_URL, VIDEO_URL)


@pytest.fixture(autouse=True)
def _plain_static_files(settings):
    # Admin pages link static files; the manifest storage would need a collectstatic run.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def reporter(client):
    user = make_reporter_user("reporter1")
    client.force_login(user)
    return user


def get_json(client, path, status=200, **params):
    response = client.get(path, params)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


class TestEndpointAccess:
    def test_urls_are_named_in_the_admin_namespace(self):
        assert reverse("admin:articles_article_editor_images") == IMAGES_URL
        assert reverse("admin:articles_article_editor_tags") == TAGS_URL
        assert reverse("admin:articles_article_editor_video") == VIDEO_URL

    @pytest.mark.parametrize("url", ENDPOINTS)
    def test_anonymous_is_sent_to_login(self, client, url):
        response = client.get(url, {"q": "시흥"})
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")

    @pytest.mark.parametrize("url", ENDPOINTS)
    def test_non_staff_is_sent_to_login(self, client, url):
        client.force_login(make_user(is_staff=False))
        response = client.get(url, {"q": "시흥"})
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")

    @pytest.mark.parametrize("url", ENDPOINTS)
    def test_staff_without_permissions_is_refused_in_korean(self, client, url):
        client.force_login(make_user())  # staff, no group
        data = get_json(client, url, status=403, q="시흥")
        assert "권한" in data["error"]

    def test_image_search_needs_view_permission_on_image(self, client):
        user = make_user()
        user.user_permissions.add(Permission.objects.get(codename="add_article"))
        client.force_login(user)
        get_json(client, IMAGES_URL, status=403)
        user.user_permissions.add(Permission.objects.get(codename="view_image"))
        client.force_login(user)  # a fresh request reloads the permission cache
        assert get_json(client, IMAGES_URL)["results"] == []

    @pytest.mark.parametrize("url", ENDPOINTS)
    def test_reporter_and_editor_are_allowed(self, client, url):
        for user in (make_reporter_user(), make_editor()):
            client.force_login(user)
            response = client.get(url, {"q": "시흥", "url": "https://youtu.be/dQw4w9WgXcQ"})
            assert response.status_code == 200, (user, response.content)


class TestImageSearch:
    @pytest.fixture
    def library(self, media_root):
        return {
            "hall": make_image(
                alt_text="시흥시청 전경", caption="시흥시청 본관", credit="사진=시흥시"
            ),
            "sunset": make_image(
                alt_text="갯벌 위 노을", caption="갯골생태공원의 일몰", credit="사진=홍길동 기자"
            ),
            "council": make_image(alt_text="본회의장", caption="시흥시의회 본회의", credit=""),
        }

    def test_lists_the_library_newest_first_with_what_the_picker_shows(
        self, client, reporter, library
    ):
        data = get_json(client, IMAGES_URL)
        assert [r["id"] for r in data["results"]] == [
            library["council"].pk,
            library["sunset"].pk,
            library["hall"].pk,
        ]
        first = data["results"][0]
        assert set(first) == {
            "id", "url", "thumbnail", "alt", "caption", "credit", "width", "height",
        }  # fmt: skip
        # Made renditions are preferred to the (possibly 12 MP) master.
        assert "/renditions/" in first["url"] and "/renditions/" in first["thumbnail"]
        assert first["alt"] == "본회의장"
        assert (first["width"], first["height"]) == (64, 48)
        assert data["count"] == 3
        assert (data["page"], data["num_pages"]) == (1, 1)
        assert (data["has_previous"], data["has_next"]) == (False, False)

    @pytest.mark.parametrize(
        ("query", "expected"),
        [
            ("갯골", ["sunset"]),  # caption
            ("노을", ["sunset"]),  # alt text
            ("홍길동", ["sunset"]),  # credit
            ("시흥시", ["council", "hall"]),
            ("시흥 본회의", ["council"]),  # every word must match, in any field
            ("없는말", []),
        ],
    )
    def test_searches_alt_caption_and_credit(self, client, reporter, library, query, expected):
        data = get_json(client, IMAGES_URL, q=query)
        assert [r["id"] for r in data["results"]] == [library[key].pk for key in expected]
        assert data["query"] == query

    def test_pages(self, client, reporter, library, monkeypatch):
        monkeypatch.setattr(editor, "IMAGES_PER_PAGE", 2)
        first = get_json(client, IMAGES_URL, page=1)
        second = get_json(client, IMAGES_URL, page=2)
        assert len(first["results"]) == 2 and first["has_next"] and not first["has_previous"]
        assert [r["id"] for r in second["results"]] == [library["hall"].pk]
        assert second["has_previous"] and not second["has_next"]
        assert second["num_pages"] == 2
        # A stale or bad page number shows a real page, never an error.
        assert get_json(client, IMAGES_URL, page=99)["page"] == 2
        assert get_json(client, IMAGES_URL, page="x")["page"] == 1

    def test_shows_the_master_while_renditions_are_missing(self, client, reporter, library):
        Image.objects.update(renditions={})
        first = get_json(client, IMAGES_URL)["results"][0]
        assert first["url"] == first["thumbnail"] == library["council"].file.url

    def test_looks_up_the_images_a_body_refers_to(self, client, reporter, library):
        ids = f"{library['hall'].pk},{library['council'].pk},abc,999999"
        data = get_json(client, IMAGES_URL, ids=ids)
        assert sorted(r["id"] for r in data["results"]) == sorted(
            [library["hall"].pk, library["council"].pk]
        )

    @pytest.mark.parametrize("params", [{"ids": "²,³"}, {"q": "시흥\x00"}])
    def test_odd_input_gets_an_answer_not_a_server_error(self, client, reporter, library, params):
        # "²".isdigit() is true but int() refuses it; Postgres refuses NUL in text (a NUL
        # never reaches the view: newsroom.middleware answers 400 first).
        client.raise_request_exception = False
        assert client.get(IMAGES_URL, params).status_code in (200, 400)


class TestTagSuggestions:
    @pytest.fixture
    def tagged(self):
        section = make_section()
        make_article(section=section, tags=["시흥시의회", "시흥시", "교통"])
        make_article(section=section, tags=["시흥시의회", "신천동 시흥"])
        make_article(section=section, tags=["시흥시의회"])

    def test_suggests_korean_names_prefix_first_then_most_used(self, client, reporter, tagged):
        data = get_json(client, TAGS_URL, q="시흥")
        assert [r["name"] for r in data["results"]] == ["시흥시의회", "시흥시", "신천동 시흥"]
        assert data["results"][0] == {"name": "시흥시의회", "slug": "시흥시의회", "count": 3}

    def test_a_quoted_token_still_matches(self, client, reporter, tagged):
        data = get_json(client, TAGS_URL, q='"신천동 시')
        assert [r["name"] for r in data["results"]] == ["신천동 시흥"]

    def test_a_nul_in_the_query_is_no_server_error(self, client, reporter, tagged):
        # newsroom.middleware refuses a NUL in any query string before a view runs.
        client.raise_request_exception = False
        assert client.get(TAGS_URL, {"q": "시흥\x00"}).status_code == 400

    def test_empty_query_suggests_nothing(self, client, reporter, tagged):
        assert get_json(client, TAGS_URL, q="  ")["results"] == []


class TestVideoLookup:
    def test_returns_the_player_address(self, client, reporter):
        data = get_json(client, VIDEO_URL, url="https://www.youtube.com/watch?v=dQw4w9WgXcQ")
        assert data == {
            "provider": "youtube",
            "embed_url": "https://www.youtube.com/embed/dQw4w9WgXcQ",
            "title": "유튜브 동영상",
        }

    def test_refuses_other_sites_in_korean(self, client, reporter):
        data = get_json(client, VIDEO_URL, status=400, url="https://vimeo.com/123456")
        assert data == {"error": REFUSAL}
        assert "유튜브" in REFUSAL and "네이버TV" in REFUSAL and "카카오TV" in REFUSAL


@pytest.mark.parametrize(
    ("page_url", "provider", "embed_url"),
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "youtube", "https://www.youtube.com/embed/dQw4w9WgXcQ"),
        ("https://m.youtube.com/watch?feature=share&v=dQw4w9WgXcQ", "youtube", "https://www.youtube.com/embed/dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ?si=AbCdEf", "youtube", "https://www.youtube.com/embed/dQw4w9WgXcQ"),
        ("youtu.be/dQw4w9WgXcQ", "youtube", "https://www.youtube.com/embed/dQw4w9WgXcQ"),
        ("https://youtu.be/dQw4w9WgXcQ?t=90", "youtube", "https://www.youtube.com/embed/dQw4w9WgXcQ?start=90"),
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=1m30s", "youtube", "https://www.youtube.com/embed/dQw4w9WgXcQ?start=90"),
        ("https://www.youtube.com/shorts/dQw4w9WgXcQ", "youtube", "https://www.youtube.com/embed/dQw4w9WgXcQ"),
        ("https://www.youtube.com/embed/dQw4w9WgXcQ", "youtube", "https://www.youtube.com/embed/dQw4w9WgXcQ"),
        ("https://tv.naver.com/v/12345678", "navertv", "https://tv.naver.com/embed/12345678"),
        ("https://m.tv.naver.com/v/12345678/", "navertv", "https://tv.naver.com/embed/12345678"),
        ("https://tv.kakao.com/v/412345678", "kakaotv", "https://play-tv.kakao.com/embed/player/cliplink/412345678"),
        ("https://tv.kakao.com/channel/3701573/cliplink/412345678", "kakaotv", "https://play-tv.kakao.com/embed/player/cliplink/412345678"),
        ("  https://tv.kakao.com/v/412345678?metaObjectType=Channel ", "kakaotv", "https://play-tv.kakao.com/embed/player/cliplink/412345678"),
    ],
)  # fmt: skip
def test_video_page_addresses_become_allowed_player_addresses(page_url, provider, embed_url):
    embed = video_embed(page_url)
    assert (embed.provider, embed.embed_url) == (provider, embed_url)
    assert is_allowed_video_url(embed.embed_url)


@pytest.mark.parametrize(
    "page_url",
    [
        "",
        "유튜브 영상",
        "https://vimeo.com/123456",
        "https://www.youtube.com/watch?v=",
        "https://www.youtube.com/watch?v=<script>",
        "https://www.youtube.com/channel/UCabcdefg",
        "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
        "https://evil.example/youtu.be/dQw4w9WgXcQ",
        "javascript:alert(1)//youtu.be/dQw4w9WgXcQ",
        "ftp://youtu.be/dQw4w9WgXcQ",
        "https://tv.naver.com/v/abc",
        "https://tv.naver.com/l/12345",
        "https://tv.kakao.com/channel/3701573",
    ],
)
def test_other_addresses_are_refused(page_url):
    assert video_embed(page_url) is None


class TestWidgets:
    def test_admin_form_loads_the_editor_and_tag_autocomplete(self, client, reporter):
        html = client.get(ADD_URL).content.decode()
        assert html.count("articles/body-editor.js") == 1
        assert 'type="module"' in html
        assert "django_prose_editor/editor.css" in html and "articles/body-editor.css" in html
        # The schema travels with the textarea; no inline script (the CSP has no nonce).
        assert "data-django-prose-editor-newsroom=" in html
        assert 'type="importmap"' not in html
        assert html.count("articles/tag-autocomplete.js") == 1
        assert "articles/tag-autocomplete.css" in html
        assert f'data-images-url="{IMAGES_URL}"' in html
        assert f'data-video-url="{VIDEO_URL}"' in html
        assert 'data-image-add-url="/admin/articles/image/add/"' in html
        assert f'data-tag-autocomplete data-url="{TAGS_URL}"' in html
        # Without JavaScript the body is still a plain textarea of HTML.
        assert re.search(r'<textarea name="body"[^>]*class="rich-text-source"', html)

    def test_rich_text_widget_hands_the_script_the_video_allowlist(self):
        html = RichTextWidget().render("body", "<p>본문</p>")
        match = re.search(r'data-video-patterns="([^"]*)"', html)
        patterns = json.loads(html_module.unescape(match.group(1)))
        assert patterns == [p.pattern for p in VIDEO_EMBED_PATTERNS]
        assert "&lt;p&gt;본문&lt;/p&gt;</textarea>" in html

    def test_tag_widget_shows_existing_tags_as_taggit_text(self):
        tags = make_article(tags=["시흥시의회", "신천동 시흥"]).tags.all()
        html = TagAutocompleteWidget().render("tags", list(tags))
        assert 'autocomplete="off"' in html
        assert 'value="&quot;신천동 시흥&quot;, 시흥시의회"' in html


# What the editor writes for a library picture (static/articles/body-editor.js): the id only, alt from the library.
EDITOR_FIGURE = (
    '<figure data-image-id="{pk}"><img data-image-id="{pk}" alt="시흥시청 전경"></figure>'
)


class TestStoredFigures:
    def test_body_saved_through_the_admin_keeps_only_the_reference(
        self, client, reporter, media_root
    ):
        image = make_image(caption="시흥시청 본관", credit="사진=시흥시")
        section = make_section()
        figure = EDITOR_FIGURE.format(pk=image.pk)
        # Also what a broken script or a hand edit might leave: the display src, the
        # editor's own attributes and caption.
        leftovers = (
            f'<figure data-image-id="{image.pk}" contenteditable="false" class="rte-image">'
            f'<img src="{image.file.url}" data-image-id="{image.pk}" alt="시흥시청 전경">'
            '<figcaption data-editor-only="">시흥시청 본관</figcaption></figure>'
        )
        response = client.post(ADD_URL, admin_post(
            client,
            headline="시청 사진 기사",
            section=section.pk,
            body=f"<p>첫 문단</p>{figure}<p>둘째 문단</p>{leftovers}",
            tags='시흥시의회, "신천동 시흥"',
        ))  # fmt: skip
        assert response.status_code == 302, response.context["adminform"].form.errors

        article = Article.objects.get(headline="시청 사진 기사")
        assert figure in article.body
        assert "src=" not in article.body
        assert "contenteditable" not in article.body
        assert referenced_image_ids(article.body) == [image.pk]
        assert sorted(article.tags.names()) == ["시흥시의회", "신천동 시흥"]

        rendered = render_body(article.body)
        # Both references become the library's own markup for the picture.
        assert rendered.count(rendered_picture(image)) == 2
        assert "시흥시청 본관" in rendered and "사진=시흥시" in rendered
        assert "data-image-id" not in rendered
        assert rendered.startswith("<p>첫 문단</p>")

    def test_reference_renders_whatever_the_attribute_order(self, media_root):
        image = make_image()
        body = clean_html(f'<p><img alt="사진" data-image-id="{image.pk}"></p>')
        assert referenced_image_ids(body) == [image.pk]
        assert rendered_picture(image) in render_body(body)

    def test_pictures_without_a_library_reference_are_not_stored(self):
        cleaned = clean_html(
            '<p>앞<img src="https://elsewhere.example/a.jpg" alt="남의 사진">뒤</p>'
        )
        assert cleaned == "<p>앞뒤</p>"

    def test_video_figure_survives_the_sanitizer(self):
        html = (
            '<figure data-video="youtube"><iframe src="https://www.youtube.com/embed/dQw4w9WgXcQ"'
            ' title="유튜브 동영상" allowfullscreen></iframe></figure>'
        )
        cleaned = clean_html(html)
        assert 'src="https://www.youtube.com/embed/dQw4w9WgXcQ"' in cleaned
        assert 'data-video="youtube"' in cleaned


def rendered_picture(image):
    """What articles/body.py puts where a reference stood (whatever its template does)."""
    return render_to_string("articles/_body_image.html", {"image": image})


def admin_post(client, **fields):
    """An add-form POST: the fields given, empty inlines, and the other required fields."""
    page = client.get(ADD_URL)
    data = {"origin": Article._meta.get_field("origin").default}
    for inline in page.context["inline_admin_formsets"]:
        prefix = inline.formset.prefix
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    data.update(fields)
    return data
