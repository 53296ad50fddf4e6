"""Korean search (articles/search): analysis, ranking, visibility, the page, bad input."""

from datetime import timedelta
from urllib.parse import quote

import pytest
from django.utils import timezone

from articles.models import Article, Byline
from articles.search.analyzer import parse_query, units, units_many
from articles.search.models import ArticleSearchIndex
from tests.factories import make_article, make_reporter, make_section

pytestmark = pytest.mark.django_db


def search(client, query, **params):
    params = "".join(f"&{key}={quote(str(value))}" for key, value in params.items())
    return client.get(f"/search/?q={quote(query)}{params}")


def page_html(client, query, **params) -> str:
    response = search(client, query, **params)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def found(client, query, **params) -> str:
    """The results list alone (a miss lists the latest stories, which match nothing)."""
    html = page_html(client, query, **params)
    if 'class="list search-results"' not in html:
        return ""
    return html.split('class="list search-results"', 1)[1].split("</main>", 1)[0]


class TestAnalyzer:
    def test_particles_are_not_part_of_the_term(self):
        for word in ("시흥시의회는", "시흥시의회가", "시흥시의회에서"):
            assert [unit.term for unit in units(word)] == ["시흥시의회"], word
        assert [unit.term for unit in units("의원들이")] == ["의원"]

    def test_a_compound_is_indexed_with_its_parts(self):
        for sentence in ("시흥시의회는 열렸다", "시흥시의회가 열렸다"):
            terms = units(sentence)[0].terms
            assert {"시흥시의회", "시흥시", "의회"} <= terms, sentence

    def test_a_batch_is_analysed_as_each_text_alone(self):
        texts = [
            "시흥시의회는 본회의를 열었다",
            "",
            "의원들이 K-팝 축제를 찾았다",
            " \x00 ",
            "예산",
        ]
        assert units_many(texts) == [units(text) for text in texts]
        assert units_many([]) == []

    def test_numbers_latin_and_stems(self):
        terms = {
            term for unit in units("K-팝 공연과 2025년 GTX-C 노선이 열린다") for term in unit.terms
        }
        assert {"k-팝", "k팝", "2025년", "gtx-c", "노선", "열리"} <= terms

    def test_query_syntax(self):
        query = parse_query('시흥시의회는 "본회의에서 의원들이" -예산을')
        assert [(part.terms, part.exclude, part.phrase) for part in query.parts] == [
            (["시흥시의회"], False, False),
            (["본회의", "의원"], False, True),
            (["예산"], True, False),
        ]

    def test_full_width_latin_is_read_as_latin(self):
        assert [unit.term for unit in units("ＧＴＸ")] == ["gtx"]


@pytest.fixture
def council():
    section = make_section("시흥시의회", slug="council")
    return {
        "headline": make_article(
            headline="시흥시의회 본회의 개회",
            body="<p>조례안 심사가 시작됐다.</p>",
            section=section,
            published_at=timezone.now() - timedelta(days=20),
        ),
        "body": make_article(
            headline="정왕동 주민 축제",
            body="<p>축제에는 시흥시의회 의원들이 참석했다. 본회의는 다음 주에 열린다.</p>",
            section=section,
        ),
        "other": make_article(
            headline="배곧 갯골생태공원 산책로 개장", body="<p>산책로가 열렸다.</p>"
        ),
    }


class TestFinding:
    def test_a_word_with_a_particle_finds_the_stories_that_say_it(self, client, council):
        html = found(client, "시흥시의회는")
        assert "시흥시의회</mark> 본회의 개회" in html or "본회의 개회" in html
        assert "정왕동 주민 축제" in html
        assert "갯골생태공원" not in html

    def test_plural_and_particle_find_the_noun(self, client, council):
        html = found(client, "의원들이")
        assert "정왕동 주민 축제" in html and "본회의 개회" not in html

    def test_part_of_a_compound_finds_it(self, client, council):
        for word in ("의회", "시흥시"):
            html = found(client, word)
            assert "본회의 개회" in html and "정왕동 주민 축제" in html, word

    def test_all_words_must_match(self, client, council):
        html = found(client, "시흥시의회 조례안")
        assert "본회의 개회" in html and "정왕동 주민 축제" not in html

    def test_a_quoted_phrase_matches_as_a_phrase(self, client, council):
        html = found(client, '"시흥시의회 의원들이"')
        assert "정왕동 주민 축제" in html and "본회의 개회" not in html
        assert "정왕동 주민 축제" not in found(client, '"의원들이 시흥시의회"')

    def test_a_longer_phrase_needs_its_words_next_to_each_other(self, client):
        make_article(headline="정왕동 소식", body="<p>시흥시의회 의원들이 현장을 찾았다.</p>")
        assert "정왕동 소식" in found(client, '"시흥시의회 의원들이 현장을"')
        assert found(client, '"시흥시의회 현장을"') == ""
        # Headline and body are apart: a phrase never spans the headline's end.
        assert found(client, '"소식 시흥시의회"') == ""

    def test_a_phrase_is_looked_up_by_its_word_pairs(self):
        from articles.search.postgres import PAIR_JOIN, tsquery_text

        story = make_article(headline="월곶포구 축제", body="<p>시흥시의회 의원들이 왔다.</p>")
        vector = ArticleSearchIndex.objects.get(article=story).search_vector
        assert f"'시흥시의회{PAIR_JOIN}의원':" in vector
        assert f"'월곶포구{PAIR_JOIN}축제':" in vector
        text = tsquery_text(parse_query('"시흥시의회 의원들이"'))
        assert text == f"('시흥시의회{PAIR_JOIN}의원' & ('시흥시의회' <-> '의원'))"

    def test_a_minus_word_excludes(self, client, council):
        html = found(client, "시흥시의회 -조례안")
        assert "정왕동 주민 축제" in html and "본회의 개회" not in html

    def test_a_headline_match_ranks_above_a_newer_body_mention(self, client, council):
        html = found(client, "본회의")
        assert html.index("개회") < html.index("정왕동 주민 축제")

    def test_relevance_ranks_the_newest_candidates_only(self, client, monkeypatch):
        """Past RANK_CANDIDATES matches (the count's bound: "1,000건 이상"), relevance
        order ranks the newest that many, so a common word never ranks the archive."""
        from articles.search import postgres

        now = timezone.now()
        make_article(headline="오이도 빨간등대", published_at=now - timedelta(days=900))
        make_article(headline="월곶 소식", body="<p>오이도에 갔다.</p>", published_at=now - timedelta(days=2))  # fmt: skip
        make_article(headline="거북섬 소식", body="<p>오이도가 보인다.</p>", published_at=now - timedelta(days=1))  # fmt: skip
        html = found(client, "오이도")
        assert html.index("빨간등대") < html.index("거북섬 소식") < html.index("월곶 소식")
        monkeypatch.setattr(postgres, "RANK_CANDIDATES", 2)
        html = found(client, "오이도")
        assert "빨간등대" not in html
        assert html.index("거북섬 소식") < html.index("월곶 소식")

    def test_newest_first_when_asked(self, client, council):
        html = found(client, "본회의", sort="newest")
        assert html.index("정왕동 주민 축제") < html.index("개회")

    def test_tags_and_reporter_names_are_searched(self, client):
        reporter = make_reporter("홍길동")
        make_article(headline="첫 기사", tags=["물왕저수지"], reporters=[reporter])
        assert "첫 기사" in found(client, "물왕저수지")
        assert "첫 기사" in found(client, "홍길동")

    def test_ties_go_to_the_newest(self, client):
        now = timezone.now()
        make_article(headline="옥구공원 소식 하나", published_at=now - timedelta(days=400))
        make_article(headline="옥구공원 소식 둘", published_at=now - timedelta(days=500))
        make_article(headline="옥구공원 소식 셋", published_at=now - timedelta(days=300))
        html = found(client, "옥구공원")
        assert html.index("소식 셋") < html.index("소식 하나") < html.index("소식 둘")


class TestKeptCurrent:
    def test_editing_a_story_reindexes_it(self, client):
        article = make_article(headline="월곶포구 축제")
        article.headline = "오이도 축제"
        article.save()
        assert f"/articles/{article.pk}/" in found(client, "오이도")
        assert f"/articles/{article.pk}/" not in found(client, "월곶포구")

    def test_tags_and_bylines_added_later_are_found(self, client):
        article = make_article(headline="새 기사")
        article.tags.add("거북섬")
        Byline.objects.create(article=article, reporter=make_reporter("김시흥"))
        assert "새 기사" in found(client, "거북섬")
        assert "새 기사" in found(client, "김시흥")
        article.tags.remove("거북섬")
        assert "새 기사" not in found(client, "거북섬")

    def test_a_renamed_reporter_is_found_by_the_new_name(self, client):
        reporter = make_reporter("이전이름")
        make_article(headline="기자 기사", reporters=[reporter])
        reporter.name = "새로운이름"
        reporter.save()
        assert "기자 기사" in found(client, "새로운이름")

    def test_unpublished_scheduled_and_draft_stories_are_never_found(self, client, move_clock):
        now = timezone.now()
        make_article(headline="초안 소래포구", published=False)
        scheduled = make_article(headline="예약 소래포구", published_at=now + timedelta(hours=2))
        unpublished = make_article(headline="취소 소래포구")
        Article.objects.filter(pk=unpublished.pk).update(status=Article.Status.UNPUBLISHED)
        html = found(client, "소래포구")
        assert "초안" not in html and "예약" not in html and "취소" not in html
        move_clock(now + timedelta(hours=3))
        assert "예약" in found(client, "소래포구")
        assert scheduled.pk

    def test_a_deleted_story_leaves_the_index(self):
        article = make_article(headline="지울 기사")
        assert ArticleSearchIndex.objects.filter(article=article).exists()
        article.delete()
        assert not ArticleSearchIndex.objects.exists()


class TestResultsPage:
    def test_result_shows_section_date_reporter_and_marked_snippet(self, client):
        reporter = make_reporter("박기자")
        make_article(
            headline="연꽃테마파크 개장",
            body="<p>" + "앞머리 글. " * 40 + "관곡지 연꽃테마파크가 문을 열었다.</p>",
            section=make_section("문화", slug="culture"),
            reporters=[reporter],
        )
        html = page_html(client, "연꽃테마파크")
        assert "<mark>연꽃테마파크</mark>가 문을 열었다" in html
        assert "문화" in html and "박기자" in html and "1건" in html

    def test_filters_by_section_and_period(self, client):
        culture = make_section("문화", slug="culture")
        make_article(headline="물왕호수 문화 소식", section=culture)
        make_article(
            headline="물왕호수 옛 소식",
            section=culture,
            published_at=timezone.now() - timedelta(days=60),
        )
        make_article(headline="물왕호수 정치 소식")
        html = found(client, "물왕호수", section="culture")
        assert "문화 소식" in html and "옛 소식" in html and "정치 소식" not in html
        html = found(client, "물왕호수", section="culture", period="month")
        assert "문화 소식" in html and "옛 소식" not in html
        old = (timezone.localdate() - timedelta(days=60)).isoformat()
        html = found(client, "물왕호수", period="custom", start=old, end=old)
        assert "옛 소식" in html and "문화 소식" not in html

    def test_bad_filters_are_korean_errors_not_500(self, client):
        response = search(client, "시흥", period="custom", start="2025-13-45")
        assert response.status_code == 400 and "꼴로 입력하세요" in response.content.decode()
        response = search(client, "시흥", period="custom", start="2025-02-01", end="2025-01-01")
        assert response.status_code == 400 and "종료일이 시작일보다" in response.content.decode()
        assert search(client, "시흥", section="no-such").status_code == 404
        assert search(client, "시흥", sort="random").status_code == 400

    def test_count_is_bounded(self, client, settings, monkeypatch):
        from articles.search import results

        monkeypatch.setattr(results, "COUNT_LIMIT", 3)
        settings.ARTICLES_PER_PAGE = 2
        for n in range(5):
            make_article(headline=f"시화호 소식 {n}")
        html = page_html(client, "시화호")
        assert "1,000건 이상" in html and "1 / 2" in html
        assert search(client, "시화호", page=3).status_code == 404

    def test_the_count_never_scans_past_its_bound(self, client, django_assert_max_num_queries):
        make_article(headline="시화호 소식")
        with django_assert_max_num_queries(12) as captured:
            assert "1건" in page_html(client, "시화호")
        # One pass over the matches gives the page and its count, bounded at 1,001:
        # no COUNT over the matches, and the vectors are read by one query only.
        sql = [q["sql"] for q in captured.captured_queries]
        passes = [s for s in sql if "::tsquery" in s and not s.startswith("EXPLAIN")]
        assert len(passes) == 1 and "LIMIT 1001" in passes[0]
        assert not any("COUNT(" in s.upper() for s in sql)

    def test_pagination_keeps_the_filters(self, client, settings):
        settings.ARTICLES_PER_PAGE = 1
        make_article(headline="은행동 하나")
        make_article(headline="은행동 둘")
        html = page_html(client, "은행동", sort="newest")
        assert "sort=newest" in html and "page=2" in html

    def test_no_results_page_is_korean_and_shows_the_latest(self, client):
        make_article(headline="최근 기사 하나")
        html = page_html(client, "존재하지않는낱말")
        assert "‘존재하지않는낱말’에 대한 검색 결과가 없습니다" in html
        assert "최신 기사" in html and "최근 기사 하나" in html

    def test_no_results_suggests_the_respaced_query(self, client):
        make_article(headline="시흥시의회 본회의 개회", body="<p>의원들이 참석했다.</p>")
        html = page_html(client, "본회의의원들이")
        assert "검색 결과가 없습니다" in html
        assert "띄어쓰기를 고친" in html and "1건" in html


class TestOnePass:
    """results.SearchResults takes the page order and the bounded count from one pass over
    the matches (PostgresBackend.matches), through the GIN index's set or a date-order walk."""

    @pytest.fixture
    def stories(self):
        now = timezone.now()
        make_article(headline="옥구공원 산책", published_at=now - timedelta(days=300))
        make_article(headline="소식", body="<p>옥구공원 벚꽃.</p>", published_at=now - timedelta(days=2))  # fmt: skip
        make_article(headline="소식 둘", body="<p>옥구공원 축제.</p>", published_at=now - timedelta(days=1))  # fmt: skip
        make_article(headline="오늘", body="<p>옥구공원 축제 준비.</p>", published_at=now)

    @pytest.mark.parametrize("through_gin", [True, False])
    @pytest.mark.parametrize(
        "text, sort, expected",
        [
            ("옥구공원", "relevance", ["옥구공원 산책", "오늘", "소식 둘", "소식"]),
            ("옥구공원", "newest", ["오늘", "소식 둘", "소식", "옥구공원 산책"]),
            ("옥구공원 -축제", "relevance", ["옥구공원 산책", "소식"]),
            ("옥구공원 -축제", "newest", ["소식", "옥구공원 산책"]),
        ],
    )
    def test_both_ways_find_the_same_in_the_same_order(
        self, stories, monkeypatch, through_gin, text, sort, expected
    ):
        from articles.search.backend import get_backend
        from articles.search.postgres import PostgresBackend

        monkeypatch.setattr(PostgresBackend, "_through_gin", lambda *args: through_gin)
        matches = get_backend().matches(
            parse_query(text), within=Article.objects.published(), order=sort, limit=1001
        )
        headlines = dict(Article.objects.values_list("pk", "headline"))
        assert [headlines[pk] for pk in matches.ids] == expected
        assert matches.count == len(expected)

    def test_the_count_stops_at_its_bound_and_relevance_ranks_within_it(self, stories):
        from articles.search.backend import get_backend

        matches = get_backend().matches(
            parse_query("옥구공원"), within=Article.objects.published(), limit=2
        )
        assert matches.count == 2 and len(matches.ids) == 2

    def test_the_gin_set_for_a_rare_word_the_walk_for_a_common_one(self):
        from django.db import connection

        from articles.search.backend import get_backend

        for n in range(30):
            make_article(headline=f"정왕동 소식 {n}", body="<p>배곧 이야기</p>" if n == 0 else "")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE articles_articlesearchindex")
        backend, within = get_backend(), Article.objects.published()
        # limit 1: the set wins below sqrt(3 × 1 × 30) ≈ 9 matches.
        assert backend._through_gin(parse_query("배곧"), within, 1)
        assert not backend._through_gin(parse_query("정왕동"), within, 1)

    def test_published_stories_are_read_from_their_own_index(self):
        """article_published_idx's condition is what published() asks, so search walks (or
        hashes) the visible stories from it without reading a story row: were published()
        to ask something the index does not hold, the planner could not use it."""
        from django.db import connection, transaction

        story = make_article(headline="옥구공원")
        published = Article.objects.published()
        # A section's search too (the index carries section_id), not a scan of the table.
        for within in (published, published.in_section(story.section)):
            walk = within.order_by("-published_at", "-pk").values_list("pk")
            sql, params = walk.query.sql_with_params()
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SET LOCAL enable_seqscan = off")
                cursor.execute("EXPLAIN " + sql, params)
                plan = "\n".join(row[0] for row in cursor.fetchall())
            assert "Index Only Scan using article_published_idx" in plan, plan

    def test_a_capped_count_says_more_than_and_an_exact_one_its_number(self, client, monkeypatch):
        from articles.search import results

        monkeypatch.setattr(results, "COUNT_LIMIT", 3)
        for n in range(3):
            make_article(headline=f"갯골 소식 {n}")
        html = page_html(client, "갯골")
        assert "3건" in html and "이상" not in html
        make_article(headline="갯골 소식 3")
        assert "1,000건 이상" in page_html(client, "갯골")

    def test_the_page_shows_each_storys_reporters_from_its_one_query(self, client):
        reporter = make_reporter("임꺽정")
        make_article(headline="물왕호수 산책로", reporters=[reporter])
        assert "임꺽정" in found(client, "물왕호수")

    def test_a_story_gone_between_the_pass_and_the_page_is_left_out(self):
        from articles.search.backend import Matches
        from articles.search.results import PagedArticles

        kept, gone = make_article(headline="하나"), make_article(headline="둘")
        paged = PagedArticles(Matches([gone.pk, kept.pk], 2), Article.objects.published())
        Article.objects.filter(pk=gone.pk).update(status=Article.Status.DRAFT)
        assert len(paged) == 2 and paged[0:20] == [kept]


class TestBadInput:
    def test_empty_query_asks_for_a_word(self, client):
        html = page_html(client, "")
        assert "찾을 낱말을 입력하세요" in html
        assert "찾을 낱말을 입력하세요" in page_html(client, "   ")

    def test_a_5000_character_query_is_cut_with_a_message(
        self, client, django_assert_max_num_queries
    ):
        make_article(headline="갯골축제 개막")
        with django_assert_max_num_queries(10) as captured:
            html = page_html(client, "갯골축제 " + "가나다라 " * 1000)
        assert "앞의 200자로 찾았습니다" in html
        searches = [
            query["sql"] for query in captured.captured_queries if "tsquery" in query["sql"]
        ]
        assert searches and all(len(sql) < 2000 for sql in searches)

    @pytest.mark.parametrize(
        "query",
        ["'", "&", "|", "!", "(", ")", ":", "*", "<->", "\\", "a:* & !(b|c)", "시흥' & '시"],
    )
    def test_tsquery_metacharacters_are_plain_text(self, client, query):
        make_article(headline="시흥 소식")
        assert search(client, query).status_code == 200

    def test_punctuation_or_particles_only(self, client):
        make_article(headline="시흥 소식")
        for query in ("!!!...???", "은는이가", "-", '""'):
            response = search(client, query)
            assert response.status_code == 200, query
            assert "search-results" not in response.content.decode(), query

    def test_control_characters(self, client):
        make_article(headline="갯골축제 개막")
        assert search(client, "갯골\x00축제").status_code == 400  # the NUL middleware
        assert "개막" in found(client, "갯골축제\x07\x1b")

    def test_script_is_escaped_in_page_and_snippet(self, client):
        make_article(
            headline="경보 기사", body="<p>경보 &lt;script&gt;alert(1)&lt;/script&gt; 문구</p>"
        )
        html = page_html(client, "<script>alert(1)</script> 경보")
        assert "<script>alert(1)" not in html
        html = found(client, "경보")
        assert "<script>alert" not in html and "&lt;script&gt;" in html

    def test_hanja_and_full_width_latin(self, client):
        make_article(headline="市議會 GTX 소식")
        assert "소식" in found(client, "市議會")
        assert "市議會 <mark>GTX</mark> 소식" in found(client, "ＧＴＸ") or "GTX" in found(
            client, "ＧＴＸ"
        )

    @pytest.mark.parametrize("page", ["999", "-1", "0", "abc", "1.5"])
    def test_page_numbers_past_the_end_negative_or_not_numbers_are_404(self, client, page):
        make_article(headline="시흥 소식")
        assert search(client, "시흥", page=page).status_code == 404


class TestAdminAndCommand:
    def test_admin_list_searches_the_index_drafts_included(self, client):
        from tests.factories import make_editor

        make_article(headline="시흥시의회 초안", published=False)
        make_article(headline="다른 초안", published=False)
        client.force_login(make_editor())
        html = client.get("/admin/articles/article/?q=" + quote("시흥시의회는")).content.decode()
        assert "시흥시의회 초안" in html and "다른 초안" not in html

    def test_rebuild_search_index_resumes(self):
        from io import StringIO

        from django.core.management import call_command

        first, second = make_article(headline="하나"), make_article(headline="둘")
        ArticleSearchIndex.objects.filter(article=second).delete()
        out = StringIO()
        call_command("rebuild_search_index", "--resume", stdout=out, verbosity=0)
        assert "1건" in out.getvalue()
        assert ArticleSearchIndex.objects.filter(article=second).exists()
        ArticleSearchIndex.objects.all().delete()
        call_command("rebuild_search_index", "--batch-size", "1", stdout=out, verbosity=0)
        assert ArticleSearchIndex.objects.count() == 2 and first.pk

    def test_a_batch_index_equals_story_by_story(self):
        from articles.search.backend import get_backend

        stories = [
            make_article(headline=f"시흥시의회 본회의 {n}", body=f"<p>의원들이 {n}번 안건을</p>")
            for n in range(3)
        ]
        vectors = dict(ArticleSearchIndex.objects.values_list("article_id", "search_vector"))
        ArticleSearchIndex.objects.all().delete()
        get_backend().index([story.pk for story in stories])
        assert (
            dict(ArticleSearchIndex.objects.values_list("article_id", "search_vector")) == vectors
        )

    def test_the_gin_index_keeps_no_pending_list(self):
        """Entries waiting in a GIN pending list are read by every query and make the
        planner skip the index (a word found nowhere then reads every vector)."""
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT reloptions FROM pg_class WHERE relname = 'article_search_vector_gin'"
            )
            assert cursor.fetchone()[0] == ["fastupdate=off"]

    def test_the_vectors_keep_a_long_list_of_common_words(self):
        """The planner's guess for a word found nowhere is half the rarest kept word's
        share: kept short, a miss is looked for by reading every vector."""
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT attstattarget FROM pg_attribute WHERE attrelid ="
                " 'articles_articlesearchindex'::regclass AND attname = 'search_vector'"
            )
            assert cursor.fetchone()[0] == 1000

    def test_rebuild_refuses_a_bad_batch_size(self):
        from django.core.management import CommandError, call_command

        with pytest.raises(CommandError, match="1 이상"):
            call_command("rebuild_search_index", "--batch-size", "0")


class TestBatchIndexing:
    def test_saves_in_a_deferred_block_are_indexed_once_at_its_end(
        self, client, django_assert_max_num_queries
    ):
        from articles.search.backend import deferred_indexing

        with deferred_indexing():
            story = make_article(headline="월곶포구 축제", reporters=[make_reporter("한지민")])
            story.tags.add("갯벌체험")
            assert not ArticleSearchIndex.objects.filter(article=story).exists()
        assert "월곶포구 축제" in found(client, "갯벌체험")
        assert "월곶포구 축제" in found(client, "한지민")

    def test_a_failed_block_indexes_nothing(self):
        from articles.search.backend import deferred_indexing, get_backend

        story = make_article(headline="첫 제목")
        calls = []
        backend = get_backend()
        original = backend.index
        backend.index = lambda ids: calls.append(list(ids))
        try:
            with pytest.raises(RuntimeError), deferred_indexing():
                Article.objects.filter(pk=story.pk).update(headline="둘째 제목")
                story.refresh_from_db()
                story.save()
                raise RuntimeError
        finally:
            backend.index = original
        assert calls == []

    def test_an_unchanged_story_is_not_rewritten(self):
        from django.db import connection

        from articles.search.backend import get_backend

        story = make_article(headline="배곧 신도시 소식")

        def row_version():
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT ctid::text FROM articles_articlesearchindex WHERE article_id = %s",
                    [story.pk],
                )
                return cursor.fetchone()[0]

        before = row_version()
        get_backend().index([story.pk])
        assert row_version() == before
        Article.objects.filter(pk=story.pk).update(headline="은계지구 소식")
        get_backend().index([story.pk])
        assert row_version() != before


class TestDeployCheck:
    def test_an_empty_index_with_published_stories_is_a_warning(self):
        from articles.search.checks import search_index_filled

        make_article(headline="시흥 소식")
        assert search_index_filled(databases=["default"]) == []
        ArticleSearchIndex.objects.all().delete()
        (warning,) = search_index_filled(databases=["default"])
        assert warning.id == "articles.W010" and "rebuild_search_index" in warning.hint
        assert search_index_filled(databases=None) == []
