from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models


class ArticleSearchIndex(models.Model):
    """An article's analysed words (articles/search/analyzer.py) as a weighted tsvector.

    Every article has one, whatever its status: what readers may find is decided by
    joining it to ``Article.objects.published()``, so a scheduled story turns up at its
    time with no re-indexing, and the admin searches drafts through the same index.
    """

    article = models.OneToOneField(
        "articles.Article",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_index",
    )
    search_vector = SearchVectorField()
    indexed_at = models.DateTimeField(auto_now=True)

    class Meta:
        app_label = "articles"
        verbose_name = "검색 색인"
        verbose_name_plural = "검색 색인"
        # No pending list (fastupdate): entries waiting in it are read by every query and
        # make the planner price the index so high that a word found nowhere is looked
        # for by reading every vector (0.5–1 s at 100,000) until autovacuum flushes it. A
        # newsroom writes a few stories an hour; each insert updating the index is cheap.
        indexes = [
            GinIndex(fields=["search_vector"], name="article_search_vector_gin", fastupdate=False)
        ]

    def __str__(self):
        return str(self.article_id)


from articles.search import signals  # noqa: E402,F401  (keeps the index current)
