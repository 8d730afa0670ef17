"""``manage.py synthesize``: a deterministic synthetic data set in the real schema."""

import io
import math
from collections import Counter

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.db.models import Q
from django.urls import reverse

from enforcement import search, synthesis
from enforcement.event_dates import refresh_report_dates
from enforcement.models import (
    Actor,
    Alias,
    Article,
    DatePrecision,
    Event,
    EventSource,
    Origin,
    Regulator,
    ReviewState,
    Statement,
    Statistic,
    normalize_name,
    review_key,
)

PAGES = [
    "overview",
    "timeline",
    "charts",
    "event-list",
    "statement-list",
    "statistic-list",
    "actor-list",
    "regulator-list",
    "article-list",
]
LISTS = ["event-list", "statement-list", "statistic-list", "actor-list", "regulator-list"]


def run(*args) -> str:
    err = io.StringIO()
    call_command("synthesize", *map(str, args), stdout=io.StringIO(), stderr=err)
    return err.getvalue()


def test_the_same_seed_gives_the_same_rows_and_another_seed_other_rows(db):
    run("--events", 400, "--seed", 7)
    first = synthesis.digest()
    run("--events", 400, "--seed", 7)  # replaces the synthetic rows with the same ones
    assert synthesis.digest() == first
    run("--events", 400, "--seed", 8)
    assert synthesis.digest() != first


def test_the_counts_follow_the_number_of_events(db):
    seen = {}
    for events in (600, 3_000):
        run("--events", events)
        shape = synthesis.Shape.for_events(events)
        counts = {
            "events": Event.objects.count(),
            "articles": Article.objects.count(),
            "sources": EventSource.objects.count(),
            "statements": Statement.objects.count(),
            "statistics": Statistic.objects.count(),
            "regulators": Regulator.objects.count(),
            "actors": Actor.objects.count(),
        }
        assert counts["events"] == events
        assert counts["articles"] == math.ceil(events / 3)
        assert 1.35 * events <= counts["sources"] <= 1.65 * events
        assert 0.85 * events <= counts["statements"] <= 1.15 * events
        assert 0.85 * events <= counts["statistics"] <= 1.15 * events
        assert (counts["regulators"], counts["actors"]) == (shape.regulators, shape.actors)
        seen[events] = counts
    assert seen[3_000]["regulators"] > seen[600]["regulators"]
    assert seen[3_000]["actors"] > seen[600]["actors"]
    # At a million events the shape is the issue's: 200 regulators, 3,000 actors.
    million = synthesis.Shape.for_events(1_000_000)
    assert (million.articles, million.regulators, million.actors) == (333_334, 200, 3_000)


def test_every_source_statement_and_figure_quotes_words_at_its_offsets(db):
    run("--events", 1_500)
    for model in (EventSource, Statement, Statistic):
        rows = list(model.objects.select_related("article"))
        assert rows
        wrong = [row.pk for row in rows if not row.quote_in_text]
        assert wrong == [], f"{model.__name__} rows whose offsets miss their quote: {wrong[:5]}"
        extracted = [(row.article_id, row.review_key) for row in rows if row.origin == "extracted"]
        assert all(key for _article, key in extracted)
        assert len(set(extracted)) == len(extracted)
        for row in rows:
            if row.origin == Origin.MANUAL:
                assert row.review_key == review_key(model.reading_kind, row.quote)
    # Some texts hold letters that are not ASCII, so offsets are characters, not bytes.
    assert Article.objects.filter(text__contains="“").exists()


def test_statements_and_figures_are_listed_by_their_date_or_their_articles(db):
    run("--events", 1_500)
    for model in (Statement, Statistic):
        rows = list(model.objects.select_related("article"))
        assert any(row.date is None for row in rows) and any(row.date for row in rows)
        wrong = [
            row.pk
            for row in rows
            if row.sort_date != (row.date or row.article.published)
            or row.undated != (row.sort_date is None)
        ]
        assert wrong == [], f"{model.__name__} rows listed by another date: {wrong[:5]}"


def test_every_entity_has_its_own_name_as_an_alias(db):
    run("--events", 1_000)
    for entity in [*Regulator.objects.all(), *Actor.objects.all()]:
        assert entity.aliases.filter(normalized=normalize_name(entity.name)[:255]).exists()
    normalized = list(Alias.objects.values_list("normalized", flat=True))
    assert len(normalized) == len(set(normalized))
    assert Alias.objects.count() > Regulator.objects.count() + Actor.objects.count()


def test_the_rows_mix_date_precisions_review_states_and_origins(db):
    run("--events", 2_000)
    precisions = Counter(
        "undated" if date is None else precision
        for date, precision in Event.objects.values_list("date", "date_precision")
    )
    assert set(precisions) == {"undated", DatePrecision.DAY, DatePrecision.MONTH, "year"}
    assert Article.objects.filter(published__isnull=True).exists()
    assert Article.objects.filter(published_precision=DatePrecision.MONTH).exists()
    assert Statistic.objects.filter(date_precision=DatePrecision.YEAR).exists()
    assert Statistic.objects.filter(date__isnull=True).exists()
    for model in (Event, Statement, Statistic):
        states = set(model.objects.values_list("review_state", flat=True))
        assert {ReviewState.VERIFIED, ReviewState.REJECTED, ReviewState.UNREVIEWED} <= states
        assert model.objects.filter(edited_by_hand=True).exists()
        assert model.objects.filter(origin=Origin.MANUAL).exists()
    several = Counter(EventSource.objects.values_list("event_id", flat=True))
    assert max(several.values()) >= 2
    # A long tail: the busiest actor is in many more events than the median one.
    per_actor = sorted(
        Counter(Event.actors.through.objects.values_list("actor_id", flat=True)).values()
    )
    assert per_actor[-1] > 5 * per_actor[len(per_actor) // 2]


def test_a_database_with_rows_synthesize_did_not_make_is_refused_without_force(populated):
    before = (Article.objects.count(), Event.objects.count(), Statement.objects.count())
    err = io.StringIO()
    with pytest.raises(CommandError, match="did not make.*--force") as refused:
        call_command("synthesize", "--events", "300", stdout=io.StringIO(), stderr=err)
    assert "\n" not in str(refused.value)
    assert err.getvalue() == ""  # the one line is the error; no progress before it
    assert (Article.objects.count(), Event.objects.count(), Statement.objects.count()) == before
    assert Article.objects.filter(file_name="sample.txt").exists()

    output = run("--events", 300, "--force")
    assert not Article.objects.filter(file_name="sample.txt").exists()
    assert Event.objects.count() == 300
    assert synthesis.foreign_rows() == []
    assert "Synthesized 300 events" in output


def test_a_persons_edit_of_a_synthetic_row_makes_the_database_not_synthetic(db):
    run("--events", 300)
    assert synthesis.foreign_rows() == []
    actor = Actor.objects.first()
    actor.notes = "Checked by hand."
    actor.edited_by_hand = True
    actor.save()  # writes history, as the admin does
    found = synthesis.foreign_rows()
    assert "1 actor" in found
    assert any("history table" in what for what in found)
    with pytest.raises(CommandError, match="--force"):
        run("--events", 300)
    assert Actor.objects.filter(notes="Checked by hand.").exists()


def test_the_command_reports_progress_and_a_summary(db):
    output = run("--events", 4_000)
    lines = output.strip().splitlines()
    assert "chunk 1:" in output and "chunk 2:" in output
    summary = lines[-1]
    assert summary.startswith("Synthesized 4,000 events")
    assert f"{Article.objects.count():,} articles" in summary
    assert f"{EventSource.objects.count():,} event sources" in summary
    assert synthesis.holds(seed=1, events=4_000)
    assert not synthesis.holds(seed=2, events=4_000)


def test_a_count_that_is_not_a_positive_number_is_refused(db):
    with pytest.raises(CommandError, match="at least 1"):
        run("--events", 0)
    assert not Event.objects.exists()


def test_the_dashboard_answers_on_a_synthesized_database(db, client):
    run("--events", 2_000)
    for name in PAGES:
        response = client.get(reverse(f"enforcement:{name}"))
        assert response.status_code == 200, name
    for name in LISTS:
        for export in ("csv", "json"):
            response = client.get(reverse(f"enforcement:{name}") + f"?format={export}")
            assert response.status_code == 200, (name, export)
            assert b"".join(response.streaming_content)
    busiest = synthesis_busiest()
    for name, pk in busiest.items():
        assert client.get(reverse(f"enforcement:{name}", args=[pk])).status_code == 200, name


def synthesis_busiest() -> dict:
    """The actor and regulator in the most events, and the first article."""
    through = Event.actors.through.objects.values_list("actor_id", flat=True)
    regulators = Event.regulators.through.objects.values_list("regulator_id", flat=True)
    return {
        "actor-detail": Counter(through).most_common(1)[0][0],
        "regulator-detail": Counter(regulators).most_common(1)[0][0],
        "article-detail": Article.objects.order_by("pk").first().pk,
    }


def _catalogue() -> set:
    """The database's indexes, key constraints and triggers on the app's tables, by name."""
    tables = [model._meta.db_table for model in synthesis.app_models()]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT 'index', indexname FROM pg_indexes WHERE tablename = ANY(%s) UNION "
                "SELECT 'constraint', conname FROM pg_constraint "
                "WHERE conrelid::regclass::text = ANY(%s)",
                [tables, tables],
            )
        else:
            cursor.execute(
                "SELECT type, name FROM sqlite_master WHERE type IN ('index', 'trigger')"
            )
        return set(cursor.fetchall())


def test_the_load_puts_back_every_index_key_and_trigger_it_set_aside(db):
    before = _catalogue()
    assert before
    run("--events", 900)
    assert _catalogue() == before


def test_a_search_finds_every_synthesized_row_that_holds_the_word(db):
    run("--events", 1_200)
    # The full-text index is complete: what it finds is what a plain scan of the words finds.
    for model, words, column in [
        (Statement, search.STATEMENT_WORDS, "text"),
        (Article, search.ARTICLE_WORDS, "title"),
    ]:
        found = set(search.matching(model.objects.all(), words, "counterfeit").values_list("pk"))
        scanned = set(
            model.objects.filter(
                Q(**{f"{column}__iregex": r"\mcounterfeit" if _pg() else r"\bcounterfeit"})
            ).values_list("pk")
        )
        assert scanned and scanned <= found


def _pg() -> bool:
    return connection.vendor == "postgresql"


def test_every_event_has_the_report_and_sort_dates_the_rule_gives(db):
    run("--events", 1_000)
    # The one function that keeps them current finds nothing to change.
    assert refresh_report_dates(Event.objects.values_list("pk", flat=True)) == 0
    assert Event.objects.filter(date__isnull=True, sort_date_is_reported=True).exists()
    assert not Event.objects.filter(date__isnull=False, sort_date_is_reported=True).exists()
