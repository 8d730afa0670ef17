from collections import Counter

import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models

import enforcement.models
from enforcement.links import web_url
from enforcement.models import normalize_name, review_key


def existing_rows_forwards(apps, schema_editor):
    """Rows from before this migration get what the new rules need.

    Articles get a legacy location (claimed by the next ingest of their file name);
    links that are not http(s) are dropped; every provenance row gets the review key
    of its words (figures of one clause numbered in id order, the order the ingest
    made them); every entity whose own name is no alias yet gets one.
    """
    Article = apps.get_model("enforcement", "Article")
    taken = set(Article.objects.exclude(location=None).values_list("location", flat=True))
    for article in Article.objects.filter(location=None).only("pk", "file_name"):
        location = f"file-name:{article.file_name}"
        if location in taken:
            location = f"{location}#{article.pk}"
        taken.add(location)
        Article.objects.filter(pk=article.pk).update(location=location)
    for pk, url in Article.objects.exclude(url="").values_list("pk", "url"):
        safe = web_url(url) or ""
        if safe != url:
            Article.objects.filter(pk=pk).update(url=safe[:1000])

    for name, kind in (
        ("Statement", "statement"),
        ("Statistic", "statistic"),
        ("EventSource", "event"),
    ):
        model = apps.get_model("enforcement", name)
        ordinals = Counter()
        rows = []
        for row in model.objects.order_by("article_id", "pk").only("pk", "article_id", "quote"):
            words = (row.article_id, " ".join(row.quote.split()))
            row.review_key = review_key(kind, row.quote, ordinals[words])
            ordinals[words] += 1
            rows.append(row)
        model.objects.bulk_update(rows, ["review_key"], batch_size=500)

    Alias = apps.get_model("enforcement", "Alias")
    names = set(Alias.objects.values_list("normalized", flat=True))
    for name, field in (("Regulator", "regulator_id"), ("Actor", "actor_id")):
        new = []
        for pk, entity_name in apps.get_model("enforcement", name).objects.values_list(
            "pk", "name"
        ):
            normalized = normalize_name(entity_name)[:255]
            if normalized and normalized not in names:
                names.add(normalized)
                new.append(Alias(name=entity_name[:255], normalized=normalized, **{field: pk}))
        Alias.objects.bulk_create(new, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("enforcement", "0004_meaning_measure_stance_summary"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="EntityMerge",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[("regulator", "Regulator"), ("actor", "Actor")], max_length=10
                    ),
                ),
                ("survivor_id", models.PositiveBigIntegerField()),
                ("merged_id", models.PositiveBigIntegerField()),
                ("merged_name", models.CharField(max_length=255)),
                (
                    "moved",
                    models.JSONField(default=dict, help_text="Ids of the rows the merge changed."),
                ),
                ("merged_at", models.DateTimeField(auto_now_add=True)),
                ("undone_at", models.DateTimeField(blank=True, null=True)),
            ],
            options={
                "ordering": ["-merged_at", "-pk"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalActor",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=255)),
                (
                    "country",
                    models.CharField(
                        blank=True,
                        help_text="ISO 3166 alpha-2 code, such as CN or US.",
                        max_length=2,
                    ),
                ),
                ("notes", models.TextField(blank=True)),
                (
                    "origin",
                    models.CharField(
                        choices=[("extracted", "Extracted"), ("manual", "Entered by hand")],
                        default="manual",
                        max_length=10,
                    ),
                ),
                ("edited_by_hand", models.BooleanField(default=False)),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("updated_at", models.DateTimeField(blank=True, editable=False)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("person", "Person"),
                            ("company", "Company"),
                            ("platform", "Platform"),
                            ("brand", "Brand"),
                            ("association", "Association"),
                            ("other", "Other"),
                        ],
                        default="other",
                        max_length=20,
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
            ],
            options={
                "verbose_name": "historical actor",
                "verbose_name_plural": "historical actors",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalAlias",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=255)),
                ("normalized", models.CharField(db_index=True, editable=False, max_length=255)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
            ],
            options={
                "verbose_name": "historical alias",
                "verbose_name_plural": "historical aliases",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalEvent",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("date", models.DateField(blank=True, db_index=True, null=True)),
                (
                    "date_precision",
                    models.CharField(
                        choices=[("year", "Year"), ("month", "Month"), ("day", "Day")],
                        default="day",
                        max_length=5,
                    ),
                ),
                (
                    "origin",
                    models.CharField(
                        choices=[("extracted", "Extracted"), ("manual", "Entered by hand")],
                        default="manual",
                        max_length=10,
                    ),
                ),
                (
                    "review_state",
                    models.CharField(
                        choices=[
                            ("unreviewed", "Unreviewed"),
                            ("verified", "Verified"),
                            ("rejected", "Rejected"),
                        ],
                        db_index=True,
                        default="unreviewed",
                        max_length=10,
                    ),
                ),
                (
                    "edited_by_hand",
                    models.BooleanField(
                        default=False,
                        help_text="Set when a person changes the row; the ingest then leaves it alone.",
                    ),
                ),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("updated_at", models.DateTimeField(blank=True, editable=False)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("report", "Report"),
                            ("meeting", "Meeting"),
                            ("lawsuit", "Lawsuit"),
                            ("ruling", "Ruling"),
                            ("listing", "Listing"),
                            ("takedown", "Takedown"),
                            ("investigation", "Investigation"),
                            ("prosecution", "Prosecution"),
                            ("penalty", "Penalty"),
                            ("seizure", "Seizure"),
                            ("program", "Program"),
                            ("complaint", "Complaint"),
                            ("agreement", "Agreement"),
                            ("advocacy", "Advocacy"),
                            ("other", "Other"),
                        ],
                        db_index=True,
                        max_length=20,
                    ),
                ),
                (
                    "summary",
                    models.TextField(
                        help_text="Who did what, in one line; the title on every page."
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
            ],
            options={
                "verbose_name": "historical event",
                "verbose_name_plural": "historical events",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalEvent_actors",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
            ],
            options={
                "verbose_name": "HistoricalEvent_actors",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalEvent_regulators",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("m2m_history_id", models.AutoField(primary_key=True, serialize=False)),
            ],
            options={
                "verbose_name": "HistoricalEvent_regulators",
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalEventSource",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "origin",
                    models.CharField(
                        choices=[("extracted", "Extracted"), ("manual", "Entered by hand")],
                        default="manual",
                        max_length=10,
                    ),
                ),
                (
                    "review_state",
                    models.CharField(
                        choices=[
                            ("unreviewed", "Unreviewed"),
                            ("verified", "Verified"),
                            ("rejected", "Rejected"),
                        ],
                        db_index=True,
                        default="unreviewed",
                        max_length=10,
                    ),
                ),
                (
                    "edited_by_hand",
                    models.BooleanField(
                        default=False,
                        help_text="Set when a person changes the row; the ingest then leaves it alone.",
                    ),
                ),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("updated_at", models.DateTimeField(blank=True, editable=False)),
                ("quote", models.TextField(verbose_name="words in the article")),
                ("start", models.PositiveIntegerField(blank=True, null=True)),
                ("end", models.PositiveIntegerField(blank=True, null=True)),
                (
                    "words_missing",
                    models.BooleanField(
                        default=False,
                        help_text="Set by the ingest when the article changed and these words left it.",
                        verbose_name="words no longer in the article",
                    ),
                ),
                (
                    "review_key",
                    models.CharField(
                        blank=True,
                        db_index=True,
                        editable=False,
                        help_text="The original reading this row stands for; see models.review_key.",
                        max_length=64,
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
            ],
            options={
                "verbose_name": "historical event source",
                "verbose_name_plural": "historical event sources",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalRegulator",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=255)),
                (
                    "country",
                    models.CharField(
                        blank=True,
                        help_text="ISO 3166 alpha-2 code, such as CN or US.",
                        max_length=2,
                    ),
                ),
                ("notes", models.TextField(blank=True)),
                (
                    "origin",
                    models.CharField(
                        choices=[("extracted", "Extracted"), ("manual", "Entered by hand")],
                        default="manual",
                        max_length=10,
                    ),
                ),
                ("edited_by_hand", models.BooleanField(default=False)),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("updated_at", models.DateTimeField(blank=True, editable=False)),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("agency", "Agency"),
                            ("court", "Court"),
                            ("customs", "Customs"),
                            ("police", "Police"),
                            ("legislature", "Legislature"),
                            ("government", "Government"),
                            ("intergovernmental", "Intergovernmental"),
                            ("other", "Other"),
                        ],
                        default="agency",
                        max_length=20,
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
            ],
            options={
                "verbose_name": "historical regulator",
                "verbose_name_plural": "historical regulators",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalStatement",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("date", models.DateField(blank=True, db_index=True, null=True)),
                (
                    "date_precision",
                    models.CharField(
                        choices=[("year", "Year"), ("month", "Month"), ("day", "Day")],
                        default="day",
                        max_length=5,
                    ),
                ),
                (
                    "origin",
                    models.CharField(
                        choices=[("extracted", "Extracted"), ("manual", "Entered by hand")],
                        default="manual",
                        max_length=10,
                    ),
                ),
                (
                    "review_state",
                    models.CharField(
                        choices=[
                            ("unreviewed", "Unreviewed"),
                            ("verified", "Verified"),
                            ("rejected", "Rejected"),
                        ],
                        db_index=True,
                        default="unreviewed",
                        max_length=10,
                    ),
                ),
                (
                    "edited_by_hand",
                    models.BooleanField(
                        default=False,
                        help_text="Set when a person changes the row; the ingest then leaves it alone.",
                    ),
                ),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("updated_at", models.DateTimeField(blank=True, editable=False)),
                ("quote", models.TextField(verbose_name="words in the article")),
                ("start", models.PositiveIntegerField(blank=True, null=True)),
                ("end", models.PositiveIntegerField(blank=True, null=True)),
                (
                    "words_missing",
                    models.BooleanField(
                        default=False,
                        help_text="Set by the ingest when the article changed and these words left it.",
                        verbose_name="words no longer in the article",
                    ),
                ),
                (
                    "review_key",
                    models.CharField(
                        blank=True,
                        db_index=True,
                        editable=False,
                        help_text="The original reading this row stands for; see models.review_key.",
                        max_length=64,
                    ),
                ),
                ("text", models.TextField(verbose_name="words")),
                (
                    "stance",
                    models.CharField(
                        choices=[
                            ("accusation", "Accusation"),
                            ("commitment", "Commitment"),
                            ("demand", "Demand"),
                            ("denial", "Denial"),
                            ("defence", "Defence"),
                            ("praise", "Praise or welcome"),
                            ("warning", "Warning"),
                            ("finding", "Finding"),
                            ("other", "Other"),
                        ],
                        db_index=True,
                        default="other",
                        max_length=20,
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
            ],
            options={
                "verbose_name": "historical statement",
                "verbose_name_plural": "historical statements",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="HistoricalStatistic",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("date", models.DateField(blank=True, db_index=True, null=True)),
                (
                    "date_precision",
                    models.CharField(
                        choices=[("year", "Year"), ("month", "Month"), ("day", "Day")],
                        default="day",
                        max_length=5,
                    ),
                ),
                (
                    "origin",
                    models.CharField(
                        choices=[("extracted", "Extracted"), ("manual", "Entered by hand")],
                        default="manual",
                        max_length=10,
                    ),
                ),
                (
                    "review_state",
                    models.CharField(
                        choices=[
                            ("unreviewed", "Unreviewed"),
                            ("verified", "Verified"),
                            ("rejected", "Rejected"),
                        ],
                        db_index=True,
                        default="unreviewed",
                        max_length=10,
                    ),
                ),
                (
                    "edited_by_hand",
                    models.BooleanField(
                        default=False,
                        help_text="Set when a person changes the row; the ingest then leaves it alone.",
                    ),
                ),
                ("created_at", models.DateTimeField(blank=True, editable=False)),
                ("updated_at", models.DateTimeField(blank=True, editable=False)),
                ("quote", models.TextField(verbose_name="words in the article")),
                ("start", models.PositiveIntegerField(blank=True, null=True)),
                ("end", models.PositiveIntegerField(blank=True, null=True)),
                (
                    "words_missing",
                    models.BooleanField(
                        default=False,
                        help_text="Set by the ingest when the article changed and these words left it.",
                        verbose_name="words no longer in the article",
                    ),
                ),
                (
                    "review_key",
                    models.CharField(
                        blank=True,
                        db_index=True,
                        editable=False,
                        help_text="The original reading this row stands for; see models.review_key.",
                        max_length=64,
                    ),
                ),
                (
                    "value",
                    models.DecimalField(
                        decimal_places=4,
                        max_digits=24,
                        validators=[enforcement.models.validate_figure],
                    ),
                ),
                (
                    "unit",
                    models.CharField(
                        help_text="The counted thing, %, or a currency code.", max_length=50
                    ),
                ),
                ("metric", models.CharField(help_text="What the figure measures.", max_length=255)),
                (
                    "qualifier",
                    models.CharField(
                        blank=True,
                        choices=[
                            ("about", "About"),
                            ("over", "Over"),
                            ("under", "Under"),
                            ("exactly", "Exactly"),
                        ],
                        max_length=10,
                    ),
                ),
                (
                    "measure",
                    models.CharField(
                        choices=[
                            ("listings_removed", "Listings removed"),
                            ("stores_closed", "Stores or sellers closed"),
                            ("websites_shut", "Websites shut down"),
                            ("leads_referred", "Leads referred"),
                            ("investigations_opened", "Investigations opened"),
                            ("raids", "Raids"),
                            ("arrests", "Arrests"),
                            ("prosecutions", "Prosecutions"),
                            ("convictions", "Convictions"),
                            ("prison_sentences", "Prison sentences"),
                            ("fines", "Fines and penalties"),
                            ("damages", "Damages awarded"),
                            ("restitution", "Restitution"),
                            ("goods_seized_count", "Goods seized (count)"),
                            ("goods_seized_value", "Goods seized (value)"),
                            ("goods_seized_weight", "Goods seized (weight or volume)"),
                            ("seizure_share_by_origin", "Share of seizures by origin"),
                            ("counterfeit_trade_share", "Share of counterfeits in trade"),
                            ("complaints_received", "Complaints received"),
                            ("other", "Other"),
                        ],
                        db_index=True,
                        default="other",
                        help_text="What the figure measures; the metric keeps the article's own phrase.",
                        max_length=32,
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
            ],
            options={
                "verbose_name": "historical statistic",
                "verbose_name_plural": "historical statistics",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddField(
            model_name="eventsource",
            name="review_key",
            field=models.CharField(
                blank=True,
                db_index=True,
                editable=False,
                help_text="The original reading this row stands for; see models.review_key.",
                max_length=64,
            ),
        ),
        migrations.AddField(
            model_name="eventsource",
            name="words_missing",
            field=models.BooleanField(
                default=False,
                help_text="Set by the ingest when the article changed and these words left it.",
                verbose_name="words no longer in the article",
            ),
        ),
        migrations.AddField(
            model_name="statement",
            name="review_key",
            field=models.CharField(
                blank=True,
                db_index=True,
                editable=False,
                help_text="The original reading this row stands for; see models.review_key.",
                max_length=64,
            ),
        ),
        migrations.AddField(
            model_name="statement",
            name="words_missing",
            field=models.BooleanField(
                default=False,
                help_text="Set by the ingest when the article changed and these words left it.",
                verbose_name="words no longer in the article",
            ),
        ),
        migrations.AddField(
            model_name="statistic",
            name="review_key",
            field=models.CharField(
                blank=True,
                db_index=True,
                editable=False,
                help_text="The original reading this row stands for; see models.review_key.",
                max_length=64,
            ),
        ),
        migrations.AddField(
            model_name="statistic",
            name="words_missing",
            field=models.BooleanField(
                default=False,
                help_text="Set by the ingest when the article changed and these words left it.",
                verbose_name="words no longer in the article",
            ),
        ),
        migrations.AlterField(
            model_name="article",
            name="location",
            field=models.CharField(
                blank=True,
                editable=False,
                help_text="Where the article was read from: a file's absolute path or a page's URL.",
                max_length=1000,
                null=True,
                unique=True,
            ),
        ),
        migrations.AlterField(
            model_name="article",
            name="url",
            field=enforcement.models.WebURLField(
                blank=True,
                help_text="The original article: an http:// or https:// address.",
                max_length=1000,
            ),
        ),
        migrations.AlterField(
            model_name="statistic",
            name="value",
            field=models.DecimalField(
                decimal_places=4, max_digits=24, validators=[enforcement.models.validate_figure]
            ),
        ),
        migrations.RunPython(existing_rows_forwards, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="eventsource",
            constraint=models.UniqueConstraint(
                condition=models.Q(
                    ("origin", "extracted"), models.Q(("review_key", ""), _negated=True)
                ),
                fields=("article", "review_key"),
                name="one_event_source_per_reading",
            ),
        ),
        migrations.AddConstraint(
            model_name="statement",
            constraint=models.UniqueConstraint(
                condition=models.Q(
                    ("origin", "extracted"), models.Q(("review_key", ""), _negated=True)
                ),
                fields=("article", "review_key"),
                name="one_statement_per_reading",
            ),
        ),
        migrations.AddConstraint(
            model_name="statistic",
            constraint=models.UniqueConstraint(
                condition=models.Q(
                    ("origin", "extracted"), models.Q(("review_key", ""), _negated=True)
                ),
                fields=("article", "review_key"),
                name="one_statistic_per_reading",
            ),
        ),
        migrations.AddField(
            model_name="entitymerge",
            name="user",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicalactor",
            name="affiliated_actor",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="enforcement.actor",
            ),
        ),
        migrations.AddField(
            model_name="historicalactor",
            name="affiliated_regulator",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="enforcement.regulator",
            ),
        ),
        migrations.AddField(
            model_name="historicalactor",
            name="history_user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicalalias",
            name="actor",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="enforcement.actor",
            ),
        ),
        migrations.AddField(
            model_name="historicalalias",
            name="history_user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicalalias",
            name="regulator",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="enforcement.regulator",
            ),
        ),
        migrations.AddField(
            model_name="historicalevent",
            name="history_user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicalevent_actors",
            name="actor",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_tablespace="",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="enforcement.actor",
            ),
        ),
        migrations.AddField(
            model_name="historicalevent_actors",
            name="event",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_tablespace="",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="enforcement.event",
            ),
        ),
        migrations.AddField(
            model_name="historicalevent_actors",
            name="history",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                to="enforcement.historicalevent",
            ),
        ),
        migrations.AddField(
            model_name="historicalevent_regulators",
            name="event",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_tablespace="",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="enforcement.event",
            ),
        ),
        migrations.AddField(
            model_name="historicalevent_regulators",
            name="history",
            field=models.ForeignKey(
                db_constraint=False,
                on_delete=django.db.models.deletion.DO_NOTHING,
                to="enforcement.historicalevent",
            ),
        ),
        migrations.AddField(
            model_name="historicalevent_regulators",
            name="regulator",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_tablespace="",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="enforcement.regulator",
            ),
        ),
        migrations.AddField(
            model_name="historicaleventsource",
            name="article",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="enforcement.article",
            ),
        ),
        migrations.AddField(
            model_name="historicaleventsource",
            name="event",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="enforcement.event",
            ),
        ),
        migrations.AddField(
            model_name="historicaleventsource",
            name="history_user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicalregulator",
            name="history_user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicalstatement",
            name="article",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="enforcement.article",
            ),
        ),
        migrations.AddField(
            model_name="historicalstatement",
            name="history_user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicalstatement",
            name="speaker_actor",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="enforcement.actor",
            ),
        ),
        migrations.AddField(
            model_name="historicalstatement",
            name="speaker_regulator",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="enforcement.regulator",
            ),
        ),
        migrations.AddField(
            model_name="historicalstatistic",
            name="article",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="enforcement.article",
            ),
        ),
        migrations.AddField(
            model_name="historicalstatistic",
            name="history_user",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="historicalstatistic",
            name="subject_actor",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="enforcement.actor",
            ),
        ),
        migrations.AddField(
            model_name="historicalstatistic",
            name="subject_regulator",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="enforcement.regulator",
            ),
        ),
    ]
