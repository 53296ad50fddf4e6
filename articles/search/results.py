"""A reader's search, from the form to the page: the matching stories, their bounded
count, snippets, and on a miss the respaced query that would have found something."""

from __future__ import annotations

from functools import cached_property

from django.core.paginator import Paginator

from articles.models import Article
from articles.search import analyzer
from articles.search.analyzer import normalize
from articles.search.backend import get_backend
from articles.search.forms import MAX_QUERY_PARTS
from articles.search.highlight import mark, snippet
from articles.search.text import html_text

# Past this many matches the page says "1,000건 이상" and offers no deeper pages: a
# count of every match is a scan of every match, and no reader pages that far.
COUNT_LIMIT = 1000


class BoundedPaginator(Paginator):
    def __init__(self, object_list, per_page, count):
        super().__init__(object_list, per_page)
        self._bounded_count = count

    @cached_property
    def count(self):
        return min(self._bounded_count, COUNT_LIMIT)


class SearchResults:
    def __init__(self, text, query, articles, *, was_cut=False):
        self.text = text
        self.query = query
        self.articles = articles
        self.was_cut = was_cut

    @classmethod
    def find(cls, form) -> SearchResults:
        text = form.cleaned_data["q"]
        query = analyzer.parse_query(text)
        query.parts = query.parts[:MAX_QUERY_PARTS]
        within = form.narrow(Article.objects.published().with_bylines())
        articles = get_backend().query(query, within=within, order=form.order)
        results = cls(text, query, articles, was_cut=form.was_cut)
        results.within = within
        return results

    @cached_property
    def counted(self):
        """What the count counts: every match (relevance order ranks only the newest
        COUNT_LIMIT of them, so its own rows never say "1,000건 이상")."""
        return get_backend().bounded_matches(
            self.query, within=self.within, limit=COUNT_LIMIT + 1, newest_first=False
        )

    @cached_property
    def count(self) -> int:
        """Matches, counted up to one past COUNT_LIMIT."""
        if not self.query:
            return 0
        return self.counted.count()

    @property
    def count_is_bounded(self) -> bool:
        return self.count > COUNT_LIMIT

    @cached_property
    def respaced(self) -> tuple[str, int] | None:
        """On a miss: Kiwi's spacing of the query and how many it finds, if any."""
        if self.count or not self.text:
            return None
        spaced = analyzer.respaced(self.text)
        if spaced == " ".join(self.text.split()):
            return None
        query = analyzer.parse_query(spaced)
        query.parts = query.parts[:MAX_QUERY_PARTS]
        found = get_backend().query(query, within=self.within, order="newest")
        found = found.order_by().values("pk")[: COUNT_LIMIT + 1]
        count = found.count()
        return (spaced, count) if count else None

    def annotate_snippets(self, articles) -> None:
        terms = self.query.highlight_terms
        for article in articles:
            article.marked_headline = mark(article.headline, terms)
            article.snippet = snippet(
                " ".join(filter(None, [normalize(article.summary), html_text(article.body)])), terms
            )
