"""A deploy that forgot ``rebuild_search_index``: published stories and an empty index.

A database check (``manage.py check --database default`` runs it; a request never
does): a warning, not an error, since the site still works, only search finds nothing."""

from django.core.checks import Warning, register
from django.db import DatabaseError, connections


@register("database")
def search_index_filled(app_configs=None, databases=None, **kwargs):
    from articles.models import Article
    from articles.search.models import ArticleSearchIndex

    found = []
    for alias in databases or []:
        try:
            published = Article.objects.using(alias).published().exists()
            empty = not ArticleSearchIndex.objects.using(alias).exists()
        except DatabaseError:  # before the migrations that make the tables
            connections[alias].close_if_unusable_or_obsolete()
            continue
        if published and empty:
            found.append(
                Warning(
                    "검색 색인이 비어 있는데 공개된 기사가 있습니다: 검색이 아무것도 찾지 못합니다.",
                    hint="`manage.py rebuild_search_index` 를 실행하세요 (docs/search.md).",
                    id="articles.W010",
                )
            )
    return found
