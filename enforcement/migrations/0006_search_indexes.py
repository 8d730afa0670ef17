"""Full-text indexes for the dashboard's search (see ``enforcement.search``).

PostgreSQL: a GIN index over ``to_tsvector('simple', ...)`` of each searched table's
columns. SQLite: an FTS5 external-content table per index, kept current by triggers,
filled from the rows already stored. The reverse drops them all. The indexes are
listed here as they were when this migration was written, whatever ``search`` says later.
"""

from django.db import migrations

from enforcement.search import Index, create_indexes, drop_indexes

INDEXES = [
    Index("event", "enforcement.Event", ("summary",)),
    Index("event_source", "enforcement.EventSource", ("quote",)),
    Index("statement", "enforcement.Statement", ("text", "quote")),
    Index("statistic", "enforcement.Statistic", ("metric", "unit", "quote")),
    Index("regulator_name", "enforcement.Regulator", ("name",)),
    Index("regulator_notes", "enforcement.Regulator", ("notes",)),
    Index("actor_name", "enforcement.Actor", ("name",)),
    Index("actor_notes", "enforcement.Actor", ("notes",)),
    Index("alias", "enforcement.Alias", ("name",)),
    Index("article", "enforcement.Article", ("title", "source", "file_name", "text")),
]


def forward(apps, schema_editor):
    create_indexes(schema_editor, apps, INDEXES)


def backward(apps, schema_editor):
    drop_indexes(schema_editor, apps, INDEXES)


class Migration(migrations.Migration):
    dependencies = [("enforcement", "0005_reliability")]

    operations = [migrations.RunPython(forward, backward)]
