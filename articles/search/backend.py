"""The one interface views, the admin and commands search through.

A backend indexes stories, removes them and answers queries; which one runs is the
``SEARCH_BACKEND`` setting (a dotted path), so a second one (OpenSearch with the nori
analyzer, say, for a paper that outgrows Postgres) plugs in without touching a view:
see docs/search.md.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from django.conf import settings
from django.db.models import QuerySet
from django.utils.module_loading import import_string

from articles.search.analyzer import ParsedQuery


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

    def unindexed(self, within: QuerySet) -> QuerySet:
        """The articles of ``within`` that have no entry yet (``rebuild_search_index --resume``)."""
        raise NotImplementedError


@lru_cache(maxsize=1)
def get_backend() -> SearchBackend:
    return import_string(settings.SEARCH_BACKEND)()
