"""The data generation that keys the aggregates' cache (see ``enforcement.generation``).

A table holding the generation (and, on PostgreSQL, one holding the transactions that
wrote since the last compaction) and the triggers that change it on every write to the
tables the pages aggregate. The tables are listed here as they were when this migration
was written, whatever ``generation.TABLES`` says later. The reverse drops it all."""

from django.db import migrations

from enforcement.generation import install, uninstall

TABLES = (
    "enforcement_article",
    "enforcement_event",
    "enforcement_event_regulators",
    "enforcement_event_actors",
    "enforcement_eventsource",
    "enforcement_statement",
    "enforcement_statistic",
    "enforcement_regulator",
    "enforcement_actor",
    "enforcement_alias",
)


def forward(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        install(cursor, schema_editor.connection.vendor, TABLES)


def backward(apps, schema_editor):
    with schema_editor.connection.cursor() as cursor:
        uninstall(cursor, schema_editor.connection.vendor, TABLES)


class Migration(migrations.Migration):
    dependencies = [("enforcement", "0008_list_indexes")]

    operations = [migrations.RunPython(forward, backward)]
