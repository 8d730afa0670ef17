"""Indexes that serve every list's order and filters, and the stored sort date of statements
and figures (``models.ListedByDate``, kept by ``event_dates.refresh_report_dates``).

The events' lists order by (sort_date, sort_date_precision DESC, id), alone or after a kind;
statements and figures by (undated, sort_date DESC, article, start, id), alone or after a
stance or a measure; so a page reads its rows off an index instead of sorting the table.
The regulator and actor filters join the through tables from the entity's side: a
(regulator, event) index answers them without touching the table (Django's own index
there holds the regulator alone). The backfill works out every stored row's sort date
by the same SQL the upkeep uses (``event_dates.item_date_values``).

Numbered 0008 after 0007; another branch may add an 0008 too: the lead chains them."""

from django.db import migrations, models

from enforcement.event_dates import item_date_values

THROUGH_INDEXES = [
    ("enforcement_event_regulators", "regulator_id", "event_regul_regulator_event"),
    ("enforcement_event_actors", "actor_id", "event_actors_actor_event"),
]


def backfill(apps, schema_editor):
    Article = apps.get_model("enforcement", "Article")
    for name in ("Statement", "Statistic"):
        apps.get_model("enforcement", name).objects.update(**item_date_values(Article))


class Migration(migrations.Migration):
    dependencies = [
        ("enforcement", "0007_event_sort_date"),
    ]

    operations = [
        *(
            migrations.RunSQL(
                f"CREATE INDEX {name} ON {table} ({column}, event_id)", f"DROP INDEX {name}"
            )
            for table, column, name in THROUGH_INDEXES
        ),
        migrations.AddField(
            model_name="historicalstatement",
            name="sort_date",
            field=models.DateField(
                blank=True,
                editable=False,
                help_text="Its own date, else its article's publication date.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalstatement",
            name="undated",
            field=models.BooleanField(
                default=False,
                editable=False,
                help_text="Set when neither it nor its article has a date: listed last.",
            ),
        ),
        migrations.AddField(
            model_name="historicalstatistic",
            name="sort_date",
            field=models.DateField(
                blank=True,
                editable=False,
                help_text="Its own date, else its article's publication date.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="historicalstatistic",
            name="undated",
            field=models.BooleanField(
                default=False,
                editable=False,
                help_text="Set when neither it nor its article has a date: listed last.",
            ),
        ),
        migrations.AddField(
            model_name="statement",
            name="sort_date",
            field=models.DateField(
                blank=True,
                editable=False,
                help_text="Its own date, else its article's publication date.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="statement",
            name="undated",
            field=models.BooleanField(
                default=False,
                editable=False,
                help_text="Set when neither it nor its article has a date: listed last.",
            ),
        ),
        migrations.AddField(
            model_name="statistic",
            name="sort_date",
            field=models.DateField(
                blank=True,
                editable=False,
                help_text="Its own date, else its article's publication date.",
                null=True,
            ),
        ),
        migrations.AddField(
            model_name="statistic",
            name="undated",
            field=models.BooleanField(
                default=False,
                editable=False,
                help_text="Set when neither it nor its article has a date: listed last.",
            ),
        ),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(
                fields=["sort_date", "-sort_date_precision", "id"], name="event_list_order"
            ),
        ),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(
                fields=["kind", "sort_date", "-sort_date_precision", "id"],
                name="event_kind_list_order",
            ),
        ),
        migrations.AddIndex(
            model_name="statement",
            index=models.Index(
                fields=["undated", "-sort_date", "article", "start", "id"],
                name="statement_list_order",
            ),
        ),
        migrations.AddIndex(
            model_name="statement",
            index=models.Index(
                fields=["stance", "undated", "-sort_date", "article", "start", "id"],
                name="statement_stance_order",
            ),
        ),
        migrations.AddIndex(
            model_name="statistic",
            index=models.Index(
                fields=["undated", "-sort_date", "article", "start", "id"],
                name="statistic_list_order",
            ),
        ),
        migrations.AddIndex(
            model_name="statistic",
            index=models.Index(
                fields=["measure", "undated", "-sort_date", "article", "start", "id"],
                name="statistic_measure_order",
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
