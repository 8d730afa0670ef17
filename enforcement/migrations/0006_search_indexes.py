"""Full-text indexes for the dashboard's search (see ``enforcement.search``).

PostgreSQL: a GIN index over ``to_tsvector('simple', ...)`` of each searched table's
columns. SQLite: an FTS5 external-content table per index, kept current by triggers,
filled from the rows already stored. The reverse drops them all.
"""

from django.db import migrations

from enforcement import search


def forward(apps, schema_editor):
    search.create_indexes(schema_editor, apps)


def backward(apps, schema_editor):
    search.drop_indexes(schema_editor, apps)


class Migration(migrations.Migration):
    dependencies = [("enforcement", "0005_reliability")]

    operations = [migrations.RunPython(forward, backward)]
