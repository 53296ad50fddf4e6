"""The one interface views, the admin and commands search through.

A backend indexes stories, removes them and answers queries; which one runs is the
``SEARCH_BACKEND`` setting (a dotted path), so a second one (OpenSearch with the nori
analyzer, say, for a paper that outgrows Postgres) plugs in without touching a view:
see docs/search.md.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.db.models import QuerySet
from django.utils.module_loading import import_string

from articles.search.analyzer import ParsedQuery


@dataclass
class Matches:
    ids: list[int]
    # Every match counted, up to the limit asked for (``ids`` may hold fewer: the ranked).
    count: int


class SearchBackend:
    def index(self, article_ids: Iterable[int]) -> None:
        """(Re)build the entries of these articles from what is saved now."""
        raise NotImplementedError

    def remove(self, article_ids: Iterable[int]) -> None:
        raise NotImplementedError

    def query(self, query: ParsedQuery, *, within: QuerySet, order: str = "relevance") -> QuerySet:
        """The articles of ``within`` that match, best first (``order="relevance"``) or
        newest first (``"newest"``). ``within`` carries the visibility and the reader's
        filters (``Article.objects.published()`` narrowed by section and period): the
        backend never widens it."""
        raise NotImplementedError

    def matches(
        self, query: ParsedQuery, *, within: QuerySet, order: str = "relevance", limit: int
    ) -> Matches:
        """What the reader's page shows (results.SearchResults): the pks of the matches of
        ``within`` in page order and their count, both bounded by ``limit``, from one pass
        over the matches (a backend may rank only the newest of them: PostgresBackend's
        RANK_CANDIDATES)."""
        found = self.query(query, within=within, order=order).values_list("pk", flat=True)
        ids = list(found[:limit])
        return Matches(ids, len(ids))

    def unindexed(self, within: QuerySet) -> QuerySet:
        """The articles of ``within`` that have no entry yet (``rebuild_search_index --resume``)."""
        raise NotImplementedError


@lru_cache(maxsize=1)
def get_backend() -> SearchBackend:
    return import_string(settings.SEARCH_BACKEND)()


# --- what the signals call -------------------------------------------------------------

# Inside ``deferred_indexing()``: the ids to index when the block ends, else None.
_deferred: ContextVar[set[int] | None] = ContextVar("search_deferred_ids", default=None)
DEFERRED_BATCH = 500


def index_articles(article_ids: Iterable[int]) -> None:
    """Index these stories now, or at the end of the enclosing ``deferred_indexing()``."""
    pending = _deferred.get()
    if pending is None:
        get_backend().index(article_ids)
    else:
        pending.update(article_ids)


def remove_articles(article_ids: Iterable[int]) -> None:
    ids = list(article_ids)
    pending = _deferred.get()
    if pending is not None:
        pending.difference_update(ids)
    get_backend().remove(ids)


@contextmanager
def deferred_indexing() -> Iterator[None]:
    """Saves inside the block index nothing themselves; when it ends without an error,
    every story they touched is indexed once, in batches (one Kiwi call and one statement
    each). For bulk writers (seed_demo, imports): a story created, given bylines and tags
    is otherwise analysed and written three or four times. Run it inside the writer's
    transaction, so the stories and their entries commit together. Nested blocks join
    the outer one."""
    if _deferred.get() is not None:
        yield
        return
    pending: set[int] = set()
    token = _deferred.set(pending)
    try:
        yield
    finally:
        _deferred.reset(token)
    ids = sorted(pending)
    backend = get_backend()
    for start in range(0, len(ids), DEFERRED_BATCH):
        backend.index(ids[start : start + DEFERRED_BATCH])
