from django.db import migrations

# ANALYZE keeps the most common lexemes of the vectors (ten per statistics target point)
# and guesses that any other word is in half as many stories as the rarest kept one. At
# the default target a word found nowhere was guessed in ~500 of 100,000 stories, enough
# for the planner to look for 20 of them by walking every story newest first and reading
# its vector (seconds); with 10,000 lexemes kept the guess is ~90 and it asks the GIN
# index, which answers at once.
FORWARD = "ALTER TABLE articles_articlesearchindex ALTER COLUMN search_vector SET STATISTICS 1000"
BACKWARD = "ALTER TABLE articles_articlesearchindex ALTER COLUMN search_vector SET STATISTICS -1"


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0015_search_gin_without_pending_list"),
    ]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
