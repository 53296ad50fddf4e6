from articles.search.analyzer import parse_query
from articles.search.backend import get_backend


class IndexedSearchMixin:
    """The admin list's search box through the search index: Korean words with particles
    find the archive as readers' search does, drafts included (the list's own queryset)."""

    def get_search_results(self, request, queryset, search_term):
        query = parse_query(search_term)
        if not query:
            return super().get_search_results(request, queryset, search_term)
        return get_backend().query(query, within=queryset, order="newest"), False
