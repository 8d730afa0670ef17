"""The article list's order, newest first and undated last, read off an index on PostgreSQL.

``queries.articles`` orders by ``published DESC NULLS LAST, file_name``. PostgreSQL's
plain ``published`` index cannot serve that (a descending btree scan puts NULLs first),
so the list sorted all 333,334 articles at a million events (296 ms). SQLite sorts NULLs
below every value, so its ``published`` index read backwards already serves the order
(0.5 ms at a million events), and it refuses ``NULLS LAST`` in ``CREATE INDEX``: the index
is PostgreSQL's alone, which is why it is SQL here and not a ``Meta.indexes`` entry
(Django would write ``NULLS LAST`` for SQLite too).
"""

from django.db import migrations

NAME = "article_list_order"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{NAME}" ON "enforcement_article" '
            '("published" DESC NULLS LAST, "file_name")'
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'DROP INDEX IF EXISTS "{NAME}"')


class Migration(migrations.Migration):
    dependencies = [("enforcement", "0010_entity_list_indexes")]

    operations = [migrations.RunPython(create, drop)]
