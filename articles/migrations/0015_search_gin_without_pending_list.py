import django.contrib.postgres.indexes
from django.db import migrations

# The index's own setting, not a rebuild: a GIN rebuild at a million stories takes minutes;
# this is instant, and the pending list already there is flushed into the index.
FORWARD = """
ALTER INDEX article_search_vector_gin SET (fastupdate = off);
SELECT gin_clean_pending_list('article_search_vector_gin'::regclass);
"""
BACKWARD = "ALTER INDEX article_search_vector_gin SET (fastupdate = on);"


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0014_series_and_columns"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunSQL(FORWARD, BACKWARD)],
            state_operations=[
                migrations.RemoveIndex(
                    model_name="articlesearchindex",
                    name="article_search_vector_gin",
                ),
                migrations.AddIndex(
                    model_name="articlesearchindex",
                    index=django.contrib.postgres.indexes.GinIndex(
                        fastupdate=False, fields=["search_vector"], name="article_search_vector_gin"
                    ),
                ),
            ],
        ),
    ]
