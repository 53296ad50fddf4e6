"""Remove, from rows stored before newsroom/text.py cleaned every save, the characters
XML 1.0 cannot carry (they made every RSS feed answer 500).

One UPDATE per text column, touching only rows that hold such a character; one-line
columns also get spaces for tabs and line breaks, as a save does now.
"""

from django.db import migrations, models

from newsroom.text import CLEANED_APPS, XML_ILLEGAL_POSTGRES

LINE_BREAKS_POSTGRES = "\\r\\n|[\\t\\n\\r]"


def strip_stored_text(apps, schema_editor):
    connection = schema_editor.connection
    quote = schema_editor.quote_name
    for label in CLEANED_APPS:
        try:
            app = apps.get_app_config(label)
        except LookupError:
            continue
        for model in app.get_models():
            meta = model._meta
            if not meta.managed or meta.proxy:
                continue
            for field in meta.concrete_fields:
                if not isinstance(field, models.CharField | models.TextField):
                    continue
                column = quote(field.column)
                cleaned = f"regexp_replace({column}, %s, '', 'g')"
                params = [XML_ILLEGAL_POSTGRES]
                match = f"{column} ~ %s"
                match_params = [XML_ILLEGAL_POSTGRES]
                if not isinstance(field, models.TextField):
                    cleaned = f"regexp_replace({cleaned}, %s, ' ', 'g')"
                    params.append(LINE_BREAKS_POSTGRES)
                    match = f"({match} OR {column} ~ %s)"
                    match_params.append("[\\t\\n\\r]")
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"UPDATE {quote(meta.db_table)} SET {column} = {cleaned} WHERE {match}",
                        params + match_params,
                    )


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0004_placement_permissions"),
        ("articles", "0007_related_link_checked_like_a_browser"),
        ("weather", "0003_editor_permissions"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(strip_stored_text, migrations.RunPython.noop)]
