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
        indexes = [GinIndex(fields=["search_vector"], name="article_search_vector_gin")]

    def __str__(self):
        return str(self.article_id)


from articles.search import signals  # noqa: E402,F401  (keeps the index current)
