"""Characters XML 1.0 cannot carry never reach a row, and never break a feed (issue 8).

Word and HWP paste ``\\x0b`` (soft line break), ``\\x01`` and U+FFFE/U+FFFF; one in a
headline made /rss/ a 500 for every reader and portal.
"""

import xml.etree.ElementTree as ET

import pytest
from django.apps import apps
from django.db import connection
from django.db.models.signals import pre_save
from taggit.models import Tag

from articles.models import Article, Image, RelatedLink, Reporter, Section
from newsroom.models import Banner, HomeCuration, LegalPage, SiteSettings
from newsroom.text import CLEANED_APPS, has_xml_illegal, text_fields, xml_safe
from tests.articles.test_admin_workflow import form_data
from tests.factories import jpeg_bytes, make_article, make_banner, make_image, make_section
from weather.models import Station

# What pasting from Word/HWP leaves in a field, and what a broken encoder leaves.
DIRTY = "시흥\x0b갯골\x01축제\ufffe개막\uffff\ud800"
CLEAN_ONE_LINE = "시흥갯골축제개막"
# A form post is UTF-8, which cannot hold a lone surrogate.
POSTED = DIRTY[:-1]


# --- the rule ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("a\x00b\x01c\x08d\x0be\x0cf\x0eg\x1fh", "abcdefgh"),
        ("\ufffe\uffff\ud800\udfff", ""),
        ("줄\n바꿈\t탭\r\n", "줄\n바꿈\t탭\r\n"),
        ("이모지 😀 그대로, 私 も", "이모지 😀 그대로, 私 も"),
        ("\x7f\x85\u2028", "\x7f\x85\u2028"),  # legal (if discouraged) in XML 1.0
    ],
)
def test_only_what_xml_cannot_carry_is_removed(dirty, clean):
    assert xml_safe(dirty) == clean
    assert not has_xml_illegal(xml_safe(dirty))


def test_a_one_line_field_gets_spaces_for_tabs_and_line_breaks():
    assert xml_safe("제목\r\n둘째\t셋째\n", single_line=True) == "제목 둘째 셋째 "


@pytest.mark.django_db
def test_the_postgres_pattern_matches_what_python_removes():
    from newsroom.text import XML_ILLEGAL_POSTGRES

    legal = "가\t\n\r ~\x7f\ufffd😀"
    with connection.cursor() as cursor:
        for ch in [chr(n) for n in range(1, 32)] + ["\ufffe", "\uffff"] + list(legal):
            cursor.execute("SELECT %s ~ %s", [ch, XML_ILLEGAL_POSTGRES])
            assert cursor.fetchone()[0] is has_xml_illegal(ch), repr(ch)


# --- every model of ours, every write path ----------------------------------------------------


def our_models():
    return [
        model
        for label in CLEANED_APPS
        for model in apps.get_app_config(label).get_models()
        if text_fields(model)
    ]


@pytest.mark.parametrize("model", our_models(), ids=lambda m: m._meta.label)
def test_every_text_field_of_every_model_of_ours_is_cleaned_on_save(model):
    instance = model()
    fields = text_fields(model)
    for field, _ in fields:
        setattr(instance, field.attname, DIRTY)
    pre_save.send(sender=model, instance=instance, raw=False, using="default", update_fields=None)
    for field, _single_line in fields:
        value = getattr(instance, field.attname)
        assert not has_xml_illegal(value), (field.name, value)
        assert value == CLEAN_ONE_LINE


def test_the_covered_models_include_the_ones_the_desk_writes():
    covered = {model._meta.label for model in our_models()}
    assert {
        "articles.Article",
        "articles.Image",
        "articles.Reporter",
        "articles.Section",
        "articles.RelatedLink",
        "newsroom.Banner",
        "newsroom.SiteSettings",
        "newsroom.LegalPage",
        "newsroom.HomeCuration",
        "weather.Station",
        "taggit.Tag",
    } <= covered


@pytest.mark.django_db
def test_objects_create_stores_clean_text(media_root):
    section = Section.objects.create(name=DIRTY, slug="clean", description=DIRTY)
    reporter = Reporter.objects.create(name="홍\x0b길동", title="기\x01자", bio="소개\x0b\n둘째 줄")
    article = Article.objects.create(
        headline=DIRTY,
        subheadline=DIRTY,
        summary="요약\x0b\n다음 줄",
        body="<p>본문\x0b입니다\ufffe</p>",
        dateline="[시흥\x01타임즈]",
        section=section,
    )
    image = make_image(alt_text=DIRTY, caption=DIRTY, credit=DIRTY)
    link = RelatedLink.objects.create(article=article, title=DIRTY, url="https://example.kr/")
    station = Station.objects.create(number=9999, name="시\x0b흥")
    banner = make_banner(name=DIRTY, alt_text=DIRTY)
    legal, _ = LegalPage.objects.get_or_create(kind="privacy")
    legal.body = "첫\x0b문단\n\n둘째"
    legal.save()
    site = SiteSettings(title=DIRTY, tagline=DIRTY)
    site.save()
    article.tags.add("정\x0b치")

    assert section.name == CLEAN_ONE_LINE  # the instance holds what was stored
    for obj, names in [
        (section, ["name", "description"]),
        (article, ["headline", "subheadline"]),
        (image, ["alt_text", "caption", "credit"]),
        (link, ["title"]),
        (banner, ["name", "alt_text"]),
        (site, ["title", "tagline"]),
    ]:
        obj.refresh_from_db()
        for name in names:
            assert getattr(obj, name) == CLEAN_ONE_LINE, (obj, name)
    reporter.refresh_from_db()
    assert (reporter.name, reporter.title, reporter.bio) == ("홍길동", "기자", "소개\n둘째 줄")
    article.refresh_from_db()
    assert article.summary == "요약\n다음 줄"  # multi-line fields keep their line breaks
    assert article.body == "<p>본문입니다</p>"
    assert article.dateline == "[시흥타임즈]"
    assert Station.objects.get(pk=station.pk).name == "시흥"
    assert LegalPage.objects.get(pk=legal.pk).body == "첫문단\n\n둘째"
    assert list(Tag.objects.values_list("name", flat=True)) == ["정치"]


# --- through the admin ------------------------------------------------------------------------


@pytest.fixture
def desk(admin_client, media_root):
    return admin_client


@pytest.mark.django_db
def test_article_form_with_its_inlines_and_tags(desk):
    existing = Tag.objects.create(name="정치", slug="정치")
    section = make_section()
    add = "/admin/articles/article/add/"
    data = form_data(
        desk,
        add,
        headline=POSTED,
        subheadline=POSTED,
        summary="요약\x0b\r\n다음 줄",
        body="<p>본문\x0b입니다\ufffe</p>",
        dateline="시흥\x01타임즈",
        section=section.pk,
        tags="정치\x0b, 갯골\ufffe축제",
    )
    data.update(
        {
            "related_links-TOTAL_FORMS": "1",
            "related_links-0-title": POSTED,
            "related_links-0-url": "https://example.kr/",
            "related_links-0-order": "0",
        }
    )
    response = desk.post(add, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get()
    assert (article.headline, article.subheadline) == (CLEAN_ONE_LINE, CLEAN_ONE_LINE)
    assert article.summary == "요약\r\n다음 줄"
    assert article.body == "<p>본문입니다</p>"
    assert article.dateline == "시흥타임즈"
    assert sorted(article.tags.names()) == ["갯골축제", "정치"]
    assert article.tags.get(name="정치") == existing  # found, not a clashing duplicate
    assert article.related_links.get().title == CLEAN_ONE_LINE


@pytest.mark.django_db
def test_image_form_words(desk):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("photo.jpg", jpeg_bytes(), "image/jpeg")
    response = desk.post(
        "/admin/articles/image/add/",
        {"file": upload, "alt_text": POSTED, "caption": POSTED, "credit": POSTED},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    image = Image.objects.get()
    assert (image.alt_text, image.caption, image.credit) == (CLEAN_ONE_LINE,) * 3


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url_of", "fields", "read"),
    [
        (
            lambda: "/admin/articles/section/add/",
            {"name": POSTED, "slug": "s1", "description": POSTED, "order": "0"},
            lambda: Section.objects.get(slug="s1"),
        ),
        (
            lambda: "/admin/articles/reporter/add/",
            {"name": POSTED, "title": POSTED, "bio": "소개\x0b\n둘째", "is_active": "on"},
            lambda: Reporter.objects.get(),
        ),
        (
            lambda: f"/admin/newsroom/banner/{make_banner().pk}/change/",
            {"name": POSTED, "alt_text": POSTED},
            lambda: Banner.objects.get(),
        ),
        (
            lambda: SiteSettings().save() or "/admin/newsroom/sitesettings/1/change/",
            {"title": POSTED, "tagline": POSTED, "address": POSTED},
            lambda: SiteSettings.objects.get(),
        ),
        (
            lambda: (
                f"/admin/newsroom/legalpage/{LegalPage.objects.get_or_create(kind='youth')[0].pk}/change/"
            ),
            {"body": "첫\x0b문단\r\n\r\n둘째"},
            lambda: LegalPage.objects.get(kind="youth"),
        ),
        (
            lambda: f"/admin/newsroom/homecuration/{HomeCuration.current().save() or 1}/change/",
            {"breaking_text": POSTED},
            lambda: HomeCuration.objects.get(),
        ),
        (
            lambda: f"/admin/weather/station/{Station.objects.first().pk}/change/",
            {"name": "시\x0b흥"},
            lambda: Station.objects.order_by("order", "number").first(),
        ),
        (
            lambda: "/admin/taggit/tag/add/",
            {"name": POSTED, "slug": "t1"},
            lambda: Tag.objects.get(slug="t1"),
        ),
    ],
    ids=["section", "reporter", "banner", "site", "legal", "curation", "station", "tag"],
)
def test_every_other_admin_form(desk, url_of, fields, read):
    url = url_of()
    data = form_data(desk, url, **fields)
    response = desk.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    stored = read()
    for name, value in fields.items():
        if isinstance(value, str) and has_xml_illegal(value):
            assert getattr(stored, name) == xml_safe(value, single_line="\n" not in value), name


# --- feeds and sitemaps on rows written around save() -----------------------------------------


def poison(article, section):
    """Write control characters straight into the rows, as an old import or psql would."""
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE articles_article SET headline = %s, summary = %s, body = %s, slug = %s "
            "WHERE id = %s",
            [DIRTY[:-1], "요약\x0b\x01", "<p>본문\x0b&#11;&#xFFFE;</p>", "s\x0bl", article.pk],
        )
        cursor.execute(
            "UPDATE articles_section SET name = %s WHERE id = %s", ["의회\x0b", section.pk]
        )
        cursor.execute("UPDATE articles_reporter SET name = %s", ["홍\x01길동"])
    SiteSettings().save()
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE newsroom_sitesettings SET name = %s, title = %s, tagline = %s",
            ["이\x0b름", "제\x01호", "소개\ufffe"],
        )


@pytest.fixture
def poisoned():
    from tests.factories import make_reporter

    section = make_section("의회", slug="council")
    article = make_article(section=section, reporters=[make_reporter()], summary="")
    make_article(section=section, headline="멀쩡한 기사")
    poison(article, section)
    return article


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/rss/", "/rss/council/"])
def test_feeds_still_render_and_parse(client, poisoned, url):
    response = client.get(url)
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # raises on a character XML cannot carry
    titles = [item.findtext("title") for item in root.iter("item")]
    assert "시흥갯골축제개막" in titles and "멀쩡한 기사" in titles
    assert root.find("channel/title").text.startswith("제호")


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/rss/", "/rss/council/"])
def test_feeds_still_render_when_only_the_summary_is_bad(client, poisoned, url):
    Article.objects.filter(pk=poisoned.pk).update(summary="")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE articles_article SET summary = %s", ["요\x0b약"])
    root = ET.fromstring(client.get(url).content)
    assert "요약" in [item.findtext("description") for item in root.iter("item")]


@pytest.mark.django_db
def test_sitemap_still_renders_and_parses(client, poisoned):
    def locations(url):
        response = client.get(url)
        assert response.status_code == 200
        return [el.text for el in ET.fromstring(response.content).iter() if el.tag.endswith("loc")]

    # /sitemap.xml is the index; the story is in the articles sitemap and the news one.
    assert any("/sitemap-articles.xml" in loc for loc in locations("/sitemap.xml"))
    assert any(f"/articles/{poisoned.pk}/" in loc for loc in locations("/sitemap-articles.xml"))
    assert any(f"/articles/{poisoned.pk}/" in loc for loc in locations("/sitemap-news.xml"))


# --- the data migration -----------------------------------------------------------------------


@pytest.mark.django_db
def test_the_migration_cleans_rows_stored_before(poisoned):
    import importlib

    migration = importlib.import_module("newsroom.migrations.0005_strip_xml_illegal_characters")
    with connection.schema_editor() as editor:
        migration.strip_stored_text(apps, editor)
    article = Article.objects.get(pk=poisoned.pk)
    assert article.headline == "시흥갯골축제개막"
    assert article.summary == "요약"
    assert article.slug == "sl"
    assert Section.objects.get(slug="council").name == "의회"
    assert Reporter.objects.get().name == "홍길동"
    site = SiteSettings.objects.get()
    assert (site.name, site.title, site.tagline) == ("이름", "제호", "소개")
