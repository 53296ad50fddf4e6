"""기획·연재 (series with 회차) and 칼럼 (columns by a reporter or an outside writer): their
pages, "이 연재의 다른 기사" under a story, the 오피니언 page and the home page's column box."""

import pytest
from django.core.exceptions import ValidationError

from articles.models import Article, Column, Series
from tests.factories import make_article, make_editor, make_reporter

pytestmark = pytest.mark.django_db


@pytest.fixture
def series():
    return Series.objects.create(
        name="시흥 갯골 이야기", slug="gaetgol", description="갯골의 사계절"
    )


@pytest.fixture
def parts(series):
    third = make_article(headline="갯골 3회", series=series, series_part=3)
    first = make_article(headline="갯골 1회", series=series, series_part=1)
    second = make_article(headline="갯골 2회", series=series, series_part=2)
    make_article(headline="갯골 4회 예정", series=series, series_part=4, published=False)
    return first, second, third


def test_series_page_lists_published_parts_in_order(client, parts):
    html = client.get("/series/gaetgol/").content.decode()
    assert html.index("갯골 1회") < html.index("갯골 2회") < html.index("갯골 3회")
    assert "갯골 4회 예정" not in html
    assert "1회" in html and "연재 중" in html


def test_story_shows_its_series_and_the_other_parts(client, parts, django_assert_max_num_queries):
    first, second, third = parts
    html = client.get(second.get_absolute_url()).content.decode()
    assert "[기획·연재] 시흥 갯골 이야기" in html and "2회" in html
    more = html[html.index("data-series-more") :]
    more = more[: more.index("</section>")]
    assert "갯골 1회" in more and "갯골 3회" in more
    assert "갯골 2회" not in more and "갯골 4회 예정" not in more
    assert more.index("갯골 1회") < more.index("갯골 3회")


def test_a_story_in_no_series_pays_no_query_for_it(client, django_assert_num_queries):
    article = make_article()
    assert article.series_siblings() == []
    assert "data-series-more" not in client.get(article.get_absolute_url()).content.decode()


def test_one_story_per_part(series):
    make_article(series=series, series_part=1)
    duplicate = make_article(series=series)
    duplicate.series_part = 1
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "이 연재에 같은 회차 기사가 이미 있습니다." in str(error.value)


def test_a_part_number_needs_a_series():
    article = make_article()
    article.series_part = 2
    with pytest.raises(ValidationError, match="기획·연재를 골라야"):
        article.full_clean()


def test_unknown_series_is_404(client):
    assert client.get("/series/none/").status_code == 404


@pytest.fixture
def columns():
    reporter = make_reporter("김기자", title="기자")
    ours = Column.objects.create(
        name="김기자의 시청 산책", slug="city-walk", reporter=reporter, order=1
    )
    guest = Column.objects.create(
        name="시흥을 말한다",
        slug="guest",
        writer_name="박교수",
        writer_title="시흥대 교수",
        order=2,
    )
    for n in range(6):
        make_article(headline=f"산책 {n}", column=ours)
    make_article(headline="기고 한 편", column=guest, origin=Article.Origin.CONTRIBUTION)
    return ours, guest


def test_opinion_page_groups_by_column(client, columns, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        html = client.get("/opinion/").content.decode()
    assert html.index("김기자의 시청 산책") < html.index("시흥을 말한다")
    assert "김기자 기자" in html and "박교수 · 시흥대 교수" in html
    first, second = (f'data-column="{column.pk}"' for column in columns)
    ours = html[html.index(first) : html.index(second)]
    assert ours.count("<li>") == 4  # the newest four, then 더보기
    assert "산책 5" in ours and "산책 1" not in ours


def test_column_page_and_story(client, columns):
    ours, guest = columns
    html = client.get("/opinion/guest/").content.decode()
    assert "기고 한 편" in html and "시흥대 교수" in html
    story = Article.objects.get(headline="기고 한 편")
    html = client.get(story.get_absolute_url()).content.decode()
    assert "data-story-column" in html and "시흥을 말한다" in html


def test_home_column_box_in_the_same_query_count(client, columns, django_assert_max_num_queries):
    client.get("/")  # warm the once-per-process parts
    html = client.get("/").content.decode()
    box = html[html.index("data-home-columns") :]
    box = box[: box.index("</section>")]
    assert "김기자의 시청 산책 · 김기자" in box and "시흥을 말한다 · 박교수" in box
    assert "산책 5" in box


def test_home_without_columns_shows_no_box(client):
    make_article()
    assert "data-home-columns" not in client.get("/").content.decode()


def test_column_needs_a_writer():
    column = Column(name="필자 없는 칼럼", slug="nobody")
    with pytest.raises(ValidationError, match="필자"):
        column.full_clean()


def test_editing_a_column_name_shows_on_its_stories(client, columns, settings):
    settings.PAGE_CACHE_SECONDS = 300
    ours, _ = columns
    story = Article.objects.filter(column=ours).first()
    client.get(story.get_absolute_url())
    ours.name = "새 칼럼명"
    ours.save()
    assert "새 칼럼명" in client.get(story.get_absolute_url()).content.decode()
    assert "새 칼럼명" in client.get("/").content.decode()


def test_editors_manage_series_and_columns(client):
    client.force_login(make_editor())
    assert client.get("/admin/articles/series/add/").status_code == 200
    assert client.get("/admin/articles/column/add/").status_code == 200
    response = client.post(
        "/admin/articles/column/add/", {"name": "빈 칼럼", "slug": "empty", "order": 0}
    )
    assert response.status_code == 200
    assert "필자(기자)를 고르거나 외부 필자 이름을 적으세요." in response.content.decode()
