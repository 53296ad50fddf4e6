"""A reader's search, from the form to the page: the matching stories, their bounded
count, snippets, and on a miss the respaced query that would have found something."""

from __future__ import annotations

from functools import cached_property

from django.core.paginator import Paginator

from articles.models import Article
from articles.search import analyzer
from articles.search.analyzer import normalize
from articles.search.backend import Matches, get_backend
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


class PagedArticles:
    """The matches' stories for the paginator: ``len`` is the bounded count, a slice
    fetches that page's stories by pk in page order, sections and bylines in the same
    query."""

    def __init__(self, matches, within):
        self.matches = matches
        self.within = within

    def __len__(self):
        return self.matches.count

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        wanted = self.matches.ids[index]
        page = self.within.with_byline_array().filter(pk__in=wanted).order_by()  # by ``wanted``
        found = {article.pk: article for article in page}
        # A story unpublished since the pass is left out, not an error.
        return [found[pk] for pk in wanted if pk in found]


class SearchResults:
    def __init__(self, text, query, within, *, order="relevance", was_cut=False):
        self.text = text
        self.query = query
        self.within = within
        self.order = order
        self.was_cut = was_cut

    @classmethod
    def find(cls, form) -> SearchResults:
        text = form.cleaned_data["q"]
        query = analyzer.parse_query(text)
        query.parts = query.parts[:MAX_QUERY_PARTS]
        within = form.narrow(Article.objects.published())
        return cls(text, query, within, order=form.order, was_cut=form.was_cut)

    @cached_property
    def matches(self) -> Matches:
        """One pass over the matches: the page order and the count, both bounded at one
        past COUNT_LIMIT (relevance ranks the newest COUNT_LIMIT; the count still counts
        every match up to the bound, so "1,000건 이상" means more than that matched)."""
        return get_backend().matches(
            self.query, within=self.within, order=self.order, limit=COUNT_LIMIT + 1
        )

    @cached_property
    def articles(self) -> PagedArticles:
        return PagedArticles(self.matches, self.within)

    @cached_property
    def count(self) -> int:
        """Matches, counted up to one past COUNT_LIMIT."""
        if not self.query:
            return 0
        return self.matches.count

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
        count = (
            get_backend()
            .matches(query, within=self.within, order="newest", limit=COUNT_LIMIT + 1)
            .count
        )
        return (spaced, count) if count else None

    def annotate_snippets(self, articles) -> None:
        terms = self.query.highlight_terms
        for article in articles:
            article.marked_headline = mark(article.headline, terms)
            article.snippet = snippet(
                " ".join(filter(None, [normalize(article.summary), html_text(article.body)])), terms
            )
