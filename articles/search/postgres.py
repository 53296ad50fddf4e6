"""Search on Postgres alone: a weighted tsvector per article (``ArticleSearchIndex``) with
a GIN index, written from Kiwi's analysis with no text search configuration involved, so
it runs on the embedded Postgres with no extension."""

from __future__ import annotations

import json
from collections import OrderedDict
from collections.abc import Iterable

from django.db import connection, connections, transaction
from django.db.models import BooleanField, F, FloatField, Func, Prefetch, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.db.models.fields import DateTimeField, TextField
from django.utils import timezone

from articles.search import analyzer
from articles.search.backend import Matches, SearchBackend
from articles.search.text import html_text

# ts_rank_cd's weights for D, C, B, A: body (C) counts a fifth of the headline (A).
RANK_WEIGHTS = "{0.05, 0.2, 0.5, 1.0}"
# The recency boost: a story of today ranks up to half as high again as an old one with
# the same words, a month-old one a quarter; it orders near-equals, it does not outrank
# a headline match with a passing mention.
RECENCY_BOOST = 0.5
RECENCY_DAYS = 30
# Relevance order ranks the newest this many matches, not every match: ts_rank_cd reads
# each candidate's whole vector, and a common word is in half of a 100,000-story archive
# (0.5–0.7 s to rank them all). Equal to the page's count bound (results.COUNT_LIMIT): a
# query with fewer matches is ranked whole; one with more says "1,000건 이상" and ranks
# the newest thousand, as far as a reader can page.
RANK_CANDIDATES = 1000
# What the two ways of finding the matches cost (µs of the database's CPU, measured at
# 100,000 stories; PostgresBackend._through_gin weighs them): the date-order walk reads a
# story's vector (TOAST, decompressed) for each story it tests; the GIN set reads each
# match's row of the index table into a hash, then every visible story once from
# article_published_idx (no story row read) to keep the newest matches.
WALK_VECTOR_US = 7.7
SET_MATCH_US = 0.55
SET_STORY_US = 0.12
# Postgres keeps positions up to 16383 and 256 of them per lexeme.
_MAX_POSITION = 16383
_MAX_POSITIONS_PER_TERM = 256
# Gap between fields, so a phrase never matches across the headline's end.
_FIELD_GAP = 8
# Each unit is also indexed paired with the next one of its field ('시흥시의회\xa0본회의'),
# so a phrase is found through the GIN index by its pairs and only those few candidates
# have their positions checked (<->): two words each in most stories are together in
# few, and checking positions on every story that has both reads every vector (1–2 s at
# 100,000). A no-break space joins them: NFKC turns one in a text into a space, so no
# term of a text holds one.
PAIR_JOIN = "\xa0"


class _TsQuery(Func):
    template = "%(expressions)s::tsquery"
    output_field = TextField()


class _Matches(Func):
    arg_joiner = " @@ "
    template = "(%(expressions)s)"
    output_field = BooleanField()


class _Rank(Func):
    """ts_rank_cd with our weights, times the recency boost (vector, query, now, published_at)."""

    output_field = FloatField()

    def as_sql(self, compiler, connection, **extra):
        parts, params = [], []
        for expression in self.get_source_expressions():
            sql, expression_params = compiler.compile(expression)
            parts.append(sql)
            params.extend(expression_params)
        vector, query, now, published_at = parts
        age_seconds = f"GREATEST(0, EXTRACT(EPOCH FROM ({now} - {published_at})))"
        sql = (
            f"(ts_rank_cd('{RANK_WEIGHTS}'::float4[], {vector}, {query})"
            f" * (1 + {RECENCY_BOOST} / (1 + {age_seconds} / {RECENCY_DAYS * 86400}.0)))"
        )
        return sql, params


def _quote(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def tsquery_text(query: analyzer.ParsedQuery) -> str:
    """The query as tsquery text, every term quoted: nothing the reader typed is syntax."""
    clauses = []
    for part in query.parts:
        if part.phrase:
            pairs = [
                _quote(PAIR_JOIN.join(pair))
                for pair in zip(part.terms, part.terms[1:], strict=False)
            ]
            clause = (
                "("
                + " & ".join([*pairs, "(" + " <-> ".join(_quote(t) for t in part.terms) + ")"])
                + ")"
            )
        else:
            clause = _quote(part.terms[0])
        clauses.append(f"!{clause}" if part.exclude else clause)
    return " & ".join(clauses)


# Recently analysed field texts: a body is analysed once however many signals (tags,
# bylines) re-index its story in one request.
_ANALYSED: OrderedDict[str, tuple[analyzer.Unit, ...]] = OrderedDict()
_ANALYSED_MAX = 512


def analyse_fields(texts: Iterable[str]) -> dict[str, tuple[analyzer.Unit, ...]]:
    """The units' terms of each text, the ones not analysed lately in one Kiwi batch."""
    wanted = {text for text in texts if text}
    missing = [text for text in wanted if text not in _ANALYSED]
    for text, found in zip(missing, analyzer.units_many(missing), strict=True):
        _ANALYSED[text] = tuple(found)
    result = {}
    for text in wanted:
        result[text] = _ANALYSED[text]
        _ANALYSED.move_to_end(text)
    while len(_ANALYSED) > _ANALYSED_MAX:
        _ANALYSED.popitem(last=False)
    return result


# Other apps' contributions to a story's document: (prefetch lookup, fields(article)),
# registered in their AppConfig.ready() (council: linked members' names, weighted like tags).
extra_document_fields: list[tuple[object, object]] = []


def document_fields(article) -> list[tuple[str, str]]:
    """(weight, text) of what a story is found by: headline and tags highest, then
    subheadline, summary and bylines, then the body."""
    reporters = " ".join(byline.reporter.name for byline in article.bylines.all())
    fields = [
        ("A", article.headline),
        ("A", " ".join(tag.name for tag in article.tags.all())),
    ]
    for _, extra in extra_document_fields:
        fields += extra(article)
    return fields + [
        ("B", article.subheadline),
        ("B", article.summary),
        ("B", reporters),
        ("C", html_text(article.body)),
    ]


def tsvector_text(fields: list[tuple[str, str]], analysed=None) -> str:
    """The tsvector text of a story's (weight, text) fields; ``analysed`` holds the fields'
    analyses when the caller analysed a whole batch (``analyse_fields``)."""
    if analysed is None:
        analysed = analyse_fields(text for _, text in fields)
    positions: dict[str, list[str]] = {}
    position = 0
    for weight, text in fields:
        if not text:
            continue
        found = analysed[text]
        for index, unit in enumerate(found):
            position = min(position + 1, _MAX_POSITION)
            terms = set(unit.terms)
            if index + 1 < len(found):
                terms.add(unit.term + PAIR_JOIN + found[index + 1].term)
            for term in terms:
                held = positions.setdefault(term, [])
                if len(held) < _MAX_POSITIONS_PER_TERM:
                    held.append(f"{position}{weight}")
        position += _FIELD_GAP
    return " ".join(f"{_quote(term)}:{','.join(held)}" for term, held in positions.items())


class PostgresBackend(SearchBackend):
    def index(self, article_ids: Iterable[int]) -> None:
        from articles.models import Article, Byline

        ids = list(article_ids)
        if not ids:
            return
        articles = Article.objects.filter(pk__in=ids).prefetch_related(
            "tags",
            Prefetch("bylines", queryset=Byline.objects.select_related("reporter")),
            *(lookup for lookup, _ in extra_document_fields),
        )
        documents = [(article.pk, document_fields(article)) for article in articles]
        # The whole batch in one Kiwi call (its worker threads), not story by story.
        analysed = analyse_fields(text for _, fields in documents for _, text in fields)
        rows = [(pk, tsvector_text(fields, analysed)) for pk, fields in documents]
        if not rows:
            return
        # One statement for the batch; an entry whose vector is unchanged (a save that did
        # not touch the text, a re-run rebuild) is not rewritten, so neither its row nor
        # the GIN index gets a new version.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO articles_articlesearchindex (article_id, search_vector, indexed_at)"
                " SELECT pk, vector::tsvector, now() FROM unnest(%s::bigint[], %s::text[])"
                " AS batch (pk, vector)"
                " ON CONFLICT (article_id) DO UPDATE"
                " SET search_vector = EXCLUDED.search_vector, indexed_at = EXCLUDED.indexed_at"
                " WHERE articles_articlesearchindex.search_vector"
                " IS DISTINCT FROM EXCLUDED.search_vector",
                [[pk for pk, _ in rows], [vector for _, vector in rows]],
            )

    def remove(self, article_ids: Iterable[int]) -> None:
        from articles.search.models import ArticleSearchIndex

        ArticleSearchIndex.objects.filter(article_id__in=list(article_ids)).delete()

    def _matching(self, within: QuerySet, query: analyzer.ParsedQuery) -> QuerySet:
        tsquery = _TsQuery(Value(tsquery_text(query)))
        return within.filter(_Matches(F("search_index__search_vector"), tsquery))

    def _through_gin(self, query: analyzer.ParsedQuery, within: QuerySet, limit: int) -> bool:
        """Whether to take the matches from the GIN index's own set (a bitmap scan: no
        vector read, GIN decides ``a & !b`` from its entries) rather than walk ``within``
        in date order reading each story's vector until ``limit`` match. For ``m`` matches
        of ``N`` stories the walk reads about ``limit × N / m`` vectors, the set costs a
        little for each match and each story (the hash join, _matching_through_gin): the
        set wins below ~28,000 matches at 100,000 stories (a word in under ~28 % of
        them; ``학교``, 21 %: 36,000 buffers walking 4,806 vectors, 1,200 through the
        set), the walk above (``축제``, 36 %: 2,750 vectors; ``주민``, 96 %: 1,040). The
        match count is the planner's estimate from the column's statistics (migration
        0016), no query run; it takes words as independent, so words seen together are
        guessed rarer than they are (``학교 급식``: 4,255 guessed, 20,196 found), which
        only sends them to the set, where they belong anyway."""
        # One round trip: the estimate for the query and for the whole table.
        with connections[within.db].cursor() as cursor:
            cursor.execute(
                "EXPLAIN (FORMAT JSON) SELECT 1 FROM articles_articlesearchindex"
                " WHERE search_vector @@ %s::tsquery"
                " UNION ALL SELECT 1 FROM articles_articlesearchindex",
                [tsquery_text(query)],
            )
            plan = cursor.fetchone()[0]
        if isinstance(plan, str):
            plan = json.loads(plan)
        matched, everything = (part["Plan Rows"] for part in plan[0]["Plan"]["Plans"])
        stories = max(everything, matched, 1)
        walk = WALK_VECTOR_US * min(stories, limit * stories / max(matched, 1))
        return SET_STORY_US * stories + SET_MATCH_US * matched <= walk

    def _matching_through_gin(self, within: QuerySet, query: analyzer.ParsedQuery) -> QuerySet:
        """The matches found by the GIN index first, then joined to ``within``. OFFSET 0
        keeps the planner from folding the set back into the walk; unlike the
        MATERIALIZED CTE it replaced it leaves the set's size known (a CTE's is guessed at
        200), so a large set is hashed and ``within`` read once from its index
        (article_published_idx, no story row read) instead of each match looked up by
        pk: 21,070 matches of ``학교``, 64,000 buffers and 0.4–0.7 s before, 1,200 after."""
        found = RawSQL(
            "SELECT article_id FROM articles_articlesearchindex"
            " WHERE search_vector @@ %s::tsquery OFFSET 0",
            [tsquery_text(query)],
        )
        return within.filter(pk__in=found)

    def _rank(self, query: analyzer.ParsedQuery) -> _Rank:
        return _Rank(
            F("search_index__search_vector"),
            _TsQuery(Value(tsquery_text(query))),
            Value(timezone.now(), output_field=DateTimeField()),
            F("published_at"),
        )

    def match_rows(self, query, *, within, order="relevance", limit) -> QuerySet:
        """The one pass ``matches()`` makes: at most ``limit`` matches newest first, as
        ``(pk,)`` rows, or ``(pk, rank)`` for relevance (the rank computed on the rows the
        pass returns, so no vector is read twice and nothing is ranked past ``limit``)."""
        through_gin = self._through_gin(query, within, limit)
        if through_gin:
            matching = self._matching_through_gin(within, query)
        else:
            matching = self._matching(within, query)
        matching = matching.order_by("-published_at", "-pk")
        if order != "relevance":
            return matching.values_list("pk")[:limit]
        if through_gin:
            # The set's newest ``limit`` first, then the rank on those: ranked in the
            # same statement, Postgres ranked every match of the set before its top-N
            # sort (20,000 vectors read for ``학교 급식``, 0.4 s). The newest are taken
            # from ``within`` already, so they are fetched by pk, not joined to ``within``
            # again (a second hash of every visible story: ~10 ms at 100,000).
            newest = matching.values("pk")[:limit]
            matching = within.model.objects.filter(pk__in=newest)
            matching = matching.order_by("-published_at", "-pk")
        matching = matching.annotate(search_rank=self._rank(query))
        return matching.values_list("pk", "search_rank")[:limit]

    def matches(self, query, *, within, order="relevance", limit):
        """One pass over the matches gives the page's order and its bounded count: newest
        first, the pass's own order; by relevance, its newest RANK_CANDIDATES sorted by
        rank in Python (a stable sort, so ties stay newest first). Before, the page and
        the count each walked the matches, and relevance joined its candidates again to
        rank them: three reads of a thousand vectors where one does."""
        if not query:
            return Matches([], 0)
        rows = list(self.match_rows(query, within=within, order=order, limit=limit))
        if order == "relevance":
            ranked = sorted(rows[:RANK_CANDIDATES], key=lambda row: -row[1])
            return Matches([row[0] for row in ranked], len(rows))
        return Matches([row[0] for row in rows], len(rows))

    def query(self, query, *, within, order="relevance"):
        """A QuerySet of the matches (the admin's list, which pages and counts it itself)."""
        if not query:
            return within.none()
        if order == "newest":
            return self._matching(within, query).order_by("-published_at", "-pk")
        # Two phases: the newest RANK_CANDIDATES matches (stopping there, in date order),
        # then the rank on those alone.
        candidates = self._matching(within, query).order_by("-published_at", "-pk")
        candidates = candidates.values("pk")[:RANK_CANDIDATES]
        ranked = within.filter(pk__in=candidates).annotate(search_rank=self._rank(query))
        return ranked.order_by("-search_rank", "-published_at", "-pk")

    def unindexed(self, within):
        return within.filter(search_index__isnull=True)
